"""Ratings fixtures: a small tree (a city, one grassroots unit) with cadres, on the 2023 cycle."""

from __future__ import annotations

import datetime as dt

import pytest
from ratings_helpers import DAY, GOOD

from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.ratings import record_rating, subject_key
from chilinh_desktop.core.units import add_unit


@pytest.fixture
def city(store):
    """A city committee with one đảng bộ cơ sở (DB01) and a helper to add rated cadres."""
    add_unit(store, code="TU", name="Thành ủy", type="thanh_uy", parent_code=None, valid_from=dt.date(2020, 1, 1))
    add_unit(store, code="DB01", name="Đảng bộ phường A", type="dang_bo_co_so", parent_code="TU",
             valid_from=dt.date(2020, 1, 1))
    return store


@pytest.fixture
def cadre(city, cycle_2023):
    """Add a cadre of DB01 rated at `level` (proposal step); return their subject key."""
    count = iter(range(1, 1000))

    def make(level: str = "HTTNV", criteria: dict | None = None, step: str = "proposal", **extra) -> str:
        official = add_official(city, full_name=f"Cán bộ {next(count)}", unit_code="DB01", tier="btv_thanh_uy")
        key = subject_key(city, official_id=official.id)
        record_rating(city, cycle_2023, key, step, level, by="Đảng ủy", at=DAY,
                      criteria=GOOD if criteria is None else criteria, **extra)
        return key

    return make

