"""Choosing a unit by its name: a drop-down that filters as the clerk types any part of the name or the code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from chilinh_desktop.i18n import _


class UnitPicker(QComboBox):
    """An editable list of units shown as "Name (CODE)"; typing any part of a name narrows the list.

    `unit()` gives the chosen unit's code, or the typed text as it is: the operation then accepts a
    code or an exact name and refuses anything else with its own words (the same as the command line).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitPicker")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.lineEdit().setPlaceholderText(_("Unit (type part of its name)"))
        self.setToolTip(_("Choose the unit by its name; typing part of the name or the code narrows the list."))
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._codes: dict[str, str] = {}  # shown label -> code

    def set_units(self, names: dict[str, str]) -> None:
        """Offer these units (code -> name), by name; what was typed stays."""
        typed = self.currentText()
        labels = {f"{name} ({code})": code for code, name in sorted(names.items(), key=lambda p: (p[1], p[0]))}
        if labels == self._codes:
            return
        self._codes = labels
        self.blockSignals(True)
        self.clear()
        self.addItems(list(labels))
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def unit(self) -> str:
        """The chosen unit's code, or the text typed (a code or an exact name, checked by the operation)."""
        text = self.currentText().strip()
        return self._codes.get(text, text)
