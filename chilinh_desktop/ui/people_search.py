"""The find box also finds cadres by name (diacritics and case ignored) and opens their dossier.

Typing two letters or more lists the matching cadres under the box, with their unit; Enter or
a click on one opens that cadre's dossier. Unit filtering of the tree goes on as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from chilinh_desktop.ops.registry import officials, unit_tree
from chilinh_desktop.ops.session import Cycle, Store
from chilinh_desktop.ui.unit_tree_model import fold

OFFICIAL_ROLE = Qt.ItemDataRole.UserRole + 1
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_SHOWN = 12


@dataclass(frozen=True)
class Person:
    """One cadre as the find box lists them."""

    official_id: str
    unit_code: str
    label: str  # "Full name — Unit"
    folded: str


def people(store: Store, cycle: Cycle) -> list[Person]:
    """Every active managed cadre with their unit's name."""
    units = {node.unit.id: node.unit for node in unit_tree(store, cycle.tree_date).walk()}
    found = []
    for official in officials(store):
        unit = units.get(official.unit_id)
        label = f"{official.full_name} — {unit.name}" if unit else official.full_name
        found.append(Person(official.id, unit.code if unit else "", label, fold(official.full_name)))
    return found


def matches(everyone: list[Person], text: str) -> list[Person]:
    """The cadres whose name holds every typed word (diacritics and case ignored)."""
    words = fold(text).split()
    if not words or len("".join(words)) < 2:
        return []
    return [p for p in everyone if all(w in p.folded for w in words)][:MAX_SHOWN]


class PeopleSearch(QObject):
    """A completer on the find box listing matching cadres; choosing one emits `chosen(id, unit code)`.

    A QObject owned by the box, holding no reference to the window: no reference cycle through
    a window for the garbage collector to break later on another thread.
    """

    chosen = Signal(str, str)  # official id, unit code

    def __init__(self, box: QLineEdit, load: Callable[[], list[Person]]):
        super().__init__(box)
        self.box = box
        self._load = load
        self._everyone: list[Person] | None = None
        self.model = QStandardItemModel(box)
        self.completer = QCompleter(self.model, box)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated[QModelIndex].connect(self._chosen)
        self.completer.setWidget(box)
        box.textEdited.connect(self.update)

    def forget(self) -> None:
        """The cadres changed (an import, a new cadre): read them again next time."""
        self._everyone = None

    def matching(self, text: str) -> list[Person]:
        """The cadres the box lists for this text (read once, then kept until `forget`)."""
        if len("".join(fold(text).split())) < 2:  # one letter lists nobody: the cadres are not even read
            return []
        if self._everyone is None:
            self._everyone = self._load()
        return matches(self._everyone, text)

    def update(self, text: str) -> None:
        """List the cadres matching the text typed."""
        self.model.clear()
        for person in self.matching(text):
            item = QStandardItem(person.label)
            item.setData(person.official_id, OFFICIAL_ROLE)
            item.setData(person.unit_code, UNIT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _chosen(self, index) -> None:
        official_id = index.data(OFFICIAL_ROLE)
        if official_id:
            self.chosen.emit(official_id, index.data(UNIT_ROLE) or "")

