"""Autosave: every change goes to the journal at once, then to the database after a pause.

A change is journalled synchronously (so a crash loses nothing), then saved as a draft
through the operation runner ~800 ms after the last keystroke, when a field loses focus,
on Ctrl+S and before closing. Only when the database confirms is the journal entry dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import save_answers
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.model import FormSpec
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.formspec.validate import check_answers
from chilinh_desktop.i18n import _
from chilinh_desktop.ui.journal import EditJournal, JournalEntry
from chilinh_desktop.ui.operations import OperationRunner, error_text

AUTOSAVE_DELAY_MS = 800


@dataclass
class _Pending:
    entry: JournalEntry
    form: FormSpec


class Autosave(QObject):
    """Debounced saving of form answers, journalled first."""

    saved = Signal(str, str)  # dossier id, item kind
    status = Signal(str)  # a line for the status bar
    problem = Signal(str, str, object)  # dossier id, item kind, [(field, message)]

    def __init__(
        self,
        runner: OperationRunner,
        journal: EditJournal,
        cycle: Cycle,
        scales: Scales,
        actor: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.journal = journal
        self.cycle = cycle
        self.scales = scales
        self.actor = actor
        self._pending: dict[str, _Pending] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        """Whether some typed answers are not yet handed to the database."""
        return bool(self._pending)

    def edited(self, dossier_id: str, kind: str, form: FormSpec, answers: dict[str, Any]) -> None:
        """The person changed a form item: journal it now, save it soon."""
        entry = self.journal.record(dossier_id, kind, form.id, form.version, answers)
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
        checked = check_answers(form, entry.answers, self.scales)
        if checked.errors:
            # Kept in the journal; the person sees what to fix.
            self.problem.emit(entry.dossier_id, entry.kind, checked.errors)
            self.status.emit(_("Not saved: {problem}", problem=checked.errors[0][1]))
            return
        cycle, actor, answers, complete = self.cycle, self.actor, checked.answers, checked.complete

        def run(store: Store) -> None:
            save_answers(
                store,
                cycle,
                entry.dossier_id,
                entry.kind,
                answers,
                form_id=form.id,
                form_version=form.version,
                complete=complete,
                actor=actor,
            )

        def done(_result: object) -> None:
            self.journal.confirm(entry)
            self.saved.emit(entry.dossier_id, entry.kind)
            self.status.emit(_("Saved at {time}", time=dt.datetime.now().strftime("%H:%M:%S")))

        def failed(exc: Exception) -> None:
            self.status.emit(_("Not saved: {problem}", problem=error_text(exc)))
            self.problem.emit(entry.dossier_id, entry.kind, [("", error_text(exc))])

        self.runner.call(run, changes={f"dossier:{entry.dossier_id}"}, on_done=done, on_error=failed)


def recover_entries(
    store: Store, cycle: Cycle, scales: Scales, entries: list[JournalEntry], actor: str, load_form
) -> list[tuple[JournalEntry, str]]:
    """Save journalled answers left by an unclean exit; return the entries that could not be saved, and why."""
    from chilinh_desktop.core.errors import ChilinhError

    failures = []
    for entry in entries:
        try:
            form = load_form(entry.form_id, entry.form_version)
            checked = check_answers(form, entry.answers, scales)
            save_answers(
                store,
                cycle,
                entry.dossier_id,
                entry.kind,
                checked.answers,
                form_id=form.id,
                form_version=form.version,
                complete=checked.complete,
                actor=actor,
            )
        except ChilinhError as exc:
            failures.append((entry, exc.message))
    return failures
