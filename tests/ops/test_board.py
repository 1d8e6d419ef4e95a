"""The Board's overview, report and receipts as operations, shared by the window and `chilinh`."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from chilinh_desktop.cli import main
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.ops.board import board_report, overview, receipt, write_board_report, write_receipt

TODAY = dt.date(2023, 12, 5)


@pytest.fixture(scope="module")
def received(exchange_files) -> Path:
    """The demo Board after importing DB15's signed package (the session's exchange, tests/conftest.py)."""
    return exchange_files["board"]


@pytest.fixture
def board(received, tmp_path):
    """A private copy of the Board that received DB15's package."""
    path = Path(shutil.copyfile(received, tmp_path / "board.sqlite3"))
    with Store.open(path, clock=FixedClock(TODAY)) as store:
        yield store


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_report_is_issued_by_the_root_of_the_tree_whatever_its_code(store):
    add_unit(store, code="TINH", name="Tỉnh ủy Lâm Sơn", type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 10, 1))
    add_unit(store, code="H01", name="Huyện ủy Đông Sơn", type="thanh_uy", parent_code="TINH",
             valid_from=dt.date(2020, 10, 1))
    assert board_report(store).issuer == "Tỉnh ủy Lâm Sơn"


def test_the_report_workbook_and_the_cli_write_the_same_sheets(board, tmp_path, capsys):
    written = write_board_report(board, tmp_path / "ops.xlsx")
    assert main(["report", "--db", str(board.path), "--out", str(tmp_path / "cli.xlsx"), "--today", "2023-12-05"]) == 0
    ops_book, cli_book = load_workbook(written.path), load_workbook(tmp_path / "cli.xlsx")
    assert ops_book.active["A1"].value == "Thành ủy Minh Giang"
    for ops_sheet, cli_sheet in zip(ops_book.worksheets, cli_book.worksheets, strict=True):
        assert list(ops_sheet.values) == list(cli_sheet.values)


def test_the_overview_shows_the_package_that_arrived(board):
    result = overview(board)
    arrived = {a.code for a in result.arrivals if a.arrived}
    assert arrived == {"DB15"} and result.ratings["DB15"]
    assert set(result.findings) <= {a.code for a in result.arrivals}


def test_a_receipt_by_unit_and_by_package_is_the_same_paper(board, tmp_path, capsys):
    by_unit = receipt(board, unit_code="DB15")
    by_id = receipt(board, package_id=by_unit.package_id)
    assert by_unit.unit_code == "DB15" and _pdf_text(by_unit.pdf) == _pdf_text(by_id.pdf)
    assert "THÀNH ỦY MINH GIANG" in _pdf_text(by_unit.pdf)
    assert "Minh Giang, ngày 05 tháng 12 năm 2023" in _pdf_text(by_unit.pdf)  # the place line, as on every paper
    out = write_receipt(board, tmp_path / "r.pdf", unit_code="DB15")
    assert _pdf_text(out.path.read_bytes()) == _pdf_text(by_unit.pdf)


def test_an_unknown_package_is_refused_with_the_same_words_in_both_front_ends(board, tmp_path, capsys):
    with pytest.raises(NotFoundError) as refused:
        receipt(board, package_id="khong-co")
    assert refused.value.code == "received.unknown"
    assert main(["receipt", "--db", str(board.path), "--package", "khong-co", "--out", str(tmp_path / "r.pdf")]) == 2
    assert refused.value.message in capsys.readouterr().err and not (tmp_path / "r.pdf").exists()


def test_the_window_shows_the_overview_the_operation_computes(qtbot, board, tmp_path):
    from PySide6.QtCore import QSettings

    from chilinh_desktop.ui.board_view import BoardView
    from chilinh_desktop.ui.main_window import MainWindow

    window = MainWindow(board, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    view = BoardView(window.ctx, window)
    qtbot.addWidget(view)
    view.refresh()
    assert window.ctx.jobs.wait_idle()
    expected = overview(board)
    shown = {view.model.index(row, 0).data(): view.model.index(row, view.model.columnCount() - 2).data()
             for row in range(view.model.rowCount())}
    arrived = sum(1 for a in expected.arrivals if a.arrived)
    assert shown == expected.ratings and f"{arrived}/{len(expected.arrivals)}" in view.summary.text()
    window.shutdown()


def test_a_damaged_stored_package_leaves_the_other_units_and_falls_back_to_local_rows(board):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.ops.progress import tree_status, unit_received

    cycle = get_cycle(board)
    received = unit_received(board, cycle, "DB15")
    assert received is not None and received.of(f"unit:{received_unit_id(board)}") is not None
    counted = {u.code: (u.items_done, u.items_required) for u in tree_status(board, cycle).units}
    with board.atomic():
        board.db.execute("UPDATE received_documents SET unit_doc = '{\"version\": 99}' WHERE package_id IN "
                         "(SELECT package_id FROM received_packages WHERE unit_code = 'DB15')")
    # An open store keeps what it read of a package by its id (core/board_cache.py): the damage is what a
    # store opened on the file finds.
    with Store.open(board.path, clock=FixedClock(TODAY)) as damaged:
        assert unit_received(damaged, cycle, "DB15") is None  # shown from the local rows, not an error on every page
        after = {u.code: (u.items_done, u.items_required) for u in tree_status(damaged, cycle).units}
    assert {c: v for c, v in after.items() if c != "DB15"} == {c: v for c, v in counted.items() if c != "DB15"}


def received_unit_id(store) -> str:
    return store.db.execute("SELECT id FROM units WHERE code = 'DB15'").fetchone()[0]


def test_party_organisations_in_the_report_are_grassroots_only_and_members_are_counted_by_level(board, tmp_path):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.received_ratings import received_ratings

    report = board_report(board)
    organisation_types = {line.unit_type for line in report.classification if line.section == "unit"}
    collective_types = {line.unit_type for line in report.classification if line.section == "collective"}
    assert organisation_types == {"dang_bo_co_so", "chi_bo_co_so"}  # no department, Front or public unit
    assert {"phong_ban", "mttq_doan_the", "don_vi_su_nghiep"} <= collective_types
    counted = sum(line.total for line in report.classification if line.section == "unit")
    codes = {a.code for a in report.arrivals}
    grassroots = {row[0] for row in board.db.execute("SELECT code FROM units WHERE grassroots = 1")} & codes
    assert counted == len(grassroots) < len(codes)
    sent = received_ratings(board, get_cycle(board)).data.counts["DB15"]["members"]
    [line] = report.members
    assert (line.unit_code, line.counts) == ("DB15", sent)
    book = load_workbook(write_board_report(board, tmp_path / "r.xlsx").path)
    sheet = book["Đảng viên theo mức xếp loại"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=7)]
    assert rows[0][1:4] == ["DB15", line.unit_name, sum(sent.values())]
    assert rows[1][2] == "Cộng" and rows[1][3] == sum(sent.values())
    htxsnv = sent.get("HTXSNV", 0)
    assert rows[0][4] == htxsnv and abs(rows[0][5] - htxsnv / sum(sent.values())) < 1e-9


def test_the_receipt_lists_people_by_post_then_name_and_documents_in_dossier_order(board):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.vocabulary import name_sort_key, vocabulary

    found = receipt(board, unit_code="DB15")
    text = _pdf_text(found.pdf)
    cycle = get_cycle(board)
    people = board.db.execute("SELECT full_name, party_post, government_post, mass_org_post FROM officials o "
                              "JOIN units u ON u.id = o.unit_id WHERE u.code = 'DB15' AND o.tier = 'btv_thanh_uy'"
                              ).fetchall()
    words = vocabulary(board.definitions)
    expected = [p[0] for p in sorted(people, key=lambda p: (words.post_rank(*p[1:]), name_sort_key(p[0])))]
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions) and len(positions) >= 3
    assert text.index("Báo cáo xếp loại") < positions[0]  # the unit's own papers first
    # documents in the cycle's order, by their Vietnamese names
    names = [item.short_name for item in cycle.items if item.scope == "official"]
    row = " ".join(text[positions[0]:positions[1]].split())
    shown = [name for name in names if name in row]
    assert shown == sorted(shown, key=names.index) and len(shown) >= 3
    assert "self_review" not in text and "asset_declaration" not in text
    # a short package code for a person, the full id on a small line for checking
    assert f"Mã gói DB15-{found.package_id.replace('-', '')[:4].upper()}" in " ".join(text.split())
    assert found.package_id in text.replace("\n", "")


def test_the_handover_slip_has_the_units_two_line_header_and_its_place(received):
    usb = received.parent / "usb"
    [slip] = usb.glob("*phieu-ban-giao.pdf")
    text = _pdf_text(slip.read_bytes())
    assert "ĐẢNG BỘ THÀNH PHỐ MINH GIANG" in text and "ĐẢNG ỦY XÃ NAM SƠN" in text
    assert "Nam Sơn, ngày 05 tháng 12 năm 2023" in text and "Hải Dương" not in text


def test_the_board_heads_its_own_report_as_it_heads_its_receipt(board):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.formspec import set_form_answers
    from chilinh_desktop.ops.printing import print_form

    cycle = get_cycle(board)
    set_form_answers(board, cycle, "01", {"document_date": "2023-12-08"}, unit_code="BTC", actor="test")
    report_head = _pdf_text(print_form(board, cycle, "01", unit_code="BTC").pdf).split("BÁO CÁO")[0]
    receipt_head = _pdf_text(receipt(board, unit_code="DB15").pdf).split("GIẤY BIÊN NHẬN")[0]
    for text in (report_head, receipt_head):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert "THÀNH ỦY MINH GIANG" in lines and "BAN TỔ CHỨC" in lines and "CHI BỘ" not in text, lines
