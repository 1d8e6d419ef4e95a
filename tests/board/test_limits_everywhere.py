"""The limits and character rules of forms/limits.toml hold however text comes in (issue #25, item 8).

`form set` refused a 2,000,000-character name with U+202E and BEL; so do a unit's package (in
test_crafted_packages.py), `leaders assign`, `leaders import`, `meetings record` and a kit.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3

import pytest
from board_helpers import run
from forge import forge
from openpyxl import Workbook

from chilinh_desktop.package.kit import KitError, read_kit

HUGE = "Nguyễn \u202e\a" + "".join(random.Random(7).choices("aăâbcdđeêghiklmnoôơ ", k=2_000_000))
HOSTILE = {"2,000,000 characters, U+202E and BEL": HUGE, "BEL": "Trần Văn\a Bình",
           "right-to-left override": "Trần \u202eVăn", "ANSI escape": "Lê\x1b[2J Thị"}


def _dump(db) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("label", list(HOSTILE))
def test_leaders_assign_refuses_what_a_form_field_refuses(demo_path, capsys, label):
    before = _dump(demo_path)
    for option in ("--name", "--post"):
        argv = ["leaders", "assign", "--db", str(demo_path), "--unit", "DB15", "--name", "Trần Văn Bình",
                option, HOSTILE[label]]
        code, _out, err = run(capsys, *argv)
        assert code == 2 and "Traceback" not in err and "\a" not in err and "\u202e" not in err
    assert _dump(demo_path) == before


def test_leaders_import_refuses_a_hostile_row_and_records_nothing(demo_path, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Họ và tên", "Chức vụ"])
    sheet.append(["DB15", "Trần Văn Bình", "Phó Bí thư Thành ủy"])
    # openpyxl itself refuses to write a BEL: the override and the length are what an .xlsx can carry.
    sheet.append(["DB14", HUGE.replace("\a", "")[:30_000], "Ủy viên"])
    sheet.append(["DB13", "Lê Thị Hoa", "Chuyên viên\u202e"])
    book.save(tmp_path / "phan-cong.xlsx")
    before = _dump(demo_path)
    code, _out, err = run(capsys, "leaders", "import", "--db", str(demo_path), "--from",
                          str(tmp_path / "phan-cong.xlsx"))
    assert code == 2 and "3" in err and "4" in err and "Traceback" not in err  # rows 3 and 4 named
    assert _dump(demo_path) == before


@pytest.mark.parametrize("option", ["--place", "--time"])
def test_meetings_record_at_the_board_refuses_a_hostile_place_or_time(demo_path, capsys, option):
    before = _dump(demo_path)
    for text in HOSTILE.values():
        code, _out, err = run(capsys, "meetings", "record", "--db", str(demo_path), "--unit", "DB15", "--date",
                              "2023-12-12", option, text)
        assert code == 2 and "Traceback" not in err
    assert _dump(demo_path) == before


def test_meetings_record_at_a_unit_refuses_a_hostile_place(exchange, tmp_path, capsys):
    import shutil

    unit_db = shutil.copy(exchange["unit_db"], tmp_path / "unit.sqlite3")
    before = _dump(unit_db)
    code, _out, err = run(capsys, "meetings", "record", "--db", str(unit_db), "--unit", "DB15", "--place",
                          "Hội trường\u202e A")
    assert code == 2 and "U+202E" in err and _dump(unit_db) == before


def test_a_kit_carrying_a_hostile_cadre_name_is_refused(exchange, tmp_path):
    # Signed with the Board's real key, so only the text rules stand in the way.
    kit = exchange["kit"]
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.package.keyring import board_signing_key

    with Store.open(exchange["folder"] / "board.sqlite3") as store:
        board_key = board_signing_key(store, None)
    from forge import read_bag

    payload, _info = read_bag(kit)
    officials = json.loads(payload["officials.json"])
    officials[0]["full_name"] = HUGE
    hostile = forge(kit, tmp_path / "kit.zip", board_key,
                    files={"officials.json": json.dumps(officials, ensure_ascii=False).encode()})
    with pytest.raises(KitError) as refused:
        read_kit(hostile)
    assert refused.value.code == "kit.invalid" and "officials.json" in refused.value.message
    # The same kit re-signed without the change is read: the refusal is the text's.
    assert read_kit(forge(kit, tmp_path / "same.zip", board_key)).officials
