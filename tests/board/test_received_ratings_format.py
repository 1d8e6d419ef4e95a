"""Reading the ratings a package carries never trusts them: older packages carry none, malformed ones raise."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.rating_records import read_package_ratings
from chilinh_desktop.core.ratings import RatingData

STEP = {"level": "HTTNV", "score": None, "criteria": {}, "by": "Đảng ủy", "at": "2023-11-28",
        "justification": None, "peer_group": None}


def _unit_doc(ratings) -> dict:
    return {"format": "chilinh-unit", "version": 1, "unit": {"code": "DB01"}, "ratings": ratings}


def test_a_package_made_before_ratings_travelled_carries_none():
    data = RatingData()
    assert read_package_ratings(data, "u1", "DB01", {"format": "chilinh-unit"}, [{"official": {"id": "o1"}}]) == []
    assert data.ratings == {} and data.counts == {}


def test_keys_come_from_the_boards_unit_not_the_document():
    data = RatingData()
    section = {"organisation": {"steps": {"self": STEP}}, "collective": {}, "classification_counts": {}}
    read_package_ratings(data, "board-uuid", "DB01", _unit_doc(section), [])
    assert data.effective("unit:board-uuid").level == "HTTNV"


@pytest.mark.parametrize("section", [
    {"organisation": {"steps": {"tu_xep": STEP}}},
    {"organisation": {"steps": {"self": {**STEP, "level": 3}}}},
    {"organisation": {"steps": {"self": {**STEP, "at": "28/11/2023"}}}},
    {"organisation": {"disciplines": "khiển trách"}},
    {"classification_counts": {"members": {"HTTNV": -1}}},
    {"classification_counts": {"staff": {"HTTNV": 1}}},
    {"commendations": [{"name": "A", "kind": "dang_vien"}]},
    "xếp loại",
])
def test_malformed_ratings_raise(section):
    with pytest.raises((ValueError, TypeError, KeyError)):
        read_package_ratings(RatingData(), "u1", "DB01", _unit_doc(section), [])
