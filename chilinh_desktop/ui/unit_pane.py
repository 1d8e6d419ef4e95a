"""A selected unit: its collective dossier's items and its managed cadres, each a door to a dossier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.dossiers import unit_overview
from chilinh_desktop.ui.common import list_table
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.labels import dossier_state_label, format_day
from chilinh_desktop.ui.list_models import ITEM_ROLE, ROW_ROLE, ItemStatusModel, OfficialListModel

if TYPE_CHECKING:
    from chilinh_desktop.ops.types import UnitOverview


def _table(model, stretch: int = 0) -> QTableView:
    """A list whose columns fit their contents; the one long-text column takes (and elides in) what is left,
    so the state columns on the right are never pushed out of sight or cut."""
    view = list_table(model)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class UnitPane(QWidget):
    """What a unit owes: the collective dossier and one dossier per managed cadre."""

    open_dossier = Signal(str, object)  # dossier id, item kind or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: UnitOverview | None = None
        self.heading = QLabel()
        self.heading.setObjectName("unitHeading")
        self.heading.setWordWrap(True)
        self.items_model = ItemStatusModel(ctx.cycle, self)
        self.cadres_model = OfficialListModel(self)
        self.items_view = _table(self.items_model)
        self.items_view.setObjectName("collectiveItems")
        self.cadres_view = _table(self.cadres_model, stretch=1)  # the posts are the long text
        self.cadres_view.setObjectName("cadreList")
        self.collective_state = QLabel()
        self.open_collective = QPushButton(_("Open the collective dossier"))
        self.open_collective.clicked.connect(lambda: self._open_collective(None))
        self.items_view.activated.connect(self._item_activated)
        self.cadres_view.activated.connect(self._cadre_activated)

        self.collective_box = QGroupBox(_("Collective dossier"))
        box = QVBoxLayout(self.collective_box)
        row = QHBoxLayout()
        row.addWidget(self.collective_state, 1)
        row.addWidget(self.open_collective)
        box.addLayout(row)
        box.addWidget(self.items_view)
        self.no_collective = QLabel(_("This unit does not prepare a collective dossier in this cycle."))
        self.no_collective.setWordWrap(True)
        box.addWidget(self.no_collective)

        self.cadres_box = QGroupBox(_("Managed cadres"))
        cbox = QVBoxLayout(self.cadres_box)
        hint = QLabel(_("Double-click or press Enter on a cadre to open their dossier."))
        hint.setObjectName("hint")
        cbox.addWidget(hint)
        cbox.addWidget(self.cadres_view)
        self.no_cadres = QLabel(_("No cadre of this unit is managed by the city Standing Committee."))
        cbox.addWidget(self.no_cadres)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.collective_box)
        splitter.addWidget(self.cadres_box)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    @property
    def unit_code(self) -> str | None:
        """The unit shown."""
        return self.overview.unit.code if self.overview else None

    def show_unit(self, code: str) -> None:
        """Read and show a unit's overview."""
        self.overview = unit_overview(self.ctx.store, self.ctx.cycle, code)
        unit = self.overview.unit
        types = self.ctx.session.vocabulary.unit_types
        type_name = types[unit.type].name if unit.type in types else unit.type
        code_text = _("code {code}", code=unit.code)
        from chilinh_desktop.ops.progress import unit_page  # loaded on first use

        # The Board counts what the unit signed and sent, not its own copies (as the tree and F10 do).
        self.overview, received, awaited = unit_page(self.ctx.store, self.ctx.cycle, self.overview)
        arrived = _("Package received by the Board on {day}", day=format_day(received.received_on)) if received else ""
        if awaited:
            arrived = _("The Board has not received this unit's package yet: nothing it sent is counted.")
        tail = f" · <b>{arrived}</b>" if arrived else ""
        self.heading.setText(f"<h2>{unit.name}</h2>{type_name} · {code_text}{tail}")
        collective = self.overview.collective
        self.items_model.set_rows(list(collective.statuses) if collective else [])
        self.items_view.setVisible(collective is not None)
        self.open_collective.setVisible(collective is not None)
        self.no_collective.setVisible(collective is None)
        if collective:
            self.collective_state.setText(
                _(
                    "{done} of {required} items done",
                    done=collective.done,
                    required=collective.required,
                )
                + " · "
                + dossier_state_label(collective.dossier.state)
            )
        else:
            self.collective_state.setText("")
        self.cadres_model.set_rows(list(self.overview.cadres))
        self.cadres_view.setVisible(bool(self.overview.cadres))
        self.no_cadres.setVisible(not self.overview.cadres)

    def refresh(self) -> None:
        """Re-read the unit shown."""
        if self.overview is not None:
            current = self.cadres_view.currentIndex()
            self.show_unit(self.overview.unit.code)
            if current.isValid():
                self.cadres_view.setCurrentIndex(self.cadres_model.index(current.row(), current.column()))

    def select_cadre(self, official_id: str) -> None:
        """Put the cursor on a cadre."""
        for row in range(self.cadres_model.rowCount()):
            if self.cadres_model.index(row, 0).data(ROW_ROLE) == official_id:
                self.cadres_view.setCurrentIndex(self.cadres_model.index(row, 0))

    def _open_collective(self, item_kind: str | None) -> None:
        if self.overview and self.overview.collective:
            self.open_dossier.emit(self.overview.collective.dossier.id, item_kind)

    def _item_activated(self, index: QModelIndex) -> None:
        self._open_collective(index.siblingAtColumn(0).data(ITEM_ROLE))

    def _cadre_activated(self, index: QModelIndex) -> None:
        if self.overview is None or not index.isValid():
            return
        row = self.overview.cadres[index.row()]
        if row.summary is not None:
            self.open_dossier.emit(row.summary.dossier.id, None)
