"""The Board's Excel report and receipts made from the window: menu, file dialog, job, atomic file, open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton

from chilinh_desktop.ui import board_documents
from chilinh_desktop.ui.main_window import MainWindow

UNIT = "DB15"


@pytest.fixture
def window(qtbot, demo_store, tmp_path):
    """The main window over the demo city (it plays the Board)."""
    main = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start_session(ask=False)
    main.ctx.runner.wait_idle()
    yield main
    main.close()


@pytest.fixture
def shown(monkeypatch):
    """What the window would have opened or told the person, instead of real programs and modal boxes."""
    record: dict[str, list] = {"opened": [], "warned": [], "informed": [], "asked": []}

    def opened(path: Path) -> bool:
        record["opened"].append(path)
        return True

    monkeypatch.setattr(board_documents, "open_file", opened)
    monkeypatch.setattr(board_documents, "warn", lambda parent, title, text: record["warned"].append(text))
    monkeypatch.setattr(board_documents, "inform", lambda parent, title, text: record["informed"].append(text))
    return record


def answer_file_dialog(monkeypatch, record: dict, path: Path) -> None:
    """The save dialog answers `path`; the default it offered is recorded."""
    def save_dialog(parent, title, default, filters):
        record["asked"].append(default)
        return str(path), filters

    monkeypatch.setattr(board_documents.QFileDialog, "getSaveFileName", staticmethod(save_dialog))


def finished(window, qtbot, shown) -> None:
    """Wait for the job and for what it then shows (opened file, warning or notice)."""
    assert window.ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: bool(shown["opened"] or shown["warned"] or shown["informed"]), timeout=5_000)


def imported(window, package) -> None:
    """Import DB15's real package through ops.exchange, as the window's import does."""
    from chilinh_desktop.ops.exchange import import_packages

    window.ctx.runner.call(lambda store: import_packages(store, [package.parent], trust_new=True))
    assert window.ctx.runner.wait_idle()


def test_report_from_the_menu_is_a_real_workbook_and_opens(window, qtbot, shown, monkeypatch, tmp_path, package):
    from openpyxl import load_workbook

    imported(window, package)
    target = tmp_path / "out" / "report"  # no suffix typed: .xlsx is added
    target.parent.mkdir()
    answer_file_dialog(monkeypatch, shown, target)
    window.actions["board_report"].trigger()
    finished(window, qtbot, shown)

    written = target.with_suffix(".xlsx")
    assert Path(shown["asked"][0]).name == f"BaoCao_{window.ctx.cycle.id}_2023-12-05.xlsx"
    assert shown["opened"] == [written] and not shown["warned"]
    book = load_workbook(written)
    assert len(book.sheetnames) == 6
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any(UNIT in c for c in cells)
    assert not list(target.parent.glob("*.part*"))


def test_receipt_of_the_selected_unit_is_a_pdf_naming_its_package(window, qtbot, shown, monkeypatch, tmp_path,
                                                                   package):
    from pypdf import PdfReader

    imported(window, package)
    window.open_unit(UNIT)
    chosen = []

    class Chooser:  # the unit list dialog: take what it offers first (the selected unit)
        @staticmethod
        def getItem(parent, title, label, items, current, editable):
            chosen.append(items[current])
            return items[current], True

    monkeypatch.setattr(board_documents, "QInputDialog", Chooser)
    answer_file_dialog(monkeypatch, shown, tmp_path / "bien-nhan.pdf")
    window.actions["receipt"].trigger()
    finished(window, qtbot, shown)

    assert UNIT in chosen[0] and Path(shown["asked"][0]).name == f"BienNhan_{UNIT}_2023-12-05.pdf"
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "bien-nhan.pdf").pages)
    assert UNIT in text and shown["opened"] == [tmp_path / "bien-nhan.pdf"]


def test_a_failed_write_says_so_in_vietnamese_and_leaves_nothing(window, qtbot, shown, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    board_documents.save_report(window, blocker / "report.xlsx")
    finished(window, qtbot, shown)

    assert shown["opened"] == [] and len(shown["warned"]) == 1
    message = shown["warned"][0]
    assert "Dữ liệu của đồng chí không thay đổi" in message and str(blocker / "report.xlsx") in message
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("not-a")) == ["not-a-folder"]


def test_when_nothing_opens_the_file_the_person_is_told_where_it_is(window, qtbot, shown, monkeypatch, tmp_path):
    monkeypatch.setattr(board_documents, "open_file", lambda path: False)
    board_documents.save_report(window, tmp_path / "r.xlsx")
    finished(window, qtbot, shown)
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    assert len(shown["informed"]) == 1 and str(tmp_path) in shown["informed"][0]


def test_no_receipt_before_any_package_arrived(window, shown):
    board_documents.save_receipt(window)
    assert shown["informed"] == ["Trong đợt này chưa nhận được gói của đơn vị nào."]


def test_the_received_packages_view_prints_the_selected_units_receipt(window, qtbot, shown, monkeypatch, tmp_path,
                                                                      package):
    from pypdf import PdfReader

    from chilinh_desktop.ui.board_view import BoardView

    imported(window, package)
    view = BoardView(window.ctx, window)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    row = next(r for r, arrival in enumerate(view.model.rows) if arrival.code == UNIT)
    view.table.setCurrentIndex(view.model.index(row, 0))
    answer_file_dialog(monkeypatch, shown, tmp_path / "r.pdf")
    view.findChild(QPushButton, "boardReceipt").click()
    finished(window, qtbot, shown)
    assert Path(shown["asked"][0]).name.startswith(f"BienNhan_{UNIT}_")
    assert UNIT in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
