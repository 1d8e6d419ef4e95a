"""A small city for form tests: one unit, one managed cadre, their dossiers in the 2023 cycle."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit


@pytest.fixture
def cadre(store, cycle_2023):
    """A deputy head of a city department, managed by the city Standing Committee."""
    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 10, 1))
    add_unit(store, code="PNV", name="Phòng Nội vụ", type="phong_ban", parent_code="TU",
             valid_from=dt.date(2020, 10, 1))
    official = add_official(store, full_name="Đỗ Thị Hà", unit_code="PNV", tier="btv_thanh_uy",
                            birth_date=dt.date(1979, 2, 5), party_post="Bí thư Chi bộ",
                            government_post="Trưởng phòng Nội vụ", workplace="Phòng Nội vụ",
                            party_cell="Chi bộ Phòng Nội vụ")
    ensure_dossiers(store, cycle_2023)
    return official
