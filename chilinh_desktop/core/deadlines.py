"""Deadlines (hạn nộp) against an injected "today": what is missing, days left, overdue.

Everything here is a pure function of the database and `today`; the whole city or
province is read in a handful of queries so it stays fast at 2,000 units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from chilinh_desktop.core.collector import collection_paused
from chilinh_desktop.core.cycles import Cycle, Deadline
from chilinh_desktop.core.requirements import DONE_STATES, ItemState, Need, Needs, needs_of
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import unit_tree


def days_left(today: dt.date, deadline: dt.date) -> int:
    """Calendar days from today to the deadline day (0 on the day, negative when overdue)."""
    return (deadline - today).days


def working_days_left(today: dt.date, deadline: dt.date, holidays: frozenset[dt.date] = frozenset()) -> int:
    """Working days (Monday–Friday, not holidays) after today up to and including the deadline day.

    Negative when overdue: minus the working days since the deadline.
    """
    if deadline < today:
        return -working_days_left(deadline, today, holidays)
    count = 0
    day = today + dt.timedelta(days=1)
    while day <= deadline:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += dt.timedelta(days=1)
    return count


@dataclass(frozen=True)
class DeadlineStatus:
    """One deadline as seen from today."""

    deadline: Deadline
    days_left: int
    working_days_left: int

    @property
    def overdue(self) -> bool:
        """The deadline day has passed."""
        return self.days_left < 0


class MissingItem(NamedTuple):
    """A required item not done yet, and whose it is (a named tuple: a province has tens of thousands)."""

    item_id: str
    item_name: str
    deadline_id: str
    subject_kind: str  # 'unit' or 'official'
    subject_id: str
    subject_name: str


@dataclass
class UnitStatus:
    """Progress of one unit: its collective dossier and its cadres' dossiers."""

    code: str
    name: str
    type: str
    parent_code: str | None
    officials: int = 0
    items_required: int = 0
    items_done: int = 0
    exempt: int = 0
    missing: list[MissingItem] = field(default_factory=list)

    def missing_for(self, deadline_id: str) -> list[MissingItem]:
        """The missing items due at one deadline."""
        return [m for m in self.missing if m.deadline_id == deadline_id]

    @property
    def done(self) -> bool:
        """Everything required is there."""
        return self.items_done == self.items_required


@dataclass
class CycleStatus:
    """The whole tree against the cycle's deadlines on one day."""

    today: dt.date
    cycle: Cycle
    deadlines: list[DeadlineStatus]
    units: list[UnitStatus]

    def overdue_units(self) -> dict[str, list[str]]:
        """Per deadline id that has passed, the codes of units still missing items for it."""
        return {
            d.deadline.id: [u.code for u in self.units if u.missing_for(d.deadline.id)]
            for d in self.deadlines
            if d.overdue
        }


def compute_status(store: Store, cycle: Cycle, today: dt.date, unit_code: str | None = None, *,
                   local_rows: bool = True) -> CycleStatus:
    """Per unit (or the units of one subtree), what is required, done and missing for each deadline.

    Without `local_rows` nothing stored here counts as done: the Board's view before any package
    arrived (its own copies of the units' dossiers are not what the units sent).
    """
    with collection_paused():
        return _compute_status(store, cycle, today, unit_code, local_rows)


def _compute_status(store: Store, cycle: Cycle, today: dt.date, unit_code: str | None, local_rows: bool
                    ) -> CycleStatus:
    tree = unit_tree(store, cycle.tree_date)
    codes = tree.subtree_codes(unit_code) if unit_code is not None else [n.unit.code for n in tree.walk()]
    stored: dict[str, dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for subject_key, kind, state, reason in store.db.execute(
        "SELECT d.subject_key, i.kind, i.state, i.exempt_reason FROM dossier_items i "
        "JOIN dossiers d ON d.id = i.dossier_id WHERE d.cycle_id = ?",
        [cycle.id],
    ) if local_rows else ():
        stored[subject_key][kind] = (state, reason)
    by_unit_officials = defaultdict(list)
    placeholders = ",".join("?" * len(cycle.managed_tiers))
    for row in store.db.execute(
        "SELECT o.id, o.full_name, u.code, o.tier, o.deputy_head_or_above, o.asset_declaration_required, "
        "o.residence_exempt_reason FROM officials o JOIN units u ON u.id = o.unit_id "
        f"WHERE o.active = 1 AND o.tier IN ({placeholders}) ORDER BY o.sort_key, o.full_name",
        list(cycle.managed_tiers),
    ):
        by_unit_officials[row[2]].append(row)

    # What a subject owes depends on its record's attributes only: computed once per distinct shape, with the
    # figures of a subject that has nothing stored (every subject at the Board, most of a new cycle's).
    shapes: dict[tuple, _Shape] = {}

    def shape(scope: str, attributes: dict) -> _Shape:
        key = (scope, *attributes.values())
        found = shapes.get(key)
        if found is None:
            found = shapes[key] = _Shape(needs_of(cycle, scope, attributes))
        return found

    units = []
    nothing: dict[str, tuple[str, str | None]] = {}
    for code in codes:
        node = tree.by_code[code]
        status = UnitStatus(code, node.unit.name, node.unit.type, node.parent_code)
        owed = shape("unit", {"type": node.unit.type, "grassroots": node.unit.grassroots})
        if owed.applies:
            owed.tally(status, stored.get(f"unit:{node.unit.id}", nothing), "unit", node.unit.id, node.unit.name)
        for official_id, name, _code, tier, deputy, assets, exempt_reason in by_unit_officials.get(code, ()):
            status.officials += 1
            owed = shape("official", {"tier": tier, "deputy_head_or_above": bool(deputy),
                                      "asset_declaration_required": bool(assets),
                                      "residence_exempt_reason": exempt_reason})
            owed.tally(status, stored.get(f"official:{official_id}", nothing), "official", official_id, name)
        units.append(status)
    deadlines = [
        DeadlineStatus(d, days_left(today, d.date), working_days_left(today, d.date, cycle.holidays))
        for d in cycle.deadlines
    ]
    return CycleStatus(today, cycle, deadlines, units)


class _Shape:
    """What a subject of one record shape owes (`needs_of`), tallied into its unit's figures.

    The same counts as `statuses_from` + `ItemStatus` (an exempt stored state waives a required or optional
    item; a required item is done in a DONE state), without an object per item: a province has ~100,000.
    """

    __slots__ = ("applies", "exempt", "needs", "required")

    def __init__(self, needs: Needs) -> None:
        self.needs = needs
        self.applies = any(need is not Need.NOT_APPLICABLE for _item, need, _reason in needs)
        self.exempt = sum(1 for _item, need, _reason in needs if need is Need.EXEMPT)
        self.required = [(item.id, item.short_name, item.deadline) for item, need, _reason in needs
                         if need is Need.REQUIRED]

    def tally(self, status: UnitStatus, stored: dict[str, tuple[str, str | None]], kind: str, subject_id: str,
              subject_name: str) -> None:
        """Add one subject's required, done, exempt and missing items to its unit's status."""
        missing = status.missing
        if not stored:
            status.exempt += self.exempt
            status.items_required += len(self.required)
            missing += [_new(MissingItem, (*item, kind, subject_id, subject_name)) for item in self.required]
            return
        for item, need, _reason in self.needs:
            found = stored.get(item.id)
            state = _MISSING if found is None else found[0]
            if state not in _STATE_VALUES:
                ItemState(state)  # refused as statuses_from refuses it
            if need is Need.EXEMPT or (state == _EXEMPT and need in _WAIVABLE):
                status.exempt += 1
            elif need is Need.REQUIRED:
                status.items_required += 1
                if state in _DONE:
                    status.items_done += 1
                else:
                    missing.append(MissingItem(item.id, item.short_name, item.deadline, kind, subject_id,
                                               subject_name))


_STATE_VALUES = frozenset(state.value for state in ItemState)
_DONE = frozenset(state.value for state in DONE_STATES)
_MISSING, _EXEMPT = ItemState.MISSING.value, ItemState.EXEMPT.value
_WAIVABLE = (Need.REQUIRED, Need.OPTIONAL)
_new = tuple.__new__  # a MissingItem from its six fields without the generated __new__'s call
