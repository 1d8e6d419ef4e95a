"""The first start: open the demo city, set up a unit office, or set up a Board installation.

The dialog only asks; ops.setup checks the choice and sets the installation up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.registry import shipped_vocabulary
from chilinh_desktop.ops.setup import Installation, check_installation, kit_signer
from chilinh_desktop.ui.common import ask_yes_no, button_box_texts


class FirstRunDialog(QDialog):
    """Three choices, with the unit's identity for a real installation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome"))
        self.setObjectName("firstRun")
        intro = QLabel(_("This computer has no review data yet. How will it be used?"))
        intro.setWordWrap(True)
        self.demo = QRadioButton(_("Open the demo city (fictional data, to try the program)"))
        self.unit = QRadioButton(_("A unit office: keep our unit's and our cadres' dossiers"))
        self.board = QRadioButton(_("An Organisation Board: receive and check the units' dossiers"))
        self.from_kit = QRadioButton(_("A unit office, set up from the Board's cycle kit"))
        self.kit_path = QLineEdit()
        self.kit_path.setPlaceholderText(_("the kit file (.zip) from the Board"))
        group = QButtonGroup(self)
        for button in (self.demo, self.unit, self.board, self.from_kit):
            group.addButton(button)
        self.demo.setChecked(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText("DB01")
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Đảng bộ phường Minh Khai"))
        self.unit_type = QComboBox()
        for unit_type in shipped_vocabulary().unit_types.values():  # no data file yet: the program's own
            self.unit_type.addItem(unit_type.name, unit_type.id)
        self.identity = QWidget()
        form = QFormLayout(self.identity)
        form.addRow(_("Code:"), self.code)
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Kind:"), self.unit_type)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        group.buttonToggled.connect(lambda *_args: self._update())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        button_box_texts(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.demo, self.unit, self.board, self.from_kit):
            layout.addWidget(button)
        layout.addWidget(self.kit_path)
        layout.addWidget(self.identity)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update()
        self.resize(520, 360)

    def _update(self) -> None:
        self.identity.setEnabled(not self.demo.isChecked())
        self.kit_path.setVisible(self.from_kit.isChecked())
        if self.board.isChecked():
            self.unit_type.setCurrentIndex(max(0, self.unit_type.findData("thanh_uy")))

    def choice(self) -> Installation:
        """What was chosen (ValidationError when a real installation lacks its identity)."""
        if self.demo.isChecked():
            return check_installation(Installation("demo"))
        if self.from_kit.isChecked():
            return check_installation(Installation("kit", self.code.text(), kit=self.kit_path.text()))
        role = "board" if self.board.isChecked() else "unit"
        return check_installation(Installation(role, self.code.text(), self.name.text(), self.unit_type.currentData()))

    def accept(self) -> None:
        try:
            choice = self.choice()
            if choice.role == "kit" and not self._kit_confirmed(choice):
                return
        except ChilinhError as exc:
            self.error.setText(exc.message)
            return
        super().accept()

    def _kit_confirmed(self, choice: Installation) -> bool:
        signer = kit_signer(Path(choice.kit))
        text = _("The kit is signed by {board} with the key\n\n{fingerprint}\n\nCompare it with the fingerprint "
                 "printed in the Board's dispatch. Use this kit?", board=signer.board_name,
                 fingerprint=signer.fingerprint)
        return ask_yes_no(self, _("The Board's key"), text)  # trusting a key is done on purpose: Enter says no
