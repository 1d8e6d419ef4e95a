"""The Board report's workbook, read back with openpyxl: what it shows, how it looks, how it prints.

Its rows are written as XML text (render/xlsx_grid.py) instead of as openpyxl cell objects; these tests
prove that a cell comes out as openpyxl itself would write it, and that the report keeps its look:
titles, merged headers, fonts, fills, borders, number formats, frozen panes and the page setup.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import IllegalCharacterError
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chilinh_desktop.ops.board import board_report, write_board_report
from chilinh_desktop.render.xlsx_grid import Grid, Style, save
from chilinh_desktop.render.xlsx_text import as_text

VALUES = ["Nguyễn Văn Ánh", "  leading and trailing  ", "two\nlines", "a & b < c > d", "", 0, 7, -3, 0.1,
          2 / 3, 12345678901234567, True, "=SUM(A1:A3)", "+84 912", "-", "@home", "#N/A", "\tTab", "x" * 40000]
LOOKS = [Style(), Style(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDDDDD"),
                        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
         Style(border=Border(left=Side(style="thin"), bottom=Side(style="thin")), number_format="0.0%")]


def _look(cell) -> tuple:
    # The style parts read back are proxies: compared by what they print (every attribute).
    return (cell.value, cell.data_type, repr(cell.font), repr(cell.fill), repr(cell.border), repr(cell.alignment),
            cell.number_format, cell.quotePrefix)


def test_a_grid_cell_reads_back_as_the_same_cell_written_by_openpyxl():
    plain = Workbook()
    theirs = plain.active
    book = Workbook()
    grid = Grid(book.active)
    for row, value in enumerate(VALUES, 1):
        for column, look in enumerate(LOOKS, 1):
            cell = theirs.cell(row, column, value)
            for name in ("font", "fill", "border", "alignment"):
                if getattr(look, name) is not None:
                    setattr(cell, name, getattr(look, name))
            cell.number_format = look.number_format
            grid.put(row, column, value, look)
    empty = theirs.cell(len(VALUES) + 1, 2)  # a styled cell without a value
    empty.border, empty.number_format = LOOKS[2].border, LOOKS[2].number_format
    grid.style(len(VALUES) + 1, 2, LOOKS[2])
    buffer = BytesIO()
    as_text(plain).save(buffer)
    expected, got = load_workbook(buffer).active, load_workbook(BytesIO(save(book, [grid]))).active
    assert got.dimensions == expected.dimensions
    for row in expected.iter_rows():
        for cell in row:
            assert _look(got[cell.coordinate]) == _look(cell), cell.coordinate
    assert got["A13"].value == "=SUM(A1:A3)" and got["A13"].quotePrefix  # text, never a live formula


def test_a_text_a_worksheet_cannot_hold_is_refused_as_openpyxl_refuses_it():
    grid = Grid(Workbook().active)
    with pytest.raises(IllegalCharacterError):
        grid.put(1, 1, "bell\x07")


@pytest.fixture(scope="module")
def report_book(exchange, tmp_path_factory):
    """The demo Board's report after DB15's package arrived, as the command writes it, read back."""
    from chilinh_desktop.core.store import Store

    out = tmp_path_factory.mktemp("report") / "report.xlsx"
    with Store.open(exchange["board"]) as store:
        report = board_report(store)
        write_board_report(store, out)
    return report, load_workbook(out)


THIN = Side(style="thin")
FRAME = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def test_every_sheet_has_its_titles_headers_frame_and_page_setup(report_book):
    report, book = report_book
    assert book.sheetnames == ["Xếp loại", "Thiếu, trễ", "Khen thưởng", "Các điểm cần lưu ý", "Xếp loại qua các năm",
                               "Đảng viên theo mức xếp loại"]
    for sheet in book.worksheets:
        last = sheet.max_column
        titles = [sheet.cell(row, 1) for row in (1, 2, 3)]
        assert titles[0].value == report.issuer and titles[2].value.endswith(report.as_of)
        assert [(t.font.b, t.font.i, t.font.sz) for t in titles] == [(True, False, 12), (True, False, 14),
                                                                     (False, True, 12)], sheet.title
        assert all(t.alignment.horizontal == "center" and t.alignment.wrap_text for t in titles)
        assert {f"A{row}:{get_column_letter(last)}{row}" for row in (1, 2, 3)} <= {
            str(r) for r in sheet.merged_cells.ranges}, sheet.title
        assert sheet.row_dimensions[2].height == 22
        header = sheet.cell(5, 1)
        assert header.font.b and header.fill.fgColor.rgb == "00DDDDDD" and header.border == FRAME
        assert header.alignment.horizontal == "center" and header.alignment.vertical == "center"
        framed = [cell for row in sheet.iter_rows(min_row=5, max_row=sheet.max_row - 2, max_col=last) for cell in row]
        assert all(cell.border == FRAME for cell in framed if cell.coordinate not in sheet.merged_cells), sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows in ("$5:$5", "$5:$6") and sheet.freeze_panes in ("C6", "D6", "E6", "C7", "D7")


def test_the_classification_sheet_counts_what_the_report_counts(report_book):
    report, book = report_book
    sheet = book["Xếp loại"]
    levels = list(report.cycle.levels)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:C6", "D5:E5"} <= merged  # two-row headers: No., kind, total; a level's pair
    assert [sheet.cell(6, 4 + 2 * n).value for n in range(len(levels))] == ["Số lượng"] * len(levels)
    totals = [row for row in sheet.iter_rows(min_row=7) if row[1].value == "Cộng"]
    for section, row in zip(("unit", "collective", "official"), totals, strict=True):
        lines = [line for line in report.classification if line.section == section]
        assert row[2].value == sum(line.total for line in lines) and row[2].number_format == "#,##0"
        assert all(cell.font.b for cell in row)
        assert row[4].number_format == "0.0%"
    body = next(row for row in sheet.iter_rows(min_row=8) if row[0].value == "1")
    assert body[0].alignment.horizontal == "center" and body[1].alignment.vertical == "top"
    assert body[1].alignment.wrap_text


def test_the_findings_and_history_sheets_hold_every_row(report_book):
    report, book = report_book
    findings, history = book["Các điểm cần lưu ý"], book["Xếp loại qua các năm"]
    numbers = [findings.cell(row, 1).value for row in range(6, 6 + len(report.findings))]
    assert numbers == list(range(1, len(report.findings) + 1)) and findings.cell(6, 1).number_format == "0"
    assert [findings.cell(5 + n, 5).value for n in (1, len(report.findings))] == [
        report.findings[0].message, report.findings[-1].message]
    assert findings.cell(5 + len(report.findings) + 2, 1).font.i  # the note under the table
    assert history.max_row == 5 + len(report.history)
    years = [cell.value for cell in history[5][4:]]
    assert years
    assert all(history.cell(6, column).alignment.horizontal == "center" for column in range(5, 5 + len(years)))
