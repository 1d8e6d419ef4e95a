"""Typed dates and numbers are checked as typed: an impossible value shows an error and is never saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import open_editable_cadre, open_tab

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.formspec.model import Field
from chilinh_desktop.ui.typed_fields import Invalid, parse_date, parse_number


@pytest.mark.parametrize("text", ["31/02/2023", "99/99/9999", "29/02/2023", "12/13/2023", "1/1/23", "abc"])
def test_impossible_dates_are_refused_not_changed(text):
    with pytest.raises(Invalid):
        parse_date(text)


def test_possible_dates_are_read_as_written():
    assert parse_date("12/12/2023").isoformat() == "2023-12-12"
    assert parse_date("29/02/2024").isoformat() == "2024-02-29"
    assert parse_date("1.3.2024").isoformat() == "2024-03-01"
    assert parse_date("  ") is None


def test_numbers_are_checked_against_the_field():
    field = Field(id="points", label="Điểm", type="number", minimum=0, maximum=10)
    assert parse_number("7,5", field) == 7.5
    for text in ("11", "-1", "bảy"):
        with pytest.raises(Invalid):
            parse_number(text, field)


def _type(qtbot, line, text):
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)  # typed over the selection


def _stored_date(store, official):
    cycle = get_cycle(store)
    dossier = find_dossier(store, cycle, official_id=official.id)
    item = stored_items(store, dossier.id).get("self_review")
    return (item.answers or {}).get("document_date") if item else None


def test_typed_impossible_date_shows_an_error_and_is_not_saved(qtbot, window, demo_store):
    official = open_editable_cadre(qtbot, window, demo_store)
    page = open_tab(window, "self_review")
    field = page.editor.widget_for("document_date")
    _type(qtbot, field.line, "12/12/2023")
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    assert _stored_date(demo_store, official) == "2023-12-12"  # kept exactly as typed

    _type(qtbot, field.line, "31/02/2023")
    assert field.error.isVisibleTo(window) and "31/2/2023" in field.error.text()
    assert page.editor.invalid_fields() == ["document_date"]
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    assert _stored_date(demo_store, official) == "2023-12-12"  # never 05/02/2023
    assert field.line.text() == "31/02/2023"  # the screen is not changed behind the person's back either

    _type(qtbot, field.line, "28/02/2023")
    assert not field.error.isVisibleTo(window)
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    assert _stored_date(demo_store, official) == "2023-02-28"
