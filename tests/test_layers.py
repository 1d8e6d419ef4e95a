"""The layer rules that import-linter cannot see: no SQL text in the front ends, heavy libraries on first use."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "chilinh_desktop"
HEAVY = ("reportlab", "openpyxl", "pyrage", "cryptography", "docx")
_SQL = re.compile(r"\.execute(many|script)?\(|^\s*(import sqlite3|from sqlite3 import)", re.MULTILINE)


def test_the_front_ends_run_no_sql():
    found = [
        f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
        for folder in ("ui", "cli")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for match in _SQL.finditer(text)
    ]
    assert found == [], "SQL belongs in ops/ or core/, not in: " + ", ".join(found)


def _loaded_after(code: str) -> list[str]:
    probe = code + f"\nimport sys\nprint('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("loaded:"), result.stdout
    return [name for name in line.removeprefix("loaded:").split(",") if name]


@pytest.mark.parametrize("module", ["chilinh_desktop.cli", "chilinh_desktop.app", "chilinh_desktop.ops.setup",
                                    "chilinh_desktop.ops.board", "chilinh_desktop.render"])
def test_importing_loads_no_heavy_library(module):
    assert _loaded_after(f"import {module}") == []


def test_the_status_command_loads_no_heavy_library(demo_path):
    code = ("import contextlib, io\nfrom chilinh_desktop.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['status', '--db', {str(demo_path)!r}]) == 0")
    assert _loaded_after(code) == []


def test_showing_the_main_window_loads_no_heavy_library(demo_path, tmp_path):
    code = (
        "from PySide6.QtCore import QSettings\nfrom PySide6.QtWidgets import QApplication\n"
        "from chilinh_desktop.app import open_for_gui\nfrom chilinh_desktop.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"store = open_for_gui(__import__('pathlib').Path({str(demo_path)!r}), False)\n"
        f"window = MainWindow(store, QSettings({str(tmp_path / 'w.ini')!r}, QSettings.Format.IniFormat))\n"
        "window.show()\nwindow.start_session(ask=False)\nwindow.ctx.runner.wait_idle()\napp.processEvents()\n"
        "window.close()\nwindow.shutdown()\nstore.close()"
    )
    assert _loaded_after(code) == []


def test_the_probe_does_see_a_heavy_library():
    assert _loaded_after("import chilinh_desktop.render.receipt") != []


def test_starting_the_window_from_the_command_line_loads_no_other_command():
    # what every command shares, and the plain re-exports (errors, printing helpers, their lazy loader): no use case
    plain = ("chilinh_desktop.cli.common", "chilinh_desktop.ops.errors", "chilinh_desktop.ops.display",
             "chilinh_desktop.ops.lazy")
    code = (f"PLAIN = {plain!r}\n"
            "import sys\nimport chilinh_desktop.cli as cli\ncli.cmd_gui = lambda args: 0\n"
            "assert cli.main(['--lang', 'vi', 'gui', '--db', 'x.sqlite3']) == 0\n"
            "print('loaded:' + ','.join(m for m in sys.modules if m.startswith(('chilinh_desktop.cli.',"
            " 'chilinh_desktop.ops.')) and m not in PLAIN))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "loaded:"
