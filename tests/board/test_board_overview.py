"""The city-wide picture: which units' packages arrived, when, on time, complete or what is missing."""

from __future__ import annotations

import datetime as dt

from board_helpers import run_json

from chilinh_desktop.core.board import LATE, ON_TIME, OVERDUE, board_overview
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.store import Store


def test_overview_after_one_import(demo_path, package, capsys):
    run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")
    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 12))) as store:
        cycle = get_cycle(store)
        arrivals = {a.code: a for a in board_overview(store, cycle, dt.date(2023, 12, 12))}
    db15 = arrivals.pop("DB15")
    assert db15.arrived and db15.complete and set(db15.timeliness.values()) == {ON_TIME}
    assert db15.officials_received == db15.officials_expected > 0
    assert len(arrivals) == 59 and not any(a.arrived for a in arrivals.values())
    # On 12/12 the 10/12 deadline has passed for everyone still missing.
    assert {a.timeliness["review"] for a in arrivals.values()} == {OVERDUE}
    assert {a.timeliness["dossier"] for a in arrivals.values()} == {"pending"}
    assert LATE not in db15.timeliness.values()
