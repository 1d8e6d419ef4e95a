"""The find box finds cadres by name, diacritics and case ignored, and opens their dossier."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.ui.people_search import OFFICIAL_ROLE
from chilinh_desktop.ui.unit_tree_model import fold


def test_typing_a_name_without_diacritics_finds_the_cadre_and_opens_the_dossier(qtbot, window, demo_store):
    cycle = get_cycle(demo_store)

    def has_dossier(official) -> bool:
        try:
            return bool(find_dossier(demo_store, cycle, official_id=official.id))
        except NotFoundError:
            return False

    official = next(o for o in list_officials(demo_store) if o.full_name != fold(o.full_name) and has_dossier(o))
    typed = fold(official.full_name).upper()  # "NGO MANH PHUC" for "Ngô Mạnh Phúc"
    window.filter.setFocus()
    qtbot.keyClicks(window.filter, typed)
    model = window.people.model
    ids = [model.index(r, 0).data(OFFICIAL_ROLE) for r in range(model.rowCount())]
    assert official.id in ids
    assert official.full_name in model.index(ids.index(official.id), 0).data()

    window.people.completer.activated[type(model.index(0, 0))].emit(model.index(ids.index(official.id), 0))
    expected = find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)
    assert window.dossier_view.dossier_id == expected.id
    assert window.stack.currentWidget() is window.dossier_view


def test_a_name_that_matches_no_one_lists_nothing(qtbot, window):
    window.filter.setFocus()
    qtbot.keyClicks(window.filter, "zzxq")
    assert window.people.model.rowCount() == 0
    qtbot.keyClick(window.filter, Qt.Key.Key_Escape)


def test_the_tree_keeps_the_units_of_the_cadres_listed_instead_of_going_blank(qtbot, window, demo_store):
    from chilinh_desktop.ui.unit_tree_model import CODE_ROLE

    official = next(o for o in list_officials(demo_store) if len(o.full_name.split()) >= 3)
    typed = fold(official.full_name)
    window.filter.setFocus()
    qtbot.keyClicks(window.filter, typed)
    assert window.people.model.rowCount() >= 1

    def shown(parent=None) -> set[str]:
        from PySide6.QtCore import QModelIndex

        parent = parent or QModelIndex()
        codes = set()
        for row in range(window.proxy.rowCount(parent)):
            index = window.proxy.index(row, 0, parent)
            codes |= {index.data(CODE_ROLE)} | shown(index)
        return codes

    units = {p.unit_code for p in window.people.matching(typed)}
    assert units and units <= shown()  # the person's unit is in the tree, not an empty pane
