"""An attachment item's files (a scan of several pages added one by one): add, remove, put back.

Every change returns the list the item held before it, so the window can undo it (Ctrl+Z) through
`set_files`, the same write, and the audit trail shows each list in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core import dossiers as core_dossiers
from chilinh_desktop.core.attachments import read_attachment_file
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import ItemFile
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.requirements import ItemState
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes


@dataclass(frozen=True)
class FilesChanged:
    """An item's files after a change, and what they were before it (for undo)."""

    dossier_id: str
    item_id: str
    before: tuple[ItemFile, ...]
    after: tuple[ItemFile, ...]

    @property
    def changes(self) -> frozenset[str]:
        """What the change touched."""
        return changes.dossiers([self.dossier_id]) | {"attachment"}


def item_files(store: Store, dossier_id: str, item_id: str) -> tuple[ItemFile, ...]:
    """The files an item holds now, in order."""
    stored = core_dossiers.stored_items(store, dossier_id).get(item_id)
    return stored.files if stored is not None and stored.state is ItemState.ATTACHED else ()


def read_file(path: Path | str) -> tuple[bytes, str]:
    """Read a file to attach (size checked first, read whole or refused): its bytes and its name."""
    return read_attachment_file(Path(path)).data, Path(path).name


def add_file(store: Store, cycle: Cycle, dossier_id: str, item_id: str, data: bytes, name: str, *,
             actor: str) -> FilesChanged:
    """Add a file after the item's other files; the ones there stay."""
    before = item_files(store, dossier_id, item_id)
    core_dossiers.attach_file(store, cycle, dossier_id, item_id, data, name, actor=actor)
    return FilesChanged(dossier_id, item_id, before, item_files(store, dossier_id, item_id))


def remove_file(store: Store, cycle: Cycle, dossier_id: str, item_id: str, index: int, *,
                actor: str) -> FilesChanged:
    """Remove the file at `index` (0-based) of an item; the last one removed leaves the item empty."""
    before = item_files(store, dossier_id, item_id)
    if not 0 <= index < len(before):
        raise ValidationError(_("This file is no longer attached to the item."), [("file", str(index + 1))])
    after = before[:index] + before[index + 1:]
    core_dossiers.set_item_files(store, cycle, dossier_id, item_id, list(after), actor=actor)
    return FilesChanged(dossier_id, item_id, before, after)


def set_files(store: Store, cycle: Cycle, dossier_id: str, item_id: str, files: tuple[ItemFile, ...], *,
              actor: str) -> FilesChanged:
    """Give an item exactly these stored files, in order (undo of an add or a removal)."""
    before = item_files(store, dossier_id, item_id)
    core_dossiers.set_item_files(store, cycle, dossier_id, item_id, list(files), actor=actor)
    return FilesChanged(dossier_id, item_id, before, tuple(files))
