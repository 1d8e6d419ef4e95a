"""Table models over the core's plain data: a dossier's items, a unit's cadres."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.types import ItemState, Need
from chilinh_desktop.ui.labels import (
    STATE_COLOURS,
    STATE_MARKS,
    dossier_state_label,
    format_day,
    status_label,
)

if TYPE_CHECKING:
    from chilinh_desktop.ops.types import Cycle, ItemStatus, OfficialRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, shared as the default parent
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
ROW_ROLE = Qt.ItemDataRole.UserRole + 11


class _RowsModel(QAbstractTableModel):
    """A flat table over a list of plain rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        """Show these rows instead."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        """The plain row behind a table row."""
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def titles(self) -> tuple[str, ...]:
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            titles = self.titles()
            return titles[section] if 0 <= section < len(titles) else None
        return str(section + 1)


class ItemColumn(IntEnum):
    """Columns of a dossier's item list."""

    NAME = 0
    DEADLINE = 1
    STATE = 2


class ItemStatusModel(_RowsModel):
    """The items of one dossier: what each is, by when, and where it stands."""

    def __init__(self, cycle: Cycle, parent=None) -> None:
        super().__init__(parent)
        self._cycle = cycle

    def titles(self) -> tuple[str, ...]:
        return (_("Item"), _("Due"), _("State"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        status: ItemStatus = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ItemColumn.NAME:
                return status.item.name
            if column == ItemColumn.DEADLINE:
                return format_day(self._cycle.deadline(status.item.deadline).date)
            if column == ItemColumn.STATE:
                return f"{STATE_MARKS[status.state]} {status_label(status)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == ItemColumn.STATE:
            return QBrush(STATE_COLOURS[status.state])
        if role == Qt.ItemDataRole.ToolTipRole and status.reason:
            return status.reason
        if role == ITEM_ROLE:
            return status.item.id
        return None


class OfficialColumn(IntEnum):
    """Columns of a unit's cadre list."""

    NAME = 0
    POST = 1
    PROGRESS = 2
    STATE = 3


class OfficialListModel(_RowsModel):
    """A unit's managed cadres with their dossier's progress."""

    def titles(self) -> tuple[str, ...]:
        return (_("Full name"), _("Post"), _("Items done"), _("Dossier"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row: OfficialRow = self._rows[index.row()]
        official, summary = row.official, row.summary
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == OfficialColumn.NAME:
                return official.full_name
            if column == OfficialColumn.POST:
                return ", ".join(
                    p for p in (official.party_post, official.government_post, official.mass_org_post) if p
                )
            if column == OfficialColumn.PROGRESS:
                return f"{summary.done}/{summary.required}" if summary else "—"
            if column == OfficialColumn.STATE:
                return dossier_state_label(summary.dossier.state) if summary else _("Not in this cycle")
        if role == Qt.ItemDataRole.ForegroundRole and column == OfficialColumn.PROGRESS and summary:
            missing = summary.done < summary.required
            return QBrush(STATE_COLOURS[ItemState.MISSING if missing else ItemState.COMPLETE])
        if role == Qt.ItemDataRole.ToolTipRole and column == OfficialColumn.NAME:
            notes = [official.workplace]
            if official.residence_exempt_reason:
                notes.append(_("Residence comment exempt: {reason}", reason=official.residence_exempt_reason))
            if summary:
                exempt = [s for s in summary.statuses if s.need is Need.EXEMPT]
                notes += [
                    f"{s.item.short_name}: {s.reason}"
                    for s in exempt
                    if s.reason and s.reason != official.residence_exempt_reason
                ]
            return "\n".join(n for n in notes if n)
        if role == ROW_ROLE:
            return official.id
        return None
