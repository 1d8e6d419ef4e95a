"""Registered breakthrough tasks are approved or returned by the level the kit names; approved ones per cadre."""

from __future__ import annotations

import contextlib
import io
import json

from chilinh_desktop.cli import main
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.setup import Installation, set_up_installation


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _tasks(db, *extra) -> dict:
    code, out, err = _run("tasks", "--db", str(db), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_the_board_approves_and_returns_the_tasks_a_package_brought(board_path):
    listed = _tasks(board_path)
    assert listed["approver"] == "board" and listed["may_decide"]
    # the demo Board also keeps its own registrations of every unit; DB15's came with its package
    first, second = [t for t in listed["tasks"] if t["unit_code"] == "DB15"][:2]
    assert first["status"] == "pending" and first["task"]
    assert _run("tasks", "decide", "--db", str(board_path), "--cadre", first["official_id"], "--task",
                str(first["task_no"]), "--decision", "approved", "--actor", "Ban Tổ chức")[0] == 0
    code, _out, err = _run("tasks", "decide", "--db", str(board_path), "--cadre", second["official_id"], "--task",
                           str(second["task_no"]), "--decision", "returned")
    assert code == 2 and "lý do" in err
    assert _run("tasks", "decide", "--db", str(board_path), "--cadre", second["official_id"], "--task",
                str(second["task_no"]), "--decision", "returned", "--note", "Chưa rõ sản phẩm")[0] == 0
    approved = _tasks(board_path, "--approved")
    assert list(approved) == [first["official_id"]]
    assert [t["task"] for t in approved[first["official_id"]]] == [first["task"]]
    after = {(t["official_id"], t["task_no"]): t for t in _tasks(board_path)["tasks"]}
    assert after[(second["official_id"], second["task_no"])]["note"] == "Chưa rõ sản phẩm"


def test_with_the_unit_approving_the_board_is_refused_and_the_kit_tells_the_unit(demo_path, tmp_path):
    assert _run("tasks", "approver", "--db", str(demo_path), "unit")[0] == 0
    assert _tasks(demo_path)["may_decide"] is False
    kit = tmp_path / "kit.zip"
    assert _run("kit", "export", "--db", str(demo_path), "--out", str(kit), "--unit", "DB15")[0] == 0
    unit_db = tmp_path / "unit.sqlite3"
    with Store.open(unit_db) as store:
        set_up_installation(store, Installation(role="kit", code="DB15", kit=str(kit)))
    code, out, _err = _run("tasks", "approver", "--db", str(unit_db))
    assert code == 0 and "lãnh đạo đơn vị" in out
    listed = _tasks(unit_db)
    assert listed["approver"] == "unit" and listed["may_decide"] is True
    demo_task = _tasks(demo_path)["tasks"][0]  # the demo Board's own registrations
    code, _out, err = _run("tasks", "decide", "--db", str(demo_path), "--cadre", demo_task["official_id"],
                           "--task", "1", "--decision", "approved")
    assert code == 2 and "lãnh đạo đơn vị" in err


def test_the_unit_leaderships_decisions_travel_to_the_board(demo_path, tmp_path):
    board = demo_path
    kit, unit_db, usb = tmp_path / "kit.zip", tmp_path / "unit.sqlite3", tmp_path / "usb"
    usb.mkdir()
    assert _run("tasks", "approver", "--db", str(board), "unit")[0] == 0
    assert _run("kit", "export", "--db", str(board), "--out", str(kit), "--unit", "DB15")[0] == 0
    assert _run("demo", "--role", "unit", "--unit", "DB15", "--kit", str(kit), "--db", str(unit_db))[0] == 0
    task = _tasks(unit_db)["tasks"][0]
    assert _run("tasks", "decide", "--db", str(unit_db), "--cadre", task["official_id"], "--task",
                str(task["task_no"]), "--decision", "approved", "--actor", "Bí thư chi bộ")[0] == 0
    _run("signoff", "--db", str(unit_db), "--unit", "DB15", "--by", "Bí thư", "--acknowledge-warnings")
    assert _run("export", "--db", str(unit_db), "--unit", "DB15", "--out", str(usb))[0] == 0
    assert _run("import", "--db", str(board), "--trust-new", str(usb))[0] == 0
    approved = _tasks(board, "--approved")[task["official_id"]]
    assert [(t["task"], t["decided_by"]) for t in approved] == [(task["task"], "Bí thư chi bộ")]
    # The import is audited with the decisions it brought; once the Board takes the approval back, a unit's
    # decision in a stored package no longer counts (a package decides only what its sender may).
    import sqlite3

    with sqlite3.connect(board) as conn:
        details = [json.loads(r[0]) for r in conn.execute(
            "SELECT detail FROM audit WHERE action = 'package.receive' ORDER BY id DESC LIMIT 1")]
    assert details[0]["task_decisions"] == 1
    assert _run("tasks", "approver", "--db", str(board), "board")[0] == 0
    assert task["official_id"] not in _tasks(board, "--approved")


def test_a_task_decision_made_by_mistake_is_withdrawn_audited(board_path):
    task = next(t for t in _tasks(board_path)["tasks"] if t["unit_code"] == "DB15")
    args = ("--db", str(board_path), "--cadre", task["official_id"], "--task", str(task["task_no"]))
    code, _out, err = _run("tasks", "withdraw", *args)
    assert code == 2 and "chưa có gì thay đổi" in err
    assert _run("tasks", "decide", *args, "--decision", "approved")[0] == 0
    code, out, _err = _run("tasks", "withdraw", *args, "--actor", "Ban Tổ chức")
    assert code == 0 and task["task"] in out
    after = {(t["official_id"], t["task_no"]): t for t in _tasks(board_path)["tasks"]}
    assert after[(task["official_id"], task["task_no"])]["status"] == "pending"
    code, out, _err = _run("tasks", "--db", str(board_path))
    assert "Đảng bộ xã Nam Sơn" in out and " DB15 " not in out
    with Store.open(board_path) as store:
        audit = store.db.execute("SELECT actor, detail FROM audit WHERE action = 'task.withdraw'").fetchall()
    assert [(a, json.loads(d)["previous"]) for a, d in audit] == [("Ban Tổ chức", "approved")]
