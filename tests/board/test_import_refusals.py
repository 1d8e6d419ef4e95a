"""Packages the Board must refuse, and a bad package that must not block the good ones."""

from __future__ import annotations

import shutil
import sqlite3

from board_helpers import SIGNED_UNIT, run_json, unit_package


def test_package_from_unknown_unit_is_refused(demo_path, package, capsys):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE units SET code = 'DB15X' WHERE code = 'DB15'")
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")
    assert code == 2 and outcome[0]["status"] == "refused"
    assert "DB15" in outcome[0]["reasons"][0]
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("SELECT count(*) FROM received_packages").fetchone()[0] == 0


def test_package_signed_by_another_key_is_refused(demo_path, package, kit, tmp_path, capsys):
    assert run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]["status"] == "imported"
    # A second installation set up for the same unit has its own, different key.
    _db, other = unit_package(capsys, kit, tmp_path, name="impostor")
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), str(other), "--trust-new")
    assert code == 2 and outcome[0]["status"] == "refused"
    assert outcome[0]["known_fingerprint"] != outcome[0]["fingerprint"]
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("SELECT count(*) FROM received_packages").fetchone()[0] == 1


def test_corrupt_package_does_not_block_the_others(demo_path, package, tmp_path, capsys):
    folder = package.parent
    run_json(capsys, "export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(folder))
    good = sorted(folder.glob("*.zip"))
    corrupt = folder / "DB07-2023-hong.zip"
    data = bytearray(good[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupt.write_bytes(bytes(data))
    shutil.copy(good[0], folder / "not-a-zip.zip")
    (folder / "not-a-zip.zip").write_bytes(b"PK\x03\x04 broken")
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), str(folder), "--trust-new")
    statuses = {row["path"].rsplit("/", 1)[-1]: row["status"] for row in outcome}
    assert code == 2
    assert statuses[corrupt.name] == "refused" and statuses["not-a-zip.zip"] == "refused"
    assert sorted(s for name, s in statuses.items() if name in {g.name for g in good}) == ["imported", "imported"]
    assert all(row["reasons"] for row in outcome if row["status"] == "refused")
