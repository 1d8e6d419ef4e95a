"""The window with the Windows build of Qt (6.9, offscreen platform under Wine) and its screenshots.

The screenshots go to dist/screenshots/windows-*.png (CHILINH_SCREENSHOTS names another folder): a test
run never changes the checkout's tracked files; `bash scripts/windows-screenshots.sh` refreshes
docs/windows-*.png on purpose. What they cannot show: the native `windows` platform plugin
(it aborts at QApplication under Wine 8), so window frames, native dialogs and DPI scaling are not
the ones a Windows PC draws; fonts come from CHILINH_TEST_FONTDIR, not C:\\Windows\\Fonts.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("CHILINH_SCREENSHOTS") or ROOT / "dist" / "screenshots")


def settle(seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


@pytest.fixture
def demo_file(demo_city: Path, tmp_path: Path) -> Path:
    """A private copy of the suite's demo city (tests/windows/conftest.py)."""
    db = tmp_path / "Thành phố mẫu" / "demo.sqlite3"
    db.parent.mkdir()
    db.write_bytes(demo_city.read_bytes())
    return db


def test_main_window_dossier_tab_and_print_preview(qtbot, qapp, demo_file: Path, tmp_path: Path):
    from chilinh_desktop import i18n
    from chilinh_desktop.app import apply_style, install_translators, open_for_gui
    from chilinh_desktop.ui.main_window import MainWindow
    from chilinh_desktop.ui.printing import open_item_preview

    assert qapp.platformName() == "offscreen"
    import PySide6

    assert PySide6.__version__.startswith("6.9.")
    i18n.set_language("vi")
    install_translators(qapp, "vi")
    apply_style(qapp)
    store = open_for_gui(demo_file, False)
    window = MainWindow(store, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        window.resize(1366, 740)
        window.show()
        window.start_session(ask=False)
        window.ctx.runner.wait_idle()
        settle()
        assert "Hồ sơ" in window.windowTitle() or window.windowTitle()
        menus = [a.text() for a in window.menuBar().actions()]
        assert any("Tệp" in m for m in menus), menus

        code, official_id, dossier_id = store.db.execute(
            "SELECT u.code, o.id, d.id FROM dossiers d JOIN officials o ON o.id = d.official_id "
            "JOIN units u ON u.id = d.unit_id JOIN dossier_items i ON i.dossier_id = d.id "
            "WHERE d.state = 'draft' AND i.kind = 'self_review' AND i.state = 'complete' "
            "AND u.code LIKE 'DB%' ORDER BY u.sort_key LIMIT 1").fetchone()
        window.select_unit(code)
        window.unit_pane.select_cadre(official_id)
        settle()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / "windows-main-window.png"))

        window.open_dossier(dossier_id, "self_review")
        settle()
        assert window.grab().save(str(SHOTS / "windows-dossier-tab.png"))

        dialog = open_item_preview(window, dossier_id, "self_review")
        assert dialog is not None
        dialog.resize(900, 740)
        settle(2.5)  # QPdfView renders pages on a worker thread
        assert dialog.grab().save(str(SHOTS / "windows-print-preview.png"))
        dialog.close()
    finally:
        window.close()
        window.ctx.runner.wait_idle()
        store.close()
