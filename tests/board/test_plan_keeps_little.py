"""The checked plan keeps of each package only what the commit needs, and the commit writes the documents checked."""

from __future__ import annotations

import sqlite3

from forge import documents

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.importing import IMPORTED, commit_import, plan_import


def test_the_plan_keeps_compact_documents_and_the_commit_stores_the_checked_ones(demo_path, package):
    board = demo_path  # the demo Board before it received anything
    unit_json, officials = documents(package)
    with Store.open(board, clock=FixedClock(DEMO_TODAY)) as store:
        plan = plan_import(store, [package])
        [outcome] = plan.outcomes
        assert outcome.status == IMPORTED, outcome.reasons
        assert not hasattr(outcome, "unit_doc")  # no document objects held from check to commit
        kept = outcome._documents
        assert kept is not None and len(kept) < package.stat().st_size / 10
        unit_doc, kept_officials = outcome.documents()
        assert unit_doc.unit.code == unit_json["unit"]["code"]
        assert sorted(doc.official.id for doc in kept_officials) == sorted(d["official"]["id"]
                                                                           for d in officials.values())
        commit_import(store, plan, {outcome.fingerprint})
    with sqlite3.connect(board) as conn:
        stored_unit, stored_officials = conn.execute("SELECT unit_doc, officials_doc FROM received_documents"
                                                     ).fetchone()
    assert unit_json["unit"]["code"] in stored_unit
    assert all(d["official"]["id"] in stored_officials for d in officials.values())


def test_a_file_too_big_to_read_whole_is_checked_from_the_disk(demo_path, package, monkeypatch):
    from chilinh_desktop.package import inbound

    monkeypatch.setattr(inbound, "IN_MEMORY", 4096)  # every real package is then "big"
    data, digest, size = inbound.read_file(package)
    assert data is None and size == package.stat().st_size
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        plan = plan_import(store, [package])
        [outcome] = plan.outcomes
        assert outcome.status == IMPORTED and outcome.sha256 == digest, outcome.reasons
        [done] = commit_import(store, plan, {outcome.fingerprint})
    assert done.status == IMPORTED, done.reasons
