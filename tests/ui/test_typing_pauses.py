"""A person types, pauses (the autosave runs), types on: what is on screen and what is kept is what was typed.

Every field kind is driven with real key events and real pauses longer than the autosave delay, so the
save and the refresh that follows it happen in the middle of the typing. What is kept is then read back
the way another program would: `chilinh form get` on the data file.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QPlainTextEdit
from ui_helpers import type_text

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.requirements import Need
from chilinh_desktop.core.views import dossier_detail
from chilinh_desktop.ui.autosave import AUTOSAVE_DELAY_MS


def pause(qtbot, window) -> None:
    """A person stops typing: the autosave fires, the save is written and the window refreshes."""
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)
    qtbot.waitUntil(lambda: not window.ctx.autosave.dirty and window.ctx.runner.pending == 0, timeout=10_000)
    qtbot.wait(100)  # the refresh that follows the save's result


def form_get(db, form: str, *, official: str | None = None, unit: str | None = None) -> dict:
    """The stored answers as `chilinh form get` prints them: the command line's own connection to the data
    file, in this process (a child would pay Python's start 12 times and read the same file the same way;
    `printed_text` below still runs `chilinh print` as a real child)."""
    from chilinh_desktop.cli import main

    subject = ["--official", official] if official else ["--unit", unit]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["form", "get", "--db", str(db), *subject, "--form", form]) == 0
    data = json.loads(out.getvalue())
    return data.get("answers", data)


def printed_text(db, folder, official_id: str) -> str:
    """The 02B draft as `chilinh print` writes it, read back from the PDF."""
    from pypdf import PdfReader

    out = folder / "02B.pdf"
    subprocess.run([sys.executable, "-m", "chilinh_desktop", "print", "--db", str(db), "--official", official_id,
                    "--out", str(out), "--draft", "02B"], capture_output=True, check=True)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)


def editable_leader(store):
    """A cadre whose dossier is not signed off and who owes the breakthrough registration."""
    cycle = get_cycle(store)
    from chilinh_desktop.core.officials import list_officials

    for official in list_officials(store):
        try:
            dossier = find_dossier(store, cycle, official_id=official.id)
        except NotFoundError:  # a cadre without a dossier in this cycle
            continue
        if dossier.locked:
            continue
        needs = {s.item.id: s.need for s in dossier_detail(store, cycle, dossier.id).statuses}
        if needs.get("breakthrough_tasks") not in (None, Need.NOT_APPLICABLE):
            return official, dossier
    raise AssertionError("no editable leader in the demo")


@pytest.fixture
def leader(qtbot, window, demo_store):
    """The window showing an editable leader's dossier."""
    official, dossier = editable_leader(demo_store)
    window.open_dossier(dossier.id, "self_review")
    return official, dossier


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_long_text_typed_across_pauses_stays_in_place_with_caret_and_undo(qtbot, window, demo_path, leader,
                                                                          tmp_path):
    official, _dossier = leader
    box = window.dossier_view.current_page().editor.widget_for("i1_politics")
    assert isinstance(box, QPlainTextEdit)
    focus(qtbot, box)
    before = box.toPlainText()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(box, " XXX")
    pause(qtbot, window)
    type_text(box, "YYY")
    pause(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    pause(qtbot, window)
    type_text(box, "Dòng hai sau khi dừng.")
    pause(qtbot, window)

    expected = before + " XXXYYY\nDòng hai sau khi dừng."
    assert box.toPlainText() == expected
    assert box.textCursor().position() == len(expected)  # the caret never jumped
    assert box.document().isUndoAvailable()  # the undo history survived every save
    assert form_get(demo_path, "02B", official=official.id)["i1_politics"] == expected.strip()
    printed = printed_text(demo_path, tmp_path, official.id)
    assert "XXXYYY" in printed and "Dòng hai sau khi dừng." in printed
    assert printed.index("XXXYYY") < printed.index("Dòng hai sau khi dừng.")  # in the order typed


def test_leading_space_and_new_line_survive_a_pause(qtbot, window, demo_path, leader):
    official, _dossier = leader
    box = window.dossier_view.current_page().editor.widget_for("vi_measures")
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(box, "Một")
    pause(qtbot, window)
    type_text(box, " ")
    pause(qtbot, window)
    type_text(box, "hai")
    pause(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    pause(qtbot, window)
    type_text(box, "ba")
    pause(qtbot, window)
    assert box.toPlainText() == "Một hai\nba"
    assert form_get(demo_path, "02B", official=official.id)["vi_measures"] == "Một hai\nba"


def test_line_field_typed_across_a_pause(qtbot, window, demo_path, leader):
    official, _dossier = leader
    line = window.dossier_view.current_page().editor.widget_for("place")
    focus(qtbot, line)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(line, "Phường")
    pause(qtbot, window)
    type_text(line, " Nam Sơn")
    pause(qtbot, window)
    assert line.text() == "Phường Nam Sơn"
    assert line.cursorPosition() == len("Phường Nam Sơn")
    assert form_get(demo_path, "02B", official=official.id)["place"] == "Phường Nam Sơn"


def test_date_typed_in_two_goes_is_kept(qtbot, window, demo_path, leader):
    official, _dossier = leader
    field = window.dossier_view.current_page().editor.widget_for("document_date")
    focus(qtbot, field.line)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, "04/12")
    pause(qtbot, window)  # half a date: not valid yet, so it is neither saved nor replaced
    assert field.line.text() == "04/12" and not field.valid
    qtbot.keyClicks(field.line, "/2023")
    pause(qtbot, window)
    assert field.line.text() == "04/12/2023" and field.valid
    assert form_get(demo_path, "02B", official=official.id)["document_date"] == "2023-12-04"


def type_impossible_date(qtbot, window, demo_path, leader):
    """Type 31/02/2023 over the 02B's date and pause: the cadre, the editor, the date field, the date kept."""
    official, _dossier = leader
    editor = window.dossier_view.current_page().editor
    field = editor.widget_for("document_date")
    kept = form_get(demo_path, "02B", official=official.id).get("document_date")
    focus(qtbot, field.line)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, "31/02/2023")
    pause(qtbot, window)
    return official, editor, field, kept


def test_impossible_date_stays_flagged_and_the_window_does_not_say_saved(qtbot, window, demo_path, leader):
    official, editor, field, kept = type_impossible_date(qtbot, window, demo_path, leader)
    # Another field is typed and saved: the impossible date is not put back to the old one.
    box = editor.widget_for("ii_causes")
    focus(qtbot, box)
    type_text(box, " Thêm")
    pause(qtbot, window)
    assert field.line.text() == "31/02/2023"
    assert field.error.isVisibleTo(window) and "31/2/2023" in field.error.text()
    status = window.save_label.text()
    assert "Ngày viết bản kiểm điểm" in status and "Đã lưu" not in status, status
    assert form_get(demo_path, "02B", official=official.id).get("document_date") == kept  # never the bad one

    focus(qtbot, field.line)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, "28/02/2023")
    pause(qtbot, window)
    assert field.valid and not field.error.isVisibleTo(window)
    assert "Ngày viết bản kiểm điểm" not in window.save_label.text()
    assert form_get(demo_path, "02B", official=official.id)["document_date"] == "2023-02-28"


def _answer_question(qtbot, button_text: str, seen: list) -> None:
    """When the question opens, note its text and press the button named `button_text` with the keyboard."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)

    QTimer.singleShot(50, answer)


def test_leaving_a_dossier_with_an_impossible_date_asks_first(qtbot, window, demo_path, leader):
    official, _editor, field, kept = type_impossible_date(qtbot, window, demo_path, leader)

    # F9 (the dashboard), the way back to the unit, and closing the window all ask; "stay" keeps the text.
    for leave in (window.show_dashboard, window.show_unit_pane, window.close):
        seen: list[str] = []
        _answer_question(qtbot, "Ở lại để sửa", seen)
        leave()
        qtbot.waitUntil(lambda seen=seen: bool(seen), timeout=5000)
        assert "Ngày viết bản kiểm điểm" in seen[0]
        assert window.stack.currentWidget() is window.dossier_view and window.isVisible()
        assert field.line.text() == "31/02/2023"
        qtbot.waitUntil(lambda: window.focusWidget() is field.line, timeout=2000)  # back at the field to correct

    # Choosing another unit in the tree asks too; "stay" puts the tree back.
    tree_before = window.tree.currentIndex()
    other = window.proxy.index(0, 0) if window.proxy.index(0, 0) != tree_before else window.proxy.index(1, 0)
    seen = []
    _answer_question(qtbot, "Ở lại để sửa", seen)
    window.tree.setCurrentIndex(other)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert window.stack.currentWidget() is window.dossier_view
    assert window.tree.currentIndex() == tree_before

    # "Drop it" leaves: the date saved before is kept and the status bar no longer names the field.
    seen = []
    _answer_question(qtbot, "Bỏ giá trị đã gõ và rời đi", seen)
    window.show_dashboard()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.dashboard, timeout=5000)
    assert "Ngày viết bản kiểm điểm" not in window.save_label.text()
    assert form_get(demo_path, "02B", official=official.id).get("document_date") == kept


def test_level_chosen_with_keys_across_a_pause(qtbot, window, demo_path, leader):
    official, _dossier = leader
    combo = window.dossier_view.current_page().editor.widget_for("i2_level")
    assert isinstance(combo, QComboBox)
    focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    pause(qtbot, window)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    pause(qtbot, window)
    assert combo.currentIndex() == 2
    assert form_get(demo_path, "02B", official=official.id)["i2_level"] == combo.itemData(2)


def test_rows_cell_being_typed_survives_the_save_of_the_cell_before(qtbot, window, demo_path, leader):
    official, dossier = leader
    window.open_dossier(dossier.id, "breakthrough_tasks")
    rows = window.dossier_view.current_page().editor.widget_for("tasks")
    view = rows.view
    view.setFocus()
    view.setCurrentIndex(rows.model.index(0, 0))
    view.edit(rows.model.index(0, 0))
    qtbot.waitUntil(lambda: QApplication.focusWidget() not in (None, view), timeout=2000)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "Số hóa hồ sơ")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commits the cell (an edit: the autosave starts) and edits the next
    cell = QApplication.focusWidget()
    qtbot.keyClick(cell, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(cell, "Phần mềm")
    pause(qtbot, window)  # the first cell is saved while the second is being typed
    assert QApplication.focusWidget() is cell and cell.text() == "Phần mềm"
    type_text(cell, " quản lý")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)
    pause(qtbot, window)
    stored = form_get(demo_path, "DP2024", official=official.id)["tasks"]
    assert stored[0]["task"] == "Số hóa hồ sơ" and stored[0]["product"] == "Phần mềm quản lý"


def test_checkbox_toggled_across_a_pause(qtbot, window, demo_path, leader):
    official, dossier = leader
    window.open_dossier(dossier.id, "record_supplement")
    box = window.dossier_view.current_page().editor.widget_for("no_change")
    assert isinstance(box, QCheckBox)
    focus(qtbot, box)
    first = box.isChecked()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    pause(qtbot, window)
    assert box.isChecked() is not first
    assert bool(form_get(demo_path, "BSLL", official=official.id).get("no_change")) is not first


def test_number_typed_across_a_pause(qtbot, window, demo_path, demo_store):
    cycle = get_cycle(demo_store)
    from chilinh_desktop.core.units import unit_tree

    def open_collective(code):
        try:
            dossier = find_dossier(demo_store, cycle, unit_code=code)
        except NotFoundError:
            return None
        return None if dossier.locked else dossier

    unit, dossier = next((n.unit, d) for n in unit_tree(demo_store, cycle.tree_date).walk()
                         if (d := open_collective(n.unit.code)) is not None)
    window.open_dossier(dossier.id, "meeting_minutes")
    field = window.dossier_view.current_page().editor.widget_for("members_present")
    focus(qtbot, field.line)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, "1")
    pause(qtbot, window)
    qtbot.keyClicks(field.line, "7")
    pause(qtbot, window)
    assert field.line.text() == "17" and field.line.cursorPosition() == 2
    assert form_get(demo_path, "BBKD", unit=unit.code)["members_present"] == 17


def test_a_change_to_another_item_never_touches_the_text_being_typed(qtbot, window, demo_path, leader, tmp_path):
    official, _dossier = leader
    page = window.dossier_view.current_page()
    box = page.editor.widget_for("ii_shortcomings")
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(box, " đang gõ")
    # Meanwhile a scan is attached to another item of the same dossier (a content change, reloaded).
    scan_page = next(p for p in window.dossier_view.pages if p.item.id == "residence_comment")
    pdf = tmp_path / "phieu.pdf"
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(pdf))
    c.drawString(100, 750, "Phieu nhan xet")
    c.save()
    scan_page._attach(str(pdf))
    qtbot.waitUntil(lambda: window.ctx.runner.pending == 0, timeout=10_000)
    qtbot.wait(100)
    text = box.toPlainText()
    assert text.endswith(" đang gõ") and box.textCursor().position() == len(text)
    type_text(box, " tiếp")
    pause(qtbot, window)
    assert box.toPlainText().endswith(" đang gõ tiếp")
    assert form_get(demo_path, "02B", official=official.id)["ii_shortcomings"] == box.toPlainText().strip()
