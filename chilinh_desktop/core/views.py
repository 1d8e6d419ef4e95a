"""Read-only views the window shows: badges per unit, a unit's overview, one dossier in detail.

Pure functions of the database and a cycle (no Qt), so the screens are thin and the
same answers can be checked without a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.deadlines import CycleStatus, UnitStatus
from chilinh_desktop.core.dossiers import (
    Dossier,
    StoredItem,
    _row_to_dossier,
    dossier_statuses,
    find_dossier,
    get_dossier,
    get_unit_by_id,
    stored_items,
)
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import Official, get_official, list_officials
from chilinh_desktop.core.requirements import ItemStatus
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit, UnitTree, get_unit


@dataclass
class Badge:
    """Progress of a unit and everything under it: required, done, missing, late (overdue)."""

    required: int = 0
    done: int = 0
    missing: int = 0
    late: int = 0

    def add(self, other: Badge) -> None:
        """Fold another unit's counts into this one."""
        self.required += other.required
        self.done += other.done
        self.missing += other.missing
        self.late += other.late


def own_badge(unit: UnitStatus, overdue_deadlines: set[str]) -> Badge:
    """The counts of one unit alone (its collective dossier and its cadres)."""
    late = sum(1 for m in unit.missing if m.deadline_id in overdue_deadlines)
    return Badge(unit.items_required, unit.items_done, len(unit.missing), late)


def unit_badges(tree: UnitTree, status: CycleStatus) -> dict[str, Badge]:
    """Per unit code, the counts of its whole subtree (a parent shows what is owed below it)."""
    overdue = {d.deadline.id for d in status.deadlines if d.overdue}
    own = {u.code: own_badge(u, overdue) for u in status.units}
    result: dict[str, Badge] = {}

    def fold(node) -> Badge:
        badge = Badge()
        badge.add(own.get(node.unit.code, Badge()))
        for child in node.children:
            badge.add(fold(child))
        result[node.unit.code] = badge
        return badge

    for root in tree.roots:
        fold(root)
    return result


@dataclass(frozen=True)
class DossierSummary:
    """One dossier and where its items stand."""

    dossier: Dossier
    statuses: tuple[ItemStatus, ...]

    @property
    def required(self) -> int:
        """How many items count."""
        return sum(1 for s in self.statuses if s.counts)

    @property
    def done(self) -> int:
        """How many counted items are done."""
        return sum(1 for s in self.statuses if s.counts and s.done)


@dataclass(frozen=True)
class OfficialRow:
    """A managed cadre in a unit's list, with their dossier's progress (None: not managed this cycle)."""

    official: Official
    summary: DossierSummary | None


@dataclass(frozen=True)
class UnitOverview:
    """What the window shows for a selected unit."""

    unit: Unit
    collective: DossierSummary | None
    cadres: tuple[OfficialRow, ...] = field(default_factory=tuple)


def _dossiers_by_subject(store: Store, cycle: Cycle, keys: list[str]) -> dict[str, Dossier]:
    if not keys:
        return {}
    placeholders = ",".join("?" * len(keys))
    rows = store.db.execute(
        "SELECT id, cycle_id, unit_id, official_id, state, snapshot_sha256, signed_off_by, signed_off_at, "
        f"subject_key FROM dossiers WHERE cycle_id = ? AND subject_key IN ({placeholders})",
        [cycle.id, *keys],
    ).fetchall()
    return {row[8]: _row_to_dossier(row[:8]) for row in rows}


def unit_overview(store: Store, cycle: Cycle, unit_code: str) -> UnitOverview:
    """The unit, its collective dossier (if it owes one) and its managed cadres with progress."""
    unit = get_unit(store, unit_code)
    officials = list_officials(store, unit_code)
    keys = [f"unit:{unit.id}"] + [f"official:{o.id}" for o in officials]
    dossiers = _dossiers_by_subject(store, cycle, keys)

    def summary(key: str) -> DossierSummary | None:
        dossier = dossiers.get(key)
        if dossier is None:
            return None
        return DossierSummary(dossier, tuple(dossier_statuses(store, cycle, dossier)))

    cadres = tuple(OfficialRow(o, summary(f"official:{o.id}")) for o in officials)
    return UnitOverview(unit, summary(f"unit:{unit.id}"), cadres)


@dataclass(frozen=True)
class DossierDetail:
    """One dossier with everything its tabs show."""

    dossier: Dossier
    unit: Unit
    official: Official | None
    statuses: tuple[ItemStatus, ...]
    stored: dict[str, StoredItem]

    @property
    def subject_name(self) -> str:
        """The cadre's name, or the unit's name for a collective dossier."""
        return self.official.full_name if self.official else self.unit.name


def dossier_detail(store: Store, cycle: Cycle, dossier_id: str) -> DossierDetail:
    """A dossier, its subject and every item's status and stored content."""
    dossier = get_dossier(store, dossier_id)
    official = get_official(store, dossier.official_id) if dossier.official_id else None
    unit = get_unit_by_id(store, dossier.unit_id)
    return DossierDetail(
        dossier,
        unit,
        official,
        tuple(dossier_statuses(store, cycle, dossier)),
        stored_items(store, dossier.id),
    )


def dossier_for_subject(store: Store, cycle: Cycle, subject_kind: str, subject_id: str) -> Dossier:
    """The dossier of a unit (by UUID) or of a cadre (by id), as the deadline report names them."""
    if subject_kind == "official":
        return find_dossier(store, cycle, official_id=subject_id)
    if subject_kind == "unit":
        return find_dossier(store, cycle, unit_code=get_unit_by_id(store, subject_id).code)
    raise NotFoundError(f"unknown subject kind {subject_kind!r}")


def last_change(store: Store, dossier_id: str) -> dt.datetime | None:
    """When any item of the dossier was last written."""
    row = store.db.execute("SELECT MAX(updated_at) FROM dossier_items WHERE dossier_id = ?", [dossier_id]).fetchone()
    return dt.datetime.fromisoformat(row[0]) if row and row[0] else None
