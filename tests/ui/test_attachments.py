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
    assert "nhan-xet.png" in page.attachment.name_label.text()


def test_choosing_a_pdf_with_the_file_dialog_attaches_and_previews_it(qtbot, window, demo_store, tmp_path, monkeypatch):
    from chilinh_desktop.demo.scans import scanned_page

    _official, page = _open_missing_residence_comment(qtbot, window, demo_store)
    pdf = tmp_path / "phieu.pdf"
    pdf.write_bytes(scanned_page("Phiếu nhận xét", "Thử", 1))
    monkeypatch.setattr(attachments.QFileDialog, "getOpenFileName", lambda *a, **k: (str(pdf), ""))
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
