"""Big workbooks written fast: a sheet's cells kept as plain values and styles, its rows written as XML text.

A province's Board report has ~170,000 cells. As openpyxl cell objects, each costs about 20 µs to create,
style, sort and write (3.6 s for the report); here a cell is a tuple, each distinct style is worked out by
openpyxl once, and the rows are written as text. Everything else of a sheet (page setup, column widths,
row heights, merged ranges, frozen panes, print titles) stays openpyxl's, on the real Worksheet, and
openpyxl writes the rest of the file (styles, workbook, relations) as it always does.

What a cell holds is what openpyxl would have stored: strings checked and cut as `Cell.check_string`
does, "#N/A"-like texts as errors, and every string that a spreadsheet could take for a formula (=, +,
-, @, a tab or a carriage return first) kept as text with the quote prefix (render/xlsx_text.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from chilinh_desktop.render.xlsx_text import TRIGGERS

_MARK = "chilinh-sheet-data"  # the empty element openpyxl writes where the rows go


@dataclass(frozen=True)
class Style:
    """A cell's look; None keeps openpyxl's default for that part."""

    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    number_format: str = "General"

    def but(self, **changes: Any) -> Style:
        """This style with some parts changed."""
        return dataclasses.replace(self, **changes)


PLAIN = Style()


class Grid:
    """The cells of one sheet: (row, column) -> (value, style), written in row order when the book is saved."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.cells: dict[tuple[int, int], tuple[Any, Style]] = {}
        self.merged_to: dict[tuple[int, int], None] = {}  # cells a merged range covers (openpyxl keeps them)
        self.max_row = 1  # the last row holding a cell (as openpyxl's `max_row`, merged ranges included)

    def put(self, row: int, column: int, value: Any = None, style: Style | None = None) -> None:
        """Set a cell's value, and its style when given (else the cell keeps the style it had)."""
        if isinstance(value, str):
            value = value[:32767]
            if ILLEGAL_CHARACTERS_RE.search(value):
                Cell(self.sheet).check_string(value)  # raises IllegalCharacterError, as openpyxl would
        if style is None:
            old = self.cells.get((row, column))
            style = old[1] if old else PLAIN
        self.cells[(row, column)] = (value, style)
        if row > self.max_row:
            self.max_row = row

    def style(self, row: int, column: int, style: Style) -> None:
        """Set a cell's style, keeping its value."""
        old = self.cells.get((row, column))
        self.cells[(row, column)] = (old[0] if old else None, style)
        if row > self.max_row:
            self.max_row = row

    def look(self, row: int, column: int) -> Style:
        """A cell's style so far."""
        old = self.cells.get((row, column))
        return old[1] if old else PLAIN

    def append(self, row: int, values: Iterable[Any]) -> None:
        """Put `values` in a row from its first column on (None leaves a cell out)."""
        for column, value in enumerate(values, 1):
            if value is not None:
                self.put(row, column, value)

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        """Merge a range (its first cell shows); the covered cells stay in the sheet, unstyled, as openpyxl's."""
        self.sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row,
                               end_column=last_column)
        for row in range(first_row, last_row + 1):
            for column in range(first_column, last_column + 1):
                self.sheet._cells.pop((row, column), None)  # openpyxl's placeholders: this grid writes the cells
                if (row, column) != (first_row, first_column):
                    self.merged_to[(row, column)] = None
        self.max_row = max(self.max_row, last_row)

    def frame(self, first_row: int, columns: int, border: Border, body: Alignment) -> None:
        """Every cell from `first_row` down to the last row, in the first `columns`: `border`; below the first
        row, a cell not aligned across gets the `body` alignment (a table's frame)."""
        memo: dict[tuple[int, bool], tuple[Style, Style]] = {}  # the few distinct looks, by identity
        for row in range(first_row, self.max_row + 1):
            below = row > first_row
            for column in range(1, columns + 1):
                look = self.look(row, column)
                found = memo.get((id(look), below))
                if found is None:
                    framed = look.but(border=border)
                    if below and (look.alignment is None or look.alignment.horizontal is None):
                        framed = framed.but(alignment=body)
                    found = memo[(id(look), below)] = (look, framed)  # `look` kept alive: its id stays its own
                self.style(row, column, found[1])

    def dimension(self) -> str:
        """The used range, as openpyxl works it out from its cells."""
        keys = [*self.cells, *self.merged_to]
        if not keys:
            return "A1:A1"
        rows, columns = [k[0] for k in keys], [k[1] for k in keys]
        return f"{get_column_letter(min(columns))}{min(rows)}:{get_column_letter(max(columns))}{max(rows)}"


def save(book: Workbook, grids: list[Grid]) -> bytes:
    """The .xlsx bytes of `book`, each grid's cells as its sheet's rows."""
    buffer = io.BytesIO()
    book.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        _BookWriter(book, archive, {id(grid.sheet): grid for grid in grids}).save()
    return buffer.getvalue()


class _BookWriter(ExcelWriter):
    def __init__(self, book: Workbook, archive: ZipFile, grids: dict[int, Grid]) -> None:
        super().__init__(book, archive)
        self.grids = grids
        self.styles: dict[tuple[Style, bool], StyleArray] = {}
        self.ids: dict[tuple[int, bool], tuple[Style, int | None]] = {}  # (id(style), quoted) -> its number

    def write_worksheet(self, ws: Worksheet) -> None:  # openpyxl's, with the rows written from the grid
        grid = self.grids.get(id(ws))
        if grid is None:
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, grid)
        writer.write()
        ws._rels = writer._rels
        with open(writer.out, "rb") as handle:
            text = handle.read()
        mark = f"<{_MARK}/>".encode()
        if text.count(mark) != 1:
            raise RuntimeError(f"openpyxl wrote {ws.title!r} without one place for its rows")
        self._archive.writestr(ws.path[1:], text.replace(mark, self._rows(ws, grid)))
        self.manifest.append(ws)
        writer.cleanup()

    def _style_id(self, ws: Worksheet, style: Style, quote: bool) -> int | None:
        known = self.ids.get((id(style), quote))  # a few distinct styles shared by many cells: hashing is slow
        if known is not None:
            return known[1]
        sid = self._new_style_id(ws, style, quote)
        self.ids[(id(style), quote)] = (style, sid)  # the style is kept alive with its id
        return sid

    def _new_style_id(self, ws: Worksheet, style: Style, quote: bool) -> int | None:
        array = self.styles.get((style, quote))
        if array is None:
            scratch = Cell(ws)
            for name in ("font", "fill", "border", "alignment"):
                if getattr(style, name) is not None:
                    setattr(scratch, name, getattr(style, name))
            scratch.number_format = style.number_format
            scratch.quotePrefix = quote  # a text a spreadsheet could read as a formula stays text
            array = self.styles[(style, quote)] = copy(scratch._style)
        if not any(array):
            return None
        return self.workbook._cell_styles.add(array)

    def _rows(self, ws: Worksheet, grid: Grid) -> bytes:
        by_row: dict[int, list[int]] = {}
        for row, column in sorted({*grid.cells, *grid.merged_to}):
            by_row.setdefault(row, []).append(column)
        for row in ws.row_dimensions.keys() - by_row.keys():  # a row with a height but no cell
            by_row[row] = []
        parts = ["<sheetData>"]
        letters: dict[int, str] = {}
        heads: dict[tuple[int, bool], str] = {}  # (id(style), quoted) -> the cell's ' s="N"' ("" for no style)
        cells, empty = grid.cells, (None, PLAIN)
        for row in sorted(by_row):
            attributes = "".join(f' {k}="{escape(v)}"' for k, v in ws.row_dimensions.get(row, {}))
            parts.append(f'<row r="{row}"{attributes}>')
            for column in by_row[row]:
                value, style = cells.get((row, column), empty)
                quote = value.__class__ is str and value.startswith(TRIGGERS)  # as render/xlsx_text.as_text
                head = heads.get((id(style), quote))
                if head is None:
                    sid = self._style_id(ws, style, quote)
                    head = heads[(id(style), quote)] = f' s="{sid}"' if sid is not None else ""
                if value is None and not head:
                    continue
                letter = letters.get(column) or letters.setdefault(column, get_column_letter(column))
                if value.__class__ is str and value and value not in ERROR_CODES:  # most cells: a text
                    space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                    parts.append(f'<c r="{letter}{row}"{head} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>')
                else:
                    parts.append(_cell(f'<c r="{letter}{row}"{head}', value, quote))
            parts.append("</row>")
        parts.append("</sheetData>")
        return "".join(parts).encode("utf-8")


def _cell(head: str, value: Any, quote: bool) -> str:
    """One <c> as openpyxl writes it (inline strings, numbers as %.16g), after its `head` ('<c r="A1" s="3"')."""
    if isinstance(value, str):
        if value in ERROR_CODES and not quote:
            return f'{head} t="e"><v>{escape(value)}</v></c>'
        if value == "":
            return f'{head} t="inlineStr"/>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'{head} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if value is None:
        return f'{head} t="n"/>'
    if isinstance(value, bool):
        return f'{head} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):  # as openpyxl's safe_string: %.16g, nothing for NaN and infinity
        return f'{head} t="n"><v>{value:.16g}</v></c>' if math.isfinite(value) else f'{head} t="n"><v></v></c>'
    raise ValueError(f"Cannot convert {value!r} to Excel")


def _text(value: str) -> str:
    return escape(value).replace("\r", "&#13;")


class _SheetWriter(WorksheetWriter):
    def __init__(self, ws: Worksheet, grid: Grid) -> None:
        super().__init__(ws)
        self.grid = grid

    def write_dimensions(self) -> None:
        self.xf.send(SheetDimension(self.grid.dimension()).to_tree())

    def write_rows(self) -> None:
        from openpyxl.xml.functions import Element

        xf = self.xf.send(True)
        xf.write(Element(_MARK))
        self.xf.send(None)
