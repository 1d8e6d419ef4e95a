"""The Board assigns leaders to review meetings (TB 1198); the kit carries them; the minutes show and are checked."""

from __future__ import annotations

import contextlib
import io
import json

from openpyxl import Workbook

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.answers import get_form_item, set_form_answers
from chilinh_desktop.ops.setup import Installation, set_up_installation


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _listed(db) -> list[dict]:
    code, out, _err = _run("leaders", "list", "--db", str(db), "--json")
    assert code == 0
    return json.loads(out)


def test_assign_several_leaders_to_a_unit_and_list_them(demo_path):
    assert _run("leaders", "assign", "--db", str(demo_path), "--unit", "db15", "--name", "Trần Văn  Bình",
                "--post", "Phó Bí thư Thành ủy")[0] == 0
    assert _run("leaders", "assign", "--db", str(demo_path), "--unit", "DB15", "--name", "Lê Thị Hoa",
                "--post", "Chuyên viên Ban Tổ chức")[0] == 0
    assert _listed(demo_path) == [
        {"unit_code": "DB15", "name": "Trần Văn Bình", "post": "Phó Bí thư Thành ủy"},
        {"unit_code": "DB15", "name": "Lê Thị Hoa", "post": "Chuyên viên Ban Tổ chức"}]
    code, _out, err = _run("leaders", "assign", "--db", str(demo_path), "--unit", "XX99", "--name", "A")
    assert code == 2 and "XX99" in err
    assert len(_listed(demo_path)) == 2


def _workbook(path, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["THÔNG BÁO 1198-TB/TU — PHÂN CÔNG DỰ CHỈ ĐẠO KIỂM ĐIỂM"])
    sheet.append(["STT", "Mã đơn vị", "Họ và tên", "Chức vụ"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_import_names_bad_rows_by_number_and_records_nothing(demo_path, tmp_path):
    bad = tmp_path / "bad.xlsx"
    _workbook(bad, [[1, "DB15", "Trần Văn Bình", "Phó Bí thư"], [2, "ZZ01", "Lê Văn C", "Ủy viên BTV"],
                    [3, "DB15", "", "Chuyên viên"]])
    code, _out, err = _run("leaders", "import", "--db", str(demo_path), "--from", str(bad))
    assert code == 2
    assert "dòng 4" in err and "ZZ01" in err and "dòng 5" in err and "dòng 3" not in err
    assert _listed(demo_path) == []
    good = tmp_path / "good.xlsx"
    _workbook(good, [[1, "DB15", "Trần Văn Bình", "Phó Bí thư"], [None, None, None, None],
                     [2, "db15", "Lê Thị Hoa", "Chuyên viên"]])
    assert _run("leaders", "import", "--db", str(demo_path), "--from", str(good))[0] == 0
    assert [r["name"] for r in _listed(demo_path)] == ["Trần Văn Bình", "Lê Thị Hoa"]


def test_the_kit_carries_the_assignment_into_the_minutes_and_check_reports_a_mismatch(demo_path, tmp_path):
    assert _run("leaders", "assign", "--db", str(demo_path), "--unit", "DB15", "--name", "Trần Văn Bình",
                "--post", "Phó Bí thư Thành ủy")[0] == 0
    assert _run("leaders", "assign", "--db", str(demo_path), "--unit", "DB02", "--name", "Người Khác")[0] == 0
    kit = tmp_path / "kit.zip"
    assert _run("kit", "export", "--db", str(demo_path), "--out", str(kit), "--unit", "DB15")[0] == 0
    unit_db = tmp_path / "unit.sqlite3"
    with Store.open(unit_db) as store:
        set_up_installation(store, Installation(role="kit", code="DB15", kit=str(kit)))
        cycle = get_cycle(store)
        minutes = get_form_item(store, cycle, "BBKD", unit_code="DB15")
        assert minutes.answers["city_leader"] == "Trần Văn Bình (Phó Bí thư Thành ủy)"
    assert _listed(unit_db) == [{"unit_code": "DB15", "name": "Trần Văn Bình", "post": "Phó Bí thư Thành ủy"}]

    def rules(db) -> list[str]:
        code, out, _err = _run("check", "--db", str(db), "--json")
        assert code == 0
        return [f["rule"] for f in json.loads(out)["findings"]]

    assert "duties_minutes_assigned" not in rules(unit_db)
    with Store.open(unit_db) as store:
        cycle = get_cycle(store)
        answers = dict(get_form_item(store, cycle, "BBKD", unit_code="DB15").answers)
        answers["city_leader"] = "Nguyễn Văn Dự Thay (Ủy viên BTV)"  # who actually attended: editable
        set_form_answers(store, cycle, "BBKD", answers, unit_code="DB15", actor="t")
    assert "duties_minutes_assigned" in rules(unit_db)


def _dump(db) -> str:
    import hashlib
    import sqlite3

    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


def test_leaders_import_refuses_anything_but_an_xlsx_clearly(demo_path, tmp_path):
    import os

    files = {"danh-sach.txt": "Mã đơn vị\tHọ và tên\nDB15\tTrần Văn Bình\n".encode(),
             "danh-sach.csv": "Mã đơn vị,Họ và tên,Chức vụ\nDB15,Trần Văn Bình,Phó Bí thư\n".encode(),
             "danh-sach.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048,
             "rong.xlsx": b"", "hong.xlsx": b"PK\x03\x04 not really a workbook"}
    before = _dump(demo_path)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.xlsx")
        files["fifo.xlsx"] = b""
    for name in files:
        code, _out, err = _run("leaders", "import", "--db", str(demo_path), "--from", str(tmp_path / name))
        assert code == 2 and "Traceback" not in err and name in err and "Chưa ghi nhận gì" in err, (name, err)
    assert "Excel 97–2003" in _run("leaders", "import", "--db", str(demo_path), "--from",
                                   str(tmp_path / "danh-sach.xls"))[2]
    assert _dump(demo_path) == before and _listed(demo_path) == []


def test_a_unit_is_named_by_its_name_and_a_wrong_assignment_is_removed(demo_path):
    """Issue 22: "Đảng bộ xã Nam Sơn" is a unit, not an unknown code; a wrong row goes, audited, same words."""
    assert _run("leaders", "assign", "--db", str(demo_path), "--unit", "Đảng bộ xã  Nam Sơn", "--name",
                "Trần Văn Bình", "--post", "Phó Bí thư Thành ủy")[0] == 0
    assert _listed(demo_path) == [{"unit_code": "DB15", "name": "Trần Văn Bình", "post": "Phó Bí thư Thành ủy"}]
    code, out, _err = _run("leaders", "list", "--db", str(demo_path))
    assert code == 0 and "Đảng bộ xã Nam Sơn" in out
    code, _out, err = _run("leaders", "assign", "--db", str(demo_path), "--unit", "Đảng bộ xã Nam", "--name", "A")
    assert code == 2 and "không có đơn vị nào có tên hoặc mã Đảng bộ xã Nam" in err

    code, _out, err = _run("leaders", "remove", "--db", str(demo_path), "--unit", "DB15", "--name", "Lê Văn Sai")
    assert code == 2 and "Lê Văn Sai không được phân công" in err and "Đảng bộ xã Nam Sơn" in err
    code, out, _err = _run("leaders", "remove", "--db", str(demo_path), "--unit", "Đảng bộ xã Nam Sơn", "--name",
                           "trần văn bình")
    assert code == 0 and "Đã gỡ: Trần Văn Bình" in out
    assert _listed(demo_path) == []
    with Store.open(demo_path) as store:
        audit = [json.loads(r[0]) for r in store.db.execute(
            "SELECT detail FROM audit WHERE action = 'leader.unassign'")]
    assert [a["name"] for a in audit] == ["Trần Văn Bình"]
