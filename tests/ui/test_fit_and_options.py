"""The window and the preview open inside the screen; --today and --lang reach the window; settings per data file."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import click_unit

from chilinh_desktop.app import choose_language, open_for_gui
from chilinh_desktop.cli import build_parser
from chilinh_desktop.ui.common import fit_to_screen


def test_main_window_opens_inside_the_available_screen_area(window):
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert area.contains(window.geometry().topLeft()) and area.contains(window.geometry().bottomRight())


def test_a_tall_preview_is_fitted_to_the_screen(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, 860, 5000)  # as the print preview asks
    area = (widget.screen() or QApplication.primaryScreen()).availableGeometry()
    assert widget.height() < area.height() and widget.width() <= area.width()


def test_gui_options_today_and_lang_are_honoured(demo_path, tmp_path):
    args = build_parser().parse_args(["--lang", "en", "gui", "--db", str(demo_path), "--today", "2023-12-20"])
    assert args.today == "2023-12-20" and args.lang == "en"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "vi")
    assert choose_language(settings, args.lang) == "en"
    store = open_for_gui(demo_path, False, args.today)
    try:
        assert store.clock.today() == dt.date(2023, 12, 20)
    finally:
        store.close()


def test_last_unit_is_remembered_per_data_file(qtbot, make_window, demo_store, demo_db_file, tmp_path):
    import shutil

    from chilinh_desktop.core.store import Store

    first = make_window(demo_store)
    code = first.model.tree.roots[0].children[0].unit.code if first.model.tree.roots[0].children else None
    assert code
    click_unit(qtbot, first, code)
    first.close()
    assert make_window(demo_store).unit_pane.unit_code == code  # same file: the unit comes back

    other_path = tmp_path / "other.sqlite3"
    shutil.copy(demo_db_file, other_path)
    other = Store.open(other_path)
    try:
        again = make_window(other)
        assert again.unit_pane.unit_code != code  # another file starts fresh
        again.close()
    finally:
        other.close()
