"""The composition root: opens the store, picks the language, builds the main window."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from chilinh_desktop.core.clock import FixedClock, parse_date
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.store import Store, default_db_path
from chilinh_desktop.i18n import _


def demo_db_path() -> Path:
    """Where the demo city lives, apart from real data."""
    return Path(platformdirs.user_data_dir("chilinh", appauthor=False)) / "demo.sqlite3"


def open_for_gui(db_path: Path | None, demo: bool) -> Store:
    """Open (for the demo: create on first use) the data file the window will show."""
    if demo:
        path = db_path or demo_db_path()
        fresh = not path.exists() or path.stat().st_size == 0
        store = Store.open(path)
        if fresh:
            from chilinh_desktop.demo import build_demo

            build_demo(store)
    else:
        store = Store.open(db_path or default_db_path())
    pinned = store.get_setting("today")
    if pinned:
        store.clock = FixedClock(parse_date(pinned))
    return store


def run(db_path: Path | None = None, demo: bool = False) -> int:
    """Start the window; return the exit code."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from chilinh_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("chilinh")
    app.setOrganizationName("chilinh")
    try:
        store = open_for_gui(db_path, demo)
    except ChilinhError as exc:
        QMessageBox.critical(None, _("Cannot open the data"), exc.message)
        return 2
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
