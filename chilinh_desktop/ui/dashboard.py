"""The deadline dashboard: the whole tree against the cycle's deadlines; a click goes to the item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.session import Store
from chilinh_desktop.ops.today import FINE, URGENCY_RANK, most_urgent, urgency
from chilinh_desktop.ops.types import Cycle, CycleStatus, DeadlineStatus, Finding, MissingItem, UnitStatus
from chilinh_desktop.ui.common import list_table
from chilinh_desktop.ui.findings import FindingsPanel
from chilinh_desktop.ui.labels import format_day
from chilinh_desktop.ui.list_models import Index, _RowsModel
from chilinh_desktop.ui.sorting import SortableRows, text_key
from chilinh_desktop.ui.unit_tree_model import DONE_COLOUR, LATE_COLOUR, MISSING_COLOUR
from chilinh_desktop.ui.urgency import urgency_brush, urgency_icon, urgency_short, urgency_word

CODE_ROLE = Qt.ItemDataRole.UserRole + 20
FIRST_DEADLINE_COLUMN = 4  # Unit, Urgency, Cadres, Done, then one column per deadline


def unit_urgency(unit: UnitStatus, levels: dict[str, str]) -> str:
    """The most urgent level among the deadlines the unit still owes items for (fine when it owes none)."""
    return most_urgent(levels[m.deadline_id] for m in unit.missing if m.deadline_id in levels)


def deadline_text(status: DeadlineStatus) -> str:
    """'10/12/2023 · 5 days left (3 working days)' or how late."""
    day = format_day(status.deadline.date)
    if status.overdue:
        return _("{day} · overdue by {n} days", day=day, n=-status.days_left)
    if status.days_left == 0:
        return _("{day} · today", day=day)
    return _(
        "{day} · {n} days left ({w} working days)",
        day=day,
        n=status.days_left,
        w=status.working_days_left,
    )


@dataclass(frozen=True)
class DashboardFigures:
    """What the dashboard shows of one computation of the whole tree, derived once (Qt-free)."""

    status: CycleStatus
    rows: tuple[UnitStatus, ...]  # the units that owe something, in tree order
    depth: dict[str, int]  # unit code -> how deep in the tree (indents its name)
    levels: dict[str, str]  # deadline id -> how urgent today
    urgency: dict[str, str]  # unit code -> its most urgent level among the deadlines it still owes items for
    missing: dict[str, tuple[int, ...]]  # unit code -> missing items per deadline, in status.deadlines' order
    units_missing: tuple[int, ...]  # per deadline, how many units still miss items for it
    required: int
    done: int
    findings: tuple[Finding, ...] = ()  # the rating rules' findings for the whole tree
    findings_by_unit: dict[str, list[Finding]] = field(default_factory=dict)  # unit code -> its findings
    duties: str = ""  # the Board's line on proposals still to appraise (`duties_notice`)

    def missing_count(self, unit: UnitStatus, deadline: int) -> int:
        """How many items the unit still misses for the deadline at this position."""
        counts = self.missing.get(unit.code)
        return counts[deadline] if counts is not None else len(unit.missing_for(self.status.deadlines[deadline]
                                                                                .deadline.id))


def duties_notice(store: Store, cycle: Cycle) -> str:
    """The Board's line on commendation proposals still to appraise before the deadline ("" if none)."""
    from chilinh_desktop.ops.commendations import worklist

    return worklist(store, cycle).notice()


def dashboard_figures(status: CycleStatus, findings: Sequence[Finding] = (), duties: str = "") -> DashboardFigures:
    """Everything the dashboard derives from a computation and the rules' findings: worked out once, on the
    worker thread, so that neither showing the dashboard nor painting it walks a province's 31,000 missing
    items and 7,000 findings."""
    by_unit: dict[str, list[Finding]] = {}
    for finding in findings:
        for code in dict.fromkeys(finding.units):
            by_unit.setdefault(code, []).append(finding)
    position = {d.deadline.id: n for n, d in enumerate(status.deadlines)}
    levels = {d.deadline.id: urgency(d) for d in status.deadlines}
    by_position = [levels[d.deadline.id] for d in status.deadlines]
    parents = {u.code: u.parent_code for u in status.units}
    depth: dict[str, int] = {}
    urgencies: dict[str, str] = {}
    missing: dict[str, tuple[int, ...]] = {}
    units_missing = [0] * len(position)
    for unit in status.units:
        level, code = 0, unit.parent_code
        while code is not None and level < 20:
            level, code = level + 1, parents.get(code)
        depth[unit.code] = level
        counts = [0] * len(position)
        for item in unit.missing:
            found = position.get(item.deadline_id)
            if found is not None:
                counts[found] += 1
        owed = [n for n, count in enumerate(counts) if count]
        for n in owed:
            units_missing[n] += 1
        urgencies[unit.code] = most_urgent(by_position[n] for n in owed)
        missing[unit.code] = tuple(counts)
    return DashboardFigures(
        status, tuple(u for u in status.units if u.items_required), depth, levels, urgencies, missing,
        tuple(units_missing), sum(u.items_required for u in status.units), sum(u.items_done for u in status.units),
        tuple(findings), by_unit, duties)


class DashboardModel(SortableRows, _RowsModel):
    """One row per unit in tree order (sortable by any column): urgency, cadres, progress, missing per deadline.

    Every figure a cell shows is looked up in `DashboardFigures`, never counted while painting.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._status: CycleStatus | None = None
        self._figures: DashboardFigures | None = None
        self._titles: tuple[str, ...] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._done, self._missing, self._late = QBrush(DONE_COLOUR), QBrush(MISSING_COLOUR), QBrush(LATE_COLOUR)

    def set_status(self, status: CycleStatus) -> None:
        """Show a new computation (only units that owe something)."""
        self.set_figures(dashboard_figures(status))

    def set_figures(self, figures: DashboardFigures) -> None:
        """Show a computation's figures, derived beforehand (`dashboard_figures`)."""
        self._figures, self._status, self._titles = figures, figures.status, None
        self.set_rows(list(figures.rows))

    def urgency_of(self, unit: UnitStatus) -> str:
        """The unit's most urgent level today."""
        figures = self._figures
        if figures is not None and unit.code in figures.urgency:
            return figures.urgency[unit.code]
        return unit_urgency(unit, figures.levels if figures is not None else {})

    def sort_key(self, row: UnitStatus, column: int):
        """Sort by what a column means: names as words, urgency by rank, counts as numbers."""
        if column == 0:
            return text_key(row.name)
        if column == 1:
            return (URGENCY_RANK[self.urgency_of(row)], -len(row.missing))
        if column == 2:
            return row.officials
        if column == 3:
            return (row.items_done / row.items_required if row.items_required else 1.0, row.items_done)
        figures = self._figures
        deadlines = figures.status.deadlines if figures is not None else []
        if FIRST_DEADLINE_COLUMN <= column < FIRST_DEADLINE_COLUMN + len(deadlines):
            return figures.missing_count(row, column - FIRST_DEADLINE_COLUMN)
        return 0

    def titles(self) -> tuple[str, ...]:
        if self._titles is None:  # asked for each header section and column count: made once per computation
            deadlines = self._status.deadlines if self._status else []
            # Day and month only: the header must fit a narrow count column.
            by_deadline = (_("Missing by {day}", day=format_day(d.deadline.date).rsplit("/", 1)[0])
                           for d in deadlines)
            self._titles = (_("Unit"), _("Urgency"), _("Cadres"), _("Done"), *by_deadline)
        return self._titles

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        figures = self._figures
        if not index.isValid() or figures is None or not (0 <= index.row() < len(self._rows)):
            return None
        unit: UnitStatus = self._rows[index.row()]
        column = index.column()
        deadline = column - FIRST_DEADLINE_COLUMN
        due = figures.status.deadlines[deadline] if 0 <= deadline < len(figures.status.deadlines) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "    " * max(0, figures.depth.get(unit.code, 0) - 1) + unit.name
            if column == 1:
                return urgency_short(self.urgency_of(unit))
            if column == 2:
                return unit.officials
            if column == 3:
                percent = round(100 * unit.items_done / unit.items_required) if unit.items_required else 100
                return f"{unit.items_done}/{unit.items_required} ({percent}%)"
            if due is not None:
                return figures.missing_count(unit, deadline) or "—"
        if role == Qt.ItemDataRole.DecorationRole:
            if column == 1:
                return urgency_icon(self.urgency_of(unit))
            if due is not None:
                level = figures.levels[due.deadline.id]
                if level != FINE and figures.missing_count(unit, deadline):
                    return urgency_icon(level)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return urgency_brush(self.urgency_of(unit))
            if column == 3:
                return self._done if unit.done else self._missing
            if due is not None and figures.missing_count(unit, deadline):
                return self._late if due.overdue else self._missing
        if role == Qt.ItemDataRole.FontRole and due is not None and due.overdue \
                and figures.missing_count(unit, deadline):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CODE_ROLE:
            return unit.code
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return unit.code
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return urgency_word(self.urgency_of(unit))
        return None


class MissingModel(SortableRows, _RowsModel):
    """The missing items of the selected unit: whose, what, for which deadline, how urgent (sortable)."""

    def __init__(self, cycle: Cycle, parent=None) -> None:
        super().__init__(parent)
        self._cycle = cycle
        self._overdue: set[str] = set()
        self._levels: dict[str, str] = {}

    def set_missing(self, missing: list[MissingItem], overdue: set[str], levels: dict[str, str] | None = None) -> None:
        """Show these missing items; those of overdue deadlines in red; `levels`: urgency per deadline id."""
        self._overdue = overdue
        self._levels = levels or {}
        self.set_rows(
            sorted(
                missing,
                key=lambda m: (
                    self._cycle.deadline(m.deadline_id).date,
                    m.subject_kind != "unit",
                    m.subject_name,
                ),
            )
        )

    def titles(self) -> tuple[str, ...]:
        return (_("Whose"), _("Missing item"), _("Due"), _("Urgency"))

    def level(self, item: MissingItem) -> str:
        """How urgent one missing item is (its deadline's level)."""
        return self._levels.get(item.deadline_id, FINE)

    def sort_key(self, row: MissingItem, column: int):
        """Names as words, the due day as a date, urgency by rank."""
        if column == 0:
            return (row.subject_kind != "unit", text_key(row.subject_name))
        if column == 1:
            return text_key(row.item_name)
        if column == 2:
            return self._cycle.deadline(row.deadline_id).date
        if column == 3:
            return URGENCY_RANK[self.level(row)]
        return 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item: MissingItem = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (
                    item.subject_name
                    if item.subject_kind == "official"
                    else _("Collective: {name}", name=item.subject_name)
                )
            if column == 1:
                return item.item_name
            if column == 2:
                return format_day(self._cycle.deadline(item.deadline_id).date)
            if column == 3:
                return urgency_short(self.level(item))
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return urgency_icon(self.level(item))
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return urgency_word(self.level(item))
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return urgency_brush(self.level(item))
        if role == Qt.ItemDataRole.ForegroundRole and item.deadline_id in self._overdue:
            return QBrush(LATE_COLOUR)
        return None


class DeadlineCard(QFrame):
    """A deadline as a card: label, date, days and working days left."""

    def __init__(self, status: DeadlineStatus, missing_units: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineCardOverdue" if status.overdue else "deadlineCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{status.deadline.label}</b>")
        title.setWordWrap(True)
        when = QLabel(deadline_text(status))
        if status.overdue:
            when.setStyleSheet(f"color: {LATE_COLOUR.name()}; font-weight: bold;")
        units = QLabel(
            _("{n} units still missing items", n=missing_units) if missing_units else _("Every unit is ready")
        )
        layout.addWidget(title)
        layout.addWidget(when)
        layout.addWidget(units)
        self.setToolTip(status.deadline.covers)


class Dashboard(QWidget):
    """Deadline cards on top; units and their progress; the selected unit's missing items."""

    open_item = Signal(str, str, str)  # subject kind, subject id, item kind
    open_unit = Signal(str)  # Enter or double-click on a unit's row: its page

    def __init__(self, cycle: Cycle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cycle = cycle
        self.status: CycleStatus | None = None
        self.figures: DashboardFigures | None = None
        self._pending: DashboardFigures | None = None
        self.all_findings: list[Finding] = []
        self.findings = FindingsPanel()
        self.cards = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.units_model = DashboardModel(self)
        self.missing_model = MissingModel(cycle, self)
        self.units_view = self._table(self.units_model, "dashboardUnits")
        self.missing_view = self._table(self.missing_model, "dashboardMissing")
        self.units_view.selectionModel().currentRowChanged.connect(self._unit_changed)
        self.units_view.activated.connect(self._unit_activated)  # Enter, double-click
        self.missing_view.activated.connect(self._missing_activated)
        self.missing_view.clicked.connect(self._missing_activated)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.missing_title = QLabel()
        self.missing_title.setBuddy(self.missing_view)
        lower_layout.addWidget(self.missing_title)
        lower_layout.addWidget(self.missing_view)
        # Units, their missing items and the findings share the height; each border can be dragged.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dashboardSplitter")
        self.splitter.addWidget(self.units_view)
        self.splitter.addWidget(lower)
        self.splitter.addWidget(self.findings)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 220, 100])
        splitter = self.splitter
        heading = QLabel("<h2>" + _("Deadlines") + "</h2>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(self.cards)
        layout.addWidget(self.summary)
        self.duties_notice = QLabel()
        self.duties_notice.setObjectName("dashboardDuties")
        self.duties_notice.hide()
        layout.addWidget(self.duties_notice)
        layout.addWidget(splitter, 1)

    def set_duties_notice(self, text: str) -> None:
        """Show the Board's duties line (proposals not appraised before the deadline); hidden when empty."""
        self.duties_notice.setText(text)
        self.duties_notice.setVisible(bool(text))

    def _table(self, model, name: str) -> QTableView:
        view = list_table(model, name=name, word_wrap=True)
        # Fixed widths: measuring every row's contents costs seconds on a province's 2,000 units.
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setDefaultSectionSize(120)
        view.horizontalHeader().setStretchLastSection(False)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setDefaultSectionSize(24)
        view.setMinimumHeight(24 * 5)  # never two rows tall
        # Click a header to sort by its column; no indicator yet keeps the tree's order (sort(-1)).
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.horizontalHeader().sortIndicatorChanged.connect(lambda *_: view.scrollTo(view.currentIndex()))
        # The urgency column fits its longest word and icon, measured once (not per row).
        words = [urgency_short(level) for level in URGENCY_RANK]
        urgency_column = 1 if model is self.units_model else 3
        view.setColumnWidth(urgency_column, max(view.fontMetrics().horizontalAdvance(w) for w in words) + 40)
        if model is self.units_model:
            view.setColumnWidth(2, 70)  # a count of cadres: leave the room to the unit's name
            view.setColumnWidth(3, 100)  # "45/45 (100%)"
        else:
            view.setColumnWidth(1, 200)  # the item's short name
        return view

    def set_status(self, status: CycleStatus, findings: Sequence[Finding] = ()) -> None:
        """Take a fresh computation of the whole tree (drawn now if visible, else when next shown)."""
        self.set_figures(dashboard_figures(status, findings))

    def set_figures(self, figures: DashboardFigures) -> None:
        """Take a fresh computation's figures, derived off the GUI thread (`dashboard_figures`)."""
        self._pending = figures
        if self.isVisible():
            self._apply(figures)

    def set_loading(self) -> None:
        """Say that the figures are being computed, until they come (shown at once on the first opening)."""
        if self.figures is None:
            self.summary.setText(_("Computing every unit's figures…"))

    def showEvent(self, event) -> None:
        if self._pending is not None and self._pending is not self.figures:
            self._apply(self._pending)
        elif self.figures is None:
            self.set_loading()
        super().showEvent(event)

    def _apply(self, figures: DashboardFigures) -> None:
        status = figures.status
        current = self.units_view.currentIndex().data(CODE_ROLE)
        self.status, self.figures, self.all_findings = status, figures, list(figures.findings)
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for deadline, missing_units in zip(status.deadlines, figures.units_missing, strict=True):
            self.cards.addWidget(DeadlineCard(deadline, missing_units))
        self.units_model.set_figures(figures)
        self.set_duties_notice(figures.duties)
        self.summary.setText(
            _(
                "Today {day}: {done} of {required} required items done in the whole tree.",
                day=format_day(status.today),
                done=figures.done,
                required=figures.required,
            )
        )
        self.select_unit(current or "")
        if not self.units_view.currentIndex().isValid() and self.units_model.rowCount():
            self.units_view.setCurrentIndex(self.units_model.index(0, 0))
        if not self.units_view.currentIndex().isValid():  # no unit to choose: the findings follow no row change
            self._show_findings()

    def select_unit(self, code: str) -> None:
        """Put the cursor on a unit's row."""
        for row in range(self.units_model.rowCount()):  # the rows themselves: a province has 2,000
            if self.units_model.row_object(row).code == code:
                self.units_view.setCurrentIndex(self.units_model.index(row, 0))
                return

    def _show_findings(self) -> None:
        current = self.units_view.currentIndex()
        code = current.data(CODE_ROLE) if current.isValid() else None
        # With no unit chosen the whole tree's findings show, so none is out of sight.
        by_unit = self.figures.findings_by_unit if self.figures is not None else {}
        self.findings.set_findings(self.all_findings if code is None else by_unit.get(code, []))

    def _unit_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_findings()
        if self.status is None or not current.isValid():
            self.missing_model.set_missing([], set())
            return
        unit: UnitStatus = self.units_model.row_object(current.row())
        overdue = {d.deadline.id for d in self.status.deadlines if d.overdue}
        self.missing_model.set_missing(unit.missing, overdue, self.figures.levels)
        self.missing_title.setText(
            _(
                "Missing in {unit} ({n}) — click a row or press Enter to open the item",
                unit=unit.name,
                n=len(unit.missing),
            )
        )

    def _unit_activated(self, index: QModelIndex) -> None:
        code = index.siblingAtColumn(0).data(CODE_ROLE) if index.isValid() else None
        if code:
            self.open_unit.emit(code)

    def _missing_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            item: MissingItem = self.missing_model.row_object(index.row())
            self.open_item.emit(item.subject_kind, item.subject_id, item.item_id)
