"""The figures of a unit's classification report, computed from the rating records and the tree (read-only).

One source: the report never carries typed counts. Organisations below the unit are the
unit's children in the cycle's tree; each is counted at its own rating record when it has one,
else from the unit's recorded classification of its cells. Members come from the unit's
recorded classification of its members (per level, and those not rated).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.ratings import NOT_RATED, RatingData, load_rating_data
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import unit_tree


@dataclass(frozen=True)
class ReportFigures:
    """Organisations and members per level, those not rated, and the totals; who was counted where."""

    org_total: int
    org_levels: dict[str, int]
    org_not_rated: int
    members_total: int
    member_levels: dict[str, int]
    members_not_rated: int
    own_self_level: str | None
    # figure name (as in as_values) → names of the organisations counted in it, where counted by name
    counted: dict[str, list[str]] = field(default_factory=dict)
    orgs_by_name: bool = True  # False: the organisations' levels come from the unit's recorded counts

    def as_values(self) -> dict[str, int | str]:
        """The figures under the `figures.*` names a form may print."""
        values: dict[str, int | str] = {
            "figures.org_total": self.org_total, "figures.org_not_rated": self.org_not_rated,
            "figures.members_total": self.members_total, "figures.members_not_rated": self.members_not_rated,
        }
        for level, count in self.org_levels.items():
            values[f"figures.org_{level.lower()}"] = count
        for level, count in self.member_levels.items():
            values[f"figures.mem_{level.lower()}"] = count
        return values


def report_figures(store: Store, cycle: Cycle, unit_code: str, data: RatingData | None = None) -> ReportFigures:
    """A unit's classification figures as the records and the tree have them."""
    data = data or load_rating_data(store, cycle)
    levels = list(cycle.levels)
    node = unit_tree(store, cycle.tree_date).by_code[unit_code]
    children = [child.unit for child in node.children]
    recorded = data.counts.get(unit_code, {})
    org_levels = dict.fromkeys(levels, 0)
    counted: dict[str, list[str]] = {"figures.org_total": [unit.name for unit in children]}
    individually = {unit.code: data.effective(f"unit:{unit.id}") for unit in children}
    by_name = any(individually.values())
    if by_name:
        counted.update({f"figures.org_{level.lower()}": [] for level in levels})
        counted["figures.org_not_rated"] = []
        for unit in children:
            rating = individually[unit.code]
            if rating is not None and rating.level in org_levels and f"unit:{unit.id}" not in data.not_rated:
                org_levels[rating.level] += 1
                counted[f"figures.org_{rating.level.lower()}"].append(unit.name)
            else:
                counted["figures.org_not_rated"].append(unit.name)
    else:
        for level in levels:
            org_levels[level] = recorded.get("cells", {}).get(level, 0)
    members = recorded.get("members", {})
    member_levels = {level: members.get(level, 0) for level in levels}
    members_not_rated = members.get(NOT_RATED, 0)
    own = data.ratings.get(f"unit:{node.unit.id}", {}).get("self")
    if own is not None:
        counted["figures.own_rating"] = [node.unit.name]
    return ReportFigures(
        org_total=len(children), org_levels=org_levels, org_not_rated=max(0, len(children) - sum(org_levels.values())),
        members_total=sum(member_levels.values()) + members_not_rated, member_levels=member_levels,
        members_not_rated=members_not_rated, own_self_level=own.level if own else None, counted=counted,
        orgs_by_name=by_name,
    )
