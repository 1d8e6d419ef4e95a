"""The window's first screen: today's deadlines and which units are late, instead of an empty pane.

Light on purpose (issue 11, start-up): a heading, a few lines and one list. It runs no query of its
own: it is fed the digest (`ops.today.digest`) of the tree's status the window computes anyway for
the badges, on the worker, after the first paint and after every change. At most MAX_ROWS units
are listed, so a province's thousands of units never stall the GUI thread.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.today import SOON_WORKING_DAYS, URGENCY_RANK, TodayDigest
from chilinh_desktop.ui.labels import format_day
from chilinh_desktop.ui.urgency import urgency_brush, urgency_icon, urgency_word

CODE_ROLE = Qt.ItemDataRole.UserRole + 30
MAX_ROWS = 40


class TodayPane(QWidget):
    """Today's deadlines with their urgency, and the units late or close to late; Enter opens a unit."""

    open_unit = Signal(str)
    open_dashboard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPane")
        self.digest: TodayDigest | None = None
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.deadlines = QLabel(_("Reading today's deadlines…"))
        self.deadlines.setObjectName("todayDeadlines")
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        self.units_title = QLabel()
        self.units = QTreeWidget()
        self.units.setObjectName("todayUnits")
        self.units.setRootIsDecorated(False)
        self.units.setAlternatingRowColors(True)
        self.units.setHeaderLabels([_("Urgency"), _("Unit"), _("Missing items"), _("Due")])
        self.units.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.units.header().setStretchLastSection(False)
        self.units.itemActivated.connect(self._activated)
        words = [urgency_word(level) for level in URGENCY_RANK]  # fixed widths: no measuring of rows
        metrics = self.units.fontMetrics()
        self.units.setColumnWidth(0, max(metrics.horizontalAdvance(w) for w in words) + 44)
        self.units.setColumnWidth(2, metrics.horizontalAdvance(_("Missing items")) + 24)
        self.units_title.setBuddy(self.units)
        dashboard = QPushButton(_("Open the deadline dashboard (F9)"))
        dashboard.clicked.connect(self._dashboard_clicked)
        self.more = QLabel()
        self.more.setObjectName("hint")
        self.more.hide()
        hint = QLabel(_("Choose a unit on the left, or press Enter on a unit below to open it."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.units_title)
        layout.addWidget(self.units, 1)
        layout.addWidget(self.more)
        layout.addWidget(hint)
        layout.addWidget(dashboard, 0, Qt.AlignmentFlag.AlignLeft)

    def _dashboard_clicked(self) -> None:
        self.open_dashboard.emit()

    def show_digest(self, digest: TodayDigest) -> None:
        """Draw a digest: one line per deadline, then the late and nearly late units."""
        self.digest = digest
        self.heading.setText("<h2>" + _("Today, {day}", day=format_day(digest.today)) + "</h2>")
        lines = []
        for line in digest.deadlines:
            colour = urgency_brush(line.urgency).color().name()
            owing = (_("{units} units still owe {items} items", units=line.units_missing, items=line.items_missing)
                     if line.units_missing else _("every unit is ready"))
            lines.append(f'<p><span style="color:{colour}; font-weight:bold">{urgency_word(line.urgency)}</span> · '
                         f"<b>{format_day(line.status.deadline.date)}</b> — {html.escape(line.status.deadline.label)}: "
                         f"{_days(line)}; {owing}.</p>")
        self.deadlines.setText("".join(lines) or _("This cycle has no deadlines."))
        late = len(digest.late)
        self.units_title.setText(_("Late: {late} units; due within {n} working days: {soon} units.", late=late,
                                   n=SOON_WORKING_DAYS, soon=len(digest.units) - late))
        self.units.clear()
        for unit in digest.units[:MAX_ROWS]:
            row = QTreeWidgetItem([urgency_word(unit.urgency), unit.name, str(unit.missing), format_day(unit.due)])
            row.setIcon(0, urgency_icon(unit.urgency))
            row.setForeground(0, urgency_brush(unit.urgency))
            row.setData(0, CODE_ROLE, unit.code)
            row.setToolTip(1, unit.code)
            self.units.addTopLevelItem(row)
        hidden = len(digest.units) - MAX_ROWS
        self.more.setText(_("… and {n} more: see the deadline dashboard (F9).", n=hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        code = item.data(0, CODE_ROLE)
        if code:
            self.open_unit.emit(code)


def _days(line) -> str:
    status = line.status
    if status.overdue:
        return _("overdue by {n} days", n=-status.days_left)
    if status.days_left == 0:
        return _("due today")
    return _("{n} days left ({w} working days)", n=status.days_left, w=status.working_days_left)
