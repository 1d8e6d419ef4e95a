"""Menus, shortcuts, find, settings, About, first run and remembered window state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.ops.setup import Installation, set_up_installation
from chilinh_desktop.ui.about import AboutDialog
from chilinh_desktop.ui.first_run import FirstRunDialog
from chilinh_desktop.ui.settings_dialog import SettingsDialog


def test_everyday_shortcuts_are_bound(window):
    keys = {
        name: window.actions[name].shortcut()
        for name in ("save", "print", "find", "next_item", "previous_item", "dashboard")
    }
    assert keys["save"] == QKeySequence(QKeySequence.StandardKey.Save)
    assert keys["print"] == QKeySequence(QKeySequence.StandardKey.Print)
    assert keys["find"] == QKeySequence(QKeySequence.StandardKey.Find)
    assert keys["next_item"] == QKeySequence("Ctrl+PgDown") and keys["dashboard"] == QKeySequence("F9")


def test_find_filters_the_tree_and_keyboard_moves_through_it(qtbot, window):
    window.actions["find"].trigger()
    assert window.filter.hasFocus() or window.filter.isVisible()
    qtbot.keyClicks(window.filter, "minh khai")
    root = window.proxy.index(0, 0)
    assert window.proxy.rowCount(root) == 1
    window.tree.setFocus()
    window.tree.setCurrentIndex(root)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.unit_pane.unit_code == "DB01"


def test_settings_dialog_stores_margins_and_identity(qtbot, window, demo_store, qsettings):
    dialog = SettingsDialog(window.ctx, qsettings, window)
    qtbot.addWidget(dialog)
    dialog.margins[2].setValue(25)
    dialog.unit_name.setText("Thành ủy Minh Giang")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    window.ctx.runner.wait_idle()
    assert demo_store.get_setting("print.margins") == "20,20,25,15"
    assert demo_store.get_setting("unit_name") == "Thành ủy Minh Giang"
    assert qsettings.value("language") == "en"


def test_about_dialog_names_the_cycle(qtbot, window):
    dialog = AboutDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert window.ctx.cycle.title in dialog.findChildren(type(dialog.layout().itemAt(0).widget()))[0].text()


def test_window_state_and_last_unit_are_remembered(qtbot, make_window, demo_store):
    first = make_window(demo_store)
    first.resize(700, 500)  # inside the 800×600 offscreen screen
    first.select_unit("DB02")
    first.close()
    second = make_window(demo_store)
    assert second.unit_pane.unit_code == "DB02" and second.size().width() == 700


def test_first_run_sets_up_a_unit_installation(qtbot, tmp_path):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.unit.setChecked(True)
    dialog.code.setText("db07")
    dialog.name.setText("Đảng bộ phường An Lạc")
    dialog.unit_type.setCurrentIndex(dialog.unit_type.findData("dang_bo_co_so"))
    choice = dialog.choice()
    assert choice == Installation("unit", "DB07", "Đảng bộ phường An Lạc", "dang_bo_co_so")
    with Store.open(tmp_path / "unit.sqlite3") as store:
        set_up_installation(store, choice)
        assert store.get_setting("role") == "unit" and get_unit(store, "DB07").name == "Đảng bộ phường An Lạc"


def test_first_run_refuses_a_unit_without_identity(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.board.setChecked(True)
    dialog.accept()
    assert dialog.error.text() and dialog.result() == 0
