"""Kits in year two: a unit holding 2023 adds 2024 from the Board's new kit; 2023 and its packages stay as they were."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sqlite3

from chilinh_desktop.cli import main

NEW = ["--year", "2024", "--deadline", "review=2024-12-10", "--deadline", "dossier=2024-12-15"]


def _quiet(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


def _rows(db, sql):
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


def test_year_two_kit_adds_the_cycle_and_keeps_last_years(tmp_path, demo_db_file):
    board, unit = tmp_path / "board.sqlite3", tmp_path / "unit.sqlite3"
    shutil.copyfile(demo_db_file, board)
    kit23, kit24 = tmp_path / "kit23.zip", tmp_path / "kit24.zip"
    assert _quiet("kit", "export", "--db", str(board), "--out", str(kit23), "--unit", "DB15") == 0
    assert _quiet("demo", "--role", "unit", "--unit", "DB15", "--kit", str(kit23), "--db", str(unit)) == 0
    _quiet("signoff", "--db", str(unit), "--unit", "DB15", "--by", "Bí thư", "--acknowledge-warnings")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert _quiet("export", "--db", str(unit), "--unit", "DB15", "--out", str(usb)) == 0
    packages = _rows(unit, "SELECT * FROM packages ORDER BY id")
    dossiers23 = _rows(unit, "SELECT * FROM dossiers WHERE cycle_id = '2023' ORDER BY id")
    items23 = _rows(unit, "SELECT i.* FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
                          "WHERE d.cycle_id = '2023' ORDER BY i.id")
    assert packages and any(d[5] != "draft" for d in dossiers23)

    # The Board starts 2024 and sends DB15 its new kit.
    assert _quiet("cycle", "new", "--db", str(board), "--from", "2023", *NEW) == 0
    assert _quiet("kit", "export", "--db", str(board), "--out", str(kit24), "--unit", "DB15") == 0
    assert _quiet("kit", "import", "--db", str(unit), "--kit", str(kit24), "--unit", "DB15") == 0

    assert _rows(unit, "SELECT id, year FROM cycles ORDER BY year") == [("2023", 2023), ("2024", 2024)]
    assert _rows(unit, "SELECT value FROM settings WHERE key = 'current_cycle'") == [("2024",)]
    assert _rows(unit, "SELECT * FROM packages ORDER BY id") == packages
    assert _rows(unit, "SELECT * FROM dossiers WHERE cycle_id = '2023' ORDER BY id") == dossiers23
    assert _rows(unit, "SELECT i.* FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
                       "WHERE d.cycle_id = '2023' ORDER BY i.id") == items23
    officials = _rows(unit, "SELECT count(*) FROM officials WHERE active = 1")[0][0]
    assert _rows(unit, "SELECT count(*) FROM dossiers WHERE cycle_id = '2024' AND official_id IS NOT NULL") == [
        (officials,)]
    assert _quiet("print-all", "--db", str(unit), "--cycle", "2023", "--unit", "DB15", "--out",
                  str(tmp_path / "old")) == 0
    assert any((tmp_path / "old").iterdir())

    # A 2024 kit signed by another Board key is refused, and the data file is left alone.
    other = tmp_path / "other.sqlite3"
    assert _quiet("demo", "--db", str(other), "--seed", "7") == 0
    assert _quiet("cycle", "new", "--db", str(other), "--from", "2023", *NEW) == 0
    forged = tmp_path / "forged.zip"
    assert _quiet("kit", "export", "--db", str(other), "--out", str(forged), "--unit", "DB15") == 0
    before = hashlib.sha256(unit.read_bytes()).hexdigest()
    assert _quiet("kit", "import", "--db", str(unit), "--kit", str(forged), "--unit", "DB15") == 2
    assert hashlib.sha256(unit.read_bytes()).hexdigest() == before
