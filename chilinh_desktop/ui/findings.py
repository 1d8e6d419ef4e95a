"""Findings of the rating rules (kết quả kiểm tra xếp loại): a table model and a small panel."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.types import Finding
from chilinh_desktop.ui.list_models import Index, _RowsModel
from chilinh_desktop.ui.unit_tree_model import LATE_COLOUR, MISSING_COLOUR

FINDING_ROLE = Qt.ItemDataRole.UserRole + 30


class FindingColumn(IntEnum):
    """Columns of the findings table."""

    SEVERITY = 0
    SUBJECT = 1
    MESSAGE = 2
    RULE = 3


def severity_label(finding: Finding) -> str:
    """'Lỗi' or 'Cảnh báo' in the chosen language."""
    return _("Error") if finding.severity == "error" else _("Warning")


class FindingsModel(_RowsModel):
    """One row per finding: severity, whom it is about, what is wrong, which rule; the advice as tooltip."""

    def titles(self) -> tuple[str, ...]:
        return (_("Severity"), _("Subject"), _("Finding"), _("Rule"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        finding: Finding = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (severity_label(finding), finding.subject_name, finding.message, finding.citation)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("What to do: {action}", action=finding.action)
        if role == Qt.ItemDataRole.ForegroundRole and column == FindingColumn.SEVERITY:
            return QBrush(LATE_COLOUR if finding.severity == "error" else MISSING_COLOUR)
        if role == FINDING_ROLE:
            return finding
        return None


class FindingsPanel(QWidget):
    """A titled table of findings; hidden when `hide_when_empty` and there are none."""

    def __init__(self, parent: QWidget | None = None, *, hide_when_empty: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.hide_when_empty = hide_when_empty
        self.model = FindingsModel(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("findingsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FindingColumn.MESSAGE, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.set_findings([])

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings (errors first, as the engine sorts them)."""
        self.model.set_rows(findings)
        errors = sum(1 for f in findings if f.severity == "error")
        if findings:
            self.title.setText(_("Rating rules: {errors} errors, {warnings} warnings (hover a row for what to do)",
                                 errors=errors, warnings=len(findings) - errors))
        else:
            self.title.setText(_("Rating rules: no findings."))
        if self.hide_when_empty:
            self.setVisible(bool(findings))


def refusal_text(refused) -> str:
    """A refused sign-off as the window shows it: the operation's message, then each finding."""
    from chilinh_desktop.ops.signoff import finding_line

    return refused.message + "\n" + "\n".join(f"• {finding_line(f)}" for f in refused.findings)
