"""Which package of a unit is current: the latest Exported-At, then the greater package id; never arrival order."""

from __future__ import annotations

import sqlite3

import pytest
from forge import forge, unit_key

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.importing import import_packages

LOW, HIGH = "00000000-0000-4000-8000-000000000001", "ffffffff-0000-4000-8000-000000000001"


def _current(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT package_id FROM received_packages WHERE status = 'current'").fetchone()[0]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
@pytest.mark.parametrize("labels, winner", [
    # Same moment: the package id decides.
    (({"Package-Id": LOW, "Exported-At": "2023-12-05T09:00:00+00:00"},
      {"Package-Id": HIGH, "Exported-At": "2023-12-05T09:00:00+00:00"}), HIGH),
    # A later moment wins whatever its id; written in another zone, compared as moments.
    (({"Package-Id": HIGH, "Exported-At": "2023-12-05T09:00:00+00:00"},
      {"Package-Id": LOW, "Exported-At": "2023-12-05T16:30:00+07:00"}), LOW),
])
def test_arrival_order_never_decides(demo_path, exchange, tmp_path, order, labels, winner):
    key = unit_key(exchange["unit_db"])
    files = [forge(exchange["package"], tmp_path / f"p{n}.zip", key, info=info) for n, info in enumerate(labels)]
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        for n in order:  # one batch at a time, in the order they "arrive"
            assert import_packages(store, [files[n]], trust_new=True)[0].status in ("imported", "superseded")
    assert _current(demo_path) == winner


def test_in_one_batch_too(demo_path, exchange, tmp_path):
    key = unit_key(exchange["unit_db"])
    files = [forge(exchange["package"], tmp_path / f"p{n}.zip", key,
                   info={"Package-Id": pid, "Exported-At": "2023-12-05T09:00:00+00:00"})
             for n, pid in enumerate((HIGH, LOW))]
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        import_packages(store, files, trust_new=True)
    assert _current(demo_path) == HIGH
