"""The KHTNV grounds of QĐ 124 completed as data (Quy định 124-QĐ/TW), each at its boundary, and their articles."""

from __future__ import annotations

import datetime as dt

import pytest
from ratings_helpers import DAY, GOOD, rules_hit

from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.ratings import (
    add_conclusion,
    add_discipline,
    mark_not_rated,
    record_rating,
    set_targets,
    subject_key,
)
from chilinh_desktop.core.rulesets import load_rule_set
from chilinh_desktop.core.units import add_unit


def _unit_rated(store, cycle, level="HTTNV", code="DB01"):
    key = subject_key(store, unit_code=code)
    record_rating(store, cycle, key, "proposal", level, by="x", at=DAY,
                  criteria={"xay_dung_dang": "tot", "ket_qua": "tot"})
    return key


@pytest.mark.parametrize(("met", "main_met", "force_majeure", "hit"), [
    (50, False, False, False),  # exactly half: not under
    (49, False, False, True),
    (49, None, False, True),  # main targets not recorded: the rule still asks
    (49, True, False, False),  # the main targets were met
    (49, False, True, False),  # force majeure
])
def test_targets_below_half_needs_main_targets_missed_and_no_force_majeure(city, cycle_2023, met, main_met,
                                                                          force_majeure, hit):
    key = _unit_rated(city, cycle_2023)
    set_targets(city, cycle_2023, key, met_pct=met, main_met=main_met, force_majeure=force_majeure)
    assert bool(rules_hit(city, cycle_2023, "targets_below_half")) is hit


@pytest.mark.parametrize(("kind", "level", "hit"), [
    ("suy_thoai", "HTTNV", True), ("tu_dien_bien", "HTNV", True), ("dieu_cam", "HTTNV", True),
    ("vi_pham_neu_guong", "HTTNV", True), ("suy_thoai", "KHTNV", False), ("khac", "HTTNV", False),
])
def test_a_concluded_degradation_forces_khtnv_for_a_person(city, cycle_2023, cadre, kind, level, hit):
    key = cadre(level, criteria=GOOD)
    add_conclusion(city, cycle_2023, key, kind, date=dt.date(2023, 8, 14))
    found = rules_hit(city, cycle_2023, "conclusion_individual")
    assert bool(found) is hit
    if hit:
        assert "14/8/2023" in found[0].message and found[0].citation.startswith("QĐ 124, Điều 12")


def test_concluded_disunity_forces_khtnv_for_the_organisation(city, cycle_2023):
    key = _unit_rated(city, cycle_2023)
    add_conclusion(city, cycle_2023, key, "mat_doan_ket", date=dt.date(2023, 6, 1))
    [finding] = rules_hit(city, cycle_2023, "conclusion_organisation")
    assert "mất đoàn kết" in finding.message


@pytest.mark.parametrize(("kind", "day", "hit"), [
    ("tham_nhung_tieu_cuc", dt.date(2023, 12, 31), True),
    ("tham_nhung_tieu_cuc", dt.date(2022, 12, 31), False),  # another year
    ("", dt.date(2023, 5, 1), False),  # a discipline that is not a corruption or negative case
])
def test_a_subordinate_unit_disciplined_for_a_corruption_case_forces_khtnv(city, cycle_2023, kind, day, hit):
    add_unit(city, code="DB01-CB01", name="Chi bộ số 1", type="chi_bo_truc_thuoc", parent_code="DB01",
             valid_from=dt.date(2020, 1, 1))
    _unit_rated(city, cycle_2023)
    add_discipline(city, subject_key(city, unit_code="DB01-CB01"), date=day, form="Khiển trách", kind=kind)
    found = rules_hit(city, cycle_2023, "units_case_disciplined")
    assert bool(found) is hit
    if hit:
        assert "Chi bộ số 1" in found[0].message


@pytest.mark.parametrize(("post", "met", "hit"), [
    ("Bí thư Đảng ủy", 49, True), ("Bí thư Đảng ủy", 50, False), ("Phó Bí thư Đảng ủy", 49, False),
])
def test_a_leader_whose_unit_met_under_half_its_targets_is_khtnv(city, cycle_2023, post, met, hit):
    unit_key = _unit_rated(city, cycle_2023, "KHTNV")
    set_targets(city, cycle_2023, unit_key, met_pct=met, main_met=False)
    official = add_official(city, full_name="Trần Văn Bí", unit_code="DB01", tier="btv_thanh_uy", party_post=post)
    record_rating(city, cycle_2023, subject_key(city, official_id=official.id), "proposal", "HTTNV", by="x", at=DAY,
                  criteria=GOOD)
    assert bool(rules_hit(city, cycle_2023, "leader_unit_targets")) is hit


def test_the_quota_counts_one_step_and_leaves_out_those_not_rated(city, cycle_2023, cadre):
    # One HTXSNV on five HTTNV at the proposal step: exactly 20%, allowed.
    good = [cadre("HTTNV") for _ in range(5)]
    excellent = cadre("HTXSNV", criteria={"pham_chat": "xuat_sac", "lanh_dao": "tot", "ket_qua": "xuat_sac"})
    set_targets(city, cycle_2023, excellent, met_pct=100, exceeded_pct=60)
    assert rules_hit(city, cycle_2023, "quota_cadres") == []
    # A self-rating of HTXSNV is another step: it is not counted beside the proposals.
    record_rating(city, cycle_2023, good[0], "self", "HTXSNV", by="x", at=dt.date(2023, 12, 1), criteria=GOOD)
    assert rules_hit(city, cycle_2023, "quota_cadres") == []
    # Someone not rated leaves the base: one HTXSNV on four HTTNV is over 20%.
    mark_not_rated(city, cycle_2023, good[1], "moi_ket_nap")
    [finding] = rules_hit(city, cycle_2023, "quota_cadres")
    assert "1 HTXSNV so với 4" in finding.message and "HTTNV ở bước đề xuất" in finding.message


def test_each_rule_cites_its_own_article():
    rules = {rule.id: rule.citation for rule in load_rule_set("124-QD-TW").rules}
    assert rules["collective_first"].startswith("QĐ 124, Điều 11")
    assert rules["steps_in_order"].startswith("QĐ 124, Điều 11")
    assert rules["not_rated"].startswith("QĐ 124, Điều 5 khoản 2")
