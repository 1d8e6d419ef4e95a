"""The Board's report and a unit's package summary print alike (one page setup, render/xlsx_page.py)."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from chilinh_desktop.ops.board import write_board_report
from chilinh_desktop.render.excel_summary import SummaryRow, summary_workbook


def _setup(sheet) -> tuple:
    page, margins = sheet.page_setup, sheet.page_margins
    return (page.orientation, str(page.paperSize), page.fitToWidth, page.fitToHeight,
            sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.print_options.horizontalCentered,
            (margins.left, margins.right, margins.top, margins.bottom))


def test_every_sheet_of_both_workbooks_has_the_same_page_setup(demo_store, tmp_path):
    write_board_report(demo_store, tmp_path / "report.xlsx")
    report = load_workbook(tmp_path / "report.xlsx")
    summary = load_workbook(BytesIO(summary_workbook("DB15", "Đơn vị", "Đợt 2023",
                                                     [SummaryRow("Lê Văn A", "02B", "bắt buộc", "đã ký", "")])))
    setups = {_setup(sheet) for sheet in [*report.worksheets, *summary.worksheets]}
    assert setups == {("landscape", "9", 1, 0, True, True, (0.5, 0.4, 0.6, 0.6))}
