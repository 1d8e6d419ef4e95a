"""Clearing an item, or adding or removing one of its files, can be undone (Ctrl+Z) for the rest of the session.

Before an item is cleared its stored content is kept here; undo puts it back through the same
calls that wrote it first (answers saved again, the files given back from the attachment store,
the exemption set again), so the audit trail shows the clearing and the restoring. A change to
an item's files keeps the list it replaced; undo gives that list back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chilinh_desktop.ops import changes
from chilinh_desktop.ops.attachments import ItemFile, set_files
from chilinh_desktop.ops.dossier_items import StoredItem, put_back
from chilinh_desktop.ops.session import Store


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
    return lambda store: put_back(store, cycle, dossier_id, kind, cleared.stored, actor=actor)


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
        return changes.dossiers([item.dossier_id]) | {changes.ATTACHMENT}
