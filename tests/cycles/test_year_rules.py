"""Rules across years: KHTNV two years in a row flagged for the later year; N years for a commendation."""

import datetime as dt

from chilinh_desktop.core import ratings
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.history import history_line, rating_history, record_past_rating
from chilinh_desktop.core.rules import KINDS, _Context, evaluate
from chilinh_desktop.core.rulesets import parse_rule_set
from chilinh_desktop.ops import cycles as cycle_ops

DEADLINES = {"review": "2024-12-10", "dossier": "2024-12-15"}


def _rate(store, cycle, key, level, year):
    ratings.record_rating(store, cycle, key, "decision", level, by="BTV", at=dt.date(year, 12, 20), actor="t")


def test_khtnv_two_years_in_a_row_is_flagged_for_the_later_year_only(cadre, store):
    key = f"official:{cadre.id}"
    c2023 = get_cycle(store, "2023")
    _rate(store, c2023, key, "KHTNV", 2023)
    assert [f for f in evaluate(store, c2023) if "two_years" in f.rule] == []
    cycle_ops.start_cycle(store, copy_from="2023", year=2024, deadlines=DEADLINES)
    c2024 = get_cycle(store, "2024")
    _rate(store, c2024, key, "KHTNV", 2024)
    flagged = [f for f in evaluate(store, c2024) if "two_years" in f.rule]
    assert {f.rule for f in flagged} == {"124-QD-TW.khtnv_two_years_cadre", "124-QD-TW.khtnv_two_years_member"}
    assert all(f.subject == key and f.severity == "warning" and "2023, 2024" in f.message for f in flagged)
    assert "miễn nhiệm" in flagged[0].message + flagged[1].message
    # The earlier year is not judged by the later one.
    assert [f for f in evaluate(store, c2023) if "two_years" in f.rule] == []
    # A better level in 2024 clears it.
    _rate(store, c2024, key, "HTNV", 2024)
    assert [f for f in evaluate(store, c2024) if "two_years" in f.rule] == []


def test_history_reads_past_ratings_and_cycles(cadre, store):
    key = f"official:{cadre.id}"
    record_past_rating(store, key, 2022, "HTTNV", source="giấy")
    _rate(store, get_cycle(store, "2023"), key, "HTXSNV", 2023)
    history = rating_history(store, [key])[key]
    assert history_line(history) == "2022: HTTNV · 2023: HTXSNV"
    assert history[2022].source == "past" and history[2023].source == "own"


def test_a_commendation_needing_n_years_is_expressible(cadre, store):
    key = f"official:{cadre.id}"
    rule_set = parse_rule_set({"id": "t", "title": "t", "rules": [{
        "id": "five_years", "kind": "commendation_years", "citation": "t", "applies_to": ["official"],
        "level_rated": "HTXSNV", "years": 3, "commendation_kinds": ["ca_nhan_3_nam"],
        "message": "{subject}: {commendation} cần {years} năm {required}", "action": "-"}]}, "t")
    cycle = get_cycle(store, "2023")
    _rate(store, cycle, key, "HTXSNV", 2023)
    unit = store.db.execute("SELECT code FROM units ORDER BY sort_key LIMIT 1").fetchone()[0]
    ratings.add_commendation(store, cycle, unit, name="Giấy khen", kind="ca_nhan_3_nam", level="HTXSNV", key=key)

    def run():
        ctx = _Context(store, cycle, rule_set)
        return list(KINDS["commendation_years"].check(ctx, rule_set.rules[0]))

    assert [f.message for f in run()] != []
    record_past_rating(store, key, 2021, "HTXSNV")
    assert run() != []  # 2022 missing: not three in a row
    record_past_rating(store, key, 2022, "HTXSNV")
    assert run() == []
