"""The demo's stored answers are what the form engine says: complete ones validate, drafts do not."""

from __future__ import annotations

import json

from chilinh_desktop.formspec import check_answers, load_form, load_scales


def test_demo_answers_validate_exactly_when_marked_complete(demo_store):
    scales = load_scales("2023")
    rows = demo_store.db.execute(
        "SELECT form_id, form_version, answers, state FROM dossier_items WHERE answers IS NOT NULL").fetchall()
    assert len(rows) > 900
    for form_id, version, answers, state in rows:
        checked = check_answers(load_form(form_id, version), json.loads(answers), scales)
        assert not checked.errors
        assert checked.complete == (state == "complete"), (form_id, checked.gaps)
