"""A Qt item model over the core's unit tree (a thin adapter, no data of its own), and its filter."""

from __future__ import annotations

import unicodedata
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.types import UnitNode, UnitTree

if TYPE_CHECKING:  # the badges' module (and the dossiers' under it) loads with the first badges, after the paint
    from chilinh_desktop.ops.types import Badge

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, shared as the default parent

LATE_COLOUR = QColor("#c62828")
MISSING_COLOUR = QColor("#b26a00")
DONE_COLOUR = QColor("#2e7d32")


class Column(IntEnum):
    """Columns of the unit tree."""

    NAME = 0
    CODE = 1
    PROGRESS = 2


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics, so 'phuong' finds 'Phường'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def badge_text(badge: Badge | None) -> str:
    """The short badge shown beside a unit: done/required, and what is missing or late."""
    if badge is None or badge.required == 0:
        return ""
    return _badge_words(badge.done, badge.required, badge.missing, badge.late)


def widest_badge_text() -> str:
    """As wide as a badge gets (222/222 · 222 late), to size the column before any badge is known."""
    return _badge_words(222, 222, 0, 222)


def _badge_words(done: int, required: int, missing: int, late: int) -> str:
    text = f"{done}/{required}"
    if late:
        return text + " · " + _("{n} late", n=late)
    if missing:
        return text + " · " + _("{n} missing", n=missing)
    return text + " ✓"


class UnitTreeModel(QAbstractItemModel):
    """Units as a tree: name, code, and a progress badge per unit (its whole subtree)."""

    def __init__(self, tree: UnitTree, parent=None) -> None:
        super().__init__(parent)
        self._tree = tree
        self._parents: dict[int, UnitNode | None] = {}
        self._rows: dict[int, int] = {}
        self._badges: dict[str, Badge] = {}
        self._index_parents(tree)

    def _index_parents(self, tree: UnitTree) -> None:
        self._parents, self._rows = {}, {}
        for row, root in enumerate(tree.roots):
            self._parents[id(root)] = None
            self._rows[id(root)] = row
            for node in root.walk():
                for n, child in enumerate(node.children):
                    self._parents[id(child)] = node
                    self._rows[id(child)] = n

    @property
    def tree(self) -> UnitTree:
        """The tree shown."""
        return self._tree

    def set_tree(self, tree: UnitTree) -> None:
        """Replace the whole tree (after a change in the core)."""
        self.beginResetModel()
        self._tree = tree
        self._index_parents(tree)
        self.endResetModel()

    def set_badges(self, badges: dict[str, Badge]) -> None:
        """Show new progress counts (computed off the GUI thread)."""
        self._badges = badges
        if self._tree.roots:
            self._emit_badges_changed(QModelIndex())

    def _emit_badges_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows == 0:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, Column.PROGRESS, parent))
        # Only units with units below them get an index of their own (a province: 20 of 2,000).
        for row, node in enumerate(self._children(self._node(parent))):
            if node.children:
                self._emit_badges_changed(self.createIndex(row, 0, node))

    def badge(self, code: str) -> Badge | None:
        """The counts shown for a unit, if computed."""
        return self._badges.get(code)

    def index_of(self, code: str) -> QModelIndex:
        """The index of the unit with this code (invalid when not in the tree)."""
        node = self._tree.by_code.get(code)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._rows[id(node)], 0, node)

    def _node(self, index: Index) -> UnitNode | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, node: UnitNode | None) -> list[UnitNode]:
        return self._tree.roots if node is None else node.children

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(self._node(parent))
        if not (0 <= row < len(children) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None:
            return QModelIndex()
        parent = self._parents.get(id(node))
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._rows[id(parent)], 0, parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self._node(parent)))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        badge = self._badges.get(node.unit.code)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return node.unit.name
            if column == Column.CODE:
                return node.unit.code
            return badge_text(badge)
        if role == CODE_ROLE:
            return node.unit.code
        if role == BADGE_ROLE:
            return badge
        if role == SEARCH_ROLE:
            return fold(f"{node.unit.name} {node.unit.code}")
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.PROGRESS and badge is not None:
            if badge.late:
                return QBrush(LATE_COLOUR)
            return QBrush(MISSING_COLOUR if badge.missing else DONE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{node.unit.code} — {node.unit.name}"
            if badge is not None and badge.required:
                tip += "\n" + _(
                    "{done} of {required} required items done; {missing} missing, {late} late.",
                    done=badge.done,
                    required=badge.required,
                    missing=badge.missing,
                    late=badge.late,
                )
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.unit.name}, {badge_text(badge)}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (_("Unit"), _("Code"), _("Progress"))
            return titles[section] if 0 <= section < len(titles) else None
        return None


class UnitFilterModel(QSortFilterProxyModel):
    """Keeps the units whose name or code contains the typed words (diacritics optional), and their parents.

    Also kept: the units of the cadres the find box lists for the same words, so typing a person's name
    shows where they work instead of an empty tree.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._words: list[str] = []
        self._also: frozenset[str] = frozenset()

    def set_text(self, text: str, also: frozenset[str] | set[str] = frozenset()) -> None:
        """Filter by these words (empty: everything); `also`: unit codes kept whatever their name."""
        self.beginFilterChange()
        self._words = fold(text).split()
        self._also = frozenset(also)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._also and index.data(CODE_ROLE) in self._also:
            return True
        haystack = index.data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
