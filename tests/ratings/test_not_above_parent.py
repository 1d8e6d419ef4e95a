"""A leadership collective rated above its organisation is a warning (the 2019 rule; 2023 wording not found)."""

import datetime as dt

import pytest
from ratings_helpers import rules_hit

from chilinh_desktop.core.ratings import record_rating, subject_key

CRITERIA = {"xay_dung_dang": "tot", "ket_qua": "xuat_sac"}


@pytest.mark.parametrize(("organisation", "collective", "hit"),
                         [("HTTNV", "HTXSNV", True), ("HTTNV", "HTTNV", False), ("HTXSNV", "HTTNV", False)])
def test_collective_not_above_its_organisation(city, cycle_2023, organisation, collective, hit):
    day = dt.date(2023, 12, 5)
    record_rating(city, cycle_2023, subject_key(city, unit_code="DB01"), "decision", organisation, by="BTV",
                  at=day, criteria=CRITERIA)
    record_rating(city, cycle_2023, subject_key(city, unit_code="DB01", collective=True), "decision", collective,
                  by="BTV", at=day, criteria=CRITERIA)
    found = rules_hit(city, cycle_2023, "collective_not_above_organisation")
    assert bool(found) is hit
    assert all(f.severity == "warning" for f in found)
