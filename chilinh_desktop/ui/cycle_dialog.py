"""The Board starts next year's cycle from the last one: copy from, year, deadlines on a calendar, dispatch, regulation.

The dialog only gathers the choices; ops/cycles.start_cycle checks and records them (the same words as
`chilinh cycle new`), and a refusal is shown in the dialog, which stays open to be corrected.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.cycles import CycleStarted, list_cycles, start_cycle
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.session import Cycle
from chilinh_desktop.ui.common import button_box_texts
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.operations import error_text


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _moved(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class CycleDialog(QDialog):
    """Start a new review cycle from one the data file holds."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.started: CycleStarted | None = None
        self.setWindowTitle(_("Start a new cycle"))
        self.setObjectName("cycleDialog")
        rows = list_cycles(ctx.store)
        self.copy_from = QComboBox()
        self.copy_from.setObjectName("cycleCopyFrom")
        for row in sorted(rows, key=lambda r: r.year, reverse=True):
            self.copy_from.addItem(f"{row.id} — {row.title}", row.id)
        self.year = QSpinBox()
        self.year.setObjectName("cycleYear")
        self.year.setRange(2000, 2100)
        self.cycle_id = QLineEdit()
        self.cycle_id.setObjectName("cycleId")
        self.dispatch = QLineEdit()
        self.dispatch.setObjectName("cycleDispatch")
        self.dispatch.setPlaceholderText(_("e.g. 812-CV/TU (may be added later)"))
        self.regulation = QComboBox()
        self.regulation.setObjectName("cycleRegulation")
        for name in ctx.store.definitions.names("rules"):
            rule_set = name.removeprefix("rules/").removesuffix(".toml")
            self.regulation.addItem(rule_set, rule_set)
        self.make_current = QCheckBox(_("Make it the current cycle"))
        self.make_current.setChecked(True)
        self.deadline_form = QFormLayout()
        self.deadlines: dict[str, QDateEdit] = {}
        self.problems = QLabel()
        self.problems.setObjectName("cycleProblems")
        self.problems.setWordWrap(True)
        self.problems.hide()

        form = QFormLayout()
        form.addRow(_("Copy from"), self.copy_from)
        form.addRow(_("Year"), self.year)
        form.addRow(_("Cycle id"), self.cycle_id)
        form.addRow(_("Dispatch"), self.dispatch)
        form.addRow(_("Regulation"), self.regulation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        button_box_texts(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>" + _("Deadlines") + "</b>"))
        layout.addLayout(self.deadline_form)
        layout.addWidget(self.make_current)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.copy_from.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.year.valueChanged.connect(lambda _v: self._year_changed())
        self._source_changed()

    def source(self) -> Cycle:
        """The cycle chosen to copy."""
        return self.ctx.session.cycle(self.copy_from.currentData())

    def _source_changed(self) -> None:
        source = self.source()
        self.year.setValue(source.year + 1)
        self.cycle_id.setText(str(source.year + 1))
        self.regulation.setCurrentIndex(max(0, self.regulation.findData(source.rules)))
        while self.deadline_form.rowCount():
            self.deadline_form.removeRow(0)
        self.deadlines = {}
        for deadline in source.deadlines:
            edit = QDateEdit(_qdate(_moved(deadline.date, 1)))
            edit.setObjectName(f"deadline_{deadline.id}")
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            self.deadlines[deadline.id] = edit
            self.deadline_form.addRow(deadline.label, edit)

    def _year_changed(self) -> None:
        source = self.source()
        self.cycle_id.setText(str(self.year.value()))
        for deadline in source.deadlines:
            if deadline.id in self.deadlines:
                self.deadlines[deadline.id].setDate(_qdate(_moved(deadline.date, self.year.value() - source.year)))

    def choices(self) -> dict:
        """What start_cycle is called with."""
        return {
            "copy_from": self.copy_from.currentData(),
            "year": self.year.value(),
            "cycle_id": self.cycle_id.text().strip(),
            "deadlines": {key: edit.date().toPython() for key, edit in self.deadlines.items()},
            "dispatch": self.dispatch.text().strip() or None,
            "regulation": self.regulation.currentData(),
            "make_current": self.make_current.isChecked(),
        }

    def accept(self) -> None:
        choices, actor = self.choices(), self.ctx.actor
        self.ctx.autosave.flush()
        self.ctx.runner.call(lambda store: start_cycle(store, actor=actor, **choices),
                             on_done=self._started, on_error=self._refused)

    def _started(self, started: CycleStarted) -> None:
        self.started = started
        self.problems.hide()
        super().accept()
        window = self.parentWidget()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.started_text(), 15000)

    def started_text(self) -> str:
        """What the window says once the cycle is started."""
        started = self.started
        if started is None:
            return ""
        return _("The cycle {id} ({title}) was started from {source} with {n} empty dossiers. It opens the next "
                 "time the data file is opened.", id=started.cycle.id, title=started.cycle.title,
                 source=started.copied_from, n=started.dossiers)

    def _refused(self, exc: Exception) -> None:
        lines = [error_text(exc)]
        if isinstance(exc, ValidationError):
            lines += [f"• {where}: {problem}" for where, problem in exc.problems]
        self.problems.setText("\n".join(lines))
        self.problems.show()


def can_start_cycle(ctx: AppContext) -> bool:
    """Only the Board (or the demo playing it) starts a cycle; a unit gets its cycles from kits."""
    return ctx.session.settings.role != "unit"
