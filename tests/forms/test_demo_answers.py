"""The demo's stored answers are what the form engine says: complete ones validate, drafts do not."""

from __future__ import annotations

import json

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec import check_answers, load_form, load_scales
from chilinh_desktop.formspec.validate import input_limits

LIMITS = input_limits(SHIPPED)


def test_demo_answers_validate_exactly_when_marked_complete(demo_store):
    scales = load_scales("2023", definitions=SHIPPED)
    rows = demo_store.db.execute(
        "SELECT form_id, form_version, answers, state FROM dossier_items WHERE answers IS NOT NULL").fetchall()
    assert len(rows) > 900
    for form_id, version, answers, state in rows:
        checked = check_answers(load_form(form_id, version, definitions=SHIPPED), json.loads(answers), scales, LIMITS)
        assert not checked.errors
        assert checked.complete == (state == "complete"), (form_id, checked.gaps)



def test_sample_answers_follow_the_cycles_form_version_not_the_newest(cycle_2023):
    """A cycle that keeps 02B at 2023.1 gets answers for 2023.1 (its items I.4–I.6), not for 2023.2."""
    import dataclasses
    import random

    from chilinh_desktop.demo.answers import sample_answers

    item = next(i for i in cycle_2023.items if i.form == "02B")
    old = dataclasses.replace(cycle_2023, raw={**cycle_2023.raw, "forms": {**cycle_2023.raw["forms"], "02B": "2023.1"}})
    on_old = sample_answers(old, item, "Nguyễn Văn A", random.Random(1))
    on_new = sample_answers(cycle_2023, item, "Nguyễn Văn A", random.Random(1))
    assert "i4_initiative" in on_old and "i4_initiative" not in on_new
    assert not check_answers(load_form("02B", "2023.1", definitions=SHIPPED), on_old,
                             load_scales("2023", definitions=SHIPPED), LIMITS).errors
