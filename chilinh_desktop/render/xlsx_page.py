"""How every workbook the program writes prints: A4 landscape, one page wide, titles repeated, centred.

The Board's report and a unit's package summary are read on paper side by side; one page setup keeps
them alike (they had drifted apart: different margins, one centred and one not).
"""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet


def print_setup(sheet: Worksheet, *, title_rows: str, freeze: str) -> None:
    """A4 landscape, fitted to one page wide, `title_rows` repeated on each page, panes frozen at `freeze`."""
    sheet.freeze_panes = freeze
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = True
