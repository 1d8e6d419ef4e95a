"""Telling the clerk where a written file went, with a choice to open its folder; the folder to start in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ui.common import message_box_texts

UrlOpener = Callable[[QUrl], bool]


def documents_folder() -> Path:
    """The user's Documents folder when it exists, else the home folder (where a clerk looks for files)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def tell_saved(parent: QWidget, path: Path, *, open_url: UrlOpener | None = None) -> QMessageBox:
    """Say which file was written and in which folder (status bar and a notice offering to open the folder)."""
    folder = path.parent
    window: QWidget | None = parent.window()
    while window is not None and not isinstance(window, QMainWindow):  # a dialog: its main window's status bar
        window = window.parentWidget().window() if window.parentWidget() is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(_("Saved “{name}” in {folder}", name=path.name, folder=str(folder)), 15000)
    box = QMessageBox(QMessageBox.Icon.Information, _("File saved"),
                      _("The file “{name}” was saved in the folder:\n{folder}", name=path.name, folder=str(folder)),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("savedFile")
    message_box_texts(box)
    opener = open_url or QDesktopServices.openUrl
    open_button = box.addButton(_("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    open_button.setObjectName("openFolder")
    open_button.clicked.connect(lambda: opener(QUrl.fromLocalFile(str(folder))))
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.open()
    return box
