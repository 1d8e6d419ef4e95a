"""Discipline in the year forces KHTNV unless self-discovered and remedied; the year is the cycle's."""

import datetime as dt

import pytest
from ratings_helpers import rules_hit

from chilinh_desktop.core.ratings import add_discipline


@pytest.mark.parametrize(("day", "hit"), [
    (dt.date(2023, 12, 31), True),   # the last day of the year counts
    (dt.date(2024, 1, 1), False),    # the next year's first day does not
    (dt.date(2023, 1, 1), True),
    (dt.date(2022, 12, 31), False),
])
def test_discipline_counts_only_inside_the_cycle_year(city, cycle_2023, cadre, day, hit):
    key = cadre("HTTNV")
    add_discipline(city, key, date=day, form="Khiển trách")
    assert bool(rules_hit(city, cycle_2023, "discipline_in_year")) is hit


def test_self_discovered_and_remedied_discipline_does_not_force(city, cycle_2023, cadre):
    key = cadre("HTTNV")
    add_discipline(city, key, date=dt.date(2023, 6, 1), form="Khiển trách", self_remedied=True)
    assert rules_hit(city, cycle_2023, "discipline_in_year") == []


def test_disciplined_cadre_rated_htxsnv_is_an_error_citing_the_rule(city, cycle_2023, cadre):
    key = cadre("HTXSNV")
    add_discipline(city, key, date=dt.date(2023, 6, 1), form="Cảnh cáo")
    [finding] = rules_hit(city, cycle_2023, "discipline_in_year")
    assert finding.severity == "error" and "Cảnh cáo" in finding.message and "01/6/2023" in finding.message


def test_disciplined_cadre_rated_khtnv_is_fine(city, cycle_2023, cadre):
    key = cadre("KHTNV")
    add_discipline(city, key, date=dt.date(2023, 6, 1), form="Cảnh cáo")
    assert rules_hit(city, cycle_2023, "discipline_in_year") == []
