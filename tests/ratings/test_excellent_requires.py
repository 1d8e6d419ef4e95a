"""HTXSNV needs every criterion ≥ Tốt, results Xuất sắc, and (a person) 100% targets with ≥ 50% exceeded."""

import pytest
from ratings_helpers import rules_hit

from chilinh_desktop.core.ratings import set_targets


@pytest.mark.parametrize(("criteria", "hit"), [
    ({"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"}, False),
    ({"pham_chat": "trung_binh", "lanh_dao": "tot", "ket_qua": "xuat_sac"}, True),
    ({"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "tot"}, True),
])
def test_criteria_for_htxsnv(city, cycle_2023, cadre, criteria, hit):
    key = cadre("HTXSNV", criteria)
    set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=50)
    assert bool(rules_hit(city, cycle_2023, "excellent_criteria")) is hit


@pytest.mark.parametrize(("met", "exceeded", "hit"), [(100, 50, False), (100, 49.9, True), (99, 80, True)])
def test_targets_for_htxsnv(city, cycle_2023, cadre, met, exceeded, hit):
    key = cadre("HTXSNV")
    set_targets(city, cycle_2023, key, met_pct=met, exceeded_pct=exceeded)
    assert bool(rules_hit(city, cycle_2023, "excellent_targets")) is hit


def test_htxsnv_without_any_targets_recorded_is_flagged(city, cycle_2023, cadre):
    cadre("HTXSNV")
    [finding] = rules_hit(city, cycle_2023, "excellent_targets")
    assert "?" in finding.message
