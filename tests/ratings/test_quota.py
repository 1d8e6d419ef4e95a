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
