"""The window shows before it does anything it can do later (issue #11: start-up ≤ 3× a bare Qt window).

What is deferred must still happen: the dossier tabs and the dashboard are built when first shown
and carry what was computed meanwhile; missing dossiers are created once the window is on screen.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = ("chilinh_desktop.ui.dossier_view", "chilinh_desktop.ui.dashboard", "chilinh_desktop.formspec.loader",
            "chilinh_desktop.core.rules", "chilinh_desktop.core.ratings")


def test_building_the_window_loads_neither_dossier_tabs_nor_rules(demo_path, tmp_path):
    code = (
        "import sys\nfrom PySide6.QtCore import QSettings\nfrom PySide6.QtWidgets import QApplication\n"
        "from chilinh_desktop.app import open_for_gui\nfrom chilinh_desktop.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"store = open_for_gui(__import__('pathlib').Path({str(demo_path)!r}), False)\n"
        f"window = MainWindow(store, QSettings({str(tmp_path / 'w.ini')!r}, QSettings.Format.IniFormat))\n"
        f"print('loaded:' + ','.join(m for m in {DEFERRED!r} if m in sys.modules))\n"
        "window.close()\nstore.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = [x for x in result.stdout.splitlines() if x.startswith("loaded:")][-1]
    assert line == "loaded:", line


# Not needed for the first screen (the tree, the first screen's digest, the menus): loaded after the first paint.
NOT_BEFORE_PAINT = (*DEFERRED, "chilinh_desktop.core.views", "chilinh_desktop.core.dossiers",
                    "chilinh_desktop.core.deadlines", "chilinh_desktop.core.officials",
                    "chilinh_desktop.ops.progress", "chilinh_desktop.ui.printing", "chilinh_desktop.ui.export_dialog",
                    "chilinh_desktop.ui.import_dialog", "chilinh_desktop.ui.board_view",
                    "chilinh_desktop.ui.settings_dialog", "reportlab", "openpyxl", "pypdf", "docx", "cryptography",
                    "pyrage", "sqlite_utils", "chilinh_desktop.ui.unit_pane", "chilinh_desktop.ui.list_models")

FIRST_PAINT = r"""
import os, sys
os.environ["CHILINH_SMOKE"] = "startup"
from chilinh_desktop.ui import smoke
def painted(self):
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    print("loaded:" + ",".join(m for m in NAMES if m in sys.modules), flush=True)
    print(f"style sheet at the first paint: {app.styleSheet()!r}", flush=True)
    def started():
        print(f"style sheet after: {app.styleSheet()!r}", flush=True)
        os._exit(0)
    self.window.started.connect(started)
smoke.Probe._painted = painted
from chilinh_desktop.cli import main
main(["gui", "--db", sys.argv[1]])
"""


def _compiled_catalogs_current() -> bool:
    """Whether every catalog has a compiled .mo at least as new (scripts/bootstrap.sh): then no babel at start."""
    folder = ROOT / "resources" / "translations"
    return all(po.with_suffix(".mo").exists() and po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime
               for po in folder.glob("*.po"))


def test_the_window_started_as_a_person_starts_it_paints_before_loading_what_it_shows_later(demo_path, tmp_path):
    names = NOT_BEFORE_PAINT + (("babel",) if _compiled_catalogs_current() else ())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", f"NAMES = {names!r}\n" + FIRST_PAINT, str(demo_path)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    lines = [x for x in result.stdout.splitlines() if x.startswith("loaded:")]
    assert lines, result.stdout + result.stderr  # the tree was painted
    assert lines[-1] == "loaded:", lines[-1]
    # No application style sheet, before the first paint or after: the read-only look is set on the widgets that
    # hold read-only fields (tests/ui/test_sign_off.py), so no restyling of the whole window holds it up.
    assert "style sheet at the first paint: ''" in result.stdout, result.stdout
    assert "style sheet after: ''" in result.stdout, result.stdout + result.stderr


def test_the_dashboard_built_late_shows_the_figures_computed_before(window, qtbot):
    assert window._dashboard is None
    qtbot.waitUntil(lambda: window._progress is not None, timeout=10_000)
    window.show_dashboard()
    assert window.stack.currentWidget() is window.dashboard
    window.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: window.dashboard.units_model.rowCount() > 0, timeout=10_000)


def test_background_work_waits_for_the_window_then_completes_dossiers(demo_store, qsettings, qtbot):
    official = add_official(demo_store, full_name="Nguyễn Văn Mới", unit_code=_first_grassroots(demo_store),
                            tier="btv_thanh_uy", birth_date=dt.date(1980, 1, 2))
    window = MainWindow(demo_store, qsettings)
    qtbot.addWidget(window)
    try:
        window.ctx.runner.wait_idle()
        assert not window._started  # nothing was queued while the window was being built
        seen = []
        window.ctx.runner.changed.connect(seen.append)
        window.show()
        qtbot.waitUntil(lambda: window._started, timeout=5_000)
        window.ctx.runner.wait_idle()
        assert find_dossier(demo_store, window.ctx.cycle, official_id=official.id) is not None
        qtbot.waitUntil(lambda: any("tree" in change for change in seen), timeout=5_000)  # the views refresh
        qtbot.waitUntil(lambda: window.model.badge(window.model.tree.roots[0].unit.code) is not None,
                        timeout=10_000)
    finally:
        window.close()


def _first_grassroots(store) -> str:
    from chilinh_desktop.core.units import unit_tree

    tree = unit_tree(store, dt.date(2023, 12, 1))
    return tree.roots[0].children[0].unit.code


def test_a_cadre_without_a_dossier_is_not_found_before_the_work_runs(demo_store):
    official = add_official(demo_store, full_name="Trần Thị Chờ", unit_code=_first_grassroots(demo_store),
                            tier="btv_thanh_uy", birth_date=dt.date(1981, 3, 4))
    from chilinh_desktop.core.cycles import get_cycle

    try:
        find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)
    except NotFoundError:
        return
    raise AssertionError("the demo already made a dossier: the test above would prove nothing")
