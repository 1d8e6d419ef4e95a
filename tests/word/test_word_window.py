"""In the window: import a .docx into the 02B tab with a preview, move a paragraph, apply, undo; save as Word."""

from __future__ import annotations

import docx
import pytest
from docx_fixtures import self_review
from ui_helpers import open_editable_cadre, open_tab

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.formspec import get_form_item
from chilinh_desktop.ops.printing import print_item_docx
from chilinh_desktop.ui.word_import_dialog import WordImportDialog, start_word_import


def _answers(store, official_id) -> dict:
    return get_form_item(store, get_cycle(store), "02B", official_id=official_id).answers


def test_import_preview_move_apply_and_undo(qtbot, window, demo_store, tmp_path):
    official = open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    before = _answers(demo_store, official.id)
    path = self_review(tmp_path / "review.docx", extra=["Đoạn văn lạc chỗ cần chuyển."])
    dialog = start_word_import(page, path)
    assert isinstance(dialog, WordImportDialog) and dialog.isVisible()
    try:
        row = next(n for n, p in enumerate(dialog.plan.mapping.placed) if p.field_id is None)
        assert dialog.combos[row].currentData() is None  # the stray paragraph starts aside
        dialog.combos[row].setCurrentIndex(dialog.combos[row].findData("head_assessment"))
        assert dialog.plan.mapping.placed[row].field_id == "head_assessment"
        dialog.replace_box.setChecked(True)
        assert dialog.apply_button.isEnabled()
        dialog.accept()
    finally:
        dialog.close()
    window.ctx.runner.wait_idle()
    after = _answers(demo_store, official.id)
    assert after["head_assessment"] == "Đoạn văn lạc chỗ cần chuyển."
    assert after["i1_politics"].startswith("Luôn trung thành với Đảng")
    assert page.editor.answers()["i1_politics"] == after["i1_politics"]  # the form shows what was imported
    assert page.word_undo_button.isVisibleTo(page)
    page.word_undo_button.click()
    window.ctx.runner.wait_idle()
    assert _answers(demo_store, official.id) == before
    assert not page.word_undo_button.isVisibleTo(page)


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*:DeprecationWarning")
def test_a_dropped_word_file_opens_the_preview(qtbot, window, demo_store, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(self_review(tmp_path / "drop.docx")))])
    target = page.editor.findChildren(QPlainTextEdit)[0].viewport()  # dropped onto a text box of the form
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    dialog = page.word_dialog
    try:
        assert dialog.isVisible() and dialog.plan.mapping.texts()["vi_measures"]
    finally:
        dialog.reject()


def test_save_as_word_writes_the_form_shown(qtbot, window, demo_store, tmp_path):
    official = open_editable_cadre(qtbot, window, demo_store)
    dossier_id = window.dossier_view.dossier_id
    data = print_item_docx(demo_store, get_cycle(demo_store), dossier_id, "self_review", final=False)
    (tmp_path / "out.docx").write_bytes(data)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in text and official.full_name in text
    window.actions["print"].trigger()
    dialog = window.preview
    try:
        assert dialog.word_button.isVisibleTo(dialog)
    finally:
        dialog.close()


def test_the_import_preview_fits_a_1366x768_screen_and_speaks_vietnamese(qtbot, window, demo_store, tmp_path):
    from PySide6.QtGui import QGuiApplication

    open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    dialog = start_word_import(page, self_review(tmp_path / "review.docx", extra=["Một đoạn lạc chỗ."]))
    try:
        area = QGuiApplication.primaryScreen().availableGeometry()
        assert dialog.width() <= min(area.width(), 1366) and dialog.height() <= min(area.height(), 768) - 32
        lines = [dialog.fields.item(n).text() for n in range(dialog.fields.count())] + [dialog.summary.text()]
        assert not any("paragraph" in line for line in lines), lines
        assert any("2 đoạn" in line for line in lines) and any("1 đoạn" in line for line in lines)
        combo = dialog.combos[0]
        entries = [combo.itemText(n) for n in range(combo.count())]
        assert len(entries) == len(set(entries)) and any(e.startswith("II.1. ") for e in entries)
    finally:
        dialog.close()
