"""Clearing an item, or adding or removing one of its files, can be undone (Ctrl+Z) for the rest of the session.

Before an item is cleared its stored content is kept here; undo puts it back through the same
calls that wrote it first (answers saved again, the files given back from the attachment store,
the exemption set again), so the audit trail shows the clearing and the restoring. A change to
an item's files keeps the list it replaced; undo gives that list back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chilinh_desktop.core import dossiers as core_dossiers
from chilinh_desktop.core.dossiers import ItemFile, StoredItem
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.answers import save_item
from chilinh_desktop.ops.attachments import set_files


@dataclass(frozen=True)
class ClearedItem:
    """What an item held before it was cleared."""

    dossier_id: str
    kind: str
    name: str
    stored: StoredItem


@dataclass(frozen=True)
class ChangedFiles:
    """The files an item held before one was added or removed."""

    dossier_id: str
    kind: str
    name: str
    before: tuple[ItemFile, ...]


Undoable = ClearedItem | ChangedFiles


def restorer(cleared: Undoable, cycle, actor: str) -> Callable[[Store], object]:
    """The write that puts a cleared item's content, or an item's earlier files, back."""
    dossier_id, kind = cleared.dossier_id, cleared.kind
    if isinstance(cleared, ChangedFiles):
        return lambda store: set_files(store, cycle, dossier_id, kind, cleared.before, actor=actor)
    stored = cleared.stored

    def run(store: Store) -> object:
        if stored.files:
            return set_files(store, cycle, dossier_id, kind, stored.files, actor=actor)
        if stored.exempt_reason:
            return core_dossiers.set_exempt(store, cycle, dossier_id, kind, stored.exempt_reason, actor=actor)
        return save_item(store, cycle, dossier_id, kind, dict(stored.answers or {}), actor=actor, restoring=True)

    return run


class ClearedItems:
    """The items cleared (or whose files changed) in this session, last first."""

    def __init__(self) -> None:
        self._items: list[Undoable] = []

    def push(self, item: Undoable) -> None:
        """Remember an item just cleared, or an item's files just changed."""
        self._items.append(item)

    def pop(self) -> Undoable | None:
        """The last item cleared (forgotten here), or None."""
        return self._items.pop() if self._items else None

    def __bool__(self) -> bool:
        return bool(self._items)

    @staticmethod
    def changes_for(item: Undoable) -> frozenset[str]:
        """What restoring the item changes."""
        return changes.dossiers([item.dossier_id]) | {"content", "attachment"}
