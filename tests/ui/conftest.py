"""UI fixtures: the real main window over a private copy of the demo city, closed after each test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from chilinh_desktop.ui.main_window import MainWindow


@pytest.fixture
def qsettings(tmp_path):
    """Per-test window settings (never the person's real ones)."""
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, qsettings):
    """Build main windows over a store; each is shut down cleanly at the end of the test."""
    windows = []

    def make(store, *, ask: bool = False) -> MainWindow:
        window = MainWindow(store, qsettings)
        # Saves what was typed first; a value a test left invalid then does not ask at the close.
        qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
        window.show()
        window.start_session(ask=ask)
        window.start_background_work()  # at once, not after the first paint: tests read its results
        window.ctx.runner.wait_idle()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
        window.close()
    windows.clear()
    import gc

    gc.collect()  # free this test's Qt objects here, on the GUI thread, not in the next test's worker


@pytest.fixture
def window(make_window, demo_store):
    """The main window over the demo city."""
    return make_window(demo_store)


@pytest.fixture(autouse=True)
def _no_window_left_open(qapp):
    """A test that leaves a visible top-level window open fails."""
    yield
    QApplication.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"windows left open: {[w.objectName() or type(w).__name__ for w in left]}"
