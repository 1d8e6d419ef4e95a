"""The main window. For now: the unit tree read from the database."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTreeView

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.i18n import _
from chilinh_desktop.ui.unit_tree_model import UnitTreeModel


class MainWindow(QMainWindow):
    """The unit tree on the left, details of the selection on the right."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        try:
            cycle = get_cycle(store)
            day = cycle.tree_date
            title = cycle.title
        except ChilinhError:
            day, title = store.clock.today(), ""
        self.setWindowTitle(_("Review dossiers — {title}", title=title) if title else _("Review dossiers"))
        self.model = UnitTreeModel(unit_tree(store, day), self)
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setModel(self.model)
        self.tree.expandToDepth(0)
        self.tree.resizeColumnToContents(0)
        self.detail = QLabel(_("Choose a unit on the left."))
        self.detail.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 600])
        self.setCentralWidget(splitter)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.resize(1100, 720)

    def _on_current(self, current, _previous) -> None:
        code = current.siblingAtColumn(1).data()
        name = current.siblingAtColumn(0).data()
        self.detail.setText(f"{code} — {name}" if code else "")
