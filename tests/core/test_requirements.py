"""Who needs which dossier item: the deputy-head rule, exemptions, optional items, tiers."""

import datetime as dt

import pytest

from chilinh_desktop.core.dossiers import dossier_statuses, ensure_dossiers, find_dossier, set_exempt
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.requirements import ItemState, Need
from chilinh_desktop.core.units import add_unit

D = dt.date


@pytest.fixture
def unit(store):
    add_unit(store, code="TU", name="Thành ủy", type="thanh_uy", parent_code=None, valid_from=D(2020, 1, 1))
    add_unit(store, code="PNV", name="Phòng Nội vụ", type="phong_ban", parent_code="TU", valid_from=D(2020, 1, 1))
    add_unit(store, code="DB01", name="Đảng bộ phường X", type="dang_bo_co_so", parent_code="TU",
             valid_from=D(2020, 1, 1))
    return store


def needs(store, cycle, **subject):
    ensure_dossiers(store, cycle)
    dossier = find_dossier(store, cycle, **subject)
    return {s.item.id: (s.need, s.reason) for s in dossier_statuses(store, cycle, dossier)}


def test_deputy_head_owes_pledge_and_breakthrough_but_specialist_does_not(unit, cycle_2023):
    head = add_official(unit, full_name="Trần Văn A", unit_code="PNV", tier="btv_thanh_uy",
                        deputy_head_or_above=True)
    staff = add_official(unit, full_name="Lê Thị B", unit_code="PNV", tier="btv_thanh_uy",
                         deputy_head_or_above=False)
    assert needs(unit, cycle_2023, official_id=head.id)["exemplary_pledge"][0] is Need.REQUIRED
    assert needs(unit, cycle_2023, official_id=head.id)["breakthrough_tasks"][0] is Need.REQUIRED
    assert needs(unit, cycle_2023, official_id=staff.id)["exemplary_pledge"][0] is Need.NOT_APPLICABLE
    assert needs(unit, cycle_2023, official_id=staff.id)["self_review"][0] is Need.REQUIRED


def test_residence_exemption_carries_its_reason(unit, cycle_2023):
    person = add_official(unit, full_name="Phạm Văn C", unit_code="PNV", tier="btv_thanh_uy",
                          residence_exempt_reason="Đang học tập trung 12 tháng")
    need, reason = needs(unit, cycle_2023, official_id=person.id)["residence_comment"]
    assert (need, reason) == (Need.EXEMPT, "Đang học tập trung 12 tháng")


def test_asset_declaration_only_when_the_duty_applies(unit, cycle_2023):
    person = add_official(unit, full_name="Vũ Văn D", unit_code="PNV", tier="btv_thanh_uy",
                          asset_declaration_required=False)
    assert needs(unit, cycle_2023, official_id=person.id)["asset_declaration"][0] is Need.NOT_APPLICABLE


def test_suggestion_letter_is_optional_and_classification_only_for_party_orgs(unit, cycle_2023):
    department = needs(unit, cycle_2023, unit_code="PNV")
    party = needs(unit, cycle_2023, unit_code="DB01")
    assert department["suggestion_letter"][0] is Need.OPTIONAL
    assert department["classification_report"][0] is Need.NOT_APPLICABLE
    assert party["classification_report"][0] is Need.REQUIRED
    assert party["collective_report"][0] is Need.REQUIRED


def test_province_managed_cadre_has_no_city_dossier(unit, cycle_2023):
    add_official(unit, full_name="Hoàng Văn E", unit_code="PNV", tier="btv_tinh_uy")
    ensure_dossiers(unit, cycle_2023)
    keys = [r[0] for r in unit.db.execute("SELECT subject_key FROM dossiers WHERE official_id IS NOT NULL")]
    assert keys == []


def test_manual_exemption_needs_a_reason_and_is_then_not_missing(unit, cycle_2023):
    person = add_official(unit, full_name="Đỗ Thị G", unit_code="PNV", tier="btv_thanh_uy")
    ensure_dossiers(unit, cycle_2023)
    dossier = find_dossier(unit, cycle_2023, official_id=person.id)
    set_exempt(unit, cycle_2023, dossier.id, "record_supplement", "Mới được bổ nhiệm tháng 11", actor="test")
    status = {s.item.id: s for s in dossier_statuses(unit, cycle_2023, dossier)}["record_supplement"]
    assert status.need is Need.EXEMPT and status.state is ItemState.EXEMPT
    assert status.reason == "Mới được bổ nhiệm tháng 11"
