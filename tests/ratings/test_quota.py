"""HTXSNV may not exceed 20% of HTTNV in a peer group: a warning answered by written justifications."""

import pytest
from ratings_helpers import rules_hit

from chilinh_desktop.core.ratings import set_classification_counts, set_targets


def _group(cadre, store, cycle, excellent: int, good: int, **extra) -> list[str]:
    keys = [cadre("HTXSNV", **extra) for _ in range(excellent)]
    for key in keys:
        set_targets(store, cycle, key, met_pct=100, exceeded_pct=60)
    for _ in range(good):
        cadre("HTTNV")
    return keys


@pytest.mark.parametrize(("excellent", "good", "hit"), [(2, 10, False), (3, 10, True), (1, 5, False),
                                                         (2, 9, True), (1, 0, True), (0, 0, False)])
def test_quota_boundary_exactly_20_percent_and_one_over(city, cycle_2023, cadre, excellent, good, hit):
    _group(cadre, city, cycle_2023, excellent, good)
    found = rules_hit(city, cycle_2023, "quota_cadres")
    assert bool(found) is hit
    assert all(f.severity == "warning" for f in found)


def test_a_justification_on_every_excellent_answers_the_warning(city, cycle_2023, cadre):
    _group(cadre, city, cycle_2023, 3, 10, justification="Thành tích đột xuất trong phòng chống bão số 3")
    assert rules_hit(city, cycle_2023, "quota_cadres") == []


def test_peer_group_set_by_the_competent_level_splits_the_count(city, cycle_2023, cadre):
    _group(cadre, city, cycle_2023, 1, 0, peer_group="Bí thư đảng ủy phường")
    _group(cadre, city, cycle_2023, 2, 10)
    [finding] = rules_hit(city, cycle_2023, "quota_cadres")
    assert finding.subject == "group:Đảng bộ phường A – Bí thư đảng ủy phường"


@pytest.mark.parametrize(("excellent", "hit"), [(20, False), (21, True)])
def test_the_classification_report_counts_are_held_to_the_quota(city, cycle_2023, excellent, hit):
    set_classification_counts(city, cycle_2023, "DB01", "members",
                              {"HTXSNV": excellent, "HTTNV": 100, "HTNV": 30, "KHTNV": 2})
    assert bool(rules_hit(city, cycle_2023, "quota_cadres")) is hit


def test_an_excellent_rating_over_the_quota_needs_a_justification_in_every_front_end(city, cycle_2023, cadre,
                                                                                     capsys):
    from chilinh_desktop.cli import main
    from chilinh_desktop.core.errors import ValidationError
    from chilinh_desktop.core.ratings import subject_ratings
    from chilinh_desktop.ops.rating import rate

    _group(cadre, city, cycle_2023, 2, 10, justification="Thành tích đột xuất")  # 2 of 10: at the quota
    newcomer = cadre("HTTNV")
    official_id = newcomer.removeprefix("official:")
    with pytest.raises(ValidationError) as refused:
        rate(city, cycle_2023, newcomer, "proposal", "HTXSNV", by="Đảng ủy", at=cycle_2023.tree_date, actor="t")
    assert subject_ratings(city, cycle_2023, newcomer).steps["proposal"].level == "HTTNV"  # nothing recorded

    code = main(["rate", "--db", str(city.path), "--official", official_id, "--step", "proposal",
                 "--level", "HTXSNV", "--by", "Đảng ủy", "--at", "2023-12-01"])
    err = capsys.readouterr().err
    assert code == 2 and refused.value.message in err

    justified = rate(city, cycle_2023, newcomer, "proposal", "HTXSNV", by="Đảng ủy", at=cycle_2023.tree_date,
                     justification="Cứu người trong lũ", actor="t")
    assert justified.rating.level == "HTXSNV"


def test_a_unit_over_the_quota_is_flagged_though_the_city_as_a_whole_is_not(city, cycle_2023, cadre):
    """The Front rates 3 of its 5 cadres HTXSNV: flagged at the unit, whatever else the Board holds (issue 23)."""
    from ratings_helpers import DAY

    from chilinh_desktop.core.officials import add_official
    from chilinh_desktop.core.ratings import record_rating, subject_key
    from chilinh_desktop.core.rules import evaluate
    from chilinh_desktop.core.units import add_unit

    _group(cadre, city, cycle_2023, 1, 20)  # DB01: 1 of 20, within
    add_unit(city, code="MTTQ", name="Ủy ban MTTQ thành phố", type="mttq_doan_the", parent_code="TU",
             valid_from=DAY.replace(year=2020))
    for n, level in enumerate(("HTXSNV", "HTXSNV", "HTXSNV", "HTTNV", "HTTNV")):
        official = add_official(city, full_name=f"Cán bộ Mặt trận {n}", unit_code="MTTQ", tier="btv_thanh_uy")
        key = subject_key(city, official_id=official.id)
        record_rating(city, cycle_2023, key, "proposal", level, by="x", at=DAY,
                      criteria={"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"})
        set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=60)
    [finding] = rules_hit(city, cycle_2023, "quota_cadres")
    assert finding.units == ("MTTQ",) and "3 HTXSNV so với 2" in finding.message and "150%" in finding.message
    assert "không tính người không xếp loại" in finding.message  # the base is explained
    # The unit's own check finds exactly what the whole city's evaluation finds for it.
    assert [f.key for f in evaluate(city, cycle_2023, "MTTQ") if f.rule.endswith("quota_cadres")] == [finding.key]


@pytest.mark.parametrize(("excellent", "verdict"), [(20, "trong giới hạn"), (21, "vượt giới hạn")])
def test_the_classification_report_says_within_the_limit_only_when_it_is(city, cycle_2023, excellent, verdict):
    from chilinh_desktop.core.figures import quota_values, report_figures

    set_classification_counts(city, cycle_2023, "DB01", "members",
                              {"HTXSNV": excellent, "HTTNV": 100, "HTNV": 30, "KHTNV": 2})
    values = quota_values(cycle_2023, report_figures(city, cycle_2023, "DB01"))
    line = values["figures.mem_quota"]
    assert verdict in line and f"{excellent} đảng viên HTXSNV so với 100" in line and f"là {excellent}%" in line
    assert ("trong giới hạn" in line) is (excellent == 20)
    assert values["figures.mem_shares"].startswith("HTXSNV ")
