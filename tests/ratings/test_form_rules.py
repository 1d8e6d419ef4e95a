"""`check` compares what the forms say with the rating records and the tree (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from ratings_helpers import DAY, GOOD

from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.ratings import record_rating, set_classification_counts, subject_key
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import set_form_answers

START = dt.date(2020, 1, 1)


@pytest.fixture
def unit(city, cycle_2023):
    """DB01 with two cells and one cadre, Lê Văn Nam, self-rated HTTNV."""
    for n in (1, 2):
        add_unit(city, code=f"DB01-CB0{n}", name=f"Chi bộ số {n}", type="chi_bo_truc_thuoc", parent_code="DB01",
                 valid_from=START)
    official = add_official(city, full_name="Lê Văn Nam", unit_code="DB01", tier="btv_thanh_uy")
    ensure_dossiers(city, cycle_2023)
    record_rating(city, cycle_2023, subject_key(city, official_id=official.id), "self", "HTTNV", by="x", at=DAY,
                  criteria=GOOD)
    return official


def _form_findings(store, cycle):
    return [f for f in evaluate(store, cycle) if ".form_" in f.rule or ".counts_cells" in f.rule]


def test_a_02b_self_rating_that_differs_from_the_record_is_an_error(city, cycle_2023, unit):
    set_form_answers(city, cycle_2023, "02B", {"vii_rating_member": "HTXSNV"}, official_id=unit.id, actor="t")
    [finding] = _form_findings(city, cycle_2023)
    assert finding.rule == "124-QD-TW.form_02b_self_rating" and finding.severity == "error"
    assert finding.subject_name == "Lê Văn Nam" and "Mẫu 02B, mục VII.2" in finding.message
    assert "HTXSNV" in finding.message and "HTTNV" in finding.message and "Điều 12" in finding.citation
    set_form_answers(city, cycle_2023, "02B", {"vii_rating_member": "HTTNV"}, official_id=unit.id, actor="t")
    assert _form_findings(city, cycle_2023) == []


@pytest.mark.parametrize(("present", "flagged"), [(9, False), (10, True)])
def test_minutes_never_count_more_present_than_convened(city, cycle_2023, unit, present, flagged):
    set_form_answers(city, cycle_2023, "BBKD", {"members_total": 9, "members_present": present}, unit_code="DB01",
                     actor="t")
    rules = [f.rule for f in _form_findings(city, cycle_2023)]
    assert ("124-QD-TW.form_minutes_present" in rules) is flagged


def test_minutes_list_only_cadres_of_the_unit(city, cycle_2023, unit):
    rows = [{"full_name": "Lê Văn Nam", "post": "Bí thư", "self_rating": "HTTNV", "rating": "HTTNV"},
            {"full_name": "Người Ngoài", "post": "Bí thư", "self_rating": "HTTNV", "rating": "HTTNV"}]
    set_form_answers(city, cycle_2023, "BBKD", {"cadre_ratings": rows}, unit_code="DB01", actor="t")
    [finding] = _form_findings(city, cycle_2023)
    assert finding.rule == "124-QD-TW.form_minutes_cadres" and "Người Ngoài" in finding.message
    assert finding.units == ("DB01",)


def test_a_commendation_proposal_must_name_someone_rated_htxsnv(city, cycle_2023, unit):
    rows = [{"name": "Lê Văn Nam", "kind": "dang_vien", "rating": "HTXSNV"}]
    set_form_answers(city, cycle_2023, "BCXL", {"commendations": rows}, unit_code="DB01", actor="t")
    [finding] = _form_findings(city, cycle_2023)
    assert finding.rule == "124-QD-TW.form_commendation_rated" and "HTTNV" in finding.message
    record_rating(city, cycle_2023, subject_key(city, official_id=unit.id), "proposal", "HTXSNV", by="x", at=DAY,
                  criteria={"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"})
    assert _form_findings(city, cycle_2023) == []


@pytest.mark.parametrize(("counted", "flagged"), [(2, False), (3, True)])
def test_the_classification_of_cells_cannot_count_more_cells_than_the_tree_has(city, cycle_2023, unit, counted,
                                                                                 flagged):
    set_classification_counts(city, cycle_2023, "DB01", "cells", {"HTTNV": counted})
    rules = [f.rule for f in _form_findings(city, cycle_2023)]
    assert ("124-QD-TW.counts_cells_within_tree" in rules) is flagged
