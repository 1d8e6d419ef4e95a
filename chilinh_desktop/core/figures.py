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
from chilinh_desktop.core.rulesets import rule_set_for
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


QUOTA_SOURCES = ("figures.org_quota", "figures.mem_quota", "figures.org_shares", "figures.mem_shares")


def _share(count: int, total: int) -> str:
    return f"{count * 100 / total:.1f}".removesuffix(".0").replace(".", ",") + "%" if total else "—"


def quota_values(cycle: Cycle, figures: ReportFigures) -> dict[str, str]:
    """What the report says of its shares: each level's share of those rated, and the HTXSNV quota.

    The quota line is the cycle's quota rule (same count, base and limit as `check` and the Board's
    report): "trong giới hạn" only when the share is within it. Its wording is rule data (`report_text`).
    """
    values = dict.fromkeys(QUOTA_SOURCES, "")
    for prefix, levels in (("org", figures.org_levels), ("mem", figures.member_levels)):
        rated = sum(levels.values())
        values[f"figures.{prefix}_shares"] = "; ".join(f"{level} {_share(n, rated)}" for level, n in levels.items())
    rule_set = rule_set_for(cycle)
    for rule in rule_set.rules_of("quota") if rule_set else ():
        p = rule.params
        if "report_text" not in p:
            continue
        for kind, prefix, levels in (("cells", "org", figures.org_levels), ("members", "mem", figures.member_levels)):
            if kind not in rule.applies_to:
                continue
            count = levels.get(p["level_rated"], 0)
            of_count = sum(levels.values()) if p.get("base") == "rated" else levels.get(p["of_level"], 0)
            over = count * 100 > p["max_percent"] * of_count
            values[f"figures.{prefix}_quota"] = p["report_text"].format(
                count=count, of_count=of_count, percent=_share(count, of_count), max_percent=f"{p['max_percent']:g}",
                base=p.get("base_label", ""), verdict=p["verdicts"]["over" if over else "within"])
    return values
