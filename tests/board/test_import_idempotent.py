"""Importing the same package twice changes nothing; a newer one supersedes, the older stays as history."""

from __future__ import annotations

import sqlite3

from board_helpers import SIGNED_UNIT, run_json


def _rows(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT package_id, status, supersedes FROM received_packages ORDER BY id").fetchall()


def test_duplicate_import_changes_nothing(demo_path, package, capsys):
    assert run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]["status"] == "imported"
    before = _rows(demo_path)
    with sqlite3.connect(demo_path) as conn:
        audit_before = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    code, again = run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")
    assert code == 0 and again[0]["status"] == "already"
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before
    assert _rows(demo_path) == before


def test_newer_package_supersedes_and_keeps_history(demo_path, tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    # The demo Board plays every unit with its own key: the signed demo unit can be exported twice.
    exports = [run_json(capsys, "export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb))[1]
               for _ in range(2)]
    # Under the demo's pinned clock a later export still carries a later Exported-At.
    first, second = exports
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), first["path"])
    assert code == 0 and outcome[0]["status"] == "imported"
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), second["path"])
    assert code == 0 and outcome[0]["status"] == "superseded"
    assert _rows(demo_path) == [(first["package_id"], "superseded", None),
                                (second["package_id"], "current", first["package_id"])]


def test_arrival_order_never_decides_which_package_is_current(demo_path, tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    exports = [run_json(capsys, "export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb))[1]
               for _ in range(2)]
    older, newer = exports
    run_json(capsys, "import", "--db", str(demo_path), newer["path"])
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), older["path"])
    assert code == 0 and outcome[0]["status"] == "imported"
    assert _rows(demo_path) == [(newer["package_id"], "current", None), (older["package_id"], "superseded", None)]
