"""A unit's papers checked against each other and the registry (issue 23), each rule at its boundary."""

from __future__ import annotations

import datetime as dt

import pytest
from ratings_helpers import DAY, rules_hit

from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.ratings import record_rating, subject_key
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import set_form_answers

START = dt.date(2020, 1, 1)
SECRETARY, DEPUTY = "Lê Văn Nam", "Trần Thị Hoa"
# Every required answer of Mẫu 02B, so the item is done (complete) unless a test removes one.
SELF_REVIEW = {
    "document_date": "2023-11-28", "i1_politics": "Kiên định.", "i1_level": "tot", "i2_duties": "Hoàn thành.",
    "i2_level": "xuat_sac", "i3_leadership": "Đoàn kết.", "i3_level": "tot", "ii_shortcomings": "Có lúc chậm.",
    "ii_causes": "Việc nhiều.", "iii_remedies": "Đã khắc phục.", "iv_explanations": "Không có.",
    "v_responsibility": "Không có.", "vi_measures": "Kiểm tra thường xuyên.", "vii_rating_cadre": "HTTNV",
    "vii_rating_member": "HTTNV",
}


@pytest.fixture
def ward(city, cycle_2023):
    """DB01 with one cell; its secretary and a deputy secretary on the registry; their ids."""
    add_unit(city, code="DB01-CB01", name="Chi bộ Khu dân cư số 1", type="chi_bo_truc_thuoc", parent_code="DB01",
             valid_from=START)
    people = {
        name: add_official(city, full_name=name, unit_code="DB01", tier="btv_thanh_uy", party_post=post,
                           government_post=government, party_cell="Chi bộ Khu dân cư số 1").id
        for name, post, government in ((SECRETARY, "Bí thư Đảng ủy", ""),
                                       (DEPUTY, "Phó Bí thư Đảng ủy", "Chủ tịch UBND"))}
    ensure_dossiers(city, cycle_2023)
    return people


def _unit_form(store, cycle, form, **answers):
    set_form_answers(store, cycle, form, answers, unit_code="DB01", actor="t")


def _02b(store, cycle, official_id, **changes):
    answers = {**SELF_REVIEW, **changes}
    set_form_answers(store, cycle, "02B", {k: v for k, v in answers.items() if v is not None},
                     official_id=official_id, actor="t")


@pytest.mark.parametrize(("signer", "hit"), [(SECRETARY, False), (DEPUTY, False), ("Người Ngoài", True),
                                             ("lê  văn nam", False)])
def test_the_report_is_signed_by_someone_on_the_units_own_list(city, cycle_2023, ward, signer, hit):
    _unit_form(city, cycle_2023, "01", signer_name=signer)
    found = rules_hit(city, cycle_2023, "paper_signer_listed")
    assert bool(found) is hit
    if hit:
        [finding] = found
        assert finding.severity == "error" and "Người Ngoài" in finding.message and finding.units == ("DB01",)


@pytest.mark.parametrize(("signer", "role", "hit"), [
    (SECRETARY, "BÍ THƯ", False), (DEPUTY, "PHÓ BÍ THƯ", False), (DEPUTY, "KT. BÍ THƯ", False),
    (DEPUTY, "BÍ THƯ", True), (SECRETARY, "KT. BÍ THƯ", True), (DEPUTY, "CHỦ TỊCH UBND", False)])
def test_the_printed_role_is_a_post_the_signer_holds(city, cycle_2023, ward, signer, role, hit):
    _unit_form(city, cycle_2023, "BCXL", signer_name=signer, signer_role=role)
    assert bool(rules_hit(city, cycle_2023, "paper_signer_post")) is hit


@pytest.mark.parametrize(("chair", "hit"), [(SECRETARY, False), (DEPUTY, True)])
def test_one_person_signs_and_chairs_every_paper_of_the_unit(city, cycle_2023, ward, chair, hit):
    _unit_form(city, cycle_2023, "01", signer_name=SECRETARY)
    _unit_form(city, cycle_2023, "BCXL", signer_name=SECRETARY)
    _unit_form(city, cycle_2023, "BBKD", chair=chair)
    found = rules_hit(city, cycle_2023, "paper_signer_same")
    assert bool(found) is hit
    if hit:
        assert DEPUTY in found[0].message and "Biên bản (chủ trì)" in found[0].message


@pytest.mark.parametrize(("start", "end", "hit"), [
    ("8 giờ 00 phút", "8 giờ 01 phút", False), ("8 giờ 00 phút", "8 giờ 00 phút", True),
    ("14 giờ 00 phút", "11 giờ 30 phút", True), ("14h00", "17h", False), ("chiều", "11 giờ", False)])
def test_minutes_end_after_they_start(city, cycle_2023, ward, start, end, hit):
    _unit_form(city, cycle_2023, "BBKD", start_time=start, end_time=end)
    found = rules_hit(city, cycle_2023, "minutes_times")
    assert bool(found) is hit
    if hit:
        assert start in found[0].message and end in found[0].message


@pytest.mark.parametrize(("levels", "rating", "hit"), [
    ({"i1_level": "tot", "i2_level": "xuat_sac", "i3_level": "tot"}, "HTXSNV", False),
    ({"i1_level": "tot", "i2_level": "tot", "i3_level": "tot"}, "HTXSNV", True),
    ({"i1_level": "trung_binh", "i2_level": "xuat_sac", "i3_level": "tot"}, "HTXSNV", True),
    ({"i1_level": "trung_binh", "i2_level": "tot", "i3_level": "tot"}, "HTTNV", False)])
def test_a_02b_claiming_htxsnv_rates_every_criterion_at_the_bar(city, cycle_2023, ward, levels, rating, hit):
    _02b(city, cycle_2023, ward[SECRETARY], **levels, vii_rating_cadre=rating, vii_rating_member=rating)
    found = rules_hit(city, cycle_2023, "form_02b_excellent_criteria")
    assert bool(found) is hit
    if hit:
        assert found[0].subject_name == SECRETARY and found[0].severity == "error"


def test_a_collective_report_claiming_htxsnv_with_its_task_criterion_at_tot_is_an_error(city, cycle_2023, ward):
    _unit_form(city, cycle_2023, "01", vi_rating="HTXSNV", i1_level="tot", i2_level="tot", i3_level="tot",
               i4_level="tot")
    [finding] = rules_hit(city, cycle_2023, "form_01_excellent_criteria")
    assert "Kết quả thực hiện chức trách, nhiệm vụ được giao (Tốt)" in finding.message


def test_check_reads_the_criteria_from_the_form_not_only_from_the_rating_records(city, cycle_2023, ward):
    key = subject_key(city, official_id=ward[SECRETARY])
    record_rating(city, cycle_2023, key, "self", "HTXSNV", by="x", at=DAY,
                  criteria={"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"})
    _02b(city, cycle_2023, ward[SECRETARY], i2_level="tot", vii_rating_cadre="HTXSNV", vii_rating_member="HTXSNV")
    assert rules_hit(city, cycle_2023, "excellent_criteria") == []  # the records alone look right
    assert rules_hit(city, cycle_2023, "form_02b_excellent_criteria")


@pytest.mark.parametrize(("report", "classification", "minutes", "hit"), [
    ("12", "13", "12", False), ("12", "12", "1", True), ("012", "12", "1", True), ("12", "", "12", False)])
def test_document_numbers_are_unique_per_issuer_type_and_term(city, cycle_2023, ward, report, classification,
                                                               minutes, hit):
    _unit_form(city, cycle_2023, "01", number=report, document_date="2023-11-28")
    _unit_form(city, cycle_2023, "BCXL", number=classification, document_date="2023-12-02")
    _unit_form(city, cycle_2023, "BBKD", number=minutes, meeting_date="2023-11-30")
    found = rules_hit(city, cycle_2023, "document_numbers")
    assert bool(found) is hit
    if hit:
        assert "12-BC" in found[0].message and found[0].severity == "error"
        assert "trong nhiệm kỳ 2020–2025" in found[0].message


@pytest.mark.parametrize(("report_date", "classification_date", "hit"), [
    ("2023-12-28", "2024-01-04", True),    # one term runs across the new year: still one run of numbers
    ("2025-06-20", "2025-07-10", False),   # a new term starts again at 01
])
def test_document_numbers_run_per_committee_term_not_per_year(city, cycle_2023, ward, report_date,
                                                               classification_date, hit):
    _unit_form(city, cycle_2023, "01", number="12", document_date=report_date)
    _unit_form(city, cycle_2023, "BCXL", number="12", document_date=classification_date)
    assert bool(rules_hit(city, cycle_2023, "document_numbers")) is hit


def test_the_same_number_in_two_units_is_no_finding(city, cycle_2023, ward):
    add_unit(city, code="DB02", name="Đảng bộ phường B", type="dang_bo_co_so", parent_code="TU", valid_from=START)
    ensure_dossiers(city, cycle_2023)
    _unit_form(city, cycle_2023, "01", number="12")
    set_form_answers(city, cycle_2023, "01", {"number": "12"}, unit_code="DB02", actor="t")
    assert rules_hit(city, cycle_2023, "document_numbers") == []


@pytest.mark.parametrize(("written", "hit"), [("2023-11-30", False), ("2023-12-01", True)])
def test_a_self_review_is_not_dated_after_the_meeting_that_reviewed_it(city, cycle_2023, ward, written, hit):
    _unit_form(city, cycle_2023, "BBKD", meeting_date="2023-11-30")
    _02b(city, cycle_2023, ward[SECRETARY], document_date=written)
    found = rules_hit(city, cycle_2023, "self_review_before_meeting")
    assert bool(found) is hit
    if hit:
        assert "01/12/2023" in found[0].message and "30/11/2023" in found[0].message


@pytest.mark.parametrize(("written", "hit"), [("2023-11-29", True), ("2023-11-30", False)])
def test_a_pledge_is_not_dated_before_the_review_meeting(city, cycle_2023, ward, written, hit):
    _unit_form(city, cycle_2023, "BBKD", meeting_date="2023-11-30")
    set_form_answers(city, cycle_2023, "NG2024", {"document_date": written}, official_id=ward[DEPUTY], actor="t")
    assert bool(rules_hit(city, cycle_2023, "pledge_after_meeting")) is hit


@pytest.mark.parametrize(("cell", "hit"), [("Chi bộ Khu dân cư số 1", False), ("chi bộ khu dân cư  số 1", False),
                                           ("Chi bộ Phường A", True), ("", False)])
def test_a_cadres_cell_is_a_cell_of_the_tree(city, cycle_2023, cell, hit):
    add_unit(city, code="DB01-CB01", name="Chi bộ Khu dân cư số 1", type="chi_bo_truc_thuoc", parent_code="DB01",
             valid_from=START)
    add_official(city, full_name="Lê Văn Nam", unit_code="DB01", tier="btv_thanh_uy", party_post="Bí thư Đảng ủy",
                 party_cell=cell)
    assert bool(rules_hit(city, cycle_2023, "cadre_cell_in_tree")) is hit


@pytest.mark.parametrize(("party", "government", "hit"), [
    ("Bí thư Chi bộ", "Viện trưởng", False), ("Bí thư Chi bộ, Viện trưởng", "", True),
    ("Đảng viên", "Phó Bí thư Đảng ủy", True), ("Phó Bí thư Đảng ủy", "Chủ tịch UBND", False)])
def test_party_and_government_posts_are_not_mixed_up(city, cycle_2023, party, government, hit):
    add_official(city, full_name="Lê Văn Nam", unit_code="DB01", tier="btv_thanh_uy", party_post=party,
                 government_post=government)
    assert bool(rules_hit(city, cycle_2023, "cadre_posts_in_place")) is hit


@pytest.mark.parametrize(("government", "tier", "hit"), [
    ("Chuyên viên", "btv_thanh_uy", True), ("Chuyên viên", "btv_tinh_uy", False),
    ("Phó Trưởng phòng", "btv_thanh_uy", False)])
def test_staff_are_not_listed_as_cadres_the_city_manages(city, cycle_2023, government, tier, hit):
    add_official(city, full_name="Lê Văn Nam", unit_code="DB01", tier=tier, party_post="Đảng viên",
                 government_post=government)
    assert bool(rules_hit(city, cycle_2023, "staff_not_managed")) is hit


@pytest.mark.parametrize(("signer", "hit"), [(SECRETARY, True), ("Nguyễn Văn Hồng", False)])
def test_a_cadre_does_not_sign_the_final_rating_of_his_own_02b(city, cycle_2023, ward, signer, hit):
    _02b(city, cycle_2023, ward[SECRETARY], committee_secretary=signer)
    assert bool(rules_hit(city, cycle_2023, "own_final_rating")) is hit


@pytest.mark.parametrize(("changes", "done"), [
    ({}, True), ({"i2_level": None}, False), ({"iv_explanations": "……"}, False),
    ({"v_responsibility": ". . . . ."}, False), ({"v_responsibility": "Không có."}, True)])
def test_a_02b_is_done_only_with_every_box_ticked_and_no_item_left_as_dots(city, cycle_2023, ward, changes, done):
    from chilinh_desktop.core.dossiers import find_dossier, stored_items

    _02b(city, cycle_2023, ward[SECRETARY], **changes)
    dossier = find_dossier(city, cycle_2023, official_id=ward[SECRETARY])
    assert (stored_items(city, dossier.id)["self_review"].state.value == "complete") is done


@pytest.mark.parametrize(("changes", "hit"), [({}, False), ({"i2_level": None}, True),
                                              ({"iv_explanations": "……"}, True)])
def test_a_02b_counted_done_under_an_older_version_is_held_to_the_same_bar(city, cycle_2023, ward, changes, hit):
    """2023.2 did not require the boxes: a dossier made with it is caught by the rule instead."""
    from chilinh_desktop.core.dossiers import find_dossier, save_answers
    from chilinh_desktop.formspec import item_for_form

    answers = {k: v for k, v in {**SELF_REVIEW, **changes}.items() if v is not None}
    dossier = find_dossier(city, cycle_2023, official_id=ward[SECRETARY])
    save_answers(city, cycle_2023, dossier.id, item_for_form(cycle_2023, "02B").id, answers, form_id="02B",
                 form_version="2023.2", complete=True, actor="t")
    found = rules_hit(city, cycle_2023, "form_02b_filled")
    assert bool(found) is hit
    if hit:
        assert found[0].severity == "error" and "Mẫu 02B chưa điền đủ" in found[0].message


def test_a_draft_02b_leaves_its_gaps_to_the_progress_view(city, cycle_2023, ward):
    _02b(city, cycle_2023, ward[SECRETARY], i2_level=None, ii_causes=None)  # a required answer missing: a draft
    assert rules_hit(city, cycle_2023, "form_02b_filled") == []


def test_minutes_with_dotted_leader_remarks_are_not_done(city, cycle_2023, ward):
    from chilinh_desktop.core.dossiers import find_dossier, stored_items

    answers = {
        "meeting_date": "2023-11-30", "start_time": "8 giờ 00 phút", "venue": "Hội trường", "members_total": 9,
        "members_present": 9, "city_leader": "Trần Văn Bình", "chair": SECRETARY, "secretary": DEPUTY,
        "proceedings": "Nghe báo cáo.", "opinions": "Thống nhất.", "collective_rating": "HTTNV",
        "cadre_ratings": [{"full_name": SECRETARY, "post": "Bí thư Đảng ủy", "self_rating": "HTTNV",
                           "rating": "HTTNV"}],
        "end_time": "11 giờ 00 phút", "leader_remarks": "....................", "collective_votes": 9,
        "absent_reasons": "Không"}
    _unit_form(city, cycle_2023, "BBKD", **answers)
    dossier = find_dossier(city, cycle_2023, unit_code="DB01")
    assert stored_items(city, dossier.id)["meeting_minutes"].state.value == "draft"
    _unit_form(city, cycle_2023, "BBKD", **{**answers, "leader_remarks": "Đề nghị khắc phục."})
    assert stored_items(city, dossier.id)["meeting_minutes"].state.value == "complete"


@pytest.mark.parametrize(("post", "hit"), [("Phó Bí thư Đảng ủy, Chủ tịch UBND", False),
                                           ("Phó Bí thư Đảng ủy", True), ("phó bí thư đảng ủy,  chủ tịch ubnd", False)])
def test_the_minutes_show_the_full_post(city, cycle_2023, ward, post, hit):
    rows = [{"full_name": DEPUTY, "post": post, "self_rating": "HTTNV", "rating": "HTTNV"}]
    _unit_form(city, cycle_2023, "BBKD", cadre_ratings=rows)
    found = rules_hit(city, cycle_2023, "minutes_full_post")
    assert bool(found) is hit
    if hit:
        assert "Chủ tịch UBND" in found[0].message and found[0].severity == "warning"
