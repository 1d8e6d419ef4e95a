"""Clearing an item asks with "No" as the default answer, and Ctrl+Z puts the content back."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import open_editable_cadre, open_tab

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items


def _answer_with_key(qtbot, key, seen: list) -> None:
    """Press a key in the next message box (as a person would), remembering its default button."""

    tries = []

    def press() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            tries.append(1)
            if len(tries) < 200:  # give up (the test then fails) rather than hang
                QTimer.singleShot(20, press)
            return
        box = boxes[0]
        seen.append(box.defaultButton().text())
        if key is None:  # click "Yes"
            next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole).click()
        else:
            qtbot.keyClick(box, key)
        if box.isVisible():  # the key did not answer it: close it so the test fails instead of hanging
            box.reject()

    QTimer.singleShot(20, press)


def _stored(store, official):
    dossier = find_dossier(store, get_cycle(store), official_id=official.id)
    return stored_items(store, dossier.id).get("self_review")


def test_enter_on_the_clear_question_keeps_the_item_and_ctrl_z_undoes_a_clearing(qtbot, window, demo_store):
    official = open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    page.editor.widget_for("i1_politics").setPlainText("Giữ vững lập trường chính trị.")
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    before = _stored(demo_store, official)
    assert before is not None and before.answers

    seen: list[str] = []
    _answer_with_key(qtbot, Qt.Key.Key_Return, seen)
    page.clear_button.click()
    window.ctx.runner.wait_idle()
    assert seen == ["Không"]  # the safe answer is the default
    assert _stored(demo_store, official).answers == before.answers

    _answer_with_key(qtbot, None, seen)
    page.clear_button.click()
    window.ctx.runner.wait_idle()
    assert _stored(demo_store, official) is None

    assert window.dossier_view.cleared
    undo = window.actions["undo_clear"]
    assert undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()
    window.ctx.runner.wait_idle()
    assert _stored(demo_store, official).answers == before.answers
    assert window.dossier_view.current_page().editor.answers() == before.answers
