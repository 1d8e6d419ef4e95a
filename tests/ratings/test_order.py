"""Collectives are rated before their members; the three steps come in order."""

import datetime as dt

from ratings_helpers import DAY, rules_hit

from chilinh_desktop.core.ratings import record_rating, subject_key


def test_a_member_decided_before_the_organisation_is_warned(city, cycle_2023, cadre):
    cadre("HTTNV", step="decision")
    record_rating(city, cycle_2023, subject_key(city, unit_code="DB01"), "decision", "HTTNV", by="BTV",
                  at=DAY + dt.timedelta(days=1))
    [finding] = rules_hit(city, cycle_2023, "collective_first")
    assert finding.severity == "warning"


def test_organisation_decided_the_same_day_first_is_fine(city, cycle_2023, cadre):
    record_rating(city, cycle_2023, subject_key(city, unit_code="DB01"), "decision", "HTTNV", by="BTV", at=DAY)
    cadre("HTTNV", step="decision")
    assert rules_hit(city, cycle_2023, "collective_first") == []


def test_a_decision_dated_before_the_self_rating_is_warned(city, cycle_2023, cadre):
    key = cadre("HTTNV", step="decision")
    record_rating(city, cycle_2023, key, "self", "HTTNV", by="Cán bộ", at=DAY + dt.timedelta(days=2))
    assert [f.subject for f in rules_hit(city, cycle_2023, "steps_in_order")] == [key]
