"""No internal code (`dang_vien`, `self_review`, `xuat_sac`, `signed_off`…) reaches a person.

Every kind of output the program makes is generated from the demo city and DB15's real
package, read back (openpyxl, pypdf, python-docx, the widgets offscreen) and scanned for the codes of
the data files and core (internal_codes.py builds the list; nothing is hard-coded here).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from internal_codes import codes_in, internal_codes
from openpyxl import load_workbook

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.ops.board import board_report, receipt
from chilinh_desktop.ops.exchange import import_packages
from chilinh_desktop.ops.printing import print_item, print_item_docx
from chilinh_desktop.render.board_report import board_report_workbook

CODES = internal_codes()


def pdf_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def docx_texts(data: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [t for t in texts if t]


def xlsx_texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    texts = []
    for sheet in book.worksheets:
        texts.append(sheet.title)
        texts += [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    return texts


def test_the_code_list_comes_from_the_data():
    assert {"dang_vien", "to_chuc", "self_review", "xuat_sac", "signed_off", "not_applicable"} <= CODES
    assert len(CODES) > 150 and "HTXSNV" not in CODES  # official abbreviations are printed as they are


def test_the_scanner_finds_a_code_as_a_word_only():
    assert codes_in(["Loại: dang_vien"], CODES) == {"dang_vien": {"Loại: dang_vien"}}
    assert not codes_in(["Đảng viên", "DB15-2023-self_review.pdf", "HTXSNV"], CODES)


@pytest.fixture
def board(demo_store, package):
    """The demo Board after receiving DB15's package."""
    imported = import_packages(demo_store, [package], trust_new=True)
    assert imported
    return demo_store


def test_board_report_and_receipt_show_no_code(board):
    cycle = get_cycle(board)
    workbook = board_report_workbook(board_report(board, cycle))
    texts = xlsx_texts(workbook)
    assert any("Đảng viên" in t or "Tổ chức đảng" in t for t in texts)  # the commendation kinds, by label
    assert not codes_in(texts, CODES)
    texts = pdf_texts(receipt(board, unit_code="DB15", cycle=cycle).pdf)
    assert any("DB15" in t for t in texts)
    assert not codes_in(texts, CODES)


def test_package_slip_and_its_documents_show_no_code(exchange):
    slip = next((exchange["folder"] / "usb").glob("*phieu-ban-giao.pdf"))
    assert not codes_in(pdf_texts(slip.read_bytes()), CODES)
    from forge import read_bag

    payload, _info = read_bag(exchange["package"])  # opened with the demo Board's key: the package is sealed
    documents = [n for n in payload if n.endswith((".pdf", ".xlsx"))]
    assert any(n.endswith(".xlsx") for n in documents) and any(n.endswith(".pdf") for n in documents)
    for name in documents:
        data = payload[name]
        texts = xlsx_texts(data) if name.endswith(".xlsx") else pdf_texts(data)
        assert not codes_in(texts, CODES), name


def test_every_printed_form_of_the_demo_shows_no_code(demo_store):
    cycle = get_cycle(demo_store)
    forms = demo_store.db.execute(
        "SELECT form_id, form_version, MIN(dossier_id || '|' || kind) FROM dossier_items "
        "WHERE form_id IS NOT NULL AND answers IS NOT NULL GROUP BY form_id, form_version").fetchall()
    assert len(forms) >= 7
    for form_id, version, pick in forms:
        dossier_id, item_id = pick.split("|")
        texts = pdf_texts(print_item(demo_store, cycle, dossier_id, item_id, final=False).pdf)
        assert texts and not codes_in(texts, CODES), (form_id, version, codes_in(texts, CODES))
        texts = docx_texts(print_item_docx(demo_store, cycle, dossier_id, item_id, final=False))
        assert texts and not codes_in(texts, CODES), (form_id, version, "docx", codes_in(texts, CODES))


def test_main_screens_show_no_code(qtbot, demo_store, tmp_path: Path):
    from PySide6.QtCore import QSettings
    from screen_texts import main_screen_texts

    from chilinh_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.start_session(ask=False)
    try:
        screens = main_screen_texts(qtbot, window)
        assert {"tree", "unit", "collective dossier", "cadre dossier", "dashboard", "board"} <= set(screens)
        for screen, texts in screens.items():
            assert texts and not codes_in(texts, CODES), (screen, codes_in(texts, CODES))
    finally:
        window.close()
