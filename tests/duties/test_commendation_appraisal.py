"""The Board appraises the commendation proposals it received, in the CLI and through the operation."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.ops.commendations import appraise, worklist


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_every_received_proposal_is_listed_pending(board):
    work = worklist(board)
    assert work.proposals, "DB15's package carries commendation proposals"
    assert {p.unit_code for p in work.proposals} == {"DB15"}
    assert work.pending == len(work.proposals)
    assert str(work.deadline) == "2023-12-15"
    assert "15/12/2023" in work.notice()


def test_cli_lists_and_appraises_with_audit(board_path):
    code, out, _err = _run("commendations", "--db", str(board_path), "--today", "2023-12-05", "--json")
    assert code == 0
    listed = json.loads(out)
    first = listed["proposals"][0]
    assert first["status"] == "pending" and listed["pending"] == len(listed["proposals"])
    code, out, _err = _run("commendations", "appraise", "--db", str(board_path), "--id", first["id"],
                           "--decision", "accepted", "--actor", "Trưởng ban")
    assert code == 0, _err
    code, out, _err = _run("commendations", "--db", str(board_path), "--json")
    after = {p["id"]: p for p in json.loads(out)["proposals"]}
    assert after[first["id"]]["status"] == "accepted"
    assert after[first["id"]]["decided_by"] == "Trưởng ban"
    from chilinh_desktop.core.store import Store

    with Store.open(board_path) as store:
        audit = store.db.execute("SELECT actor, detail FROM audit WHERE action = 'commendation.appraise'").fetchall()
    assert audit and audit[-1][0] == "Trưởng ban" and json.loads(audit[-1][1])["decision"] == "accepted"


def test_rejecting_needs_a_reason(board, board_path):
    proposal = worklist(board).proposals[0]
    with pytest.raises(ValidationError):
        appraise(board, proposal.id, "rejected", "  ", actor="t")
    assert worklist(board).proposals[0].status == "pending"
    code, _out, err = _run("commendations", "appraise", "--db", str(board_path), "--id", proposal.id,
                           "--decision", "rejected")
    assert code == 2 and "lý do" in err
    done = appraise(board, proposal.id, "rejected", "Chưa đủ tiêu chuẩn", actor="t")
    assert "commendations" in done.changes
    again = next(p for p in worklist(board).proposals if p.id == proposal.id)
    assert (again.status, again.reason) == ("rejected", "Chưa đủ tiêu chuẩn")


def test_an_unknown_id_is_refused_with_exit_2(board_path):
    code, _out, err = _run("commendations", "appraise", "--db", str(board_path), "--id", "zzzzzzzz",
                           "--decision", "accepted")
    assert code == 2 and "zzzzzzzz" in err


def test_a_decision_made_by_mistake_is_withdrawn_audited(board_path):
    code, out, _err = _run("commendations", "--db", str(board_path), "--json")
    first = json.loads(out)["proposals"][0]
    code, _out, err = _run("commendations", "withdraw", "--db", str(board_path), "--id", first["id"])
    assert code == 2 and "chưa được thẩm định" in err  # nothing to withdraw yet
    assert _run("commendations", "appraise", "--db", str(board_path), "--id", first["id"], "--decision",
                "accepted")[0] == 0
    code, out, _err = _run("commendations", "withdraw", "--db", str(board_path), "--id", first["id"], "--actor",
                           "Trưởng ban")
    assert code == 0 and first["name"] in out
    code, out, _err = _run("commendations", "--db", str(board_path), "--json")
    assert {p["id"]: p for p in json.loads(out)["proposals"]}[first["id"]]["status"] == "pending"
    code, out, _err = _run("commendations", "--db", str(board_path))
    assert "Đảng bộ xã Nam Sơn" in out  # the unit by its name
    from chilinh_desktop.core.store import Store

    with Store.open(board_path) as store:
        audit = store.db.execute("SELECT actor, detail FROM audit WHERE action = 'commendation.withdraw'").fetchall()
    assert [(a, json.loads(d)["previous"]) for a, d in audit] == [("Trưởng ban", "accepted")]
