"""On screen every date is dd/mm/yyyy with leading zeros; printed documents keep the party rule
(Hướng dẫn 36-HD/VPTW, 2018)."""

from __future__ import annotations

import datetime as dt
import re

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.formspec.context import record_context
from chilinh_desktop.ui.labels import format_day


def test_the_window_writes_dates_with_leading_zeros():
    assert format_day(dt.date(1977, 3, 13)) == "13/03/1977"
    assert format_day(dt.date(1980, 2, 4)) == "04/02/1980"


def test_a_birth_date_reads_alike_on_screen_and_keeps_the_party_rule_on_paper(demo_store):
    cycle = get_cycle(demo_store)
    ids = {row[0] for row in demo_store.db.execute("SELECT official_id FROM dossiers WHERE official_id IS NOT NULL")}
    official = next(o for o in list_officials(demo_store) if o.id in ids and o.birth_date and o.birth_date.month >= 3)
    dossier = find_dossier(demo_store, cycle, official_id=official.id)
    on_screen = record_context(demo_store, cycle, dossier, on_screen=True)["official.birth_date"]
    printed = record_context(demo_store, cycle, dossier)["official.birth_date"]
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", on_screen)
    assert printed == f"{official.birth_date.day:02d}/{official.birth_date.month}/{official.birth_date.year}"
