"""A file name that is not UTF-8, or holds an ANSI escape or a newline: the batch goes on, the terminal sees escapes."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import uuid

import pytest
from board_helpers import run
from forge import forge, unit_key

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps file names that are not UTF-8")

ODD = b"z-\xff\xfe-\x1b[31mred\x1b[0m-\xe2\x80\xae-\x07\n.zip"


@pytest.fixture
def batch(exchange, package, tmp_path):
    """The real package, and a later one of the same unit under a name that is not UTF-8 (bytes 0xFF 0xFE)."""
    later = forge(exchange["package"], tmp_path / "later.zip", unit_key(exchange["unit_db"]),
                  info={"Package-Id": str(uuid.uuid4()), "Exported-At": "2023-12-05T10:00:00+07:00"})
    os.rename(bytes(later), os.path.join(bytes(package.parent), ODD))
    return package.parent


def _file_names(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT file_name FROM received_packages ORDER BY exported_at")]


def test_an_odd_name_is_imported_beside_the_good_package_and_printed_escaped(demo_path, batch, capsys):
    code, out, err = run(capsys, "import", "--db", str(demo_path), "--trust-new", str(batch))
    assert code == 0, err
    names = _file_names(demo_path)
    assert len(names) == 2 and names[1].startswith("z-\\xff\\xfe-\\u001b[31mred")
    printed = out + err
    assert not any(ch in printed for ch in "\x1b\x07\u202e\udcff")
    assert "z-\\xff\\xfe-\\u001b[31mred\\u001b[0m-\\u202e-\\u0007\\u000a.zip" in printed
    assert all("\x1b" not in line for line in printed.splitlines())


def test_json_output_stays_valid_with_an_odd_name(demo_path, batch, capsys):
    code, out, _err = run(capsys, "import", "--db", str(demo_path), "--trust-new", str(batch), "--json")
    rows = json.loads(out)
    assert code == 0 and sorted(r["status"] for r in rows) == ["imported", "superseded"]
    assert "\x1b" not in out and out.isascii()


def test_a_fifo_named_like_a_package_is_refused_at_once_and_the_batch_goes_on(demo_path, package, tmp_path):
    # In a child process: were the FIFO waited on, the timeout would end the child, not the suite.
    import subprocess

    fifo = package.parent / "DB14-2023-fifo.zip"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for argv in (["import", "--db", str(demo_path), "--trust-new", str(package), str(fifo), "--json"],
                 ["verify", str(fifo), "--json"], ["verify", "/dev/zero", "--json"]):
        done = subprocess.run([sys.executable, "-m", "chilinh_desktop", *argv], capture_output=True, text=True,
                              timeout=300, env=env, stdin=subprocess.DEVNULL)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        if argv[0] == "import":
            rows = json.loads(done.stdout)
            assert [(r["status"], r["code"]) for r in rows] == [("imported", None), ("refused", "io.read_failed")]
        else:
            assert [e["code"] for e in json.loads(done.stdout)["errors"]] == ["io.read_failed"]
