"""Driving the real window the way a person does: click a unit, open a cadre, pick a tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chilinh_desktop.ui.main_window import MainWindow


def click_unit(qtbot, window: MainWindow, code: str) -> None:
    """Click a unit's row in the tree."""
    index = window.proxy.mapFromSource(window.model.index_of(code))
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.unit_pane.unit_code == code


def open_cadre(qtbot, window: MainWindow, row: int = 0):
    """Put the cursor on a cadre in the unit pane and press Enter; return the cadre's record."""
    view = window.unit_pane.cadres_view
    view.setFocus()
    view.setCurrentIndex(window.unit_pane.cadres_model.index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.dossier_view
    return window.unit_pane.overview.cadres[row].official


def open_tab(window: MainWindow, kind: str):
    """Bring an item's tab to the front and return its page."""
    window.dossier_view.go_to_item(kind)
    page = window.dossier_view.current_page()
    assert page.item.id == kind
    return page


def type_text(widget, text: str) -> None:
    """Type Vietnamese text key by key (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def editable_cadre(store, unit_code: str | None = None) -> tuple[str, int]:
    """A unit code and the row of a cadre in it whose dossier is not signed off."""
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.units import unit_tree
    from chilinh_desktop.core.views import unit_overview

    cycle = get_cycle(store)
    codes = [unit_code] if unit_code else [n.unit.code for n in unit_tree(store, cycle.tree_date).walk()]
    for code in codes:
        for row, cadre in enumerate(unit_overview(store, cycle, code).cadres):
            if cadre.summary and not cadre.summary.dossier.locked:
                return code, row
    raise AssertionError("no editable cadre dossier")


def open_editable_cadre(qtbot, window, store, skip: int = 0):
    """Click through to an editable cadre's dossier (the `skip`-th unit that has one)."""
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.units import unit_tree

    cycle = get_cycle(store)
    found = []
    for node in unit_tree(store, cycle.tree_date).walk():
        try:
            found.append(editable_cadre(store, node.unit.code))
        except AssertionError:
            continue
        if len(found) > skip:
            break
    code, row = found[skip]
    click_unit(qtbot, window, code)
    return open_cadre(qtbot, window, row)


from screen_texts import visible_texts  # noqa: E402,F401 - shared with tests/board
