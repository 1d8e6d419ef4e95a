"""Crash suite: `form set`, restore and the demo build killed (SIGKILL) at random moments.

After every kill the data file must pass PRAGMA integrity_check and hold either the state before
or the state after the command, never a mix, never nothing. A bounded number of kills each
(the whole suite runs in about a minute); the figures are printed (`pytest -s`) for the README.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chilinh_desktop.core.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")

FORM_SET_KILLS = 12
RESTORE_KILLS = 12
DEMO_KILLS = 4


def chilinh(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chilinh_desktop", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def killed_after(process: subprocess.Popen, seconds: float, once=lambda: True) -> bool:
    """Kill the process `seconds` after `once()` first holds (it starts writing), unless it ends first."""
    return run_until(process, seconds, once)[0]


# Round 0 of a suite runs its process to the end to measure how long it takes; this only guards
# against a hang (a loaded machine may be slow, and speed is the benchmarks' business, not a test's).
HANG_GUARD = 900.0


def run_until(process: subprocess.Popen, seconds: float, once=lambda: True) -> tuple[bool, float]:
    """killed_after, also returning how long the process ran after `once()` first held."""
    while not once() and process.poll() is None:
        time.sleep(0.002)
    began = time.monotonic()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True, time.monotonic() - began
    finally:
        process.communicate()
    return False, time.monotonic() - began


def grown(path: Path):
    """A probe: whether `path` (a -wal file) has grown since the probe was made, i.e. a write began."""
    start = path.stat().st_size if path.exists() else 0
    return lambda: path.exists() and path.stat().st_size > start


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def unit_answers(path: Path) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT i.answers FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
            "JOIN units u ON u.id = d.unit_id WHERE u.code = 'DB14' AND i.kind = 'collective_report'").fetchone()
    return json.loads(row[0]).get("i1_policy") if row and row[0] else None


class Figures:
    def __init__(self, name: str) -> None:
        self.name, self.tried, self.killed, self.refused, self.lost, self.new = name, 0, 0, 0, 0, 0

    def report(self) -> None:
        print(f"\ncrash suite, {self.name}: {self.tried} tried, {self.killed} killed mid-way, "
              f"{self.new} left the new state, {self.refused} refused, {self.lost} lost")


def test_form_set_killed_at_random_keeps_the_old_or_the_new_answers(demo_path, tmp_path):
    rng = random.Random(13)
    figures = Figures("form set")
    before = unit_answers(demo_path)
    assert before  # the demo's DB14 has a collective report: the probe reads a real answer
    for n in range(FORM_SET_KILLS):
        answers = tmp_path / f"answers-{n}.json"
        value = f"Lần ghi thứ {n}: " + "lãnh đạo, chỉ đạo thực hiện nghị quyết. " * 200
        answers.write_text(json.dumps({"i1_policy": value}, ensure_ascii=False), encoding="utf-8")
        process = chilinh("form", "set", "--db", str(demo_path), "--unit", "DB14", "--form", "01",
                          "--answers", str(answers))
        figures.tried += 1
        if n % 2:  # from the moment the commit reaches the WAL: mid-commit, mid-checkpoint, or after
            figures.killed += killed_after(process, rng.uniform(0.0, 0.02), grown(Path(f"{demo_path}-wal")))
        else:  # from the start: while loading, checking, or inside the transaction
            figures.killed += killed_after(process, rng.uniform(0.2, 0.9))
        figures.refused += process.returncode == 2
        after = unit_answers(demo_path)
        ok = integrity(demo_path) == "ok" and after in (before, " ".join(value.split()).strip(), value.strip())
        figures.lost += not ok
        figures.new += after != before
        before = after
    with Store.open(demo_path) as store:  # and the program opens it as usual
        assert store.db.execute("SELECT count(*) FROM units").fetchone()[0] > 0
    figures.report()
    assert figures.lost == 0


def test_restore_killed_at_random_never_leaves_no_data_file(demo_path, tmp_path):
    rng = random.Random(17)
    figures = Figures("restore")
    backup = tmp_path / "backup.sqlite3"
    with Store.open(demo_path) as store:
        store.set_setting("unit_name", "after")
        store.backup(backup)
        store.set_setting("unit_name", "before")
    span = 0.0  # how long a restore runs once its copy beside the data file appears (measured in round 0)
    for n in range(RESTORE_KILLS):
        process = chilinh("restore", "--db", str(demo_path), "--from", str(backup))
        figures.tried += 1
        incoming = demo_path.with_name(demo_path.name + ".restoring")
        # From the moment the copy beside the data file appears: mid-copy, mid-swap, or after.
        killed, ran = run_until(process, rng.uniform(0.0, 1.1) * span if n else HANG_GUARD, incoming.exists)
        assert n or not killed, "the measuring restore did not end"
        figures.killed += killed
        span = span or ran
        figures.refused += process.returncode == 2
        ok = demo_path.is_file() and integrity(demo_path) == "ok"
        if ok:
            with sqlite3.connect(demo_path) as conn:
                name = conn.execute("SELECT value FROM settings WHERE key = 'unit_name'").fetchone()[0]
            ok = name in ("before", "after")
            figures.new += name == "after"
            if name == "after":  # put the "before" state back for the next round
                with Store.open(demo_path) as store:
                    store.set_setting("unit_name", "before")
        figures.lost += not ok
    # A restore that runs to the end cleans up what the killed ones left.
    final = subprocess.run([sys.executable, "-m", "chilinh_desktop", "restore", "--db", str(demo_path),
                            "--from", str(backup)], capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert not list(tmp_path.glob("*.restoring*"))
    figures.report()
    assert figures.lost == 0


def test_a_killed_demo_build_leaves_no_half_city(tmp_path):
    rng = random.Random(19)
    figures = Figures("demo")
    path = tmp_path / "demo.sqlite3"
    span = 0.0  # how long a build runs once its temporary file appears (measured in round 0)
    for n in range(DEMO_KILLS):
        process = chilinh("demo", "--db", str(path), "--force")
        figures.tried += 1
        building = path.with_name(path.name + ".building")
        killed, ran = run_until(process, rng.uniform(0.05, 0.95) * span if n else HANG_GUARD, building.exists)
        assert n or not killed, "the measuring build did not end"
        figures.killed += killed
        span = span or ran
        status = subprocess.run([sys.executable, "-m", "chilinh_desktop", "status", "--db", str(path)],
                                capture_output=True, text=True)
        complete = False
        if path.exists() and path.stat().st_size:
            with sqlite3.connect(path) as conn:
                complete = integrity(path) == "ok" and conn.execute("SELECT count(*) FROM units").fetchone()[0] == 187
        # `status` either refuses (no city) or shows a whole one; never a traceback, never a half city.
        ok = "Traceback" not in status.stderr and (status.returncode == 2 or (status.returncode == 0 and complete))
        figures.refused += status.returncode == 2
        figures.new += complete
        figures.lost += not ok
        path.unlink(missing_ok=True)
    figures.report()
    assert figures.lost == 0
