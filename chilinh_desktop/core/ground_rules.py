"""The grounds of Quy định 124-QĐ/TW that force KHTNV beyond a Kém criterion or a discipline.

A conclusion of the competent level (degradation, "tự diễn biến, tự chuyển hóa", disunity, doing
what members may not do, breaching the nêu gương duty), a subordinate unit disciplined for a
corruption or negative case, and a leader whose unit met under half of its targets. Which kinds
of conclusion and discipline count, and which posts lead a unit, are rule data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from chilinh_desktop.core.rulesets import Rule

if TYPE_CHECKING:
    from chilinh_desktop.core.rules import Finding, _Context


def forced_level_if_conclusion(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A subject with a conclusion of a listed kind this cycle must be rated at the required level."""
    required, kinds = rule.params["level_required"], set(rule.params["conclusions"])
    labels = ctx.rule_set.conclusion_kinds
    for subject, rating in ctx.rated(rule):
        found = [c for c in ctx.data.conclusions.get(subject.key, []) if c.kind in kinds]
        if found and rating.level != required:
            first = found[0]
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              conclusion=labels.get(first.kind, first.kind), date=ctx.day(first.date))


def forced_level_if_units_case_disciplined(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """An organisation with a subordinate unit disciplined this year for a case of a listed kind."""
    required, kinds = rule.params["level_required"], set(rule.params["discipline_kinds"])
    for subject, rating in ctx.rated(rule):
        for child in ctx.children(subject.unit_code):
            ident = child.key.split(":", 1)[1]
            cases = [d for key in (f"unit:{ident}", f"collective:{ident}")
                     for d in ctx.data.disciplines.get(key, []) if d.date.year == ctx.cycle.year and d.kind in kinds]
            if cases and rating.level != required:
                yield ctx.finding(rule, subject, key=f"{subject.key}:{child.unit_code}", level=rating.level,
                                  step=rating.step, required=required, who=child.name, form=cases[0].form,
                                  date=ctx.day(cases[0].date))
                break


def forced_level_if_unit_targets_below(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A leader of a unit that met under the minimum share of its targets (and not its main ones)."""
    p = rule.params
    required, minimum, posts = p["level_required"], p["min_met_pct"], tuple(p["leader_posts"])
    for subject, rating in ctx.rated(rule):
        held = [part.strip().casefold() for part in subject.post.split(",")]
        if not any(part.startswith(post.casefold()) for part in held for post in posts):
            continue
        unit_key = ctx.unit_key.get(subject.unit_code, "")
        targets = ctx.data.targets.get(unit_key)
        if targets_forced(targets, minimum, p) and rating.level != required:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              met_pct=f"{targets.met_pct:g}", who=ctx.subjects[unit_key].name)


def targets_forced(targets, minimum: float, params: dict) -> bool:
    """Under the minimum share, and (when the rule says so) main targets not met and no force majeure."""
    if targets is None or targets.met_pct >= minimum:
        return False
    if params.get("unless_main_met", False) and targets.main_met is True:
        return False
    return not (params.get("unless_force_majeure", False) and targets.force_majeure)


def level_conditions(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """QĐ 366: what a level needs besides its points (tasks on time, shortcomings fixed, nothing disciplined below)."""
    p = rule.params
    labels = ctx.rule_set.condition_labels
    for subject, rating in ctx.rated(rule):
        if rating.level != p["level_rated"]:
            continue
        targets = ctx.data.targets.get(subject.key)
        unmet: list[str] = []
        if "max_behind_pct" in p and (targets is None or targets.behind_pct is None
                                      or targets.behind_pct > p["max_behind_pct"]):
            unmet.append(labels.get("behind", "behind").format(max_behind_pct=f"{p['max_behind_pct']:g}"))
        if p.get("require_shortcomings_fixed") and (targets is None or targets.shortcomings_fixed is not True):
            unmet.append(labels.get("shortcomings", "shortcomings"))
        if p.get("no_discipline_below") and _disciplined_below(ctx, subject):
            unmet.append(labels.get("discipline_below", "discipline_below"))
        if unmet:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, condition="; ".join(unmet))


def _disciplined_below(ctx: _Context, subject) -> bool:
    """Whether a unit below the organisation, or a member of it, was disciplined in the cycle's year."""
    if subject.kind != "organisation":
        return False
    keys = [child.key for child in ctx.children(subject.unit_code)]
    keys += [s.key for s in ctx.subjects.values() if s.kind == "official" and s.unit_code == subject.unit_code]
    return any(d.date.year == ctx.cycle.year for key in keys for d in ctx.data.disciplines.get(key, []))
