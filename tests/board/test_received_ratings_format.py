"""Reading the ratings a package carries never trusts them: older packages carry none, malformed ones are refused."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.package_documents import DocumentError, UnitDocument, UnitRatings
from chilinh_desktop.core.ratings import RatingData
from chilinh_desktop.core.received_ratings import add_package_ratings

STEP = {"level": "HTTNV", "score": None, "criteria": {}, "by": "Đảng ủy", "at": "2023-11-28",
        "justification": None, "peer_group": None}
UNIT = {"id": "doc-uuid", "code": "DB01", "name": "Đảng bộ 1", "type": "dang_bo_co_so", "grassroots": True}


def _unit_doc(ratings, version=2) -> UnitDocument:
    doc = {"format": "chilinh-unit", "version": version, "cycle_id": "2023", "unit": UNIT, "dossier": None,
           "officials": [], "ratings": ratings}
    return UnitDocument.from_json(doc)


def test_a_package_made_before_ratings_travelled_carries_none():
    data = RatingData()
    doc = {"format": "chilinh-unit", "version": 1, "cycle_id": "2023", "unit": UNIT, "dossier": None,
           "officials": []}
    assert add_package_ratings(data, "u1", "DB01", UnitDocument.from_json(doc), []) == []
    assert data.ratings == {} and data.counts == {}


def test_keys_come_from_the_boards_unit_not_the_document():
    data = RatingData()
    section = {"organisation": {"steps": {"self": STEP}}, "collective": {}, "classification_counts": {}}
    add_package_ratings(data, "board-uuid", "DB01", _unit_doc(section), [])
    assert data.effective("unit:board-uuid").level == "HTTNV"
    assert data.effective("unit:doc-uuid") is None


def test_what_the_writer_writes_reads_back_the_same():
    targets = {"met_pct": 95.0, "exceeded_pct": 10.0, "main_met": False, "force_majeure": True, "behind_pct": 12.5,
               "shortcomings_fixed": None}
    discipline = {"date": "2023-03-01", "form": "Khiển trách", "self_remedied": False, "note": "",
                  "kind": "tham_nhung_tieu_cuc"}
    section = {"organisation": {"steps": {"self": STEP}, "disciplines": [discipline], "targets": targets,
                                "not_rated": None,
                                "conclusions": [{"kind": "suy_thoai", "date": "2023-10-02", "note": "Kết luận 12"}]},
               "collective": {"steps": {}, "disciplines": [], "targets": None, "not_rated": "mới thành lập",
                              "conclusions": []},
               "classification_counts": {"members": {"HTTNV": 3}},
               "commendations": [{"name": "A", "kind": "tap_the", "level": "x", "achievement": "", "subject": None}]}
    assert UnitRatings.from_json(section).to_json() == {**section, "organisation": {
        **section["organisation"], "steps": {"self": STEP}}}


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
def test_malformed_ratings_are_refused_with_a_code(section):
    with pytest.raises(DocumentError) as refused:
        _unit_doc(section)
    assert refused.value.code == "package.document_invalid" and refused.value.name == "unit.json"


def test_a_stored_proposal_about_another_units_cadre_never_borrows_that_rating():
    # Import refuses it now (package.foreign_record); a package stored before that rule is read without the link.
    data = RatingData()
    data.ratings["official:other-unit-cadre"] = {}
    proposals = [{"name": "A", "kind": "dang_vien", "level": "HTXSNV", "achievement": "", "subject": subject}
                 for subject in ("official:other-unit-cadre", "unit:board-uuid", "collective:board-uuid", None)]
    section = {"organisation": {"steps": {"self": STEP}}, "collective": {}, "classification_counts": {},
               "commendations": proposals}
    read = add_package_ratings(data, "board-uuid", "DB01", _unit_doc(section), [])
    assert [p["subject"] for p in read] == [None, "unit:board-uuid", "collective:board-uuid", None]
