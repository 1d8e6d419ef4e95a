"""Writing an archived package again (ghi lại gói đã xuất) from the window: pick the package and the stick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.exchange import RewriteResult, Rewritten, rewrite_package
from chilinh_desktop.ops.queries import exported_packages
from chilinh_desktop.ui.operations import error_text
from chilinh_desktop.ui.target_picker import TargetPicker


class RewriteDialog(QDialog):
    """List the archive; write the chosen package to the chosen folder, byte for byte."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewriteDialog")
        self.setWindowTitle(_("Write an exported package again"))
        self.ctx = ctx
        self.result: RewriteResult | None = None
        self.packages = QListWidget()
        for package in exported_packages(ctx.store):
            text = f"{package.unit_code}  {package.file_name}  ({package.created_at[:16]})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, package.id)
            self.packages.addItem(item)
        self.packages.setCurrentRow(0)
        self.target = TargetPicker()
        self.status = QLabel(_("Choose the package and the USB stick, then press Write."))
        self.status.setWordWrap(True)
        self.start = QPushButton(_("Write"))
        self.start.clicked.connect(self.run_write)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.packages)
        layout.addWidget(self.target)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(720, 360)

    def set_target(self, folder: Path) -> None:
        """Write to this folder."""
        self.target.set_target(folder)

    def run_write(self) -> None:
        """Write the chosen package (on the writer thread: it is audited)."""
        item, folder = self.packages.currentItem(), self.target.folder()
        if item is None or not folder:
            self.status.setText(_("Choose the package and where to write it."))
            return
        package_id, actor = item.data(Qt.ItemDataRole.UserRole), self.ctx.actor
        self.start.setEnabled(False)
        self.ctx.runner.call(lambda store: rewrite_package(store, package_id, Path(folder), actor=actor),
                             on_done=self._done, on_error=self._failed)

    def _failed(self, error: Exception) -> None:
        self.start.setEnabled(True)
        self.status.setText(error_text(error))

    def _done(self, rewritten: Rewritten) -> None:
        self.result = result = rewritten.result
        self.start.setEnabled(True)
        self.status.setText(_("Package written again and checked: {path}", path=result.path) + "\n"
                            + _("SHA-256: {sha256}", sha256=result.sha256) + "\n"
                            + _("Handover slip: {path}", path=result.slip_path))
