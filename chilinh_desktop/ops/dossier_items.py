"""One dossier item's content other than typed answers: attach a scan, exempt the item, clear it, undo a clear.

Each is one transaction that checks the item may be changed (not signed off, known to the cycle)
and returns what it changed, so the window refreshes the dossier it shows and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core import dossiers as core_dossiers
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import StoredItem  # re-exported: the plain type an undo keeps
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.answers import save_item
from chilinh_desktop.ops.attachments import add_file, read_file, set_files


@dataclass(frozen=True)
class ItemChanged:
    """An item's content changed: attached, exempted, cleared or put back."""

    dossier_id: str
    item_id: str
    attachment: bool = False

    @property
    def changes(self) -> frozenset[str]:
        """The dossier (its content), and the attachment shown when a file came or went."""
        keys = changes.dossiers([self.dossier_id])
        return keys | {changes.ATTACHMENT} if self.attachment else keys


def attach(store: Store, cycle: Cycle, dossier_id: str, item_id: str, path: Path | str, *,
           actor: str) -> ItemChanged:
    """Attach a PDF or image from a file: its size checked before reading, its content walked to its end."""
    data, name = read_file(path)
    add_file(store, cycle, dossier_id, item_id, data, name, actor=actor)  # after the files it holds
    return ItemChanged(dossier_id, item_id, attachment=True)


def exempt(store: Store, cycle: Cycle, dossier_id: str, item_id: str, reason: str, *, actor: str) -> ItemChanged:
    """Waive an item for its subject, with the reason that is shown and printed."""
    core_dossiers.set_exempt(store, cycle, dossier_id, item_id, reason, actor=actor)
    return ItemChanged(dossier_id, item_id)


def clear(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, actor: str) -> ItemChanged:
    """Remove an item's content (audited; the attachment bytes stay for the audit trail)."""
    core_dossiers.clear_item(store, cycle, dossier_id, item_id, actor=actor)
    return ItemChanged(dossier_id, item_id, attachment=True)


def put_back(store: Store, cycle: Cycle, dossier_id: str, item_id: str, stored: StoredItem, *,
             actor: str) -> ItemChanged:
    """Undo a clear: the same write that made the content (attach, exempt or the checked answers), audited."""
    with store.atomic():
        if stored.files:  # every file the item held, in order (ops/attachments.py)
            set_files(store, cycle, dossier_id, item_id, stored.files, actor=actor)
        elif stored.exempt_reason:
            core_dossiers.set_exempt(store, cycle, dossier_id, item_id, stored.exempt_reason, actor=actor)
        else:
            save_item(store, cycle, dossier_id, item_id, dict(stored.answers or {}), actor=actor, restoring=True)
    return ItemChanged(dossier_id, item_id, attachment=True)
