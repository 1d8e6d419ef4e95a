"""Clearing an item can be undone (Ctrl+Z) for the rest of the session.

Before an item is cleared its stored content is kept here; undo puts it back through the same
calls that wrote it first (answers saved again, the file attached again from the attachment
store, the exemption set again), so the audit trail shows the clearing and the restoring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chilinh_desktop.core import dossiers as core_dossiers
from chilinh_desktop.core.attachments import get_attachment
from chilinh_desktop.core.dossiers import StoredItem
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.answers import save_item


@dataclass(frozen=True)
class ClearedItem:
    """What an item held before it was cleared."""

    dossier_id: str
    kind: str
    name: str
    stored: StoredItem


def restorer(cleared: ClearedItem, cycle, actor: str) -> Callable[[Store], object]:
    """The write that puts a cleared item's content back."""
    stored, dossier_id, kind = cleared.stored, cleared.dossier_id, cleared.kind

    def run(store: Store) -> object:
        if stored.attachment_sha256:
            data, _mime = get_attachment(store, stored.attachment_sha256)
            return core_dossiers.attach_file(
                store, cycle, dossier_id, kind, data, stored.attachment_name or "", actor=actor
            )
        if stored.exempt_reason:
            return core_dossiers.set_exempt(store, cycle, dossier_id, kind, stored.exempt_reason, actor=actor)
        return save_item(store, cycle, dossier_id, kind, dict(stored.answers or {}), actor=actor, restoring=True)

    return run


class ClearedItems:
    """The items cleared in this session, last first."""

    def __init__(self) -> None:
        self._items: list[ClearedItem] = []

    def push(self, item: ClearedItem) -> None:
        """Remember an item just cleared."""
        self._items.append(item)

    def pop(self) -> ClearedItem | None:
        """The last item cleared (forgotten here), or None."""
        return self._items.pop() if self._items else None

    def __bool__(self) -> bool:
        return bool(self._items)

    @staticmethod
    def changes_for(item: ClearedItem) -> frozenset[str]:
        """What restoring the item changes."""
        return changes.dossiers([item.dossier_id]) | {"content", "attachment"}
