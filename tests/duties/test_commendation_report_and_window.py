"""The appraisal reaches the Board's Excel report, flags proposals against the rating, and has a window worklist."""

from __future__ import annotations

import datetime as dt
import io
import json

from openpyxl import load_workbook
from PySide6.QtCore import QSettings

from chilinh_desktop.core.appraisals import proposal_id
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.board import write_board_report
from chilinh_desktop.ops.commendations import appraise, worklist

TODAY = dt.date(2023, 12, 5)


def test_the_report_shows_the_appraisal_and_its_reason(board, tmp_path):
    proposals = worklist(board).proposals
    appraise(board, proposals[0].id, "rejected", "Trùng đề nghị cấp trên", actor="t")
    out = tmp_path / "report.xlsx"
    write_board_report(board, out)
    sheet = load_workbook(io.BytesIO(out.read_bytes()))["Khen thưởng"]
    header = [c.value for c in sheet[5]]
    assert header[-2:] == ["Kết quả thẩm định", "Lý do, lưu ý"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6) if row[0].value]
    assert rows[0][2] == proposals[0].name and rows[0][6] == "không nhất trí"
    assert "Trùng đề nghị cấp trên" in rows[0][7]
    assert {r[6] for r in rows[1:]} <= {"chưa thẩm định"}


def test_a_proposal_for_someone_not_rated_htxsnv_is_flagged(board_path):
    """Change one received proposal's subject to a cadre rated below HTXSNV: the worklist flags it."""
    with Store.open(board_path, clock=FixedClock(TODAY)) as store:
        package_id, unit_text = store.db.execute(
            "SELECT p.package_id, d.unit_doc FROM received_packages p JOIN received_documents d USING (package_id) "
            "WHERE p.status = 'current'").fetchone()
        unit = json.loads(unit_text)
        cadres = {d["official"]["id"]: d for d in json.loads(store.db.execute(
            "SELECT officials_doc FROM received_documents WHERE package_id = ?", [package_id]).fetchone()[0])}
        below = next(i for i, d in cadres.items() if d["ratings"] and any(
            s["level"] != "HTXSNV" for s in d["ratings"]["steps"].values()))
        unit["ratings"]["commendations"].append({"name": cadres[below]["official"]["full_name"], "kind": "dang_vien",
                                                 "level": "HTXSNV", "achievement": "", "subject": f"official:{below}"})
        with store.atomic():
            store.db.execute("UPDATE received_documents SET unit_doc = ? WHERE package_id = ?",
                             [json.dumps(unit, ensure_ascii=False), package_id])
        work = worklist(store)
        added = next(p for p in work.proposals if p.subject == f"official:{below}" and p.level == "HTXSNV")
        assert added.rating != "HTXSNV" and "không phải HTXSNV" in added.flag
        assert added.id == proposal_id("2023", "DB15", added.to_json())
        assert all(not p.flag for p in work.proposals if p.rating == "HTXSNV")


def test_the_window_worklist_records_a_decision(qtbot, board_path, tmp_path):
    from chilinh_desktop.ui.commendations_view import CommendationsView
    from chilinh_desktop.ui.main_window import MainWindow

    with Store.open(board_path, clock=FixedClock(TODAY)) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        assert "commendations" in window.actions
        view = CommendationsView(window.ctx, window)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20_000)
        assert "15/12/2023" in view.summary.text()
        view.table.setCurrentIndex(view.model.index(0, 0))
        view.decide("rejected")  # no reason: refused with the operation's words
        qtbot.waitUntil(lambda: "lý do" in view.message.text(), timeout=10_000)
        view.reason.setText("Chưa đủ tiêu chuẩn")
        view.decide("rejected")
        qtbot.waitUntil(lambda: view.model.row_object(0).status == "rejected", timeout=10_000)
        window.show()
        window.show_dashboard()
        qtbot.waitUntil(lambda: window.dashboard.duties_notice.isVisibleTo(window.dashboard), timeout=10_000)
        assert "đề nghị khen thưởng" in window.dashboard.duties_notice.text()
        window.ctx.runner.wait_idle()
        window.close()
