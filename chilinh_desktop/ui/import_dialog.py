"""Importing units' packages from a folder or a USB drive, with progress and a per-package report.

Checking runs as a read-only job (progress, cancel); a unit's first key is then shown to the
person for comparison with the handover slip; the accepted packages are written by one
operation on the writer thread (one transaction up to 256 MiB of packages: ops/importing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.exchange import Imported, ImportOutcome, ImportPlan, commit_import, package_files, plan_import
from chilinh_desktop.ops.files import REMOVABLE, export_targets
from chilinh_desktop.ui.common import ask_board_passphrase, ask_yes_no
from chilinh_desktop.ui.operations import error_text

Confirm = Callable[[QWidget, ImportOutcome], bool]


def status_names() -> dict[str, str]:
    """The per-package results as a person reads them."""
    return {"imported": _("imported"), "superseded": _("imported, replaces the earlier package"),
            "already": _("already received"), "waiting": _("waiting for key confirmation"),
            "refused": _("refused")}


def confirm_first_key(parent: QWidget, outcome: ImportOutcome) -> bool:
    """Ask a person to compare a unit's first key with its handover slip."""
    text = _("This is the first package of {unit} ({code}). Its signing key fingerprint is:\n\n{fingerprint}\n\n"
             "Compare it with the fingerprint printed on the handover slip. Accept this key for the unit?",
             unit=outcome.unit_name or "", code=outcome.unit_code or "", fingerprint=outcome.fingerprint or "")
    # Trusting a key is the Board's decision to make on purpose: Enter keeps the package waiting.
    return ask_yes_no(parent, _("A unit's first signing key"), text)


class ImportDialog(QDialog):
    """Choose a folder or drive, import everything in it, and see what happened to each package."""

    def __init__(self, ctx, parent: QWidget | None = None, *, confirm: Confirm = confirm_first_key) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import the units' packages"))
        self.ctx, self.confirm = ctx, confirm
        self.source = QComboBox()
        self.source.setObjectName("importSource")
        for target in export_targets():
            if target.kind == REMOVABLE:
                self.source.addItem(_("USB drive {path}", path=str(target.path)), str(target.path))
        browse = QPushButton(_("Choose a folder…"))
        browse.clicked.connect(self._browse)
        self.start = QPushButton(_("Import"))
        self.start.setObjectName("importStart")
        self.start.clicked.connect(self.run_import)
        self.browse = browse
        for button in (browse, self.start):
            button.setAutoDefault(False)  # Enter: choose a folder while there is none, then Import
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(browse)
        row.addWidget(self.start)
        self.status = QLabel(_("Choose where the packages are: a USB drive or a folder."))
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("importReport")
        self.table.setHorizontalHeaderLabels([_("File"), _("Unit"), _("Result"), _("Reasons")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.outcomes: list[ImportOutcome] = []
        for button in buttons.buttons():
            button.setAutoDefault(False)
        self._enter_goes_to(self.start if self.source.count() else browse)
        self.resize(900, 480)

    def set_source(self, folder: Path) -> None:
        """Use this folder (also what the folder chooser does)."""
        self.source.insertItem(0, str(folder), str(folder))
        self.source.setCurrentIndex(0)
        self._enter_goes_to(self.start)

    def _enter_goes_to(self, button: QPushButton) -> None:
        for other in (self.browse, self.start):
            other.setDefault(other is button)
        button.setFocus()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder with the packages"))
        if folder:
            self.set_source(Path(folder))

    def run_import(self) -> None:
        """Check every package in the chosen place (job), then import the good ones (operation)."""
        folder = self.source.currentData()
        if not folder:
            self.status.setText(_("Choose a folder first."))
            return
        files = package_files([Path(folder)])
        if not files:
            self.status.setText(_("There is no package (.zip) in {folder}.", folder=folder))
            return
        ok, passphrase = ask_board_passphrase(self.ctx, self)  # sealed packages open with the Board's keys
        if not ok:
            return
        self.start.setEnabled(False)
        self.status.setText(_("Checking {count} packages…", count=len(files)))
        job = self.ctx.jobs.start(lambda store, control: plan_import(store, files, control.step,
                                                                     passphrase=passphrase),
                                  _("Checking the packages"), self._checked)
        job.signals.finished.connect(lambda _job, _result, error: error and self._failed(error))

    def _failed(self, error: Exception) -> None:
        self.start.setEnabled(True)
        self.status.setText(error_text(error))

    def _checked(self, plan: ImportPlan) -> None:
        # Exactly the fingerprints a person saw and accepted; each one only for its own unit's packages.
        accepted = {o.fingerprint for o in plan.new_keys if o.fingerprint and self.confirm(self, o)}
        self.status.setText(_("Importing…"))
        self.ctx.runner.call(lambda store: commit_import(store, plan, accepted, actor="import"),
                             on_done=self._imported, on_error=self._failed)

    def _imported(self, imported: Imported) -> None:
        outcomes = self.outcomes = imported.outcomes
        self.start.setEnabled(True)
        names = status_names()
        self.table.setRowCount(len(outcomes))
        for row, outcome in enumerate(outcomes):
            values = [outcome.path.name, outcome.unit_code or "", names[outcome.status], " ".join(outcome.reasons)]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        counts = {status: sum(1 for o in outcomes if o.status == status) for status in names}
        self.status.setText(_("{imported} imported, {superseded} replacing earlier ones, {already} already there, "
                              "{waiting} waiting, {refused} refused.", **counts))
