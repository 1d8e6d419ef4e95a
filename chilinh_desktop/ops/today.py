"""What is due today and what is late: the window's first screen, and the dashboard's urgency.

`digest` summarises a computation of the tree the window makes anyway (its badges), so the first
screen adds no query and never builds the full dashboard model; `today_digest` is the same as one read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the first screen imports this module: the deadline engine loads on the worker
    from chilinh_desktop.core.cycles import Cycle
    from chilinh_desktop.core.deadlines import CycleStatus, DeadlineStatus
    from chilinh_desktop.core.store import Store

OVERDUE, SOON, FINE = "overdue", "soon", "fine"
# A prioritisation of the screen, not an official rule: "soon" is the last three working days.
SOON_WORKING_DAYS = 3
URGENCY_RANK = {OVERDUE: 0, SOON: 1, FINE: 2}


def urgency(status: DeadlineStatus) -> str:
    """Overdue, due within three working days (Saturdays, Sundays and holidays skipped), or fine."""
    if status.overdue:
        return OVERDUE
    if status.working_days_left <= SOON_WORKING_DAYS:
        return SOON
    return FINE


def most_urgent(levels) -> str:
    """The most urgent of some levels (fine when there are none)."""
    return min(levels, key=URGENCY_RANK.__getitem__, default=FINE)


@dataclass(frozen=True)
class DeadlineLine:
    """One deadline today: how urgent, and how many units and items still owe something for it."""

    status: DeadlineStatus
    urgency: str
    units_missing: int
    items_missing: int


@dataclass(frozen=True)
class UnitLine:
    """A unit still owing items for deadlines that have passed or are close: its most urgent level,
    the items it owes for those deadlines, and the earliest of them."""

    code: str
    name: str
    urgency: str
    missing: int
    due: dt.date


@dataclass(frozen=True)
class TodayDigest:
    """Today's deadlines and which units are late or close to late, most urgent first."""

    today: dt.date
    deadlines: list[DeadlineLine]
    units: list[UnitLine]

    @property
    def late(self) -> list[UnitLine]:
        """The units with items past a deadline."""
        return [u for u in self.units if u.urgency == OVERDUE]


def digest(status: CycleStatus) -> TodayDigest:
    """Summarise a computation of the tree: deadlines in date order, then units by urgency and size."""
    lines, pressing = [], {}
    for deadline in sorted(status.deadlines, key=lambda d: d.deadline.date):
        level = urgency(deadline)
        owing = [(u, len(u.missing_for(deadline.deadline.id))) for u in status.units]
        owing = [(u, n) for u, n in owing if n]
        lines.append(DeadlineLine(deadline, level, len(owing), sum(n for _u, n in owing)))
        if level == FINE:
            continue
        for unit, count in owing:  # one line per unit, however many pressing deadlines it owes
            seen = pressing.get(unit.code)
            pressing[unit.code] = UnitLine(unit.code, unit.name, level, count, deadline.deadline.date) if seen is None \
                else UnitLine(unit.code, unit.name, most_urgent((seen.urgency, level)), seen.missing + count, seen.due)
    units = sorted(pressing.values(), key=lambda u: (URGENCY_RANK[u.urgency], u.due, -u.missing, u.name))
    return TodayDigest(status.today, lines, units)


def today_digest(store: Store, cycle: Cycle) -> TodayDigest:
    """Today's deadlines and what is late, counting received packages (read-only; off the GUI thread)."""
    from chilinh_desktop.ops.progress import tree_status

    return digest(tree_status(store, cycle))
