"""A Qt item model over the core's unit tree (a thin adapter, no data of its own)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from chilinh_desktop.core.units import UnitNode, UnitTree
from chilinh_desktop.i18n import _

CODE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class UnitTreeModel(QAbstractItemModel):
    """Units as a tree: column 0 the name, column 1 the code."""

    COLUMNS = 2

    def __init__(self, tree: UnitTree, parent=None) -> None:
        super().__init__(parent)
        self._tree = tree
        self._parents: dict[int, UnitNode | None] = {}
        self._index_parents(tree)

    def _index_parents(self, tree: UnitTree) -> None:
        self._parents = {}
        for root in tree.roots:
            self._parents[id(root)] = None
            for node in root.walk():
                for child in node.children:
                    self._parents[id(child)] = node

    def set_tree(self, tree: UnitTree) -> None:
        """Replace the whole tree (after a change in the core)."""
        self.beginResetModel()
        self._tree = tree
        self._index_parents(tree)
        self.endResetModel()

    def _node(self, index: Index) -> UnitNode | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, node: UnitNode | None) -> list[UnitNode]:
        return self._tree.roots if node is None else node.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        children = self._children(self._node(parent))
        if not (0 <= row < len(children) and 0 <= column < self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None:
            return QModelIndex()
        parent = self._parents.get(id(node))
        if parent is None:
            return QModelIndex()
        grandparent = self._parents.get(id(parent))
        row = self._children(grandparent).index(parent)
        return self.createIndex(row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self._node(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.unit.name if index.column() == 0 else node.unit.code
        if role == CODE_ROLE:
            return node.unit.code
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.unit.code} — {node.unit.name}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Unit"), _("Code"))[section] if 0 <= section < self.COLUMNS else None
        return None
