"""Autosave: every change goes to the journal at once, then to the database after a pause.

A change is journalled synchronously (so a crash loses nothing), then saved as a draft
through the operation runner ~800 ms after the last keystroke, when a field loses focus,
on Ctrl+S and before closing. Only when the database confirms is the journal entry dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.types import Cycle, Store
from chilinh_desktop.ui.journal import EditJournal, JournalEntry
from chilinh_desktop.ui.operations import OperationRunner, error_text

if TYPE_CHECKING:
    from chilinh_desktop.ops.answers import SavedAnswers
    from chilinh_desktop.ops.forms import FormSpec

AUTOSAVE_DELAY_MS = 800


@dataclass
class _Pending:
    entry: JournalEntry
    form: FormSpec


class Autosave(QObject):
    """Debounced saving of form answers, journalled first."""

    saved = Signal(str, str)  # dossier id, item id
    status = Signal(str)  # a line for the status bar
    problem = Signal(str, str, object)  # dossier id, item id, [(field, message)]

    def __init__(
        self,
        runner: OperationRunner,
        journal: EditJournal,
        cycle: Cycle,
        actor: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.journal = journal
        self.cycle = cycle
        self.actor = actor
        self._pending: dict[str, _Pending] = {}
        # Typed dates and numbers that are not valid values, by (dossier id, item id): their text is on
        # screen but not saved, so the window must not say that everything is saved.
        self._invalid: dict[tuple[str, str], list[str]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        """Whether some typed answers are not yet handed to the database."""
        return bool(self._pending)

    @property
    def unsaved_fields(self) -> list[str]:
        """The labels of fields whose typed text is not a valid value, so not saved."""
        return [label for labels in self._invalid.values() for label in labels]

    def set_invalid(self, dossier_id: str, item_id: str, labels: list[str]) -> None:
        """Which fields of an item show a typed value that is not saved (none: `labels` empty)."""
        key = (dossier_id, item_id)
        if labels:
            self._invalid[key] = list(labels)
        else:
            self._invalid.pop(key, None)
        if not self._pending:
            self.status.emit(self._settled_text())

    def forget_invalid(self, dossier_id: str) -> None:
        """A dossier's editors are closed: their unsaved invalid text is gone with them."""
        for key in [k for k in self._invalid if k[0] == dossier_id]:
            del self._invalid[key]
        if not self._pending:
            self.status.emit(self._settled_text())

    def _settled_text(self, saved_at: str | None = None) -> str:
        if self._invalid:
            return _(
                "Not saved: {fields} — the value typed is not valid; the value before is kept until it is corrected.",
                fields=", ".join(self.unsaved_fields),
            )
        if saved_at:
            return _("Saved at {time}", time=saved_at)
        return _("All changes are saved.")

    def edited(self, dossier_id: str, item_id: str, form: FormSpec, answers: dict[str, Any]) -> None:
        """The person changed a form item: journal it now, save it soon."""
        entry = self.journal.record(dossier_id, item_id, form.id, form.version, answers)
        self._pending[entry.key] = _Pending(entry, form)
        self.status.emit(_("Unsaved changes…"))
        self._timer.start()

    def flush(self) -> None:
        """Hand every pending change to the database now."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for item in pending.values():
            self._save(item)

    def _save(self, item: _Pending) -> None:
        entry, form = item.entry, item.form
        cycle, actor = self.cycle, self.actor

        def run(store: Store) -> SavedAnswers:
            from chilinh_desktop.ops.answers import save_item  # loaded with the first edit, not at start-up

            return save_item(store, cycle, entry.dossier_id, entry.item_id, entry.answers, actor=actor, form=form)

        def done(_result: SavedAnswers) -> None:
            self.journal.confirm(entry)
            self.saved.emit(entry.dossier_id, entry.item_id)
            if not self._pending:  # a later edit is still waiting: "saved" would not be true yet
                self.status.emit(self._settled_text(dt.datetime.now().strftime("%H:%M:%S")))

        def failed(exc: Exception) -> None:
            # The typed answers stay in the journal; the person sees what to fix.
            problems = exc.problems if isinstance(exc, ValidationError) and exc.problems else [("", error_text(exc))]
            self.status.emit(_("Not saved: {problem}", problem=problems[0][1]))
            self.problem.emit(entry.dossier_id, entry.item_id, problems)

        self.runner.call(run, changes=changes.answers(entry.dossier_id), on_done=done, on_error=failed)
