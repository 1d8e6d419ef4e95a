"""The Board's report workbook for the Standing Committee, ready to print (báo cáo tổng hợp).

Sheets: the classification summary (grassroots party organisations, leadership collectives and
managed cadres: counts and percentages per level and kind of unit), the missing and late packages
and dossiers, the commendation proposals, and the rule findings on the ratings units sent (issue #7);
then each organisation's, collective's and cadre's ratings by year (issue 17); then the party members
by level that each grassroots organisation's classification report counts (issue 23).
Every sheet: merged title rows, real (merged) headers,
number formats, frozen panes, A4 landscape fitted to the page width.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chilinh_desktop.core.board import LATE, ON_TIME, OVERDUE, UnitArrival
from chilinh_desktop.core.board_summary import ClassificationRow, MembersRow
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.rules import Finding
from chilinh_desktop.i18n import _
from chilinh_desktop.render.xlsx_page import print_setup
from chilinh_desktop.render.xlsx_text import as_text

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE_TOP = Alignment(horizontal="center", vertical="top")


@dataclass(frozen=True)
class BoardReport:
    """What the report shows; the numbers are computed by core.board and core.board_summary."""

    issuer: str
    cycle: Cycle
    as_of: str  # the day, already formatted
    unit_types: dict[str, str]  # unit type id -> name
    classification: Sequence[ClassificationRow]
    arrivals: Sequence[UnitArrival]
    commendations: Sequence[dict[str, Any]]
    findings: Sequence[Finding] = ()
    history: Sequence[HistoryRow] = ()
    commendation_kinds: dict[str, str] = field(default_factory=dict)  # to_chuc -> Tổ chức đảng
    members: Sequence[MembersRow] = ()  # party members by level, per grassroots organisation


@dataclass(frozen=True)
class HistoryRow:
    """One subject's final level per year, for the multi-year sheet."""

    unit_code: str
    name: str
    kind: str  # organisation | collective | official
    levels: dict[int, str]


def section_names() -> dict[str, str]:
    """The classification sections as the report titles them."""
    return {"unit": _("Party organisations"), "collective": _("Leadership collectives"),
            "official": _("Cadres managed by the Standing Committee")}


def timeliness_names() -> dict[str, str]:
    """Per-deadline states as the report and the dashboard word them."""
    return {ON_TIME: _("on time"), LATE: _("late"), OVERDUE: _("overdue, not received"),
            "pending": _("not yet received")}


def board_report_workbook(report: BoardReport) -> bytes:
    """The .xlsx bytes of the report."""
    book = Workbook()
    _classification(book.active, report)
    _missing(book.create_sheet(), report)
    _commendations(book.create_sheet(), report)
    _findings(book.create_sheet(), report)
    _history(book.create_sheet(), report)
    _members(book.create_sheet(), report)
    buffer = io.BytesIO()
    as_text(book).save(buffer)
    return buffer.getvalue()


def _titles(sheet: Worksheet, report: BoardReport, title: str, columns: int) -> None:
    sheet.append([report.issuer])
    sheet.append([title])
    sheet.append([_("{cycle} — as of {day}", cycle=report.cycle.title, day=report.as_of)])
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row, 1).font = Font(bold=row != 3, italic=row == 3, size=14 if row == 2 else 12)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[2].height = 22


def _two_row_headers(sheet, top: int, leading: list[str], levels: list[str]) -> None:
    """Headers over two rows: the leading columns merged down, then a "Count" and "%" pair under each level."""
    sub = top + 1
    for column, text in enumerate(leading, start=1):
        _header_cell(sheet, top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    for n, level in enumerate(levels):
        column = len(leading) + 1 + 2 * n
        _header_cell(sheet, top, column, level)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
        _header_cell(sheet, sub, column, _("Count"))
        _header_cell(sheet, sub, column + 1, "%")


def _header_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row, column, text)
    cell.font = Font(bold=True)
    cell.fill = _HEAD_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _frame(sheet: Worksheet, first_row: int, columns: int) -> None:
    # Every cell of a shape gets the same style: worked out through openpyxl once per distinct style the cells
    # had, then copied (setting a style object per cell hashes it into the workbook's list each time).
    framed: dict[tuple[tuple[int, ...], bool], StyleArray] = {}
    for row in sheet.iter_rows(min_row=first_row, max_row=sheet.max_row, max_col=columns):
        for cell in row:
            key = (tuple(cell._style or ()), cell.row > first_row)  # no _style yet: the default style
            done = framed.get(key)
            if done is not None:
                cell._style = copy(done)
                continue
            cell.border = _BORDER
            if cell.row > first_row and cell.alignment.horizontal is None:
                cell.alignment = _TOP_WRAP
            framed[key] = copy(cell._style)


def _print_setup(sheet: Worksheet, widths: Sequence[float], title_rows: str, freeze: str) -> None:
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_setup(sheet, title_rows=title_rows, freeze=freeze)  # the one page setup (render/xlsx_page.py)


def _classification(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Classification")
    levels = list(report.cycle.levels)
    columns = 3 + 2 * len(levels) + 2
    _titles(sheet, report, _("SUMMARY OF QUALITY CLASSIFICATION"), columns)
    top, sub = 5, 6
    _two_row_headers(sheet, top, [_("No."), _("Kind of unit"), _("Total")], levels)
    for column, text in ((columns - 1, _("Not rated")), (columns, _("No rating yet"))):
        _header_cell(sheet, top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    row = sub
    sections = section_names()
    for section in ("unit", "collective", "official"):
        lines = [line for line in report.classification if line.section == section]
        row += 1
        sheet.cell(row, 1, sections[section]).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row, 1).fill = _SECTION_FILL
        for n, line in enumerate(lines, 1):
            row += 1
            _level_row(sheet, row, levels, str(n), report.unit_types.get(line.unit_type, line.unit_type), line)
        total = ClassificationRow(section, "")
        for line in lines:
            total.total += line.total
            total.counts.update(line.counts)
            total.not_rated += line.not_rated
            total.unrated += line.unrated
        row += 1
        _level_row(sheet, row, levels, "", _("Total"), total)
        for column in range(1, columns + 1):
            sheet.cell(row, column).font = Font(bold=True)
    _frame(sheet, top, columns)
    sheet.cell(row + 2, 1, _("Percentages are of those with a level. Source: the ratings in each unit's current "
                             "package (decision, else proposal, else self-rating)."))
    sheet.cell(row + 2, 1).font = Font(italic=True, size=9)
    _print_setup(sheet, [6, 34, 9] + [8, 8] * len(levels) + [10, 11], f"{top}:{sub}", f"C{sub + 1}")


def _level_row(sheet: Worksheet, row: int, levels: list[str], number: str, label: str,
               line: ClassificationRow) -> None:
    sheet.cell(row, 1, number).alignment = Alignment(horizontal="center", vertical="top")
    sheet.cell(row, 2, label)
    sheet.cell(row, 3, line.total).number_format = "#,##0"
    rated = line.rated
    for n, level in enumerate(levels):
        column = 4 + 2 * n
        sheet.cell(row, column, line.counts.get(level, 0)).number_format = "#,##0"
        share = sheet.cell(row, column + 1, (line.counts.get(level, 0) / rated) if rated else 0)
        share.number_format = "0.0%"
    sheet.cell(row, 4 + 2 * len(levels), line.not_rated).number_format = "#,##0"
    sheet.cell(row, 5 + 2 * len(levels), line.unrated).number_format = "#,##0"


def _missing(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Missing and late")
    deadlines = list(report.cycle.deadlines)
    headers = [_("No."), _("Code"), _("Unit"), _("Package received"), _("Received on")]
    headers += [_("Deadline {day}", day=running_date(d.date)) for d in deadlines]
    headers += [_("Complete"), _("Items done"), _("Items required"), _("What is missing")]
    columns = len(headers)
    _titles(sheet, report, _("MISSING AND LATE PACKAGES AND DOSSIERS"), columns)
    for column, text in enumerate(headers, 1):
        _header_cell(sheet, 5, column, text)
    sheet.row_dimensions[5].height = 32
    states = timeliness_names()
    shown = [a for a in report.arrivals if not a.complete or LATE in a.timeliness.values()]
    for n, arrival in enumerate(shown, 1):
        received = arrival.first_received_at[:10] if arrival.first_received_at else ""
        if received:
            received = f"{received[8:10]}/{received[5:7]}/{received[:4]}"
        values = [n, arrival.code, arrival.name, _("yes") if arrival.arrived else _("no"), received]
        values += [states[arrival.timeliness[d.id]] for d in deadlines]
        # Item counts come from a package; before one arrives there is nothing to count.
        counts = [arrival.items_done, arrival.items_required] if arrival.arrived else ["", ""]
        values += [_("yes") if arrival.complete else _("no"), *counts, "\n".join(arrival.missing)]
        sheet.append(values)
        for column in (1, columns - 2, columns - 1):
            sheet.cell(5 + n, column).number_format = "0"  # the row just appended (sheet.max_row scans them all)
    if not shown:
        sheet.append(["", "", _("Every unit's package arrived on time and complete.")])
    _frame(sheet, 5, columns)
    _print_setup(sheet, [6, 10, 36, 11, 12] + [16] * len(deadlines) + [10, 9, 9, 60], "5:5", "D6")


def _commendations(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Commendations")
    headers = [_("No."), _("Unit"), _("Proposed for"), _("Kind"), _("Level"), _("Achievement"), _("Appraisal"),
               _("Reason or remark")]
    _titles(sheet, report, _("COMMENDATION PROPOSALS"), len(headers))
    for column, text in enumerate(headers, 1):
        _header_cell(sheet, 5, column, text)
    results = appraisal_names()
    for n, proposal in enumerate(report.commendations, 1):
        # the appraisal keys are absent when a caller built the report without the Board's appraisals
        remark = "; ".join(t for t in (proposal.get("appraisal_reason", ""), proposal.get("appraisal_flag", "")) if t)
        sheet.append([n, f"{proposal['unit_name']} ({proposal['unit_code']})", proposal["name"],
                      report.commendation_kinds.get(proposal["kind"], proposal["kind"]),
                      proposal["level"], proposal["achievement"],
                      results.get(proposal.get("appraisal", ""), proposal.get("appraisal", "")), remark])
        sheet.cell(5 + n, 1).number_format = "0"
    if not report.commendations:
        sheet.append(["", _("No commendation proposal has been recorded.")])
    _frame(sheet, 5, len(headers))
    _print_setup(sheet, [6, 36, 30, 16, 10, 50, 14, 40], "5:5", "C6")


def appraisal_names() -> dict[str, str]:
    """The Board's appraisal of a proposal as the report words it."""
    return {"pending": _("not appraised"), "accepted": _("accepted"), "rejected": _("rejected")}


def _findings(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Points to note")
    headers = [_("No."), _("Severity"), _("Unit"), _("Subject"), _("Finding"), _("What to do"), _("Rule")]
    _titles(sheet, report, _("POINTS TO NOTE IN THE UNITS' RATINGS"), len(headers))
    for column, text in enumerate(headers, 1):
        _header_cell(sheet, 5, column, text)
    names = {arrival.code: arrival.name for arrival in report.arrivals}
    for n, finding in enumerate(report.findings, 1):
        units = ", ".join(finding.units)
        if len(finding.units) == 1 and finding.units[0] in names:
            units = f"{names[finding.units[0]]} ({finding.units[0]})"
        severity = _("Error") if finding.severity == "error" else _("Warning")
        sheet.append([n, severity, units, finding.subject_name, finding.message, finding.action,
                      finding.citation])
        sheet.cell(5 + n, 1).number_format = "0"
    if not report.findings:
        sheet.append(["", "", _("The ratings in the packages received follow the cycle's rules.")])
    _frame(sheet, 5, len(headers))
    # A peer group spans units: until every package is in, its quota is judged on part of it.
    note = sheet.cell(sheet.max_row + 2, 1, _("Judged on the units' current packages only; quotas count the "
                                              "packages received so far."))
    note.font = Font(italic=True, size=9)
    _print_setup(sheet, [6, 10, 30, 28, 56, 44, 30], "5:5", "C6")


def _history(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Ratings by year")
    years = sorted({year for row in report.history for year in row.levels if year <= report.cycle.year})
    headers = [_("No."), _("Unit"), _("Subject"), _("Kind"), *(str(year) for year in years)]
    _titles(sheet, report, _("RATINGS BY YEAR"), len(headers))
    for column, text in enumerate(headers, 1):
        _header_cell(sheet, 5, column, text)
    kinds = {"organisation": _("Party organisation"), "collective": _("Leadership collective"),
             "official": _("Cadre")}
    sections = list(kinds)
    rows = sorted(report.history, key=lambda r: (sections.index(r.kind), r.unit_code, r.name))
    for n, row in enumerate(rows, 1):
        sheet.append([n, row.unit_code, row.name, kinds.get(row.kind, row.kind),
                      *(row.levels.get(year, "") for year in years)])
        sheet.cell(5 + n, 1).number_format = "0"
        for column in range(5, 5 + len(years)):
            sheet.cell(5 + n, column).alignment = _CENTRE_TOP
    if not rows:
        sheet.append(["", "", _("No rating of an earlier year is recorded.")])
    _frame(sheet, 5, len(headers))
    _print_setup(sheet, [6, 10, 40, 22] + [10] * len(years), "5:5", "E6")


def _members(sheet: Worksheet, report: BoardReport) -> None:
    sheet.title = _("Members by level")
    levels = list(report.cycle.levels)
    columns = 4 + 2 * len(levels)
    _titles(sheet, report, _("PARTY MEMBERS BY LEVEL"), columns)
    top, sub = 5, 6
    _two_row_headers(sheet, top, [_("No."), _("Code"), _("Grassroots party organisation"), _("Members rated")],
                     levels)
    totals: dict[str, int] = dict.fromkeys(levels, 0)
    row = sub
    for n, line in enumerate(report.members, 1):
        row += 1
        _members_row(sheet, row, levels, [n, line.unit_code, line.unit_name], line.counts)
        for level in levels:
            totals[level] += line.counts.get(level, 0)
    row += 1
    _members_row(sheet, row, levels, ["", "", _("Total")], totals)
    for column in range(1, columns + 1):
        sheet.cell(row, column).font = Font(bold=True)
    _frame(sheet, top, columns)
    note = sheet.cell(row + 2, 1, _("Counted by each grassroots organisation's classification report, in its "
                                    "current package; percentages are of the members rated."))
    note.font = Font(italic=True, size=9)
    _print_setup(sheet, [6, 10, 40, 10] + [8, 8] * len(levels), f"{top}:{sub}", f"D{sub + 1}")


def _members_row(sheet: Worksheet, row: int, levels: list[str], first: list[Any], counts: dict[str, int]) -> None:
    total = sum(counts.get(level, 0) for level in levels)
    for column, value in enumerate([*first, total], 1):
        sheet.cell(row, column, value).number_format = "#,##0" if column in (1, 4) else "General"
    for n, level in enumerate(levels):
        column = 5 + 2 * n
        sheet.cell(row, column, counts.get(level, 0)).number_format = "#,##0"
        sheet.cell(row, column + 1, counts.get(level, 0) / total if total else 0).number_format = "0.0%"
