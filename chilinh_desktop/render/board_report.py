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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chilinh_desktop.core.board import LATE, ON_TIME, OVERDUE, UnitArrival
from chilinh_desktop.core.board_summary import ClassificationRow, MembersRow
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.rules import Finding
from chilinh_desktop.i18n import _
from chilinh_desktop.render.xlsx_grid import PLAIN, Grid, Style, save
from chilinh_desktop.render.xlsx_page import print_setup

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
    sheets = [book.active, *(book.create_sheet() for _n in range(5))]
    grids = [Grid(sheet) for sheet in sheets]
    for build, grid in zip((_classification, _missing, _commendations, _findings, _history, _members), grids,
                           strict=True):
        build(grid, report)
    # Every string a spreadsheet could read as a formula is kept as text (render/xlsx_text.py): Grid.put.
    return save(book, grids)


_TITLE = [Style(font=Font(bold=row != 3, italic=row == 3, size=14 if row == 2 else 12),
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)) for row in (1, 2, 3)]
_HEADER = Style(font=Font(bold=True), fill=_HEAD_FILL,
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
_BOLD = Font(bold=True)
_NOTE = Style(font=Font(italic=True, size=9))
_COUNT, _SHARE, _NUMBER = Style(number_format="#,##0"), Style(number_format="0.0%"), Style(number_format="0")


def _titles(grid: Grid, report: BoardReport, title: str, columns: int) -> None:
    texts = [report.issuer, title, _("{cycle} — as of {day}", cycle=report.cycle.title, day=report.as_of)]
    for row, text in enumerate(texts, 1):
        grid.put(row, 1, text, _TITLE[row - 1])
        grid.merge(row, 1, row, columns)
    grid.sheet.row_dimensions[2].height = 22


def _two_row_headers(grid: Grid, top: int, leading: list[str], levels: list[str]) -> None:
    """Headers over two rows: the leading columns merged down, then a "Count" and "%" pair under each level."""
    sub = top + 1
    for column, text in enumerate(leading, start=1):
        grid.put(top, column, text, _HEADER)
        grid.merge(top, column, sub, column)
    for n, level in enumerate(levels):
        column = len(leading) + 1 + 2 * n
        grid.put(top, column, level, _HEADER)
        grid.merge(top, column, top, column + 1)
        grid.put(sub, column, _("Count"), _HEADER)
        grid.put(sub, column + 1, "%", _HEADER)


def _headers(grid: Grid, row: int, headers: list[str]) -> None:
    for column, text in enumerate(headers, 1):
        grid.put(row, column, text, _HEADER)


def _frame(grid: Grid, first_row: int, columns: int) -> None:
    """A table: every cell from its header row down, bordered; body cells not centred are wrapped at the top."""
    grid.frame(first_row, columns, _BORDER, _TOP_WRAP)


def _bold_row(grid: Grid, row: int, columns: int) -> None:
    for column in range(1, columns + 1):
        grid.style(row, column, grid.look(row, column).but(font=_BOLD))


def _print_setup(sheet: Worksheet, widths: Sequence[float], title_rows: str, freeze: str) -> None:
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_setup(sheet, title_rows=title_rows, freeze=freeze)  # the one page setup (render/xlsx_page.py)


def _classification(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Classification")
    levels = list(report.cycle.levels)
    columns = 3 + 2 * len(levels) + 2
    _titles(grid, report, _("SUMMARY OF QUALITY CLASSIFICATION"), columns)
    top, sub = 5, 6
    _two_row_headers(grid, top, [_("No."), _("Kind of unit"), _("Total")], levels)
    for column, text in ((columns - 1, _("Not rated")), (columns, _("No rating yet"))):
        grid.put(top, column, text, _HEADER)
        grid.merge(top, column, sub, column)
    row = sub
    sections = section_names()
    for section in ("unit", "collective", "official"):
        lines = [line for line in report.classification if line.section == section]
        row += 1
        grid.put(row, 1, sections[section], Style(font=_BOLD, fill=_SECTION_FILL))
        grid.merge(row, 1, row, columns)
        for n, line in enumerate(lines, 1):
            row += 1
            _level_row(grid, row, levels, str(n), report.unit_types.get(line.unit_type, line.unit_type), line)
        total = ClassificationRow(section, "")
        for line in lines:
            total.total += line.total
            total.counts.update(line.counts)
            total.not_rated += line.not_rated
            total.unrated += line.unrated
        row += 1
        _level_row(grid, row, levels, "", _("Total"), total)
        _bold_row(grid, row, columns)
    _frame(grid, top, columns)
    grid.put(row + 2, 1, _("Percentages are of those with a level. Source: the ratings in each unit's current "
                           "package (decision, else proposal, else self-rating)."), _NOTE)
    _print_setup(grid.sheet, [6, 34, 9] + [8, 8] * len(levels) + [10, 11], f"{top}:{sub}", f"C{sub + 1}")


def _level_row(grid: Grid, row: int, levels: list[str], number: str, label: str, line: ClassificationRow) -> None:
    grid.put(row, 1, number, Style(alignment=_CENTRE_TOP))
    grid.put(row, 2, label)
    grid.put(row, 3, line.total, _COUNT)
    rated = line.rated
    for n, level in enumerate(levels):
        column = 4 + 2 * n
        grid.put(row, column, line.counts.get(level, 0), _COUNT)
        grid.put(row, column + 1, (line.counts.get(level, 0) / rated) if rated else 0, _SHARE)
    grid.put(row, 4 + 2 * len(levels), line.not_rated, _COUNT)
    grid.put(row, 5 + 2 * len(levels), line.unrated, _COUNT)


def _missing(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Missing and late")
    deadlines = list(report.cycle.deadlines)
    headers = [_("No."), _("Code"), _("Unit"), _("Package received"), _("Received on")]
    headers += [_("Deadline {day}", day=running_date(d.date)) for d in deadlines]
    headers += [_("Complete"), _("Items done"), _("Items required"), _("What is missing")]
    columns = len(headers)
    _titles(grid, report, _("MISSING AND LATE PACKAGES AND DOSSIERS"), columns)
    _headers(grid, 5, headers)
    grid.sheet.row_dimensions[5].height = 32
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
        grid.append(5 + n, values)
        for column in (1, columns - 2, columns - 1):
            grid.style(5 + n, column, _NUMBER)
    if not shown:
        grid.append(6, ["", "", _("Every unit's package arrived on time and complete.")])
    _frame(grid, 5, columns)
    _print_setup(grid.sheet, [6, 10, 36, 11, 12] + [16] * len(deadlines) + [10, 9, 9, 60], "5:5", "D6")


def _commendations(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Commendations")
    headers = [_("No."), _("Unit"), _("Proposed for"), _("Kind"), _("Level"), _("Achievement"), _("Appraisal"),
               _("Reason or remark")]
    _titles(grid, report, _("COMMENDATION PROPOSALS"), len(headers))
    _headers(grid, 5, headers)
    results = appraisal_names()
    for n, proposal in enumerate(report.commendations, 1):
        # the appraisal keys are absent when a caller built the report without the Board's appraisals
        remark = "; ".join(t for t in (proposal.get("appraisal_reason", ""), proposal.get("appraisal_flag", "")) if t)
        grid.append(5 + n, [n, f"{proposal['unit_name']} ({proposal['unit_code']})", proposal["name"],
                            report.commendation_kinds.get(proposal["kind"], proposal["kind"]),
                            proposal["level"], proposal["achievement"],
                            results.get(proposal.get("appraisal", ""), proposal.get("appraisal", "")), remark])
        grid.style(5 + n, 1, _NUMBER)
    if not report.commendations:
        grid.append(6, ["", _("No commendation proposal has been recorded.")])
    _frame(grid, 5, len(headers))
    _print_setup(grid.sheet, [6, 36, 30, 16, 10, 50, 14, 40], "5:5", "C6")


def appraisal_names() -> dict[str, str]:
    """The Board's appraisal of a proposal as the report words it."""
    return {"pending": _("not appraised"), "accepted": _("accepted"), "rejected": _("rejected")}


def _findings(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Points to note")
    headers = [_("No."), _("Severity"), _("Unit"), _("Subject"), _("Finding"), _("What to do"), _("Rule")]
    _titles(grid, report, _("POINTS TO NOTE IN THE UNITS' RATINGS"), len(headers))
    _headers(grid, 5, headers)
    names = {arrival.code: arrival.name for arrival in report.arrivals}
    severities = {"error": _("Error"), "warning": _("Warning")}
    for n, finding in enumerate(report.findings, 1):
        units = ", ".join(finding.units)
        if len(finding.units) == 1 and finding.units[0] in names:
            units = f"{names[finding.units[0]]} ({finding.units[0]})"
        grid.append(5 + n, [n, severities["error" if finding.severity == "error" else "warning"], units,
                            finding.subject_name, finding.message, finding.action, finding.citation])
        grid.style(5 + n, 1, _NUMBER)
    if not report.findings:
        grid.append(6, ["", "", _("The ratings in the packages received follow the cycle's rules.")])
    _frame(grid, 5, len(headers))
    # A peer group spans units: until every package is in, its quota is judged on part of it.
    grid.put(grid.max_row + 2, 1, _("Judged on the units' current packages only; quotas count the "
                                    "packages received so far."), _NOTE)
    _print_setup(grid.sheet, [6, 10, 30, 28, 56, 44, 30], "5:5", "C6")


def _history(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Ratings by year")
    years = sorted({year for row in report.history for year in row.levels if year <= report.cycle.year})
    headers = [_("No."), _("Unit"), _("Subject"), _("Kind"), *(str(year) for year in years)]
    _titles(grid, report, _("RATINGS BY YEAR"), len(headers))
    _headers(grid, 5, headers)
    kinds = {"organisation": _("Party organisation"), "collective": _("Leadership collective"),
             "official": _("Cadre")}
    sections = list(kinds)
    rows = sorted(report.history, key=lambda r: (sections.index(r.kind), r.unit_code, r.name))
    centred = Style(alignment=_CENTRE_TOP)
    for n, row in enumerate(rows, 1):
        grid.put(5 + n, 1, n, _NUMBER)
        grid.append(5 + n, [None, row.unit_code, row.name, kinds.get(row.kind, row.kind)])
        for column, year in enumerate(years, 5):
            grid.put(5 + n, column, row.levels.get(year, ""), centred)
    if not rows:
        grid.append(6, ["", "", _("No rating of an earlier year is recorded.")])
    _frame(grid, 5, len(headers))
    _print_setup(grid.sheet, [6, 10, 40, 22] + [10] * len(years), "5:5", "E6")


def _members(grid: Grid, report: BoardReport) -> None:
    grid.sheet.title = _("Members by level")
    levels = list(report.cycle.levels)
    columns = 4 + 2 * len(levels)
    _titles(grid, report, _("PARTY MEMBERS BY LEVEL"), columns)
    top, sub = 5, 6
    _two_row_headers(grid, top, [_("No."), _("Code"), _("Grassroots party organisation"), _("Members rated")],
                     levels)
    totals: dict[str, int] = dict.fromkeys(levels, 0)
    row = sub
    for n, line in enumerate(report.members, 1):
        row += 1
        _members_row(grid, row, levels, [n, line.unit_code, line.unit_name], line.counts)
        for level in levels:
            totals[level] += line.counts.get(level, 0)
    row += 1
    _members_row(grid, row, levels, ["", "", _("Total")], totals)
    _bold_row(grid, row, columns)
    _frame(grid, top, columns)
    grid.put(row + 2, 1, _("Counted by each grassroots organisation's classification report, in its "
                           "current package; percentages are of the members rated."), _NOTE)
    _print_setup(grid.sheet, [6, 10, 40, 10] + [8, 8] * len(levels), f"{top}:{sub}", f"D{sub + 1}")


def _members_row(grid: Grid, row: int, levels: list[str], first: list[Any], counts: dict[str, int]) -> None:
    total = sum(counts.get(level, 0) for level in levels)
    for column, value in enumerate([*first, total], 1):
        grid.put(row, column, value, _COUNT if column in (1, 4) else PLAIN)
    for n, level in enumerate(levels):
        column = 5 + 2 * n
        grid.put(row, column, counts.get(level, 0), _COUNT)
        grid.put(row, column + 1, counts.get(level, 0) / total if total else 0, _SHARE)
