"""The Windows suite: runs only in the Windows Python (scripts/test-windows.sh runs it under Wine).

Every test drives the Windows build for real: the `chilinh` entry point in a child process,
with Windows paths, the Windows code page, Windows file locking and the Windows Qt.
On another system the files here are not collected.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

if sys.platform != "win32":
    collect_ignore_glob = ["test_*.py"]
else:
    # The offscreen platform (Qt's windows plugin aborts under Wine 8, see README). The variable is
    # set here, inside the Windows process: Wine does not pass QT_QPA_PLATFORM through from Linux.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Offscreen Qt finds no fonts on its own; the lane passes a folder of TrueType fonts.
    if os.environ.get("CHILINH_TEST_FONTDIR"):
        os.environ["QT_QPA_FONTDIR"] = os.environ["CHILINH_TEST_FONTDIR"]

ROOT = Path(__file__).resolve().parents[2]
# What the `chilinh` console script runs.
ENTRY = "import sys; from chilinh_desktop.cli import main; sys.exit(main())"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def qapp_args():
    return ["chilinh-tests", "-platform", "offscreen"]


@pytest.fixture
def child_env() -> dict[str, str]:
    """The environment of a program start: no UTF-8 overrides, so the program's own handling is tested."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONPATH")}
    env["CHILINH_LANG"] = "vi"
    return env


@pytest.fixture
def chilinh(child_env):
    """Run the program as the `chilinh` command does (its entry point, cli.main), output through pipes.

    Not `python -m chilinh_desktop`: no user starts the program that way. (Its print-all workers
    once seemed to hang under Wine where -c did not; the hang was random and came from
    ProcessPoolExecutor's empty pipe messages, see chilinh_desktop/render/workers.py.)

    The output must be UTF-8 whatever the Windows code page is (decoding is strict)."""

    def run(*args, cwd: Path | None = None, env: dict | None = None, expect: int | None = 0) -> Ran:
        proc = subprocess.run([sys.executable, "-c", ENTRY, *map(str, args)],
                              stdin=subprocess.DEVNULL, capture_output=True, cwd=cwd,
                              env=env or child_env, timeout=240)
        ran = Ran(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
        assert "Traceback" not in ran.stderr, ran.stderr
        if expect is not None:
            assert ran.returncode == expect, f"chilinh {args}: exit {ran.returncode}\n{ran.stdout}\n{ran.stderr}"
        return ran

    return run


@pytest.fixture(scope="session")
def demo_city(tmp_path_factory) -> Path:
    """The demo city, built once for the suite by the program in a child (`chilinh demo`): under Wine each
    build costs tens of seconds. Copy it before changing it. (The exchange walk-through and the per-user
    folder test still run `demo` themselves: its output is what they check.)"""
    db = tmp_path_factory.mktemp("Thành phố mẫu") / "demo.sqlite3"
    subprocess.run([sys.executable, "-c", ENTRY, "demo", "--db", str(db)], check=True, capture_output=True,
                   stdin=subprocess.DEVNULL, timeout=240)
    return db


@pytest.fixture
def vietnamese_dir(tmp_path: Path) -> Path:
    """A work folder whose path has Vietnamese letters and spaces."""
    folder = tmp_path / "Hồ sơ kiểm điểm 2023" / "Đảng bộ xã Nam Sơn"
    folder.mkdir(parents=True)
    return folder
