"""Every form of the cycle prints for a demo subject, with every answer read back in order."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec import cycle_forms, display_value, load_scales, record_context
from chilinh_desktop.formspec.dates import party_date
from chilinh_desktop.ops.printing import print_form
from chilinh_desktop.render.layout import PARTY_NAME

FORM_IDS = ["BCXL", "01", "BBKD", "02B", "NG2024", "DP2024", "BSLL"]


def _expected(form, answers, scales, values) -> list[str]:
    """What the paper must show, in document order: typed answers, and record values not overridden."""
    # The date and the number print in the header, the recipients in their own block by the signer.
    skip = {form.place_field, form.date_field, form.number_field, form.recipients_field}
    out = []
    for fld in form.fields():
        if fld.id in skip:
            continue
        if fld.type == "record":
            out.append(str(answers.get(fld.id) or values.get(fld.source) or ""))
        elif fld.type == "rows":
            for row in answers.get(fld.id, []):
                out += [display_value(c, row[c.id], scales) for c in fld.columns if c.id in row]
        elif fld.id in answers:
            out.append(display_value(fld, answers[fld.id], scales))
    # A long answer prints paragraph by paragraph; signature lines are printed in capitals.
    return [part for value in out for part in value.split("\n") if part.strip()]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_form_prints_every_answer_in_order(demo_store, form_id, pdf_tools):
    cycle = get_cycle(demo_store)
    item = next(i for i, f in cycle_forms(cycle) if f is not None and f.id == form_id)
    row = demo_store.db.execute(
        "SELECT d.official_id, u.code, i.answers FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
        "JOIN units u ON u.id = d.unit_id WHERE i.kind = ? AND i.state = 'complete' LIMIT 1", [item.id]).fetchone()
    subject = {"official_id": row[0]} if row[0] else {"unit_code": row[1]}
    printed = print_form(demo_store, cycle, form_id, **subject)
    pdf, draft = printed.pdf, printed.draft
    assert not draft
    from chilinh_desktop.formspec import get_form_item

    stored = get_form_item(demo_store, cycle, form_id, **subject)
    values = record_context(demo_store, cycle, stored.dossier)
    text = pdf_tools["text"](pdf)
    form = stored.form
    assert PARTY_NAME in text
    assert form.title in text
    date = stored.answers.get(form.date_field)
    assert party_date(dt.date.fromisoformat(date)) in text
    expected = _expected(form, stored.answers, load_scales(cycle.id, definitions=SHIPPED), values)
    expected = [e.upper() if e.isupper() or e in ("ĐẢNG ỦY", "BÍ THƯ") else e for e in expected]
    pdf_tools["in_order"](text, [PARTY_NAME, form.title, *expected])
    assert "BẢN NHÁP" not in text
