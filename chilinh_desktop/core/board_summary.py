"""The Board's summaries for the Standing Committee: classification counts, rating lines, commendations.

Ratings are the ones units sent: those in each unit's current package (core.received_ratings),
never the Board's own tables; each subject counts with its effective step (decision, else
proposal, else self-rating). Only units that owe a package and active managed cadres count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.board import UnitArrival
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.ratings import RatingData
from chilinh_desktop.core.received_ratings import ReceivedRatings, received_ratings
from chilinh_desktop.core.store import Store

SECTIONS = ("unit", "collective", "official")  # party organisations, leadership collectives, managed cadres


@dataclass
class ClassificationRow:
    """One line of the classification table: a section and a kind of unit, with counts per level."""

    section: str
    unit_type: str
    total: int = 0
    counts: Counter = field(default_factory=Counter)
    not_rated: int = 0  # excluded by rule (suspended, newly admitted…)
    unrated: int = 0  # no rating recorded yet

    @property
    def rated(self) -> int:
        """How many have a level (the base of the percentages)."""
        return sum(self.counts.values())


def _unit_rows(store: Store, arrivals: list[UnitArrival]) -> dict[str, tuple[str, str, bool]]:
    codes = {a.code for a in arrivals}
    return {row[0]: (row[1], row[2], bool(row[3]))
            for row in store.db.execute("SELECT id, code, type, grassroots FROM units") if row[1] in codes}


def classification_summary(store: Store, cycle: Cycle, arrivals: list[UnitArrival],
                           data: RatingData | None = None) -> list[ClassificationRow]:
    """Counts per level, per section and kind of unit, of the units in `arrivals` and their managed cadres."""
    data = received_ratings(store, cycle).data if data is None else data
    units = _unit_rows(store, arrivals)
    rows: dict[tuple[str, str], ClassificationRow] = {}
    subjects: list[tuple[str, str, str]] = []
    for unit_id, (_code, unit_type, grassroots) in units.items():
        # Only grassroots party organisations (tổ chức cơ sở đảng) are party organisations here: an agency,
        # the Front or a public unit sends its leadership collective's rating, not an organisation's.
        if grassroots:
            subjects.append(("unit", unit_type, f"unit:{unit_id}"))
        subjects.append(("collective", unit_type, f"collective:{unit_id}"))
    placeholders = ",".join("?" * len(cycle.managed_tiers))
    for official_id, unit_id in store.db.execute(
            f"SELECT id, unit_id FROM officials WHERE active = 1 AND tier IN ({placeholders})",
            list(cycle.managed_tiers)):
        if unit_id in units:
            subjects.append(("official", units[unit_id][1], f"official:{official_id}"))
    for section, unit_type, key in subjects:
        row = rows.setdefault((section, unit_type), ClassificationRow(section, unit_type))
        row.total += 1
        rating = data.effective(key)
        if key in data.not_rated:
            row.not_rated += 1
        elif rating is None:
            row.unrated += 1
        else:
            row.counts[rating.level] += 1
    return sorted(rows.values(), key=lambda r: (SECTIONS.index(r.section), r.unit_type))


@dataclass(frozen=True)
class MembersRow:
    """One grassroots organisation's party members by level, as its classification report counts them."""

    unit_code: str
    unit_name: str
    counts: dict[str, int]  # level -> members

    @property
    def total(self) -> int:
        """Members with a level (the base of the percentages)."""
        return sum(self.counts.values())


def members_by_level(store: Store, arrivals: list[UnitArrival], data: RatingData) -> list[MembersRow]:
    """The members counted at each level by every grassroots organisation that sent its counts, in tree order."""
    units = _unit_rows(store, arrivals)
    grassroots = {code for code, _type, is_grassroots in units.values() if is_grassroots}
    rows = []
    for arrival in arrivals:
        counts = data.counts.get(arrival.code, {}).get("members")
        if arrival.code in grassroots and counts is not None:
            rows.append(MembersRow(arrival.code, arrival.name, {level: int(n) for level, n in counts.items()}))
    return rows


def rating_line(data: RatingData, unit_id: str, official_ids: list[str]) -> str:
    """A unit's ratings in one short line: its own level, then its cadres' levels with counts."""
    own = data.effective(f"unit:{unit_id}")
    cadres = Counter(r.level for r in (data.effective(f"official:{o}") for o in official_ids) if r)
    parts = [own.level if own else "—"]
    if cadres:
        parts.append(", ".join(f"{n} {level}" for level, n in sorted(cadres.items())))
    return "; ".join(parts)


def commendation_rows(store: Store, cycle: Cycle, arrivals: list[UnitArrival],
                      received: ReceivedRatings | None = None) -> list[dict[str, Any]]:
    """Every commendation proposal in the units' current packages, unit by unit."""
    sent = (received or received_ratings(store, cycle)).commendations
    result = []
    for arrival in arrivals:
        for proposal in sent.get(arrival.code, []):
            result.append({"unit_code": arrival.code, "unit_name": arrival.name, **proposal})
    return result
