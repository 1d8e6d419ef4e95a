"""Attachment items take a PDF or an image, by file dialog or drag and drop, and preview it."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from ui_helpers import click_unit, open_cadre, open_tab

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.ui import attachments


def _drop(widget, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    with warnings.catch_warnings():  # PySide marks this Qt 6 constructor deprecated; it is the only one
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    # Offscreen Qt has no drag session to route the drop: hand the event to the handler directly.
    widget.dropEvent(
        QDropEvent(
            QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )


def _open_missing_residence_comment(qtbot, window, store):
    """Open, through the tree and the cadre list, a cadre whose residence comment is missing."""
    from chilinh_desktop.core.deadlines import compute_status

    status = compute_status(store, get_cycle(store), store.clock.today())
    unit, missing = next((u, m) for u in status.units for m in u.missing if m.item_id == "residence_comment")
    click_unit(qtbot, window, unit.code)
    row = next(n for n, c in enumerate(window.unit_pane.overview.cadres) if c.official.id == missing.subject_id)
    official = open_cadre(qtbot, window, row)
    return official, open_tab(window, "residence_comment")


def test_dropping_an_image_attaches_it_and_shows_a_preview(qtbot, window, demo_store, tmp_path):
    official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    scan = tmp_path / "nhan-xet.png"
    image = QImage(200, 280, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.save(str(scan))
    _drop(page.attachment, scan)
    window.ctx.runner.wait_idle()
    dossier = find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)
    stored = stored_items(demo_store, dossier.id)["residence_comment"]
    assert stored.attachment_name == "nhan-xet.png"
    assert page.attachment.image.pixmap().width() == 200
    assert page.attachment.files.item(0).text() == "1. nhan-xet.png"


def test_choosing_a_pdf_with_the_file_dialog_attaches_and_previews_it(qtbot, window, demo_store, tmp_path, monkeypatch):
    from chilinh_desktop.demo.scans import scanned_page

    _official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    pdf = tmp_path / "phieu.pdf"
    pdf.write_bytes(scanned_page("Phiếu nhận xét", "Thử", 1))
    monkeypatch.setattr(attachments.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(pdf)], ""))
    qtbot.mouseClick(page.attachment.choose_button, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert page.attachment.stack.currentWidget() is page.attachment.pdf
    assert page.attachment.pdf.page_count == 1
    assert page.status.done


def test_a_file_that_is_not_a_pdf_or_image_is_refused_with_a_message(qtbot, window, demo_store, tmp_path, monkeypatch):
    from chilinh_desktop.ui import dossier_view

    _official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    messages = []
    monkeypatch.setattr(dossier_view, "warn", lambda parent, title, text: messages.append(text))
    fake = tmp_path / "ghi-chu.pdf"
    fake.write_text("không phải PDF")
    page.attachment.file_chosen.emit(str(fake))
    window.ctx.runner.wait_idle()
    assert messages and not page.status.done


def _pages(tmp_path, count: int) -> list:
    from chilinh_desktop.demo.scans import scanned_page

    paths = []
    for number in range(1, count + 1):
        path = tmp_path / f"trang-{number}.pdf"
        path.write_bytes(scanned_page("Phiếu nhận xét", f"Trang {number}", number))
        paths.append(path)
    return paths


def test_a_scan_is_added_page_by_page_each_page_removable_and_ctrl_z_undoes(qtbot, window, demo_store, tmp_path,
                                                                           monkeypatch):
    official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    pane = page.attachment
    pages = _pages(tmp_path, 3)
    for path in pages:  # one page at a time, as a clerk with a flatbed scanner does
        monkeypatch.setattr(attachments.QFileDialog, "getOpenFileNames", lambda *a, p=path, **k: ([str(p)], ""))
        qtbot.mouseClick(pane.choose_button, Qt.MouseButton.LeftButton)
        window.ctx.runner.wait_idle()
    dossier = find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)

    def names() -> list[str]:
        return [f.name for f in stored_items(demo_store, dossier.id)["residence_comment"].files]

    assert names() == ["trang-1.pdf", "trang-2.pdf", "trang-3.pdf"]  # nothing replaced
    assert [pane.files.item(r).text() for r in range(pane.files.count())] == [
        "1. trang-1.pdf", "2. trang-2.pdf", "3. trang-3.pdf"]
    assert pane.files.currentRow() == 2  # the page just added is the one shown

    pane.files.setFocus()
    qtbot.keyClick(pane.files, Qt.Key.Key_Up)
    assert pane.files.currentRow() == 1
    qtbot.mouseClick(pane.remove_button, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert names() == ["trang-1.pdf", "trang-3.pdf"]
    assert page.status.done

    window.actions["undo_clear"].trigger()  # Ctrl+Z
    window.ctx.runner.wait_idle()
    assert names() == ["trang-1.pdf", "trang-2.pdf", "trang-3.pdf"]
    assert pane.files.count() == 3

    window.actions["undo_clear"].trigger()  # and the last page added comes out again
    window.ctx.runner.wait_idle()
    assert names() == ["trang-1.pdf", "trang-2.pdf"]


def test_removing_the_last_file_leaves_the_item_missing_and_undo_brings_it_back(qtbot, window, demo_store,
                                                                               tmp_path):
    official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    (path,) = _pages(tmp_path, 1)
    page.attachment.file_chosen.emit(str(path))
    window.ctx.runner.wait_idle()
    assert page.status.done
    qtbot.mouseClick(page.attachment.remove_button, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    dossier = find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)
    assert "residence_comment" not in stored_items(demo_store, dossier.id)
    assert not page.status.done and page.attachment.files.count() == 0
    window.actions["undo_clear"].trigger()
    window.ctx.runner.wait_idle()
    assert [f.name for f in stored_items(demo_store, dossier.id)["residence_comment"].files] == ["trang-1.pdf"]


def test_the_same_page_twice_is_refused_and_the_item_keeps_its_files(qtbot, window, demo_store, tmp_path,
                                                                     monkeypatch):
    from chilinh_desktop.ui import dossier_view

    official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    messages = []
    monkeypatch.setattr(dossier_view, "warn", lambda parent, title, text: messages.append(text))
    (path,) = _pages(tmp_path, 1)
    page.attachment.file_chosen.emit(str(path))
    page.attachment.file_chosen.emit(str(path))
    window.ctx.runner.wait_idle()
    dossier = find_dossier(demo_store, get_cycle(demo_store), official_id=official.id)
    assert len(stored_items(demo_store, dossier.id)["residence_comment"].files) == 1
    assert messages and "đã được đính kèm" in messages[0]
