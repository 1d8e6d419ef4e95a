"""The demo city carries 2022: history, the two-year rule and the Board report's multi-year sheet on first start."""

from openpyxl import load_workbook

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.ops.history import history


def test_demo_history_and_two_year_rule(demo_store):
    rows = history(demo_store)
    assert rows and all(2022 in r.years and 2023 in r.years for r in rows)
    repeated = [r for r in rows if r.years[2022].level == r.years[2023].level == "KHTNV"]
    assert len(repeated) == 1 and repeated[0].kind == "official"
    flagged = {f.rule for f in evaluate(demo_store, get_cycle(demo_store)) if f.subject == repeated[0].key}
    assert {"124-QD-TW.khtnv_two_years_cadre", "124-QD-TW.khtnv_two_years_member"} <= flagged


def test_board_report_has_a_multi_year_sheet(demo_store, tmp_path):
    rows = history(demo_store)
    repeated = next(r for r in rows if r.years[2022].level == r.years[2023].level == "KHTNV")
    db = str(demo_store.path)
    demo_store.close()
    out = tmp_path / "report.xlsx"
    assert main(["report", "--db", db, "--out", str(out)]) == 0
    sheet = load_workbook(out)["Xếp loại qua các năm"]
    assert [sheet.cell(5, c).value for c in range(1, 7)] == ["TT", "Đơn vị", "Đối tượng", "Loại", "2022", "2023"]
    found = [[c.value for c in row] for row in sheet.iter_rows(min_row=6) if row[2].value == repeated.name]
    assert found and found[0][3:] == ["Cán bộ", "KHTNV", "KHTNV"]
    assert sheet.max_row - 5 == len(rows)
