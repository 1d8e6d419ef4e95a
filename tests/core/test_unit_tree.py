"""The dated unit tree: add, move, close, reopen, and the tree of any past day."""

import datetime as dt

import pytest

from chilinh_desktop.core.errors import StateError, ValidationError
from chilinh_desktop.core.units import add_unit, close_unit, move_unit, reopen_unit, unit_tree

D = dt.date


@pytest.fixture
def city(store):
    add_unit(store, code="TU", name="Thành ủy", type="thanh_uy", parent_code=None, valid_from=D(2020, 1, 1))
    add_unit(store, code="A", name="Đảng bộ A", type="dang_bo_co_so", parent_code="TU", valid_from=D(2020, 1, 1))
    add_unit(store, code="B", name="Đảng bộ B", type="dang_bo_co_so", parent_code="TU", valid_from=D(2020, 1, 1))
    add_unit(store, code="A1", name="Chi bộ A1", type="chi_bo_truc_thuoc", parent_code="A", valid_from=D(2020, 1, 1))
    return store


def parents(store, day):
    return {code: node.parent_code for code, node in unit_tree(store, day).by_code.items()}


def test_move_changes_parent_from_that_day_and_keeps_history(city):
    move_unit(city, "A1", "B", D(2023, 7, 1))
    assert parents(city, D(2023, 6, 30))["A1"] == "A"
    assert parents(city, D(2023, 7, 1))["A1"] == "B"


def test_close_removes_unit_and_its_subtree_from_that_day(city):
    close_unit(city, "A", D(2025, 7, 1))
    assert {"A", "A1"} <= set(parents(city, D(2025, 6, 30)))
    assert not {"A", "A1"} & set(parents(city, D(2025, 7, 1)))


def test_reopen_brings_a_closed_unit_back_under_a_parent(city):
    close_unit(city, "B", D(2024, 1, 1))
    reopen_unit(city, "B", D(2024, 6, 1), "A")
    assert "B" not in parents(city, D(2024, 3, 1))
    assert parents(city, D(2024, 6, 1))["B"] == "A"


def test_move_under_own_descendant_is_refused(city):
    with pytest.raises(ValidationError):
        move_unit(city, "A", "A1", D(2023, 1, 1))
    assert parents(city, D(2023, 1, 1))["A"] == "TU"


def test_unit_does_not_exist_before_it_was_created(city):
    add_unit(city, code="C", name="Đảng bộ C", type="dang_bo_co_so", parent_code="TU", valid_from=D(2023, 5, 1))
    assert "C" not in parents(city, D(2023, 4, 30))
    assert "C" in parents(city, D(2023, 5, 1))


def test_placing_under_a_closed_parent_is_refused(city):
    close_unit(city, "B", D(2024, 1, 1))
    with pytest.raises(StateError):
        add_unit(city, code="X", name="Chi bộ X", type="chi_bo_truc_thuoc", parent_code="B", valid_from=D(2024, 2, 1))


def test_duplicate_code_and_unknown_type_are_refused(city):
    with pytest.raises(ValidationError):
        add_unit(city, code="a", name="Trùng mã", type="dang_bo_co_so", parent_code="TU", valid_from=D(2020, 1, 1))
    with pytest.raises(ValidationError):
        add_unit(city, code="Z", name="Loại lạ", type="khong_co", parent_code="TU", valid_from=D(2020, 1, 1))
