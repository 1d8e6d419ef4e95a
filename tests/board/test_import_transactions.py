"""A big batch is written in several transactions (ops.importing.TRANSACTION_BYTES): the same outcome as one, and a
data file another program takes between two leaves the packages not written refused as busy, nothing half-written."""

from __future__ import annotations

import sqlite3

import pytest
from forge import forge, unit_key

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.errors import StoreBusy
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops import importing
from chilinh_desktop.ops.importing import commit_import, plan_import

IDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 4)]


@pytest.fixture
def three(exchange, tmp_path):
    """Three packages of DB15, each exported an hour after the one before."""
    key = unit_key(exchange["unit_db"])
    return [forge(exchange["package"], tmp_path / f"p{n}.zip", key,
                  info={"Package-Id": pid, "Exported-At": f"2023-12-05T0{n + 1}:00:00+00:00"})
            for n, pid in enumerate(IDS)]


def _rows(db) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT p.package_id, p.status FROM received_packages p JOIN received_documents d "
                            "USING (package_id) JOIN received_package_bytes b USING (package_id) "
                            "ORDER BY p.package_id").fetchall()


def test_one_transaction_per_package_gives_what_one_for_all_gives(demo_path, three, monkeypatch):
    monkeypatch.setattr(importing, "TRANSACTION_BYTES", 1)
    commits = []
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        begin = store._begin
        monkeypatch.setattr(store, "_begin", lambda: (commits.append(1), begin())[1])
        plan = plan_import(store, reversed(three))
        outcomes = commit_import(store, plan, {o.fingerprint for o in plan.new_keys})
    assert len(commits) == 3
    assert sorted(o.status for o in outcomes) == ["imported", "superseded", "superseded"]
    assert _rows(demo_path) == [(IDS[0], "superseded"), (IDS[1], "superseded"), (IDS[2], "current")]


def test_a_file_taken_between_two_transactions_refuses_the_rest_as_busy(demo_path, three, monkeypatch):
    monkeypatch.setattr(importing, "TRANSACTION_BYTES", 1)
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        begin, begun = store._begin, []

        def busy_after_the_first() -> None:
            begun.append(1)
            if len(begun) > 1:
                raise StoreBusy("busy")
            begin()

        monkeypatch.setattr(store, "_begin", busy_after_the_first)
        plan = plan_import(store, three)
        outcomes = {o.package_id: o for o in commit_import(store, plan, {o.fingerprint for o in plan.new_keys})}
    assert outcomes[IDS[0]].status == "imported"
    assert [(outcomes[i].status, outcomes[i].code, outcomes[i].reasons) for i in IDS[1:]] == [
        ("refused", "store.busy", ["busy"])] * 2
    assert _rows(demo_path) == [(IDS[0], "current")]


def test_busy_before_anything_is_written_is_the_callers_to_report(demo_path, three, monkeypatch):
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        plan = plan_import(store, three)

        def busy() -> None:
            raise StoreBusy("busy")

        monkeypatch.setattr(store, "_begin", busy)
        with pytest.raises(StoreBusy):
            commit_import(store, plan, {o.fingerprint for o in plan.new_keys})
    assert _rows(demo_path) == []
