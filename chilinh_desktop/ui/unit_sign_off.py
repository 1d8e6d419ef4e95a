"""Sign off a whole unit in one step, through the same operation as `chilinh signoff --unit`.

One dialog lists every dossier with its state and what it still misses, and the findings of
the rating rules; one signer name; the warnings are acknowledged once, for all dossiers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.signoff import (
    SignOffPlan,
    SignOffRefused,
    SignOffResult,
    finding_line,
    sign_off,
    sign_off_plan,
)
from chilinh_desktop.ui.common import button_box_texts, warn
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.findings import refusal_text
from chilinh_desktop.ui.labels import dossier_state_label
from chilinh_desktop.ui.operations import error_text


class UnitSignOffDialog(QDialog):
    """Every dossier of a unit, the findings, one signer: sign off what is ready."""

    def __init__(self, ctx: AppContext, unit_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitSignOff")
        self.ctx = ctx
        self.unit_code = unit_code
        self.result_: SignOffResult | None = None
        self.setWindowTitle(_("Sign off the whole unit"))
        ctx.autosave.flush()
        ctx.runner.wait_idle()
        self.plan: SignOffPlan = sign_off_plan(ctx.store, ctx.cycle, unit_code)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Dossier"), _("State"), _("Still missing")])
        for line in self.plan.dossiers:
            missing = "; ".join(line.missing)
            row = [QStandardItem(line.subject), QStandardItem(dossier_state_label(line.dossier.state)),
                   QStandardItem(missing or ("—" if line.dossier.locked else _("nothing: ready")))]
            for cell in row:
                cell.setEditable(False)
                cell.setToolTip(missing)
            self.model.appendRow(row)
        self.table = QTableView()
        self.table.setObjectName("signOffDossiers")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.findings = QListWidget()
        self.findings.setObjectName("signOffFindings")
        for finding in self.plan.errors:
            self.findings.addItem("⛔ " + finding_line(finding))
        for finding in self.plan.warnings:
            self.findings.addItem("⚠ " + finding_line(finding))
        # A finding is a sentence or two: wrapped at the dialog's edge, never cut off; the list scrolls.
        self.findings.setWordWrap(True)
        self.findings.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.findings.setVisible(bool(self.plan.errors or self.plan.warnings))
        self.findings.setMaximumHeight(160)
        self.acknowledge = QCheckBox(
            _("I have read the {n} warnings and sign off anyway (recorded in the audit trail).",
              n=len(self.plan.warnings))
        )
        self.acknowledge.setVisible(bool(self.plan.warnings))
        self.signer = QLineEdit(ctx.session.settings.signer)
        self.signer.setObjectName("signer")
        self.why = QLabel()
        self.why.setObjectName("signOffWhy")
        self.why.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        button_box_texts(self.buttons)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Sign off {n} dossiers", n=len(self.plan.ready)))
        self.buttons.accepted.connect(self._sign)
        self.buttons.rejected.connect(self.reject)

        ready, total = len(self.plan.ready), len(self.plan.dossiers)
        summary = QLabel(_("{ready} of {total} dossiers are ready to be signed off; the others stay as they are.",
                           ready=ready, total=total))
        summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Signed off by (name and post):"), self.signer)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.findings)
        layout.addWidget(self.acknowledge)
        layout.addLayout(form)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        self.signer.textChanged.connect(self._update)
        self.acknowledge.toggled.connect(self._update)
        self._update()
        self.resize(760, 480)

    def blocker(self) -> str:
        """Why the sign-off cannot be done now ('' when it can)."""
        if self.plan.errors:
            return _("The rating rules find {n} errors; correct them first.", n=len(self.plan.errors))
        if not self.plan.ready:
            return _("No dossier is ready: complete the missing items first.")
        if self.plan.warnings and not self.acknowledge.isChecked():
            return _("Read the warnings and tick the box to sign off anyway.")
        if not self.signer.text().strip():
            return _("Type who signs off.")
        return ""

    def _update(self) -> None:
        why = self.blocker()
        self.ok.setEnabled(not why)
        self.ok.setToolTip(why)
        self.why.setText(why)
        self.why.setVisible(bool(why))

    def _sign(self) -> None:
        if self.blocker():
            return
        ctx, code, by = self.ctx, self.unit_code, self.signer.text().strip()
        acknowledge = bool(self.plan.warnings)
        ids = [line.dossier.id for line in self.plan.ready]

        def done(result: SignOffResult) -> None:
            self.result_ = result
            self.accept()

        def failed(exc: Exception) -> None:
            warn(self, _("The action was not done"),
                 refusal_text(exc) if isinstance(exc, SignOffRefused) else error_text(exc))

        ctx.runner.call(
            lambda store: sign_off(store, ctx.cycle, code, by=by, acknowledge=acknowledge),
            changes=changes.dossiers(ids) | {changes.RATINGS},
            on_done=done,
            on_error=failed,
        )
