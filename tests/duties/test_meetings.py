"""Review meetings: recorded by the unit (minutes + summary date) or by phone at the Board, judged by the rules."""

from __future__ import annotations

import contextlib
import io
import json

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.package_documents import UnitDocument
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.answers import get_form_item
from chilinh_desktop.ops.meetings import calendar


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _meetings(db) -> dict[str, dict]:
    code, out, err = _run("meetings", "--db", str(db), "--json")
    assert code == 0, err
    return {m["unit_code"]: m for m in json.loads(out)["meetings"]}


def test_the_package_brings_the_minutes_meeting_and_the_summary_date(duties_exchange, board):
    with Store.open(duties_exchange["unit_db"]) as unit:
        minutes = get_form_item(unit, get_cycle(unit), "BBKD", unit_code="DB15").answers
    found = {m.unit_code: m for m in calendar(board).meetings}["DB15"]
    assert found.source == "package" and found.summary_date == "2023-12-20"
    assert (found.date, found.time, found.place) == (minutes["meeting_date"], minutes["start_time"], minutes["venue"])


def test_a_phone_entry_at_the_board_is_judged_against_deadline_and_summary(demo_path):
    assert _run("meetings", "record", "--db", str(demo_path), "--unit", "DB15", "--date", "2023-12-12",
                "--time", "8 giờ", "--place", "Hội trường", "--summary-date", "2023-12-11")[0] == 0
    db15 = _meetings(demo_path)["DB15"]
    assert db15["source"] == "phone" and db15["place"] == "Hội trường"
    assert any("sau hạn" in f for f in db15["findings"]) and any("tổng kết" in f for f in db15["findings"])
    code, _out, err = _run("meetings", "record", "--db", str(demo_path), "--unit", "DB15", "--time", "8h")
    assert code == 2 and "ngày" in err


def test_one_leader_at_two_meetings_at_the_same_time(demo_path):
    for unit in ("DB15", "DB02", "DB03"):
        assert _run("leaders", "assign", "--db", str(demo_path), "--unit", unit, "--name", "Trần Văn Bình")[0] == 0
    for unit, time in (("DB15", "8 giờ 00"), ("DB02", "9h30"), ("DB03", "14:00")):
        assert _run("meetings", "record", "--db", str(demo_path), "--unit", unit, "--date", "2023-12-06",
                    "--time", time, "--place", "Hội trường")[0] == 0
    found = _meetings(demo_path)
    clash = [f for f in found["DB15"]["findings"] if "Trần Văn Bình" in f]
    assert clash and any("Trần Văn Bình" in f for f in found["DB02"]["findings"])
    assert not any("Trần Văn Bình" in f for f in found["DB03"]["findings"])


def test_an_older_unit_document_without_a_meeting_still_reads():
    doc = {"format": "chilinh-unit", "version": 2, "cycle_id": "2023", "officials": [], "dossier": None,
           "unit": {"id": "u", "code": "DB15", "name": "Chi bộ", "type": "x", "grassroots": True}}
    read = UnitDocument.from_json(doc)
    assert read.meeting is None and "meeting" not in read.to_json()
    read = UnitDocument.from_json({**doc, "meeting": {"summary_date": "2023-12-20"}})
    assert read.meeting.summary_date == "2023-12-20" and read.to_json()["meeting"] == {"summary_date": "2023-12-20"}


def test_the_calendar_window_marks_days_and_lists_findings(qtbot, demo_path, tmp_path):
    import datetime as dt

    from PySide6.QtCore import QDate, QSettings

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.ui.main_window import MainWindow
    from chilinh_desktop.ui.meetings_view import MeetingsView

    assert _run("meetings", "record", "--db", str(demo_path), "--unit", "DB15", "--date", "2023-12-12",
                "--time", "8 giờ", "--place", "Hội trường")[0] == 0
    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        assert "meetings" in window.actions
        view = MeetingsView(window.ctx, window)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
        view.calendar.setSelectedDate(QDate(2023, 12, 12))
        units = [view.model.row_object(r).unit_code for r in range(view.model.rowCount())]
        assert "DB15" in units
        assert view.calendar.dateTextFormat(QDate(2023, 12, 12)).fontWeight() == 700
        texts = [view.findings.item(n).text() for n in range(view.findings.count())]
        assert any("sau hạn" in t for t in texts)
        window.ctx.runner.wait_idle()
        window.close()


def test_task_decisions_in_a_unit_document_read_back_and_are_checked():
    import pytest

    from chilinh_desktop.core.package_documents import DocumentError

    doc = {"format": "chilinh-unit", "version": 2, "cycle_id": "2023", "officials": [], "dossier": None,
           "unit": {"id": "u", "code": "DB15", "name": "Chi bộ", "type": "x", "grassroots": True}}
    decision = {"official_id": "o1", "task_no": 1, "task": "Số hóa hồ sơ", "decision": "approved", "note": "",
                "decided_by": "Bí thư", "decided_at": "2023-12-08T01:00:00+00:00"}
    read = UnitDocument.from_json({**doc, "task_decisions": [decision]})
    assert read.to_json()["task_decisions"] == [decision]
    with pytest.raises(DocumentError):
        UnitDocument.from_json({**doc, "task_decisions": [{**decision, "decision": "maybe"}]})
