"""The first screen's digest lists each pressing unit once, with its most urgent level (ops.today)."""

from __future__ import annotations

import datetime as dt

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.ops.today import OVERDUE, SOON, today_digest


def test_a_unit_behind_on_two_pressing_deadlines_is_one_line(demo_store):
    # 14/12/2023: 10/12 has passed and 15/12 is the next working day, so both deadlines press.
    demo_store.clock = FixedClock(dt.date(2023, 12, 14))
    digest = today_digest(demo_store, get_cycle(demo_store))
    levels = {line.status.deadline.id: line.urgency for line in digest.deadlines}
    assert sorted(levels.values()) == [OVERDUE, SOON]
    codes = [unit.code for unit in digest.units]
    assert len(codes) == len(set(codes)) > 0
    both = [line for line in digest.deadlines]
    owing_both = {u.code for u in digest.units if u.urgency == OVERDUE}
    assert len(digest.late) == len(owing_both)
    # A unit's line adds what it owes for both deadlines and keeps the earlier date.
    first = digest.units[0]
    assert first.urgency == OVERDUE and first.due == min(line.status.deadline.date for line in both)
