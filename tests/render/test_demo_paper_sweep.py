"""The review's method kept as a test: every demo paper printed, read back with pypdf, and checked against
the data (issue 23): who signs and chairs, the number under the issuer, the date line, the meeting's
times, and the dates of the cadres' papers around the unit's meeting.

Only the mistakes the demo plants on purpose (demo/planted.py) may break these; they are named here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import defaultdict

import pytest
from pypdf import PdfReader

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dates import party_date
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.paper_rules import clock_minutes
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.render.pipeline import print_document, unit_documents

# One pytest-xdist worker runs the whole module: its module fixture is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_demo_paper_sweep")

FORMS = {"collective_report": "01", "classification_report": "BCXL", "meeting_minutes": "BBKD",
         "self_review": "02B", "exemplary_pledge": "NG2024"}


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def printed(demo_db_file):
    """Every filled 01, BCXL, minutes, 02B and pledge of the demo: (unit, form, answers, printed text)."""
    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.core.store import Store

    out = []
    with Store.open(demo_db_file, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = get_cycle(store)
        heads = {}
        for node in [n for root in unit_tree(store, cycle.tree_date).roots for n in root.children]:
            officials = list_officials(store, node.unit.code)
            heads[node.unit.code] = officials[0].full_name if officials else None
            for document in unit_documents(store, cycle, node.unit.code):
                if document.item_id not in FORMS:
                    continue
                (text,) = store.db.execute("SELECT answers FROM dossier_items i JOIN dossiers d ON d.id = "
                                           "i.dossier_id WHERE d.id = ? AND i.kind = ?",
                                           [document.dossier_id, document.item_id]).fetchone()
                answers = json.loads(text or "{}")
                pdf = print_document(store, cycle, document, draft=True).pdf
                out.append((node.unit.code, FORMS[document.item_id], answers, _text(pdf)))
    return heads, out


def test_every_unit_paper_is_signed_and_chaired_by_the_units_head(printed):
    heads, papers = printed
    checked = 0
    for unit, form, answers, text in papers:
        field = {"01": "signer_name", "BCXL": "signer_name", "BBKD": "chair"}.get(form)
        if field is None or not answers.get(field):
            continue
        assert answers[field] == heads[unit], (unit, form)
        assert heads[unit] in text, (unit, form)
        checked += 1
    assert checked > 50


def test_numbers_printed_are_the_stored_ones_and_run_without_repeats(printed):
    _heads, papers = printed
    runs = defaultdict(list)
    for unit, form, answers, text in papers:
        if form in ("01", "BCXL", "BBKD") and answers.get("number"):
            kind = "BB" if form == "BBKD" else "BC"
            # A party body writes "Số 12-BC/ĐU"; a state body or the Front "Số: 12/BC-PNV" (forms/headers.toml).
            number = re.escape(answers["number"])
            assert re.search(rf"Số {number}-{kind}/|Số: {number}/{kind}-", text), (unit, form, answers["number"])
            runs[(unit, kind)].append(answers["number"])
    repeated = sorted(key for key, numbers in runs.items() if len(numbers) != len(set(numbers)))
    assert len(runs) > 30
    assert len(repeated) == 1  # the one planted repeat (demo/planted.py): two reports under one number


def test_date_lines_print_the_stored_dates(printed):
    _heads, papers = printed
    checked = 0
    for unit, form, answers, text in papers:
        stored = answers.get("meeting_date" if form == "BBKD" else "document_date")
        if stored:
            assert party_date(dt.date.fromisoformat(stored)) in text, (unit, form)
            checked += 1
    assert checked > 200


def test_minutes_end_after_they_start_and_papers_fall_around_the_meeting(printed):
    _heads, papers = printed
    meetings = {unit: dt.date.fromisoformat(a["meeting_date"]) for unit, form, a, _t in papers
                if form == "BBKD" and a.get("meeting_date")}
    backwards = [unit for unit, form, a, text in papers if form == "BBKD" and a.get("end_time")
                 and a.get("start_time") and clock_minutes(a["end_time"]) <= clock_minutes(a["start_time"])]
    assert len(backwards) == 1  # planted
    for unit, form, answers, _ in papers:
        if unit not in meetings or not answers.get("document_date"):
            continue
        written = dt.date.fromisoformat(answers["document_date"])
        if form == "02B":
            assert written <= meetings[unit], unit
        elif form in ("NG2024", "BCXL"):
            assert written > meetings[unit], (unit, form)
        elif form == "01":
            assert written < meetings[unit], unit
