"""kill -9 at random moments of an export: never a complete-looking package the data file does not know.

Each run is a real `chilinh export` subprocess killed at a random point of its measured duration.
After every kill: the data file is intact and every `.zip` on the stick is one it recorded. The next
export cleans what the killed ones left (pending and .part files), giving a recorded pending package
its final name, so in the end the stick holds exactly the packages the data file knows.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from export_helpers import SIGNED_UNIT

KILLS = 10


def _export(db: Path, usb: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "chilinh_desktop", "export", "--db", str(db), "--unit",
                             SIGNED_UNIT, "--out", str(usb)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _recorded(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("SELECT file_name, sha256 FROM packages"))


def _unknown_zips(db: Path, usb: Path) -> list[str]:
    recorded = _recorded(db)
    return [p.name for p in usb.glob("*.zip")
            if recorded.get(p.name) != hashlib.sha256(p.read_bytes()).hexdigest()]


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_killed_exports_leave_nothing_unknown(demo_path, usb):
    rng = random.Random(os.environ.get("CHILINH_CRASH_SEED", "13"))
    start = time.monotonic()
    assert _export(demo_path, usb).wait(timeout=120) == 0
    duration = time.monotonic() - start
    unknown, killed, leftovers = [], 0, 0
    for _ in range(KILLS):
        process = _export(demo_path, usb)
        try:
            process.wait(timeout=rng.uniform(0.3, 1.05) * duration)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        unknown += _unknown_zips(demo_path, usb)
        leftovers = max(leftovers, sum(1 for p in usb.iterdir() if p.name.endswith((".part", ".pending"))))
    assert _export(demo_path, usb).wait(timeout=120) == 0  # the next export cleans up
    remaining = [p.name for p in usb.iterdir() if p.name.endswith((".part", ".pending"))]
    on_stick = {p.name for p in usb.glob("*.zip")}
    recorded = set(_recorded(demo_path))
    lost = recorded - on_stick  # recorded, yet its package never reached its final name
    print(f"\nexport kill -9: {KILLS} runs, {killed} killed, {len(unknown)} unknown packages, "
          f"{leftovers} leftovers seen at most, {len(remaining)} left after the next export, {len(lost)} lost")
    assert unknown == [] and remaining == [] and lost == set()
    assert all(p.name[: -len(".zip")] + "-phieu-ban-giao.pdf" in {q.name for q in usb.iterdir()}
               for p in usb.glob("*.zip"))


def test_the_next_export_finishes_a_recorded_package_and_removes_the_rest(demo_path, usb, exported, capsys):
    from export_helpers import run_json

    package = Path(exported["path"])
    slip = Path(exported["slip"])
    # As if killed after the data file recorded the export, before the renames.
    package.rename(package.with_name(package.name + ".pending"))
    slip.rename(slip.with_name(slip.name + ".pending"))
    # As if killed before: a signed-looking package the data file never recorded, and part files.
    stray = usb / "DB01-2023-20231205T090000Z-9.zip.pending"
    stray.write_bytes(package.with_name(package.name + ".pending").read_bytes()[:-10])
    (usb / "DB01-2023-20231205T090000Z-9.zip.part").write_bytes(b"PK")
    (usb / "DB01-2023-20231205T090000Z-9-phieu-ban-giao.pdf.pending").write_bytes(b"%PDF")
    mine = usb / "ghi-chu.txt.part"  # not ours: left alone
    mine.write_text("x")
    code, second = run_json(capsys, "export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb))
    assert code == 0
    names = sorted(p.name for p in usb.iterdir())
    assert names == sorted([package.name, slip.name, Path(second["path"]).name, Path(second["slip"]).name,
                            mine.name])
