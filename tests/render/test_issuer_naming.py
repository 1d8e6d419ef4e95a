"""How a unit is named on its papers, from forms/headers.toml: places of wards, symbols of agencies, Bans of
the committee, and a unit installation that holds only its own subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.core.units import Unit, UnitNode, UnitTree
from chilinh_desktop.formspec.headers import initials, locality_name, member_issuer, naming, unit_issuer


def _unit(code: str, name: str, type_: str) -> Unit:
    return Unit(id=code, code=code, name=name, type=type_, grassroots=type_ in ("dang_bo_co_so", "chi_bo_co_so"))


def _tree(*units: tuple[Unit, str | None]) -> UnitTree:
    nodes = {unit.code: UnitNode(unit, parent) for unit, parent in units}
    for node in nodes.values():
        if node.parent_code:
            nodes[node.parent_code].children.append(node)
    return UnitTree(dt.date(2023, 12, 31), [n for n in nodes.values() if not n.parent_code], nodes)


@pytest.mark.parametrize(("name", "symbol"), [
    ("Phòng Nội vụ", "PNV"), ("Ban Tổ chức Thành ủy", "BTCTU"), ("Ủy ban Kiểm tra Thành ủy", "UBKTTU"),
    ("Phòng Tài chính – Kế hoạch", "PTCKH"), ("Văn phòng HĐND và UBND thành phố", "VPHĐNDUBNDTP"),
    ("Đội Quản lý trật tự đô thị", "ĐQLTTĐT"),
])
def test_the_symbol_of_an_agency_is_its_initials(name, symbol):
    assert initials(name) == symbol


@pytest.mark.parametrize(("name", "place"), [
    ("Đảng bộ phường Minh Khai", "Minh Khai"), ("Đảng bộ xã Hồng Phong", "Hồng Phong"),
    ("Đảng bộ thị trấn Sao Đỏ", "Sao Đỏ"), ("Phòng Nội vụ", ""), ("Đảng bộ Cơ quan Chính quyền thành phố", ""),
])
def test_a_commune_or_ward_is_named_by_its_own_place(name, place):
    assert locality_name(_unit("X", name, "dang_bo_co_so")) == place


def test_a_ban_of_the_committee_is_found_also_above_a_units_own_subtree():
    rules = naming()
    committee = _unit("TU", "Thành ủy Minh Giang", "thanh_uy")
    ban = _unit("BTC", "Ban Tổ chức Thành ủy", "phong_ban")
    at_board = unit_issuer(_tree((committee, None), (ban, "TU")), ban, "", rules)
    at_unit = unit_issuer(_tree((ban, None)), ban, "Đảng bộ tỉnh Hải Dương", rules, top=committee)
    assert at_board == at_unit
    assert (at_board.superior, at_board.issuer, at_board.symbol, at_board.style) == (
        "Thành ủy Minh Giang", "Ban Tổ chức", "BTCTU", "party")


def test_a_department_cadres_cell_is_named_under_its_committee():
    rules = naming()
    city = _unit("TU", "Thành ủy Minh Giang", "thanh_uy")
    agencies = _unit("DBCQ", "Đảng bộ Cơ quan Chính quyền thành phố", "dang_bo_co_so")
    cell = _unit("DBCQ-PNV", "Chi bộ Phòng Nội vụ", "chi_bo_truc_thuoc")
    department = _unit("PNV", "Phòng Nội vụ", "phong_ban")
    tree = _tree((city, None), (agencies, "TU"), (cell, "DBCQ"), (department, "TU"))
    own = unit_issuer(tree, department, "", rules)
    assert (own.superior, own.issuer, own.signs_for, own.style) == (
        "Ủy ban nhân dân thành phố Minh Giang", "Phòng Nội vụ", "Tập thể lãnh đạo", "state")
    member = member_issuer(tree, department, "Chi bộ Phòng Nội vụ", "", rules)
    assert (member.superior, member.issuer) == ("Đảng bộ Cơ quan Chính quyền thành phố", "Chi bộ Phòng Nội vụ")
