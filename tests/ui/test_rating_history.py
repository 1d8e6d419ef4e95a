"""The dossier's rating tab shows the cadre's ratings by year (the demo carries 2022)."""

from __future__ import annotations

from ui_helpers import open_editable_cadre


def test_rating_tab_shows_the_years(qtbot, window, demo_store):
    official = open_editable_cadre(qtbot, window, demo_store)
    view = window.dossier_view
    view.tabs.setCurrentWidget(view.rating_editor)
    box = view.rating_editor.subjects[0]
    assert box.key == f"official:{official.id}"
    text = box.history_note.text()
    assert box.history_note.isVisible()
    assert text.startswith("Xếp loại qua các năm: 2022: ") and " · 2023: " in text
