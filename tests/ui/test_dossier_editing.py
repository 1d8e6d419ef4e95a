"""Typing into a form item is saved without a Save button and survives closing the data file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import open_editable_cadre, open_tab, type_text

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.core.store import Store
from chilinh_desktop.ui.autosave import AUTOSAVE_DELAY_MS

TEXT = "Luôn giữ vững lập trường chính trị, chấp hành nghiêm kỷ luật."


def test_typed_02b_section_is_autosaved_and_persists_after_reopening(qtbot, make_window, demo_path, demo_store):
    window = make_window(demo_store)
    official = open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    box = page.editor.widget_for("i1_politics")
    box.setFocus()
    box.clear()
    type_text(box, TEXT)
    # No save command: the debounced autosave writes the draft.
    qtbot.waitUntil(
        lambda: not window.ctx.autosave.dirty and window.ctx.runner.pending == 0, timeout=AUTOSAVE_DELAY_MS * 5
    )
    window.close()
    demo_store.close()

    with Store.open(demo_path) as reopened:
        cycle = get_cycle(reopened)
        dossier = find_dossier(reopened, cycle, official_id=official.id)
        item = stored_items(reopened, dossier.id)["self_review"]
    assert item.answers["i1_politics"] == TEXT


def test_reopened_window_shows_what_was_typed(qtbot, make_window, demo_store):
    window = make_window(demo_store)
    open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    page.editor.widget_for("vi_measures").setFocus()
    type_text(page.editor.widget_for("vi_measures"), "Tăng cường kiểm tra")
    qtbot.keyClick(page.editor.widget_for("vi_measures"), Qt.Key.Key_Tab)  # leaving the field saves
    window.ctx.runner.wait_idle()
    window.close()

    again = make_window(demo_store)
    open_editable_cadre(qtbot, again, demo_store)
    text = open_tab(again, "self_review").editor.widget_for("vi_measures").toPlainText()
    assert text.startswith("Tăng cường kiểm tra")  # typed at the cursor, before the demo text


def test_next_and_previous_item_shortcuts_move_between_tabs(qtbot, window, demo_store):
    open_editable_cadre(qtbot, window, demo_store)
    tabs = window.dossier_view.tabs
    tabs.setCurrentIndex(0)
    window.actions["next_item"].trigger()
    assert tabs.currentIndex() == 1
    window.actions["previous_item"].trigger()
    window.actions["previous_item"].trigger()
    assert tabs.currentIndex() == tabs.count() - 1


def test_exempt_item_says_why(qtbot, window, demo_store):
    cycle = get_cycle(demo_store)
    from chilinh_desktop.core.officials import list_officials

    exempt = next(o for o in list_officials(demo_store) if o.residence_exempt_reason and o.tier == "btv_thanh_uy")
    dossier = find_dossier(demo_store, cycle, official_id=exempt.id)
    window.open_dossier(dossier.id, "residence_comment")
    page = window.dossier_view.current_page()
    assert page.reason.isVisibleTo(window) and exempt.residence_exempt_reason in page.reason.text()
