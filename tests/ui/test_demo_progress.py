"""First start of the demo window: building the demo city shows a progress dialog, then closes it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from chilinh_desktop.app import open_for_gui
from chilinh_desktop.i18n import _


def _progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "demoProgress" and w.isVisible()]


def test_demo_build_shows_progress(qtbot, tmp_path):
    seen: list[str] = []
    # Fires inside the build's first processEvents, while the dialog should be on screen.
    QTimer.singleShot(0, lambda: seen.extend(d.labelText() for d in _progress_dialogs()))
    path = tmp_path / "demo.sqlite3"
    store = open_for_gui(path, True)
    try:
        assert store.get_setting("role") == "demo" and path.stat().st_size > 0
        # A Board some units have already sent to: their packages were exported and imported for real.
        arrived = {row[0] for row in store.db.execute("SELECT unit_code FROM received_packages")}
        assert len(arrived) >= 5 and "DB15" not in arrived
    finally:
        store.close()
    assert seen == [_("Creating the demo data…")]
    assert _progress_dialogs() == []
