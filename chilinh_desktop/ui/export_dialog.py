"""Exporting the unit's package from the window (issue 5): choose the USB stick, watch the progress, see the result.

The export writes the package and records it, so it runs as an operation on the writer thread;
its progress crosses back to the GUI thread through a signal, and Cancel stops it at the next file
(the half-written file is removed and the database is unchanged).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.exchange import ExportResult, export_unit, own_key_needs_passphrase
from chilinh_desktop.ops.queries import unit_name
from chilinh_desktop.ops.signoff import sign_off_plan
from chilinh_desktop.ui.common import read_only_look
from chilinh_desktop.ui.focus import skip_read_only
from chilinh_desktop.ui.open_pdf import open_pdf
from chilinh_desktop.ui.operations import Cancelled, error_text
from chilinh_desktop.ui.target_picker import TargetPicker


class ExportDialog(QDialog):
    """Export one unit's signed package to a chosen place."""

    progressed = Signal(int, int, str)
    open_dossier = Signal(str)  # a dossier that still stands in the way

    def __init__(self, ctx, unit_code: str, parent: QWidget | None = None, *, open_url=None) -> None:
        super().__init__(parent)
        read_only_look(self)  # the package's file, SHA-256 and fingerprint
        self.open_url = open_url  # None: the system's (QDesktopServices.openUrl)
        self.slip_view = None  # the program's own view of the slip, when the system has no viewer
        self.setObjectName("exportDialog")
        self.setWindowTitle(_("Export the package of {unit}", unit=unit_name(ctx.store, unit_code)))
        self.ctx, self.unit_code = ctx, unit_code
        self.cancel_requested = False
        self.result: ExportResult | None = None
        self.target = TargetPicker("exportTarget")
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.status = QLabel(_("Choose the USB stick, then press Export."))
        self.status.setWordWrap(True)
        self.file_name, self.sha256, self.fingerprint = QLineEdit(), QLineEdit(), QLineEdit()
        facts = QFormLayout()
        for label, field in ((_("File"), self.file_name), (_("SHA-256"), self.sha256),
                             (_("Fingerprint"), self.fingerprint)):
            field.setReadOnly(True)
            facts.addRow(label, field)
        self.start = QPushButton(_("Export"))
        self.start.setObjectName("exportStart")
        self.start.clicked.connect(self.run_export)
        self.cancel = QPushButton(_("Cancel"))
        self.cancel.clicked.connect(self._cancel)
        self.slip = QPushButton(_("Open the handover slip"))
        self.slip.setEnabled(False)
        self.slip.clicked.connect(self._open_slip)
        self.close_button = close = QPushButton(_("Close"))
        close.setObjectName("exportClose")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.start, self.cancel, self.slip, close):
            button.setAutoDefault(False)
        self.start.setDefault(True)  # Enter exports once nothing stands in the way
        for button in (self.start, self.cancel, self.slip):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.blockers = QListWidget()
        self.blockers.setObjectName("exportBlockers")
        self.blockers.setToolTip(_("Double-click or press Enter to open the dossier."))
        self.blockers.itemActivated.connect(self._open_blocker)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blockers)
        layout.addWidget(self.target)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(facts)
        layout.addLayout(buttons)
        self.progressed.connect(self._progress)
        skip_read_only(self)  # Tab goes from the target to the buttons, not through the file's facts
        (self.blockers if self.show_blockers() else self.start).setFocus()
        self.resize(720, 420 if self.blockers.count() else 300)

    def show_blockers(self) -> int:
        """List the dossiers not signed off yet (each opens its dossier); Export is off while any is left."""
        self.blockers.clear()
        plan = sign_off_plan(self.ctx.store, self.ctx.cycle, self.unit_code)
        for line in plan.dossiers:
            if line.dossier.locked:
                continue
            gaps = "; ".join(line.missing) if line.missing else _("complete, waiting to be signed off")
            item = QListWidgetItem(f"{line.subject}: {gaps}")
            item.setData(Qt.ItemDataRole.UserRole, line.dossier.id)
            item.setToolTip(gaps)
            self.blockers.addItem(item)
        count = self.blockers.count()
        self.blockers.setVisible(bool(count))
        why = _("{n} dossiers are not signed off yet; complete and sign them off, then export.", n=count)
        self.start.setEnabled(not count)
        self.start.setToolTip(why if count else "")
        if count:
            self.status.setText(why + " " + _("Double-click a line to open the dossier."))
        return count

    def _open_blocker(self, item: QListWidgetItem) -> None:
        self.open_dossier.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def set_target(self, folder: Path) -> None:
        """Write to this folder."""
        self.target.set_target(folder)

    def _passphrase(self) -> str | None:
        if not own_key_needs_passphrase(self.ctx.store):
            return None
        text, ok = QInputDialog.getText(self, _("Passphrase"), _("Passphrase of the signing key:"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def run_export(self) -> None:
        """Write the package to the chosen place (on the writer thread)."""
        folder = self.target.folder()
        if not folder:
            self.status.setText(_("Choose where to write the package."))
            return
        passphrase = self._passphrase()
        self.cancel_requested = False
        self.start.setEnabled(False)
        cycle, code = self.ctx.cycle, self.unit_code

        def progress(done: int, total: int, text: str) -> None:
            if self.cancel_requested:
                raise Cancelled()
            self.progressed.emit(done, total, text)

        self.ctx.runner.call(lambda store: export_unit(store, cycle, code, Path(folder), passphrase=passphrase,
                                                       actor=self.ctx.actor, progress=progress),
                             changes={"tree"}, on_done=lambda exported: self._done(exported.result),
                             on_error=self._failed)

    def _progress(self, done: int, total: int, text: str) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        self.status.setText(_("Writing the package: {done}/{total}", done=done, total=total))

    def _cancel(self) -> None:
        self.cancel_requested = True

    def _failed(self, error: Exception) -> None:
        self.start.setEnabled(True)
        if isinstance(error, Cancelled):
            self.status.setText(_("The export was cancelled. Nothing was written and nothing changed."))
        elif not self.show_blockers():
            self.status.setText(error_text(error))

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.start.setEnabled(True)
        self.bar.setValue(self.bar.maximum())
        self.file_name.setText(result.path.name)
        self.sha256.setText(result.sha256)
        self.fingerprint.setText(result.fingerprint)
        self.slip.setEnabled(True)
        self.status.setText(_("Package written and checked: {path}", path=result.path))
        # Done: Enter now closes. A second Enter must not write a second package; exporting again takes a click.
        self.start.setDefault(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _open_slip(self) -> None:
        if self.result is not None:
            self.slip_view = open_pdf(self, self.result.slip_path, _("Handover slip"), open_url=self.open_url)
