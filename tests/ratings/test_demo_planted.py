"""The demo city passes its own checks except the findings it plants on purpose (issue 23).

Every finding `check` gives on the demo is listed here by rule and unit; a new, unplanned finding
(a demo paper that contradicts the registry, a rule that misfires) fails this test.
"""

from __future__ import annotations

from collections import Counter

import pytest

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.rules import evaluate

PLANTED = Counter({
    # demo/ratings.py: the rating mistakes the Board must catch (issue 7) and the history (issue 17)
    "discipline_in_year": 1, "kem_criterion": 1, "excellent_criteria": 1, "quota_cadres": 1,
    "collective_not_above_organisation": 1, "khtnv_two_years_cadre": 1, "khtnv_two_years_member": 1,
    # demo/planted.py: the paper mistakes (issue 23)
    "minutes_times": 1, "document_numbers": 1, "form_02b_excellent_criteria": 1,
})


def _agency_cells_in_tree(store) -> bool:
    return store.db.execute("SELECT 1 FROM units WHERE name = 'Chi bộ Phòng Nội vụ'").fetchone() is not None


def test_the_demo_city_finds_only_what_it_plants(demo_store, request):
    if not _agency_cells_in_tree(demo_store):
        # The agencies' cells under their party committees come with the tree's restructuring (issue 23,
        # item 6, branch docs); until then every agency cadre's "Chi bộ" is rightly not a cell of the tree.
        request.applymarker(pytest.mark.xfail(reason="agency cells not yet in the demo tree", strict=True))
    findings = evaluate(demo_store, get_cycle(demo_store))
    found = Counter(f.rule.split(".")[-1] for f in findings)
    unplanned = [f"{f.rule} {f.units}: {f.message}" for f in findings if f.rule.split(".")[-1] not in PLANTED]
    assert unplanned == []
    assert found == PLANTED


def test_each_planted_paper_mistake_reads_as_the_board_would_return_it(demo_store):
    findings = {f.rule.split(".")[-1]: f for f in evaluate(demo_store, get_cycle(demo_store))}
    assert "bắt đầu 14 giờ 00 phút nhưng kết thúc 11 giờ 30 phút" in findings["minutes_times"].message
    assert "Mẫu 01, Báo cáo xếp loại cùng mang số" in findings["document_numbers"].message
    assert "(Tốt)" in findings["form_02b_excellent_criteria"].message
    assert all(findings[rule].severity == "error"
               for rule in ("minutes_times", "document_numbers", "form_02b_excellent_criteria"))
