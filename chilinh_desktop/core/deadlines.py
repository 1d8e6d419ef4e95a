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
    stored = _stored_states(store, cycle.id) if local_rows else {}
    by_unit_officials = defaultdict(list)
    placeholders = ",".join("?" * len(cycle.managed_tiers))
    for row in store.db.execute(
        "SELECT o.id, o.full_name, o.unit_id, o.tier, o.deputy_head_or_above, o.asset_declaration_required, "
        f"o.residence_exempt_reason FROM officials o WHERE o.active = 1 AND o.tier IN ({placeholders}) "
        "ORDER BY o.sort_key, o.full_name",
        list(cycle.managed_tiers),
    ):
        by_unit_officials[row[2]].append(row)

    # What a subject owes depends on its record's attributes only: computed once per distinct shape, and its
    # figures once per distinct tuple of stored states (a province's 10,000 cadres have a few dozen).
    shapes: dict[tuple, _Shape] = {}

    def shape(key: tuple) -> _Shape:
        found = shapes.get(key)
        if found is None:
            scope, *values = key
            names = _UNIT_ATTRIBUTES if scope == "unit" else _OFFICIAL_ATTRIBUTES
            found = shapes[key] = _Shape(needs_of(cycle, scope, dict(zip(names, values, strict=True))))
        return found

    units = []
    nothing: dict[str, str] = {}
    for code in codes:
        node = tree.by_code[code]
        unit = node.unit
        status = UnitStatus(code, unit.name, unit.type, node.parent_code)
        owed = shape(("unit", unit.type, unit.grassroots))
        if owed.applies:
            owed.tally(status, stored.get(f"unit:{unit.id}", nothing), "unit", unit.id, unit.name)
        cadres = by_unit_officials.get(unit.id, ())
        status.officials = len(cadres)
        for official_id, name, _unit, tier, deputy, assets, exempt_reason in cadres:
            owed = shape(("official", tier, bool(deputy), bool(assets), exempt_reason))
            owed.tally(status, stored.get(f"official:{official_id}", nothing), "official", official_id, name)
        units.append(status)
    deadlines = [
        DeadlineStatus(d, days_left(today, d.date), working_days_left(today, d.date, cycle.holidays))
        for d in cycle.deadlines
    ]
    return CycleStatus(today, cycle, deadlines, units)


_UNIT_ATTRIBUTES = ("type", "grassroots")
_OFFICIAL_ATTRIBUTES = ("tier", "deputy_head_or_above", "asset_declaration_required", "residence_exempt_reason")


def _stored_states(store: Store, cycle_id: str) -> dict[str, dict[str, str]]:
    """Per subject key, each stored item's state, for the cycle's dossiers.

    Two plain scans joined here: looking each item's dossier up by its text key cost SQLite twice as much.
    """
    dossiers = {dossier_id: subject_key for dossier_id, subject_key, cycle in store.db.execute(
        "SELECT id, subject_key, cycle_id FROM dossiers") if cycle == cycle_id}
    stored: dict[str, dict[str, str]] = {}
    for dossier_id, kind, state in store.db.execute("SELECT dossier_id, kind, state FROM dossier_items"):
        subject_key = dossiers.get(dossier_id)
        if subject_key is not None:
            items = stored.get(subject_key)
            if items is None:
                items = stored[subject_key] = {}
            items[kind] = state
    return stored


class _Shape:
    """What a subject of one record shape owes (`needs_of`), tallied into its unit's figures.

    The same counts as `statuses_from` + `ItemStatus` (an exempt stored state waives a required or optional
    item; a required item is done in a DONE state), without an object per item: a province has ~100,000.
    The figures of one tuple of stored states are worked out once and kept.
    """

    __slots__ = ("applies", "exempt", "figures", "ids", "needs", "required")

    def __init__(self, needs: Needs) -> None:
        self.needs = needs
        self.applies = any(need is not Need.NOT_APPLICABLE for _item, need, _reason in needs)
        self.exempt = sum(1 for _item, need, _reason in needs if need is Need.EXEMPT)
        self.required = [(item.id, item.short_name, item.deadline) for item, need, _reason in needs
                         if need is Need.REQUIRED]
        self.ids = [item.id for item, _need, _reason in needs]
        self.figures: dict[tuple, tuple[int, int, int, list[tuple[str, str, str]]]] = {}

    def tally(self, status: UnitStatus, stored: dict[str, str], kind: str, subject_id: str,
              subject_name: str) -> None:
        """Add one subject's required, done, exempt and missing items to its unit's status."""
        if not stored:
            status.exempt += self.exempt
            status.items_required += len(self.required)
            status.missing += [_new(MissingItem, (*item, kind, subject_id, subject_name)) for item in self.required]
            return
        states = tuple(map(stored.get, self.ids))
        found = self.figures.get(states)
        if found is None:
            found = self.figures[states] = self._figures(states)
        exempt, required, done, missing = found
        status.exempt += exempt
        status.items_required += required
        status.items_done += done
        if missing:
            status.missing += [_new(MissingItem, (*item, kind, subject_id, subject_name)) for item in missing]

    def _figures(self, states: tuple) -> tuple[int, int, int, list[tuple[str, str, str]]]:
        """(exempt, required, done, missing items) of a subject whose items are stored in these states."""
        exempt = required = done = 0
        missing = []
        for (item, need, _reason), state in zip(self.needs, states, strict=True):
            if state is None:
                state = _MISSING
            elif state not in _STATE_VALUES:
                ItemState(state)  # refused as statuses_from refuses it
            if need is Need.EXEMPT or (state == _EXEMPT and need in _WAIVABLE):
                exempt += 1
            elif need is Need.REQUIRED:
                required += 1
                if state in _DONE:
                    done += 1
                else:
                    missing.append((item.id, item.short_name, item.deadline))
        return exempt, required, done, missing


_STATE_VALUES = frozenset(state.value for state in ItemState)
_DONE = frozenset(state.value for state in DONE_STATES)
_MISSING, _EXEMPT = ItemState.MISSING.value, ItemState.EXEMPT.value
_WAIVABLE = (Need.REQUIRED, Need.OPTIONAL)
_new = tuple.__new__  # a MissingItem from its six fields without the generated __new__'s call
