"""The Board's data file: owner-only when found readable by others, a damaged stored package gives a message,
and closing never waits a second busy timeout (issue #25, item 9)."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from board_helpers import run, run_json

from chilinh_desktop.core.store import Store

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@POSIX
def test_a_data_file_left_0644_is_made_0600_with_a_warning(demo_path, capsys):
    os.chmod(demo_path, 0o644)
    code, _out, err = run(capsys, "status", "--db", str(demo_path))
    assert code == 0 and "0644" in err and "0600" in err
    assert stat.S_IMODE(demo_path.stat().st_mode) == 0o600
    code, _out, err = run(capsys, "status", "--db", str(demo_path))
    assert "0644" not in err  # said once: the file is owner-only now


@pytest.mark.parametrize("damage", ["not a zip", "zip cut short"])
def test_open_confidential_on_a_damaged_stored_package_gives_a_message(demo_path, package, tmp_path, capsys,
                                                                      damage):
    package_id = run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]["package_id"]
    data = package.read_bytes()
    broken = b"damaged" if damage == "not a zip" else data[: len(data) // 2]
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE received_package_bytes SET data = ? WHERE package_id = ?", [broken, package_id])
    for extra in ([], ["--file", "confidential/x.pdf.age", "--out", str(tmp_path / "x.pdf")]):
        code, _out, err = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id, *extra)
        assert code == 2 and "Traceback" not in err and "hỏng" in err
    assert not (tmp_path / "x.pdf").exists()


def test_closing_never_waits_on_a_busy_file(demo_path):
    # Another program holds the write lock; the checkpoint on close must not wait a busy timeout
    # (that made a busy refusal take 10 s instead of the documented 5 s).
    holder = sqlite3.connect(demo_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store = Store.open(demo_path)
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    checkpoint = next(n for n, s in enumerate(statements) if "wal_checkpoint" in s)
    assert "PRAGMA busy_timeout=0" in statements[:checkpoint]


@POSIX
def test_a_fifo_or_a_device_as_the_data_file_is_refused_at_once(tmp_path):
    import subprocess
    import sys

    fifo = tmp_path / "data.sqlite3"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for db in (fifo, "/dev/zero"):
        # In a child process: were the FIFO waited on, the timeout would end the child, not the suite.
        done = subprocess.run([sys.executable, "-m", "chilinh_desktop", "status", "--db", str(db)],
                              capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL)
        assert done.returncode == 2 and "Traceback" not in done.stderr and str(db) in done.stderr, done.stderr
