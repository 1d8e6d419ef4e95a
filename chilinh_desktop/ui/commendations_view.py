"""The Board's appraisal worklist (thẩm định đề nghị khen thưởng): every proposal received, accept or reject.

A thin client of ops.commendations: the list is read by `worklist`, a decision is recorded by
`appraise` on the writer thread, and a refusal (a rejection without its reason) shows the
operation's own words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.commendations import COMMENDATIONS, Worklist, appraise, withdraw, worklist
from chilinh_desktop.ui.list_models import Index, _RowsModel
from chilinh_desktop.ui.operations import error_text

_FLAG_COLOUR = QColor("#b00020")


class ProposalModel(_RowsModel):
    """One row per proposal (core.appraisals.Proposal)."""

    def titles(self) -> tuple[str, ...]:
        # Names, not the proposal's hash id (the command line's `commendations --json` carries the id).
        return (_("Unit"), _("Proposed for"), _("Kind"), _("Level"), _("Rating"), _("Status"), _("Reason or remark"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.row_object(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and p.flag:
            return _FLAG_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.flag or p.achievement or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        kinds = {"to_chuc": _("Party organisation"), "dang_vien": _("Party member")}
        statuses = {"pending": _("not appraised"), "accepted": _("accepted"), "rejected": _("rejected")}
        remark = "; ".join(t for t in (p.reason, p.flag) if t)
        return (p.unit_name, p.name, kinds.get(p.kind, p.kind), p.level, p.rating or "—",
                statuses.get(p.status, p.status), remark)[index.column()]


class CommendationsView(QDialog):
    """The worklist window: the table, a reason line, Accept and Reject."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commendationsView")
        self.setWindowTitle(_("Appraising commendation proposals"))
        self.ctx = ctx
        self.model = ProposalModel(self)
        self.table = QTableView()
        self.table.setObjectName("commendationsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.message = QLabel()
        self.message.setObjectName("commendationsMessage")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Reason (required to reject)"))
        self.accept_button = QPushButton(_("Accept"))
        self.reject_button = QPushButton(_("Reject"))
        self.accept_button.clicked.connect(lambda: self.decide("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        self.withdraw_button = QPushButton(_("Withdraw the decision"))
        self.withdraw_button.clicked.connect(self.withdraw_decision)
        for button in (self.accept_button, self.reject_button, self.withdraw_button):
            button.setAutoDefault(False)  # Enter after typing a reason never accepts by itself
        deciding = QHBoxLayout()
        deciding.addWidget(self.reason, 1)
        deciding.addWidget(self.accept_button)
        deciding.addWidget(self.reject_button)
        deciding.addWidget(self.withdraw_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(deciding)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self._keep: str | None = None  # the proposal to keep in view after a decision

    def refresh(self) -> None:
        """Read the worklist again (on the writer thread, after any decision queued before)."""
        cycle = self.ctx.cycle
        self.ctx.runner.call(lambda store: worklist(store, cycle), on_done=self._show)

    def _show(self, work: Worklist) -> None:
        self.model.set_rows(work.proposals)
        row = next((n for n, p in enumerate(work.proposals) if p.id == self._keep), None)
        if row is not None:  # the proposal just decided stays selected and in view
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        self.summary.setText(work.notice() or _("Every proposal received has been appraised ({n}).",
                                                n=len(work.proposals)))

    def decide(self, decision: str) -> None:
        """Record a decision on the selected proposal."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose a proposal first."))
            return
        proposal_id, reason, actor = self.model.row_object(index.row()).id, self.reason.text(), self.ctx.actor

        def done(_result) -> None:
            self.message.setText(_("Recorded."))
            self.reason.clear()
            self.refresh()

        self._keep = proposal_id
        self.ctx.runner.call(lambda store: appraise(store, proposal_id, decision, reason, actor=actor),
                             changes={COMMENDATIONS}, on_done=done,
                             on_error=lambda exc: self.message.setText(error_text(exc)))

    def withdraw_decision(self) -> None:
        """Withdraw the decision on the selected proposal (a mistake): it is to be appraised again (audited)."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose a proposal first."))
            return
        proposal_id, actor = self.model.row_object(index.row()).id, self.ctx.actor
        self._keep = proposal_id

        def done(_result) -> None:
            self.message.setText(_("Decision withdrawn."))
            self.refresh()

        self.ctx.runner.call(lambda store: withdraw(store, proposal_id, actor=actor), changes={COMMENDATIONS},
                             on_done=done, on_error=lambda exc: self.message.setText(error_text(exc)))
