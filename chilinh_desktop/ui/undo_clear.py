"""Clearing an item can be undone (Ctrl+Z) for the rest of the session.

Before an item is cleared its stored content is kept here; undo puts it back through the same
calls that wrote it first (answers saved again, the file attached again from the attachment
store, the exemption set again), so the audit trail shows the clearing and the restoring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chilinh_desktop.ops import changes
from chilinh_desktop.ops.dossier_items import StoredItem, put_back
from chilinh_desktop.ops.session import Store


@dataclass(frozen=True)
class ClearedItem:
    """What an item held before it was cleared."""

    dossier_id: str
    kind: str
    name: str
    stored: StoredItem


def restorer(cleared: ClearedItem, cycle, actor: str) -> Callable[[Store], object]:
    """The write that puts a cleared item's content back (ops/dossier_items.py)."""
    return lambda store: put_back(store, cycle, cleared.dossier_id, cleared.kind, cleared.stored, actor=actor)


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
        return changes.dossiers([item.dossier_id]) | {changes.ATTACHMENT}
