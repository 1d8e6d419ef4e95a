"""A Kém criterion forces KHTNV (QĐ 124): an HTXSNV proposal with one is an error."""

from ratings_helpers import rules_hit

from chilinh_desktop.core.ratings import set_targets


def test_a_kem_criterion_with_an_htxsnv_proposal_is_an_error(city, cycle_2023, cadre):
    key = cadre("HTXSNV", {"pham_chat": "kem", "lanh_dao": "tot", "ket_qua": "xuat_sac"})
    set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=60)
    [finding] = rules_hit(city, cycle_2023, "kem_criterion")
    assert (finding.subject, finding.severity, finding.citation) == (key, "error", "QĐ 124, Điều 12")
    assert "Kém" in finding.message and "KHTNV" in finding.action


def test_a_kem_criterion_rated_khtnv_is_fine(city, cycle_2023, cadre):
    cadre("KHTNV", {"pham_chat": "kem", "ket_qua": "trung_binh"})
    assert rules_hit(city, cycle_2023, "kem_criterion") == []


def test_trung_binh_is_not_kem(city, cycle_2023, cadre):
    cadre("HTNV", {"pham_chat": "trung_binh", "ket_qua": "trung_binh"})
    assert rules_hit(city, cycle_2023, "kem_criterion") == []
