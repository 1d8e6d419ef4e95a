"""The first start: open the demo city, set up a unit office, or set up a Board installation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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

from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.errors import ChilinhError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.i18n import _
from chilinh_desktop.ui.common import button_box_texts


@dataclass(frozen=True)
class Installation:
    """What the first-run dialog chose."""

    role: str  # demo, unit, board, kit (a unit set up from the Board's cycle kit)
    code: str = ""
    name: str = ""
    unit_type: str = ""
    kit: str = ""


def set_up_installation(store: Store, choice: Installation, *, actor: str = "setup") -> list[str]:
    """Set the installation up (core calls only); return what the person should read (kit warnings, notes)."""
    if choice.role == "kit":
        from chilinh_desktop.package.kit import import_kit, read_kit

        setup = import_kit(store, read_kit(Path(choice.kit)), choice.code, actor=actor)
        return [*setup.warnings, *setup.notes]
    cycle = load_cycle_file(shipped_cycle_files()[-1])
    with store.atomic():
        install_cycle(store, cycle, actor=actor)
        add_unit(
            store,
            code=choice.code,
            name=choice.name,
            type=choice.unit_type,
            parent_code=None,
            valid_from=dt.date(cycle.year, 1, 1),
            actor=actor,
        )
        store.set_setting("role", choice.role)
        store.set_setting("unit_code", choice.code.upper())
        store.set_setting("unit_name", choice.name)
    return []


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
        for unit_type in vocabulary().unit_types.values():
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
            return Installation("demo")
        code, name = self.code.text().strip().upper(), self.name.text().strip()
        if self.from_kit.isChecked():
            if not code or not self.kit_path.text().strip():
                raise ValidationError(_("Choose the kit file and enter the unit's code."), [("code", code)])
            return Installation("kit", code, kit=self.kit_path.text().strip())
        if not code or not name:
            raise ValidationError(_("Enter the code and the name of the unit."), [("code", code), ("name", name)])
        return Installation("board" if self.board.isChecked() else "unit", code, name, self.unit_type.currentData())

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
        from PySide6.QtWidgets import QMessageBox

        from chilinh_desktop.package.kit import read_kit

        kit = read_kit(Path(choice.kit))
        text = _("The kit is signed by {board} with the key\n\n{fingerprint}\n\nCompare it with the fingerprint "
                 "printed in the Board's dispatch. Use this kit?", board=kit.board_name, fingerprint=kit.fingerprint)
        return QMessageBox.question(self, _("The Board's key"), text) == QMessageBox.StandardButton.Yes
