"""Text from data stays text in a workbook: no cell the program writes is ever a live formula.

A name that arrives in a package (`=HYPERLINK("http://…"&B6,"Xem hồ sơ")`) would otherwise become a
formula when openpyxl writes it. Every workbook the program writes passes through `as_text` just
before it is saved: each string cell starting with =, +, -, @, a tab or a carriage return is stored
as a text cell with Excel's quote prefix, so Excel, LibreOffice and a later edit of the cell all
keep it as the text it was. The program writes no formulas of its own.
"""

from __future__ import annotations

from openpyxl import Workbook

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_text(book: Workbook) -> Workbook:
    """Make every cell of every sheet that a spreadsheet could read as a formula a text cell; return `book`."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(TRIGGERS):
                    cell.value = value  # openpyxl decides the type on assignment: set it after
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return book
