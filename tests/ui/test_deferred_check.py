"""The window reads every page for damage after its first paint, yet before anything is written.

`chilinh gui` opens the data file without `PRAGMA quick_check` (it reads every page: 10-40 ms on the demo
city, seconds on a Board's file of received packages) and runs it on the writer thread before that
thread's first write. A damaged file is refused in the words and the dialog of a refused opening, the
program ends with code 2 and the file is not changed, whether the damage is met by the check or by a
read of the first screen.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from chilinh_desktop.core.store import Store
from chilinh_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

RUN = r"""
import sys
from pathlib import Path
from chilinh_desktop.ui import common
def warn(parent, title, message):
    print("WARN " + title + " | " + message, flush=True)
common.warn = warn
import chilinh_desktop.ui.main_window as main_window
main_window.warn = warn
from chilinh_desktop.app import run
sys.exit(run(db_path=Path(sys.argv[1])))
"""


def _scribble(path: Path, table: str) -> None:
    """Overwrite part of every page of one table, as a failing disk would."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", [table])]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert pages, table
    data = bytearray(path.read_bytes())
    for page in pages:
        offset = (page - 1) * size
        data[offset + 100: offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))


def _run_window(path: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damage_found_after_the_first_paint_is_refused_as_at_opening_and_nothing_is_written(demo_path, tmp_path):
    _scribble(demo_path, "attachments")  # pages the first screen never reads
    before = _sha(demo_path)
    done = _run_window(demo_path, tmp_path)
    warnings = [line for line in done.stdout.splitlines() if line.startswith("WARN ")]
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(warnings) == 1, done.stdout  # told once, not again for each write refused after it
    assert warnings[0].startswith("WARN Không mở được dữ liệu | ") and "bị hỏng" in warnings[0], warnings
    assert _sha(demo_path) == before


def test_damage_met_by_the_first_screen_is_refused_the_same_way(demo_path, tmp_path):
    _scribble(demo_path, "units")  # the tree's own rows
    before = _sha(demo_path)
    done = _run_window(demo_path, tmp_path)
    warnings = [line for line in done.stdout.splitlines() if line.startswith("WARN ")]
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(warnings) == 1 and "bị hỏng" in warnings[0], done.stdout + done.stderr
    assert _sha(demo_path) == before


def test_a_healthy_file_opened_unchecked_is_checked_before_the_first_write(demo_path, qsettings, qtbot):
    store = Store.open(demo_path, check=False)
    assert not store.pages_checked
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    try:
        order = []
        window.ctx.runner.call(lambda s: order.append(s.pages_checked))  # a write's turn on the writer thread
        window.ctx.runner.wait_idle()
        assert order == [True]
        refused = []
        window.ctx.runner.refused.connect(refused.append)
        window.start_background_work()
        window.ctx.runner.wait_idle()
        assert not refused
    finally:
        window.close()
        store.close()
