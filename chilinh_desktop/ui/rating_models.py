"""Table models of the rating tab: the year's discipline records and a unit's commendation proposals."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.types import Discipline
from chilinh_desktop.ui.labels import format_day
from chilinh_desktop.ui.list_models import Index, _RowsModel

DISCIPLINE_ID_ROLE = Qt.ItemDataRole.UserRole + 40


class DisciplineColumn(IntEnum):
    """Columns of the discipline table."""

    DATE = 0
    FORM = 1
    SELF_REMEDIED = 2
    NOTE = 3


class DisciplineModel(_RowsModel):
    """One row per disciplinary measure of the year: (row id, Discipline)."""

    def titles(self) -> tuple[str, ...]:
        return (_("Date"), _("Form of discipline"), _("Found and remedied by themselves"), _("Note"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row_id, record = self._rows[index.row()]
        record: Discipline
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_day(record.date), record.form, _("Yes") if record.self_remedied else _("No"),
                    record.note)[index.column()]
        if role == DISCIPLINE_ID_ROLE:
            return row_id
        return None


class CommendationModel(_RowsModel):
    """One row per commendation proposal of a unit (dicts as core.ratings.commendations returns them)."""

    def __init__(self, level_labels: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.level_labels = level_labels or {}

    def titles(self) -> tuple[str, ...]:
        return (_("Proposed for"), _("Kind"), _("Rating"), _("Achievement"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row["name"], commendation_kind_label(row["kind"]),
                    self.level_labels.get(row["level"], row["level"]), row["achievement"])[index.column()]
        return None


def commendation_kind_labels() -> dict[str, str]:
    """Who a commendation is for: an organisation or a party member."""
    return {"to_chuc": _("Party organisation"), "dang_vien": _("Party member")}


def commendation_kind_label(kind: str) -> str:
    """The words for a commendation kind (its id when unknown)."""
    return commendation_kind_labels().get(kind, kind)
