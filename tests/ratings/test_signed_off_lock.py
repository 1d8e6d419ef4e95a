"""A sign-off vouches for the unit's ratings: they are locked with the dossier, the decision is not."""

import datetime as dt

import pytest

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import get_dossier, reopen, snapshot_hash
from chilinh_desktop.core.errors import StateError
from chilinh_desktop.core.ratings import add_discipline, record_rating, set_classification_counts, set_targets

DAY = dt.date(2023, 12, 5)


def signed_off(store, kind):
    row = store.db.execute(
        "SELECT id, subject_key FROM dossiers WHERE state = 'signed_off' AND subject_key LIKE ? LIMIT 1", [f"{kind}:%"]
    ).fetchone()
    assert row, "the demo has signed-off dossiers"
    return row


def test_signed_off_cadre_refuses_rating_changes_but_takes_the_decision(demo_store):
    cycle = get_cycle(demo_store)
    dossier_id, key = signed_off(demo_store, "official")
    before = snapshot_hash(demo_store, dossier_id)
    with pytest.raises(StateError):
        record_rating(demo_store, cycle, key, "proposal", "HTNV", by="Ban Thường vụ", at=DAY)
    with pytest.raises(StateError):
        add_discipline(demo_store, key, date=dt.date(2023, 9, 1), form="Khiển trách")
    with pytest.raises(StateError):
        set_targets(demo_store, cycle, key, met_pct=80)
    record_rating(demo_store, cycle, key, "decision", "HTTNV", by="Ban Thường vụ Thành ủy", at=DAY)
    # A discipline of another year is not part of this cycle's dossier.
    add_discipline(demo_store, key, date=dt.date(2021, 3, 1), form="Khiển trách")
    assert snapshot_hash(demo_store, dossier_id) == before == get_dossier(demo_store, dossier_id).snapshot_sha256


def test_signed_off_unit_locks_its_classification_report(demo_store):
    cycle = get_cycle(demo_store)
    _dossier_id, key = signed_off(demo_store, "unit")
    code = demo_store.db.execute("SELECT code FROM units WHERE id = ?", [key.split(":", 1)[1]]).fetchone()[0]
    with pytest.raises(StateError):
        set_classification_counts(demo_store, cycle, code, "members", {"HTXSNV": 1, "HTTNV": 9})
    with pytest.raises(StateError):
        record_rating(demo_store, cycle, key.replace("unit:", "collective:"), "self", "HTTNV", by="Tập thể", at=DAY)


def test_reopened_dossier_takes_changes_and_its_snapshot_moves(demo_store):
    cycle = get_cycle(demo_store)
    dossier_id, key = signed_off(demo_store, "official")
    signed = get_dossier(demo_store, dossier_id).snapshot_sha256
    reopen(demo_store, cycle, dossier_id, by="Chánh Văn phòng", reason="Sửa đề xuất")
    record_rating(demo_store, cycle, key, "proposal", "HTNV", by="Ban Thường vụ", at=DAY)
    assert snapshot_hash(demo_store, dossier_id) != signed
