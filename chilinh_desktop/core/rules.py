"""The rating rule engine: a cycle's rule set (data) applied to its rating records → findings.

Each kind of rule is one small function here; what it checks against (levels, thresholds,
citations, the Vietnamese message and advice) comes from forms/rules/<id>.toml. A finding is
an error (blocks sign-off) or a warning (needs an acknowledgement, recorded in the audit).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from chilinh_desktop.core import form_rules, ground_rules, paper_rules, year_rules
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.ratings import RatingData, load_rating_data
from chilinh_desktop.core.rulesets import Rule, RuleKind, RuleSet, rule_set_for
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.core.vocabulary import vocabulary


@dataclass(frozen=True)
class Finding:
    """One breach of a rating rule: which rule (and its citation), how bad, about whom, what to do."""

    rule: str
    citation: str
    severity: str
    subject: str
    subject_name: str
    units: tuple[str, ...]
    message: str
    action: str

    @property
    def key(self) -> str:
        """Identifies the finding across evaluations (for acknowledgements)."""
        return f"{self.rule}|{self.subject}"

    def as_json(self) -> dict:
        """A JSON-ready dict (what `chilinh check --json` prints)."""
        data = asdict(self)
        data["units"] = list(self.units)
        return data


@dataclass(frozen=True)
class Subject:
    """Who a rating is about, with what the rules group and compare by."""

    key: str
    kind: str  # organisation | collective | official
    name: str
    unit_code: str
    unit_type: str
    parent_code: str | None
    tier: str | None = None
    post: str = ""  # a cadre's party post, then government post (which posts lead a unit is rule data)


class _Context:
    """What one evaluation sees: the cycle, its rules, the records and their subjects."""

    def __init__(self, store: Store, cycle: Cycle, rule_set: RuleSet, data: RatingData | None = None) -> None:
        self.store, self.cycle, self.rule_set = store, cycle, rule_set
        self.data: RatingData = load_rating_data(store, cycle) if data is None else data
        self.received = data is not None  # judging what units sent (the Board), not this installation's own
        self.tree = tree = unit_tree(store, cycle.tree_date)  # read once: checks ask it per unit
        self.memo: dict[str, Any] = {}  # what a check derives once per evaluation (e.g. people by unit)
        self.subjects: dict[str, Subject] = {}
        for node in tree.walk():
            unit = node.unit
            for kind, prefix in (("organisation", "unit"), ("collective", "collective")):
                label = rule_set.subject_labels.get(kind, "{name}")
                self.subjects[f"{prefix}:{unit.id}"] = Subject(
                    f"{prefix}:{unit.id}", kind, label.format(name=unit.name), unit.code, unit.type, node.parent_code)
        self.officials = list_officials(store, active_only=False)  # read once: several checks go through them
        for official in self.officials:
            node = tree.by_code.get(official.unit_code)
            self.subjects[f"official:{official.id}"] = Subject(
                f"official:{official.id}", "official", official.full_name, official.unit_code,
                node.unit.type if node else "", node.parent_code if node else None, official.tier,
                ", ".join(p for p in (official.party_post, official.government_post) if p))
        self.unit_key = {s.unit_code: s.key for s in self.subjects.values() if s.kind == "organisation"}

    def children(self, unit_code: str) -> list[Subject]:
        """The organisations directly below a unit."""
        below = self.memo.get("children")
        if below is None:  # grouped once per evaluation, not searched per unit
            below = self.memo["children"] = {}
            for s in self.subjects.values():
                if s.kind == "organisation":
                    below.setdefault(s.parent_code, []).append(s)
        return list(below.get(unit_code, ()))

    @staticmethod
    def day(date) -> str:
        """A date as a message writes it (running text: 14/8/2023)."""
        return running_date(date)

    def rated(self, rule: Rule) -> Iterator[tuple[Subject, object]]:
        """Subjects the rule applies to that have a rating, with their furthest step."""
        # Paired and filtered once per evaluation and set of kinds: each of the ~40 rules walks every rating.
        by_kinds = self.memo.setdefault("rated", {})
        pairs = by_kinds.get(rule.applies_to)
        if pairs is None:
            every = by_kinds.get(None)
            if every is None:
                every = by_kinds[None] = [(subject, rating) for key in self.data.ratings
                                          if (subject := self.subjects.get(key)) is not None
                                          and (rating := self.data.effective(key)) is not None]
            kinds = rule.applies_to
            pairs = by_kinds[kinds] = [(subject, rating) for subject, rating in every if subject.kind in kinds]
        return iter(pairs)

    def rank(self, level: str) -> int:
        """Position of a level, best first (unknown levels sort last)."""
        levels = self.cycle.levels
        return levels.index(level) if level in levels else len(levels)

    def criterion_rank(self, level: str) -> int:
        """Position of a criterion level, best first."""
        levels = self.cycle.criterion_levels
        return levels.index(level) if level in levels else len(levels)

    def finding(self, rule: Rule, subject: Subject | None, *, key: str | None = None, name: str | None = None,
                units: tuple[str, ...] = (), **values: object) -> Finding:
        """A finding of `rule`, its message filled from the subject and `values`."""
        step = values.pop("step", "")
        fill = {"subject": name or (subject.name if subject else ""), "unit": subject.unit_code if subject else "",
                "level": "", "step": self.rule_set.step_labels.get(str(step), str(step)), **values}
        return Finding(
            rule=f"{self.rule_set.id}.{rule.id}", citation=rule.citation, severity=rule.severity,
            subject=key or (subject.key if subject else ""), subject_name=fill["subject"],
            units=units or ((subject.unit_code,) if subject else ()),
            message=rule.message.format(**fill), action=rule.action.format(**fill),
        )


def _forced_level_if_criterion(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    wanted, required = rule.params["criterion_level"], rule.params["level_required"]
    for subject, rating in ctx.rated(rule):
        bad = [c for c, level in ctx.data.criteria_of(subject.key).items() if level == wanted]
        if bad and rating.level != required:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              criterion=", ".join(ctx.rule_set.criterion_label(c) for c in bad))


def _forced_level_if_discipline_in_year(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    required, excuse = rule.params["level_required"], rule.params.get("unless_self_remedied", False)
    for subject, rating in ctx.rated(rule):
        # "In the year" is the cycle's calendar year: 31/12 counts, 01/01 of the next does not.
        counted = [d for d in ctx.data.disciplines.get(subject.key, [])
                   if d.date.year == ctx.cycle.year and not (excuse and d.self_remedied)]
        if counted and rating.level != required:
            first = counted[0]
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              date=running_date(first.date), form=first.form)


def _disciplined_in_year(ctx: _Context, key: str) -> list:
    # The cycle's calendar year, as for persons; self-remedied cases still count for a unit.
    return [d for d in ctx.data.disciplines.get(key, []) if d.date.year == ctx.cycle.year]


def _forced_level_if_leadership_disciplined(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    required = rule.params["level_required"]
    for subject, rating in ctx.rated(rule):
        counted = _disciplined_in_year(ctx, subject.key.replace("unit:", "collective:", 1))
        if counted and rating.level != required:
            first = counted[0]
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              date=running_date(first.date), form=first.form)


def _forced_level_if_units_disciplined(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    required, limit = rule.params["level_required"], rule.params["max_percent"]
    children: dict[str, list[Subject]] = {}
    for other in ctx.subjects.values():
        if other.kind == "organisation" and other.parent_code:
            children.setdefault(other.parent_code, []).append(other)
    for subject, rating in ctx.rated(rule):
        below = children.get(subject.unit_code, [])
        count = sum(1 for child in below if _disciplined_in_year(ctx, child.key))
        # "More than 20%": exactly 20% is not yet forced (integer-exact, as for the quota).
        if below and count * 100 > limit * len(below) and rating.level != required:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              count=count, total=len(below), max_percent=f"{limit:g}")


def _forced_level_if_targets_below(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    required, minimum = rule.params["level_required"], rule.params["min_met_pct"]
    for subject, rating in ctx.rated(rule):
        targets = ctx.data.targets.get(subject.key)
        if ground_rules.targets_forced(targets, minimum, rule.params) and rating.level != required:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, required=required,
                              met_pct=f"{targets.met_pct:g}")


def _excellent_requires(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    p = rule.params
    for subject, rating in ctx.rated(rule):
        if rating.level != p["level_rated"]:
            continue
        criteria = ctx.data.criteria_of(subject.key)
        targets = ctx.data.targets.get(subject.key)
        failed: list[str] = []
        if "min_criterion" in p:
            limit = ctx.criterion_rank(p["min_criterion"])
            failed += [c for c, level in criteria.items() if ctx.criterion_rank(level) > limit]
        for criterion, level in p.get("criteria_at", {}).items():
            if ctx.criterion_rank(criteria.get(criterion, "")) > ctx.criterion_rank(level):
                failed.append(criterion)
        short_targets = ("min_met_pct" in p or "min_exceeded_pct" in p) and (
            targets is None or targets.met_pct < p.get("min_met_pct", 0)
            or targets.exceeded_pct < p.get("min_exceeded_pct", 0))
        low_score = "min_score" in p and (rating.score is None or rating.score < p["min_score"])
        if failed or short_targets or low_score:
            yield ctx.finding(
                rule, subject, level=rating.level, step=rating.step,
                criterion=", ".join(ctx.rule_set.criterion_label(c) for c in failed),
                met_pct=f"{targets.met_pct:g}" if targets else "?",
                exceeded_pct=f"{targets.exceeded_pct:g}" if targets else "?",
                score=f"{rating.score:g}" if rating.score is not None else "?")


def _quota_group(ctx: _Context, rule: Rule, subject: Subject, rating) -> str:
    """The group a rating is counted in for a quota rule: the same at the unit and at the Board.

    With `within_unit`, each unit's own proposals are counted on their own (a unit's package holds
    the whole group, whichever other packages the Board has received)."""
    group = _group_of(ctx, subject, rating, rule.params.get("group_by", "all"))
    if rule.params.get("within_unit"):
        unit = ctx.subjects.get(ctx.unit_key.get(subject.unit_code, ""))
        return f"{unit.name if unit else subject.unit_code} – {group}"
    return group


def _group_of(ctx: _Context, subject: Subject, rating, group_by: str) -> str:
    if rating.peer_group:  # the competent level may set the group of similar roles itself
        return rating.peer_group
    words = vocabulary(ctx.store.definitions)
    if group_by == "tier" and subject.tier in words.tiers:
        return words.tiers[subject.tier].name
    if group_by == "unit_type" and subject.unit_type in words.unit_types:
        return words.unit_types[subject.unit_type].name
    return {"unit": subject.unit_code, "parent": subject.parent_code or ""}.get(
        group_by, ctx.rule_set.subject_labels.get(subject.kind, subject.kind))


def _percent(count: int, of_count: int) -> str:
    """The share as a finding prints it ("150", "33,3"); "—" when the base is empty."""
    return f"{count * 100 / of_count:.1f}".removesuffix(".0").replace(".", ",") if of_count else "—"


def _over_quota(count: int, of_count: int, max_percent: float) -> bool:
    # Integer-exact: 2 of 10 is exactly 20% and allowed; 3 of 10 is over.
    return count * 100 > max_percent * of_count


def _quota_ratings(ctx: _Context, rule: Rule) -> Iterator[tuple[Subject, object]]:
    """Each subject once: at the rule's rating step when it names one (else the furthest), not-rated left out."""
    step = rule.params.get("step")
    for subject, rating in ctx.rated(rule):
        if subject.key in ctx.data.not_rated:
            continue
        if step is not None:
            rating = ctx.data.ratings.get(subject.key, {}).get(step)
            if rating is None:
                continue
        yield subject, rating


def _quota(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    p = rule.params
    level, of_level, percent = p["level_rated"], p["of_level"], p["max_percent"]
    # The base of the percentage is a parameter: those rated `of_level` (HTTNV), or every one rated.
    base = p.get("base", "of_level")
    groups: dict[str, list[tuple[Subject, object]]] = {}
    for subject, rating in _quota_ratings(ctx, rule):
        groups.setdefault(_quota_group(ctx, rule, subject, rating), []).append((subject, rating))
    for group, members in sorted(groups.items()):
        top = [(s, r) for s, r in members if r.level == level]
        count = len(top)
        of_count = len(members) if base == "rated" else sum(1 for _s, r in members if r.level == of_level)
        # A written justification on every excellent rating of the group answers the warning.
        if _over_quota(count, of_count, percent) and not all(r.justification for _s, r in top):
            yield ctx.finding(rule, None, key=f"group:{group}", name=group, level=level,
                              units=tuple(sorted({s.unit_code for s, _r in top})), group=group, count=count,
                              of_count=of_count, max_percent=f"{percent:g}", base=p.get("base_label", ""),
                              percent=_percent(count, of_count))
    for kind in ("members", "cells"):
        if kind not in rule.applies_to:
            continue
        for unit_code, by_kind in sorted(ctx.data.counts.items()):
            counts = by_kind.get(kind, {})
            count, of_count = counts.get(level, 0), counts.get(of_level, 0)
            if _over_quota(count, of_count, percent):
                subject = ctx.subjects.get(ctx.unit_key.get(unit_code, ""))
                yield ctx.finding(rule, subject, key=f"counts:{unit_code}:{kind}", level=level,
                                  group=ctx.rule_set.count_labels.get(kind, kind).format(
                                      unit=subject.name if subject else unit_code),
                                  count=count, of_count=of_count, max_percent=f"{percent:g}",
                                  base=p.get("base_label", ""), percent=_percent(count, of_count))


def _not_above_parent(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    parent_prefix = {"organisation": "unit", "collective": "collective"}[rule.params["parent"]]
    for subject, rating in ctx.rated(rule):
        # A collective and its organisation share the unit's UUID: collective:<uuid> sits under unit:<uuid>.
        parent = ctx.data.effective(f"{parent_prefix}:{subject.key.split(':', 1)[1]}")
        if (parent is not None and parent.subject_key != subject.key
                and ctx.rank(rating.level) < ctx.rank(parent.level)):
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, parent_level=parent.level)


def _order(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    step, first_kind = rule.params["step"], rule.params["first"]
    for subject, _rating in ctx.rated(rule):
        own = ctx.data.ratings.get(subject.key, {}).get(step)
        if own is None or subject.kind == first_kind:
            continue
        first_key = ctx.unit_key.get(subject.unit_code, "")
        first = ctx.data.ratings.get(first_key, {}).get(step)
        if first is None or first.at > own.at:
            yield ctx.finding(rule, subject, level=own.level, step=step,
                              first=ctx.subjects[first_key].name if first_key in ctx.subjects else subject.unit_code)


def _step_order(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for subject, _rating in ctx.rated(rule):
        steps = ctx.data.ratings[subject.key]
        present = [s for s in ("self", "proposal", "decision") if s in steps]
        for earlier, later in pairwise(present):
            if steps[earlier].at > steps[later].at:
                yield ctx.finding(rule, subject, level=steps[later].level, step=later,
                                  earlier=ctx.rule_set.step_labels.get(earlier, earlier),
                                  later=ctx.rule_set.step_labels.get(later, later))
                break


def _exclude(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for key, reason in sorted(ctx.data.not_rated.items()):
        subject, rating = ctx.subjects.get(key), ctx.data.effective(key)
        if subject is not None and rating is not None and subject.kind in rule.applies_to:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step,
                              reason=ctx.rule_set.not_rated_reasons.get(reason, reason))


def _score_levels(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    bands = sorted(rule.params["bands"], key=lambda b: -b["min"])
    for subject, rating in ctx.rated(rule):
        if rating.score is None:
            continue
        allowed = next((b["level"] for b in bands if rating.score >= b["min"]), bands[-1]["level"])
        if ctx.rank(rating.level) < ctx.rank(allowed):
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, score=f"{rating.score:g}",
                              allowed=allowed)


# Every kind of rule a rule-set file may name: its check, the parameters it needs, those it may take,
# and the extra {placeholders} its messages may use. The one table: rulesets.py loads files against it.
KINDS: dict[str, RuleKind] = {
    "forced_level_if_criterion": RuleKind(_forced_level_if_criterion, needs={"criterion_level", "level_required"},
                                          says={"criterion", "required"}),
    "forced_level_if_discipline_in_year": RuleKind(_forced_level_if_discipline_in_year, needs={"level_required"},
                                                   may={"unless_self_remedied"}, says={"date", "form", "required"}),
    "forced_level_if_targets_below": RuleKind(_forced_level_if_targets_below, needs={"level_required", "min_met_pct"},
                                              may={"unless_force_majeure", "unless_main_met"},
                                              says={"met_pct", "required"}),
    "forced_level_if_leadership_disciplined": RuleKind(_forced_level_if_leadership_disciplined,
                                                       needs={"level_required"}, says={"date", "form", "required"}),
    "forced_level_if_units_disciplined": RuleKind(_forced_level_if_units_disciplined,
                                                  needs={"level_required", "max_percent"},
                                                  says={"count", "max_percent", "required", "total"}),
    "excellent_requires": RuleKind(_excellent_requires, needs={"level_rated"},
                                   may={"criteria_at", "min_criterion", "min_exceeded_pct", "min_met_pct", "min_score"},
                                   says={"criterion", "exceeded_pct", "met_pct", "score"}),
    "quota": RuleKind(_quota, needs={"level_rated", "max_percent", "of_level"},
                      may={"base", "base_label", "counts", "group_by", "report_text", "step", "verdicts",
                           "within_unit"},
                      says={"base", "count", "group", "max_percent", "of_count", "percent"}),
    "not_above_parent": RuleKind(_not_above_parent, needs={"parent"}, says={"parent_level"}),
    "order": RuleKind(_order, needs={"first", "step"}, says={"first"}),
    "step_order": RuleKind(_step_order, says={"earlier", "later"}),
    "exclude": RuleKind(_exclude, says={"reason"}),
    "score_levels": RuleKind(_score_levels, needs={"bands"}, says={"allowed", "score"}),
    # Across forms and records (core/form_rules.py): which form and field is rule data.
    "form_self_rating": RuleKind(form_rules.form_self_rating, needs={"field", "form"}, may={"step"}, says={"typed"}),
    "form_at_most": RuleKind(form_rules.form_at_most, needs={"field", "form", "limit_field"}, says={"limit", "value"}),
    "form_rows_in_unit": RuleKind(form_rules.form_rows_in_unit, needs={"column", "field", "form"}, says={"who"}),
    "form_rows_rated": RuleKind(form_rules.form_rows_rated, needs={"column", "field", "form", "level_rated"},
                                says={"required", "who"}),
    "counts_within_tree": RuleKind(form_rules.counts_within_tree, says={"count", "total"}),
    # The other KHTNV grounds of QĐ 124 (core/ground_rules.py).
    "forced_level_if_conclusion": RuleKind(ground_rules.forced_level_if_conclusion,
                                           needs={"conclusions", "level_required"},
                                           says={"conclusion", "date", "required"}),
    "forced_level_if_units_case_disciplined": RuleKind(ground_rules.forced_level_if_units_case_disciplined,
                                                       needs={"discipline_kinds", "level_required"},
                                                       says={"date", "form", "required", "who"}),
    "forced_level_if_unit_targets_below": RuleKind(ground_rules.forced_level_if_unit_targets_below,
                                                   needs={"leader_posts", "level_required", "min_met_pct"},
                                                   may={"unless_force_majeure", "unless_main_met"},
                                                   says={"met_pct", "required", "who"}),
    # QĐ 366 (2025): a level's conditions besides its points, and the points table of a form.
    "level_conditions": RuleKind(ground_rules.level_conditions, needs={"level_rated"},
                                 may={"max_behind_pct", "no_discipline_below", "require_shortcomings_fixed"},
                                 says={"condition"}),
    "form_points": RuleKind(form_rules.form_points, needs={"column", "field", "form", "total_field"},
                            may={"max_column", "max_total"}, says={"max_total", "over", "sum", "total"}),
    # Across a unit's papers and the registry (core/paper_rules.py, issue 23).
    "paper_signer_listed": RuleKind(paper_rules.paper_signer_listed, needs={"papers"}, says={"paper", "who"}),
    "paper_signer_post": RuleKind(paper_rules.paper_signer_post, needs={"papers"},
                                  says={"paper", "post", "role", "who"}),
    "paper_signer_same": RuleKind(paper_rules.paper_signer_same, needs={"papers"}, says={"who"}),
    "form_time_order": RuleKind(paper_rules.form_time_order, needs={"end_field", "form", "start_field"},
                                says={"end", "start"}),
    "form_criteria_excellent": RuleKind(paper_rules.form_criteria_excellent,
                                        needs={"form", "level_fields", "level_labels", "level_rated", "min_criterion",
                                               "rating_fields"},
                                        may={"criteria_at"}, says={"criterion"}),
    "document_numbers": RuleKind(paper_rules.document_numbers, needs={"papers"}, may={"terms"},
                                 says={"kind", "number", "papers", "term"}),
    "form_date_versus_meeting": RuleKind(paper_rules.form_date_versus_meeting,
                                         needs={"field", "form", "meeting_field", "meeting_form", "relation"},
                                         says={"date", "meeting"}),
    "official_cell_in_tree": RuleKind(paper_rules.official_cell_in_tree, needs={"cell_types"}, says={"cell"}),
    "official_posts_in_place": RuleKind(paper_rules.official_posts_in_place, needs={"party_words"}, says={"post"}),
    "staff_not_managed": RuleKind(paper_rules.staff_not_managed, needs={"member_posts", "staff_posts"}, says={"post"}),
    "form_not_own_signature": RuleKind(paper_rules.form_not_own_signature, needs={"field", "form"}, says={"who"}),
    "form_filled": RuleKind(paper_rules.form_filled, needs={"fields", "form"}, says={"fields"}),
    "form_rows_full_post": RuleKind(paper_rules.form_rows_full_post, needs={"column", "field", "form", "name_column"},
                                    may={"ignore_posts"}, says={"post", "who"}),
    # Across years (core/year_rules.py): N years in a row at a level, read from the rating history.
    "repeated_level": RuleKind(year_rules.repeated_level, needs={"level_rated", "years"}, may={"tiers"},
                               says={"years", "years_list"}),
    "commendation_years": RuleKind(year_rules.commendation_years, needs={"commendation_kinds", "level_rated", "years"},
                                   says={"commendation", "required", "years"}),
}


def evaluate(store: Store, cycle: Cycle, unit_code: str | None = None, *,
             data: RatingData | None = None) -> list[Finding]:
    """Every finding of the cycle's rule set over `data` (default: this installation's own records)."""
    rule_set = rule_set_for(cycle)
    if rule_set is None:
        return []
    # With `unit_code`, only findings touching that unit or below it; the subjects are always this
    # installation's units and cadres, whichever records are judged (the Board judges what units sent).
    ctx = _Context(store, cycle, rule_set, data)
    findings = [f for rule in rule_set.rules for f in KINDS[rule.kind].check(ctx, rule)]
    if data is None:  # the minutes rule of the Board's duties reads this installation's own minutes
        from chilinh_desktop.core.assignments import minutes_findings

        findings += minutes_findings(store, cycle)
    if unit_code is not None:
        codes = set(unit_tree(store, cycle.tree_date).subtree_codes(unit_code.upper()))
        findings = [f for f in findings if codes & set(f.units)]
    order = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.units, f.subject_name, f.rule))


def subject_key(official_id: str | None, unit_id: str) -> str:
    """How a finding names the subject of a dossier: its cadre, or for a collective dossier its unit."""
    return f"official:{official_id}" if official_id else f"unit:{unit_id}"


def findings_for_subject(findings: list[Finding], key: str, unit_code: str | None = None) -> list[Finding]:
    """The findings a dossier shows: its subject's own, and for a collective dossier its unit's group findings."""
    if key.startswith("official:"):
        return [f for f in findings if f.subject == key]
    return [f for f in findings if f.subject == key or (unit_code in f.units and not f.subject.startswith("official:"))]


# -- sign-off --------------------------------------------------------------------------------


def _acknowledged(store: Store, cycle: Cycle, unit_code: str) -> set[str]:
    keys: set[str] = set()
    for (detail,) in store.db.execute(
        "SELECT detail FROM audit WHERE action = 'findings.acknowledge' AND subject = ?", [f"unit:{unit_code}"]
    ):
        data = json.loads(detail)
        if data.get("cycle") == cycle.id:
            keys.update(data.get("findings", []))
    return keys


def signoff_findings(store: Store, cycle: Cycle, unit_code: str) -> list[Finding]:
    """Unresolved findings of a unit before sign-off: every error, and warnings not yet acknowledged."""
    unit_code = unit_code.upper()
    seen = _acknowledged(store, cycle, unit_code)
    return [f for f in evaluate(store, cycle, unit_code) if f.severity == "error" or f.key not in seen]


def acknowledge_warnings(store: Store, cycle: Cycle, unit_code: str, findings: list[Finding], *, by: str) -> None:
    """Record in the audit trail that `by` read these warnings and signs off anyway."""
    keys = sorted(f.key for f in findings if f.severity == "warning")
    if keys:
        with store.atomic():
            store.audit(by, "findings.acknowledge", f"unit:{unit_code.upper()}", cycle=cycle.id, findings=keys)


def over_quota(store: Store, cycle: Cycle, key: str) -> Finding | None:
    """The quota finding of the group this subject's rating sits in, when the group is over the quota.

    A rating at the quota's level in such a group needs a written justification (QĐ 124: the
    competent level decides over the quota, with reasons).
    """
    rule_set = rule_set_for(cycle)
    if rule_set is None:
        return None
    ctx = _Context(store, cycle, rule_set, None)
    subject, rating = ctx.subjects.get(key), ctx.data.effective(key)
    if subject is None or rating is None:
        return None
    for rule in rule_set.rules_of("quota"):
        if subject.kind not in rule.applies_to or rating.level != rule.params["level_rated"]:
            continue
        group = f"group:{_quota_group(ctx, rule, subject, rating)}"
        found = next((f for f in _quota(ctx, rule) if f.subject == group), None)
        if found is not None:
            return found
    return None
