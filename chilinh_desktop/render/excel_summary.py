"""The Excel summary (bảng tổng hợp) carried in a submission package: one row per dossier item."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from chilinh_desktop.i18n import _
from chilinh_desktop.render.xlsx_page import print_setup
from chilinh_desktop.render.xlsx_text import as_text


@dataclass(frozen=True)
class SummaryRow:
    """One item of one subject's dossier, as the summary lists it."""

    subject: str
    item: str
    need: str
    state: str
    note: str


_WIDTHS = (6, 32, 48, 14, 16, 36)


def summary_workbook(unit_code: str, unit_name: str, cycle_title: str, rows: Sequence[SummaryRow]) -> bytes:
    """The .xlsx bytes: merged title rows, real headers, frozen panes, A4 landscape print setup."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    headers = [_("No."), _("Subject"), _("Item"), _("Need"), _("State"), _("Note")]
    sheet.append([f"{unit_name} ({unit_code})"])
    sheet.append([cycle_title])
    sheet.append(headers)
    for row_number in (1, 2):
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=len(headers))
        sheet.cell(row_number, 1).font = Font(bold=True, size=13 if row_number == 1 else 11)
        sheet.cell(row_number, 1).alignment = Alignment(horizontal="center")
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[chr(64 + column)].width = width
        header = sheet.cell(3, column)
        header.font = Font(bold=True)
        header.border = border
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, row in enumerate(rows, 1):
        sheet.append([number, row.subject, row.item, row.need, row.state, row.note])
        for column in range(1, len(headers) + 1):
            cell = sheet.cell(sheet.max_row, column)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.cell(sheet.max_row, 1).number_format = "0"
    print_setup(sheet, title_rows="3:3", freeze="A4")
    buffer = io.BytesIO()
    as_text(book).save(buffer)
    return buffer.getvalue()
