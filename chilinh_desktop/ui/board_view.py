"""The Board's city-wide picture (tình hình nộp hồ sơ): per unit, arrived, when, on time, complete, missing."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.board import BoardOverview, overview
from chilinh_desktop.ops.display import screen_date
from chilinh_desktop.ops.types import LATE, ON_TIME, OVERDUE, Cycle, UnitArrival

_INDEX = QModelIndex | QPersistentModelIndex
_COLOURS = {ON_TIME: QColor("#1b7f3b"), LATE: QColor("#b36b00"), OVERDUE: QColor("#b00020")}


class Col(IntEnum):
    """The columns before the per-deadline ones."""

    CODE = 0
    NAME = 1
    ARRIVED = 2
    RECEIVED = 3


class BoardModel(QAbstractTableModel):
    """One row per unit that owes a package."""

    def __init__(self, cycle: Cycle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cycle = cycle
        self.rows: list[UnitArrival] = []
        self.ratings: dict[str, str] = {}
        self.findings: dict[str, int] = {}
        self._timeliness: dict[str, str] = {}

    def set_rows(self, rows: list[UnitArrival], ratings: dict[str, str],
                 findings: dict[str, int] | None = None) -> None:
        """Replace the content."""
        from chilinh_desktop.ops.display import timeliness_names  # the report's words, loaded on first use

        self.beginResetModel()
        self._timeliness = timeliness_names()
        self.rows, self.ratings, self.findings = rows, ratings, findings or {}
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 4 + len(self.cycle.deadlines) + 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [_("Code"), _("Unit"), _("Arrived"), _("Received on")]
        names += [_("Deadline {day}", day=screen_date(d.date)) for d in self.cycle.deadlines]
        names += [_("Complete"), _("What is missing"), _("Ratings"), _("Points to note")]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        arrival, column = self.rows[index.row()], index.column()
        deadline_cols = range(4, 4 + len(self.cycle.deadlines))
        if role == Qt.ItemDataRole.ForegroundRole and column in deadline_cols:
            return _COLOURS.get(arrival.timeliness[self.cycle.deadlines[column - 4].id])
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 + len(self.cycle.deadlines) + 1:
            return "\n".join(arrival.missing) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Col.CODE:
            return arrival.code
        if column == Col.NAME:
            return arrival.name
        if column == Col.ARRIVED:
            return _("yes") if arrival.arrived else _("no")
        if column == Col.RECEIVED:
            at = arrival.first_received_at
            return f"{at[8:10]}/{at[5:7]}/{at[:4]}" if at else ""
        if column in deadline_cols:
            return self._timeliness[arrival.timeliness[self.cycle.deadlines[column - 4].id]]
        extra = column - 4 - len(self.cycle.deadlines)
        if extra == 0:
            return _("yes") if arrival.complete else _("no")
        if extra == 1:
            return "; ".join(arrival.missing[:3]) + (" …" if len(arrival.missing) > 3 else "")
        if extra == 2:
            return self.ratings.get(arrival.code, "")
        # Only units whose package arrived have ratings to judge; the others show nothing, not a zero.
        return self.findings.get(arrival.code, 0) if arrival.arrived else ""


class BoardView(QDialog):
    """The Board's overview window; the data is read on the job pool, never on the GUI thread."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.setWindowTitle(_("Packages received from the units"))
        self.ctx = ctx
        self.model = BoardModel(ctx.cycle, self)
        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        confidential = buttons.addButton(_("Confidential files…"), QDialogButtonBox.ButtonRole.ActionRole)
        confidential.clicked.connect(self.open_confidential_files)
        receipt = buttons.addButton(_("&Receipt…"), QDialogButtonBox.ButtonRole.ActionRole)
        receipt.setObjectName("boardReceipt")
        receipt.clicked.connect(self.save_receipt)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def selected_package(self) -> str | None:
        """The received package of the selected unit, if it sent one."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        package = self.model.rows[index.row()].package
        return package.package_id if package else None

    def save_receipt(self) -> None:
        """The receipt of the selected unit's package, as the menu's Receipt entry makes it (ui/board_documents)."""
        from chilinh_desktop.ui.board_documents import save_receipt

        index = self.table.currentIndex()
        if self.selected_package() is None or not index.isValid():
            self.summary.setText(_("Choose a unit whose package arrived."))
            return
        save_receipt(self.parent(), self.model.rows[index.row()].code)

    def open_confidential_files(self) -> QDialog | None:
        """List the selected unit's confidential files, to open one on request."""
        from chilinh_desktop.ui.confidential_dialog import ConfidentialDialog

        package_id = self.selected_package()
        if package_id is None:
            self.summary.setText(_("Choose a unit whose package arrived."))
            return None
        dialog = ConfidentialDialog(self.ctx, package_id, self)
        dialog.open()
        return dialog

    def refresh(self) -> None:
        """Read the overview again (in the background)."""
        cycle = self.ctx.cycle
        self.ctx.jobs.start(lambda store, control: overview(store, cycle), _("Reading the packages"), self._show)

    def _show(self, result: BoardOverview) -> None:
        rows = result.arrivals
        self.model.set_rows(rows, result.ratings, result.findings)
        arrived = sum(1 for r in rows if r.arrived)
        complete = sum(1 for r in rows if r.complete)
        self.summary.setText(_("{arrived} of {total} units' packages arrived; {complete} complete.",
                               arrived=arrived, total=len(rows), complete=complete))
