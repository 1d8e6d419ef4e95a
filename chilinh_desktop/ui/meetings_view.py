"""The Board's calendar of units' review meetings: days with meetings in bold, the chosen day's list, findings.

A thin client of ops.meetings.calendar (read on the writer thread); nothing here decides a finding.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.display import screen_date
from chilinh_desktop.ops.meetings import Calendar, calendar
from chilinh_desktop.ui.list_models import Index, _RowsModel

_FINDING_COLOUR = QColor("#b00020")


class MeetingModel(_RowsModel):
    """One row per meeting (core.meetings.Meeting)."""

    def titles(self) -> tuple[str, ...]:
        return (_("Unit"), _("Date"), _("Time"), _("Place"), _("Year-end summary"), _("Assigned"), _("From"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.row_object(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and m.findings:
            return _FINDING_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(m.findings) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        sources = {"package": _("package"), "phone": _("telephone"), "own": _("this installation")}
        day = screen_date(dt.date.fromisoformat(m.date)) if m.date else "—"
        summary = screen_date(dt.date.fromisoformat(m.summary_date)) if m.summary_date else ""
        return (m.unit_name, day, m.time, m.place, summary, ", ".join(m.leaders),
                sources.get(m.source, m.source))[index.column()]


class MeetingsView(QDialog):
    """The calendar on the left, the chosen day's meetings and every finding on the right."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsView")
        self.setWindowTitle(_("Calendar of review meetings"))
        self.ctx = ctx
        self.data: Calendar | None = None
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("meetingsCalendar")
        self.calendar.selectionChanged.connect(self._show_day)
        self.model = MeetingModel(self)
        self.table = QTableView()
        self.table.setObjectName("meetingsTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.day_title = QLabel()
        self.findings = QListWidget()
        self.findings.setObjectName("meetingsFindings")
        right = QVBoxLayout()
        right.addWidget(self.day_title)
        right.addWidget(self.table, 2)
        right.addWidget(QLabel(_("Points to note")))
        right.addWidget(self.findings, 1)
        body = QHBoxLayout()
        body.addWidget(self.calendar)
        body.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(1100, 520)

    def refresh(self) -> None:
        """Read the meetings again."""
        cycle = self.ctx.cycle
        self.ctx.runner.call(lambda store: calendar(store, cycle), on_done=self._show)

    def _show(self, data: Calendar) -> None:
        self.data = data
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear earlier marks
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        flagged = QTextCharFormat(bold)
        flagged.setForeground(_FINDING_COLOUR)
        dated = [m for m in data.meetings if m.date]
        for m in dated:
            day = dt.date.fromisoformat(m.date)
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), flagged if m.findings else bold)
        if dated:
            first = dt.date.fromisoformat(dated[0].date)
            self.calendar.setSelectedDate(QDate(first.year, first.month, first.day))
        self.findings.clear()
        for m in data.meetings:
            for finding in m.findings:
                self.findings.addItem(f"{m.unit_name}: {finding}")
        self._show_day()

    def _show_day(self) -> None:
        if self.data is None:
            return
        chosen = self.calendar.selectedDate()
        day = dt.date(chosen.year(), chosen.month(), chosen.day())
        rows = self.data.on(day)
        self.model.set_rows(rows)
        self.day_title.setText(_("{n} review meetings on {date}", n=len(rows), date=screen_date(day)))
