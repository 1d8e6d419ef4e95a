"""The edit journal: what was typed, kept beside the data file until the database has it.

Every keystroke rewrites a small JSON file next to the database *before* the debounced
save runs, so killing the process between a keystroke and the save loses nothing. A
marker file says a session is open; finding it at start means the last exit was unclean.
No Qt here, so the journal is tested on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from chilinh_desktop.ops.errors import FileWriteError
from chilinh_desktop.ops.files import write_atomically


@dataclass(frozen=True)
class JournalEntry:
    """The latest typed answers of one form item, not yet confirmed saved."""

    dossier_id: str
    item_id: str  # the dossier item (thành phần hồ sơ), as in the cycle
    form_id: str
    form_version: str
    answers: dict[str, Any]
    saved_at: str  # local time, ISO 8601, shown when offering recovery
    seq: int

    @property
    def key(self) -> str:
        """One entry per dossier item."""
        return f"{self.dossier_id}/{self.item_id}"

    @property
    def saved_at_time(self) -> dt.datetime:
        """When this was typed."""
        return dt.datetime.fromisoformat(self.saved_at)


@dataclass(frozen=True)
class SessionStart:
    """What the journal found when a session began."""

    unclean_exit: bool
    pending: list[JournalEntry]


class EditJournal:
    """Unsaved edits of one data file, and the marker of an open session."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".edits.json")
        self.marker = db_path.with_name(db_path.name + ".session")
        self._entries: dict[str, JournalEntry] = {}
        self._seq = 0
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            entries = [JournalEntry(**_current(row)) for row in raw.get("entries", [])]
        except (OSError, ValueError, TypeError):
            entries = []  # no journal, or a torn one from a crash mid-write of an older version
        self._entries = {e.key: e for e in entries}
        self._seq = max((e.seq for e in entries), default=0)

    def begin_session(self) -> SessionStart:
        """Mark the session open; report whether the last one ended without closing."""
        unclean = self.marker.exists()
        self.marker.write_text(json.dumps({"pid": os.getpid(), "started": _now()}), encoding="utf-8")
        return SessionStart(unclean, self.pending())

    def end_session(self) -> None:
        """A clean close: drop the marker (and the journal when nothing is pending)."""
        if not self._entries:
            self.path.unlink(missing_ok=True)
        self.marker.unlink(missing_ok=True)

    def pending(self) -> list[JournalEntry]:
        """Entries typed but not confirmed saved, oldest first."""
        return sorted(self._entries.values(), key=lambda e: e.seq)

    def record(
        self, dossier_id: str, item_id: str, form_id: str, form_version: str, answers: dict[str, Any]
    ) -> JournalEntry:
        """Keep what was just typed (called on every change, before any save)."""
        self._seq += 1
        entry = JournalEntry(dossier_id, item_id, form_id, form_version, answers, _now(), self._seq)
        self._entries[entry.key] = entry
        self._write()
        return entry

    def confirm(self, entry: JournalEntry) -> None:
        """The database has this entry; forget it unless something newer was typed since."""
        current = self._entries.get(entry.key)
        if current is not None and current.seq <= entry.seq:
            del self._entries[entry.key]
            self._write()

    def discard(self) -> None:
        """Forget every pending entry (the person chose not to recover)."""
        self._entries.clear()
        self._write()

    def _write(self) -> None:
        data = json.dumps({"entries": [asdict(e) for e in self.pending()]}, ensure_ascii=False)
        # Replace, never rewrite in place: a crash mid-write leaves the previous journal whole.
        # No fsync per keystroke: a killed process keeps what the OS already has.
        with contextlib.suppress(OSError, FileWriteError):
            write_atomically(self.path, lambda handle: handle.write(data.encode("utf-8")), durable=False)


def _current(row: dict[str, Any]) -> dict[str, Any]:
    """An entry as this version names its fields (0.1 wrote the item id as "kind")."""
    if "kind" in row and "item_id" not in row:
        row = {("item_id" if name == "kind" else name): value for name, value in row.items()}
    return row


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()
