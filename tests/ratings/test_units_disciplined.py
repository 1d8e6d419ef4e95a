"""A party organisation is forced to KHTNV when its leadership, or more than 20% of its units, were disciplined."""

import datetime as dt

import pytest
from ratings_helpers import DAY, rules_hit

from chilinh_desktop.core.ratings import add_discipline, record_rating, subject_key
from chilinh_desktop.core.units import add_unit

ORG = {"xay_dung_dang": "tot", "ket_qua": "tot"}


@pytest.fixture
def party(city, cycle_2023):
    """DB01 rated HTTNV with five cells under it."""
    for n in range(1, 6):
        add_unit(city, code=f"DB01-CB{n}", name=f"Chi bộ {n}", type="chi_bo_truc_thuoc", parent_code="DB01",
                 valid_from=dt.date(2020, 1, 1))
    record_rating(city, cycle_2023, subject_key(city, unit_code="DB01"), "proposal", "HTTNV", by="Đảng ủy", at=DAY,
                  criteria=ORG)
    return city


def discipline_cells(store, count: int, day=dt.date(2023, 6, 1)) -> None:
    for n in range(1, count + 1):
        add_discipline(store, subject_key(store, unit_code=f"DB01-CB{n}"), date=day, form="Khiển trách")


def test_exactly_one_in_five_cells_disciplined_is_not_more_than_20_percent(party, cycle_2023):
    discipline_cells(party, 1)
    assert rules_hit(party, cycle_2023, "units_disciplined") == []


def test_two_in_five_cells_disciplined_force_khtnv(party, cycle_2023):
    discipline_cells(party, 2)
    [finding] = rules_hit(party, cycle_2023, "units_disciplined")
    assert finding.severity == "error" and "2 trên 5" in finding.message and finding.units == ("DB01",)


def test_discipline_of_another_year_does_not_count(party, cycle_2023):
    discipline_cells(party, 3, day=dt.date(2024, 1, 1))
    assert rules_hit(party, cycle_2023, "units_disciplined") == []


def test_khtnv_answers_the_finding(party, cycle_2023):
    discipline_cells(party, 2)
    record_rating(party, cycle_2023, subject_key(party, unit_code="DB01"), "proposal", "KHTNV", by="Đảng ủy", at=DAY,
                  criteria=ORG)
    assert rules_hit(party, cycle_2023, "units_disciplined") == []


def test_disciplined_leadership_forces_the_organisation(party, cycle_2023):
    add_discipline(party, subject_key(party, unit_code="DB01", collective=True), date=dt.date(2023, 12, 31),
                   form="Cảnh cáo")
    [finding] = rules_hit(party, cycle_2023, "leadership_disciplined")
    assert "31/12/2023" in finding.message and "Cảnh cáo" in finding.message
