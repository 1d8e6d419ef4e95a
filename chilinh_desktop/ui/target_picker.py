"""Choosing where a package goes: removable drives first, then other places, or any folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.files import export_targets


def target_label(path: Path, kind: str) -> str:
    """How a place to export to is shown."""
    names = {"removable": _("USB drive"), "home": _("Your folder"), "fixed": _("Disk"), "network": _("Network drive")}
    return f"{names.get(kind, kind)}: {path}"


class TargetPicker(QWidget):
    """A list of likely targets (USB sticks first) with an "Other folder…" button."""

    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a drive's path is never cut
        if object_name:
            self.combo.setObjectName(object_name)
        for target in export_targets():  # removable drives come first
            self.combo.addItem(target_label(target.path, target.kind), str(target.path))
        browse = QPushButton(_("Other folder…"))
        browse.setAutoDefault(False)  # Enter in the dialog means its main action, not browsing
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(browse)

    def folder(self) -> str | None:
        """The chosen folder, or None when there is none."""
        return self.combo.currentData()

    def set_target(self, folder: Path) -> None:
        """Choose this folder (also what the folder chooser does)."""
        self.combo.insertItem(0, str(folder), str(folder))
        self.combo.setCurrentIndex(0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where to write the package"))
        if folder:
            self.set_target(Path(folder))
