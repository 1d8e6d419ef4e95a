"""Opening a received package's confidential files (hồ sơ mật) at the Board, one at a time, on request."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.exchange import confidential_files, open_confidential, plain_name
from chilinh_desktop.ui.common import ask_board_passphrase
from chilinh_desktop.ui.operations import error_text


class ConfidentialDialog(QDialog):
    """The confidential files of one received package; opening one asks the passphrase and is audited."""

    def __init__(self, ctx, package_id: str, parent: QWidget | None = None, *, open_url=None) -> None:
        super().__init__(parent)
        self.setObjectName("confidentialDialog")
        self.setWindowTitle(_("Confidential files of the package"))
        self.ctx, self.package_id = ctx, package_id
        self.open_url = open_url or QDesktopServices.openUrl
        self.written: Path | None = None
        self._temp: Path | None = None
        self.files = QListWidget()
        self.files.addItems(confidential_files(ctx.store, package_id))
        self.files.setCurrentRow(0)
        self.status = QLabel(_("Opening a file is recorded in the audit trail. A decrypted file is sensitive: "
                               "close and delete it after use."))
        self.status.setWordWrap(True)
        open_button = QPushButton(_("Open"))
        open_button.clicked.connect(lambda: self.decrypt_to(None))
        save = QPushButton(_("Save as…"))
        save.clicked.connect(self._save_as)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (open_button, save):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 320)
        self.finished.connect(self._clean_up)

    def _passphrase(self) -> tuple[bool, str | None]:
        return ask_board_passphrase(self.ctx, self)

    def _save_as(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the decrypted file"), plain_name(item.text()))
            if path:
                self.decrypt_to(Path(path))

    def decrypt_to(self, target: Path | None) -> None:
        """Decrypt the chosen file to `target` (None: a private temporary file, then open it)."""
        item = self.files.currentItem()
        if item is None:
            return
        ok, passphrase = self._passphrase()
        if not ok:
            return
        name, package_id, actor = item.text(), self.package_id, self.ctx.actor
        if target is None:
            self._temp = self._temp or Path(tempfile.mkdtemp(prefix="chilinh-"))
            target = self._temp / plain_name(name)

        def run(store) -> Path:
            return open_confidential(store, package_id, name, target, passphrase, actor=actor)

        # Audited, so it is a write: it goes through the writer thread like every other.
        self.ctx.runner.call(run, on_done=lambda path: self._done(path, opening=target.parent == self._temp),
                             on_error=self._failed)

    def _done(self, path: Path, *, opening: bool) -> None:
        self.written = path
        self.status.setText(_("Decrypted to {path}. It is sensitive: delete it after use.", path=path))
        if opening:
            self.open_url(QUrl.fromLocalFile(str(path)))

    def _failed(self, error: Exception) -> None:
        self.status.setText(error_text(error))

    def _clean_up(self) -> None:
        # Decrypted copies opened from here should not outlive the dialog (best effort: a viewer may hold one).
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
