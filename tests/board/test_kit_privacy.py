"""Kit privacy: a unit's kit carries only its own cadres; the whole-city kit carries none."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from board_helpers import run, run_json


def _kit_officials(kit: Path) -> list[dict]:
    with zipfile.ZipFile(kit) as archive:
        return json.loads(archive.read("data/officials.json"))


def _subtree_codes(db: Path, code: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        parents = dict(conn.execute("SELECT u.code, p.code FROM unit_periods up JOIN units u ON u.id = up.unit_id "
                                    "LEFT JOIN units p ON p.id = up.parent_id").fetchall())
    codes, grew = {code}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in codes} - codes
        codes |= more
        grew = bool(more)
    return codes


def test_unit_kit_carries_only_that_units_cadres(demo_path, tmp_path, capsys):
    kit = tmp_path / "db15.zip"
    assert run(capsys, "kit", "export", "--db", str(demo_path), "--out", str(kit), "--unit", "DB15")[0] == 0
    officials = _kit_officials(kit)
    own = _subtree_codes(demo_path, "DB15")
    assert officials and {o["unit_code"] for o in officials} <= own


def test_whole_city_kit_carries_no_cadres(demo_path, tmp_path, capsys):
    kit = tmp_path / "city.zip"
    assert run(capsys, "kit", "export", "--db", str(demo_path), "--out", str(kit))[0] == 0
    assert _kit_officials(kit) == []
    code, setup = run_json(capsys, "kit", "import", "--db", str(tmp_path / "unit.sqlite3"), "--kit", str(kit),
                           "--unit", "DB15")
    assert code == 0 and setup["officials"] == 0 and setup["warnings"]


def test_unit_kit_does_not_set_up_another_unit(kit, tmp_path, capsys):
    unit = tmp_path / "other.sqlite3"
    code, _out, err = run(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", "DB01")
    assert code == 2 and "DB15" in err
