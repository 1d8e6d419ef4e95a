"""Rating rule sets (quy định xếp loại) as data: forms/rules/<id>.toml, named by the cycle.

The kinds of rule are a small closed vocabulary implemented in core/rules.py; everything a
regime changes (thresholds, levels, citations, Vietnamese messages) lives in the file, so a
new year needs a new file, not new code. Loading checks every rule and names file and rule.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.definitions import Definitions, parse_toml
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.i18n import _

SUBJECT_KINDS = ("organisation", "collective", "official")
SEVERITIES = ("error", "warning")
STEPS = ("self", "proposal", "decision")
GROUP_BY = ("tier", "unit", "unit_type", "parent", "all")
COMMON_PLACEHOLDERS = {"subject", "unit", "level", "step"}
# Each kind: the parameters it needs, those it may take, and the extra {placeholders} its messages may use.
KINDS: dict[str, tuple[set[str], set[str], set[str]]] = {
    "forced_level_if_criterion": ({"criterion_level", "level_required"}, set(), {"criterion", "required"}),
    "forced_level_if_discipline_in_year": ({"level_required"}, {"unless_self_remedied"},
                                           {"required", "date", "form"}),
    "forced_level_if_targets_below": ({"level_required", "min_met_pct"}, {"unless_main_met", "unless_force_majeure"},
                                      {"required", "met_pct"}),
    "forced_level_if_leadership_disciplined": ({"level_required"}, set(), {"required", "date", "form"}),
    "forced_level_if_units_disciplined": ({"level_required", "max_percent"}, set(),
                                          {"required", "count", "total", "max_percent"}),
    "excellent_requires": ({"level_rated"}, {"min_criterion", "criteria_at", "min_met_pct", "min_exceeded_pct",
                                             "min_score"},
                           {"criterion", "met_pct", "exceeded_pct", "score"}),
    "quota": ({"level_rated", "of_level", "max_percent"},
              {"group_by", "counts", "step", "base", "base_label", "within_unit", "report_text", "verdicts"},
              {"group", "count", "of_count", "max_percent", "base", "percent"}),
    "not_above_parent": ({"parent"}, set(), {"parent_level"}),
    "order": ({"first", "step"}, set(), {"first"}),
    "step_order": (set(), set(), {"earlier", "later"}),
    "exclude": (set(), set(), {"reason"}),
    "score_levels": ({"bands"}, set(), {"score", "allowed"}),
    # Across forms and records (core/form_rules.py): which form and field is rule data.
    "form_self_rating": ({"form", "field"}, {"step"}, {"typed"}),
    "form_at_most": ({"form", "field", "limit_field"}, set(), {"value", "limit"}),
    "form_rows_in_unit": ({"form", "field", "column"}, set(), {"who"}),
    "form_rows_rated": ({"form", "field", "column", "level_rated"}, set(), {"who", "required"}),
    "counts_within_tree": (set(), set(), {"count", "total"}),
    # The other KHTNV grounds of QĐ 124 (core/ground_rules.py).
    "forced_level_if_conclusion": ({"level_required", "conclusions"}, set(), {"required", "conclusion", "date"}),
    "forced_level_if_units_case_disciplined": ({"level_required", "discipline_kinds"}, set(),
                                               {"required", "who", "form", "date"}),
    "forced_level_if_unit_targets_below": ({"level_required", "min_met_pct", "leader_posts"},
                                           {"unless_main_met", "unless_force_majeure"},
                                           {"required", "met_pct", "who"}),
    # QĐ 366 (2025): a level's conditions besides its points, and the points table of a form.
    "level_conditions": ({"level_rated"}, {"max_behind_pct", "require_shortcomings_fixed", "no_discipline_below"},
                         {"condition"}),
    "form_points": ({"form", "field", "column", "total_field"}, {"max_column", "max_total"},
                    {"total", "sum", "max_total", "over"}),
    # Across a unit's papers and the registry (core/paper_rules.py, issue 23).
    "paper_signer_listed": ({"papers"}, set(), {"paper", "who"}),
    "paper_signer_post": ({"papers"}, set(), {"paper", "who", "role", "post"}),
    "paper_signer_same": ({"papers"}, set(), {"who"}),
    "form_time_order": ({"form", "start_field", "end_field"}, set(), {"start", "end"}),
    "form_criteria_excellent": ({"form", "rating_fields", "level_fields", "level_rated", "min_criterion",
                                 "level_labels"}, {"criteria_at"}, {"criterion"}),
    "document_numbers": ({"papers"}, set(), {"number", "kind", "papers"}),
    "form_date_versus_meeting": ({"form", "field", "meeting_form", "meeting_field", "relation"}, set(),
                                 {"date", "meeting"}),
    "official_cell_in_tree": ({"cell_types"}, set(), {"cell"}),
    "official_posts_in_place": ({"party_words"}, set(), {"post"}),
    "staff_not_managed": ({"staff_posts", "member_posts"}, set(), {"post"}),
    "form_not_own_signature": ({"form", "field"}, set(), {"who"}),
    "form_filled": ({"form", "fields"}, set(), {"fields"}),
    "form_rows_full_post": ({"form", "field", "column", "name_column"}, {"ignore_posts"}, {"who", "post"}),
    # Across years (core/year_rules.py): N years in a row at a level, read from the rating history.
    "repeated_level": ({"level_rated", "years"}, {"tiers"}, {"years", "years_list"}),
    "commendation_years": ({"level_rated", "years", "commendation_kinds"}, set(),
                           {"years", "required", "commendation"}),
}


@dataclass(frozen=True)
class Criterion:
    """One criterion (tiêu chí) assessed for a kind of subject."""

    id: str
    label: str
    applies_to: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """One rule of a set: its kind, parameters, and the citation and advice a finding carries."""

    id: str
    kind: str
    severity: str
    citation: str
    message: str
    action: str
    applies_to: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSet:
    """The rating regime of a cycle, e.g. Quy định 124-QĐ/TW."""

    id: str
    title: str
    criteria: tuple[Criterion, ...]
    step_labels: dict[str, str]
    subject_labels: dict[str, str]
    not_rated_reasons: dict[str, str]
    rules: tuple[Rule, ...]
    count_labels: dict[str, str] = field(default_factory=dict)
    conclusion_kinds: dict[str, str] = field(default_factory=dict)  # kind id → label, for conclusions
    discipline_kinds: dict[str, str] = field(default_factory=dict)  # kind id → label, for disciplined cases
    condition_labels: dict[str, str] = field(default_factory=dict)  # how an unmet level condition reads

    def criterion_label(self, criterion_id: str) -> str:
        """The printed name of a criterion (its id when unknown)."""
        return next((c.label for c in self.criteria if c.id == criterion_id), criterion_id)

    def rules_of(self, kind: str) -> tuple[Rule, ...]:
        """The rules of one kind."""
        return tuple(r for r in self.rules if r.kind == kind)


def _fail(source: str, where: str, problem: str) -> DefinitionError:
    return DefinitionError(_("{file}, {field}: {problem}", file=source, field=where, problem=problem))


def _text(row: dict, key: str, source: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value:
        raise _fail(source, where + key, _("this field is required"))
    return value


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def parse_rule_set(raw: dict[str, Any], source: str) -> RuleSet:
    """Build a RuleSet from its decoded file, checking every rule."""
    criteria = []
    for n, row in enumerate(raw.get("criteria", []), 1):
        where = f"criteria[{n}]."
        applies = tuple(row.get("applies_to", SUBJECT_KINDS))
        if not set(applies) <= set(SUBJECT_KINDS):
            raise _fail(source, where + "applies_to", _("must be one of {choices}", choices=", ".join(SUBJECT_KINDS)))
        criteria.append(Criterion(_text(row, "id", source, where), _text(row, "label", source, where), applies))
    rules: list[Rule] = []
    for n, row in enumerate(raw.get("rules", []), 1):
        where = f"rules[{n}]."
        rule_id = _text(row, "id", source, where)
        where = f"rules[{n}] ({rule_id})."
        kind = _text(row, "kind", source, where)
        if kind not in KINDS:
            raise _fail(source, where + "kind", _("must be one of {choices}", choices=", ".join(KINDS)))
        severity = row.get("severity", "error")
        if severity not in SEVERITIES:
            raise _fail(source, where + "severity", _("must be one of {choices}", choices=", ".join(SEVERITIES)))
        applies = tuple(row.get("applies_to", SUBJECT_KINDS))
        if not set(applies) <= {*SUBJECT_KINDS, "members", "cells"}:
            raise _fail(source, where + "applies_to", _("must be one of {choices}", choices=", ".join(SUBJECT_KINDS)))
        needed, optional, extra = KINDS[kind]
        params = {k: v for k, v in row.items()
                  if k not in ("id", "kind", "severity", "citation", "message", "action", "applies_to")}
        missing, unknown_keys = sorted(needed - params.keys()), sorted(params.keys() - needed - optional)
        if missing:
            raise _fail(source, where + missing[0], _("this field is required"))
        if unknown_keys:
            raise _fail(source, where + unknown_keys[0], _("unknown field for this kind of rule"))
        if params.get("base", "of_level") not in ("of_level", "rated"):
            raise _fail(source, where + "base", _("must be one of {choices}", choices="of_level, rated"))
        if params.get("step", "self") not in STEPS:
            raise _fail(source, where + "step", _("must be one of {choices}", choices=", ".join(STEPS)))
        if params.get("group_by", "all") not in GROUP_BY:
            raise _fail(source, where + "group_by", _("must be one of {choices}", choices=", ".join(GROUP_BY)))
        rule = Rule(rule_id, kind, severity, _text(row, "citation", source, where),
                    _text(row, "message", source, where), _text(row, "action", source, where), applies, params)
        for key in ("message", "action"):
            unknown = _placeholders(getattr(rule, key)) - COMMON_PLACEHOLDERS - extra
            if unknown:
                raise _fail(source, where + key, _("unknown placeholder {{{name}}}", name=sorted(unknown)[0]))
        if any(r.id == rule_id for r in rules):
            raise _fail(source, where + "id", _("the id {id} is used twice", id=rule_id))
        rules.append(rule)
    return RuleSet(
        id=_text(raw, "id", source, ""),
        title=_text(raw, "title", source, ""),
        criteria=tuple(criteria),
        step_labels=dict(raw.get("steps", {})),
        subject_labels=dict(raw.get("subjects", {})),
        not_rated_reasons=dict(raw.get("not_rated_reasons", {})),
        rules=tuple(rules),
        count_labels=dict(raw.get("count_kinds", {})),
        conclusion_kinds=dict(raw.get("conclusion_kinds", {})),
        discipline_kinds=dict(raw.get("discipline_kinds", {})),
        condition_labels=dict(raw.get("condition_labels", {})),
    )


def rule_set_path(rule_set_id: str) -> str:
    """Where a rule set lives, relative to forms/."""
    return f"rules/{rule_set_id}.toml"


def load_rule_set(rule_set_id: str, *, definitions: Definitions) -> RuleSet:
    """The rule set in force (rules/<id>.toml, stored or shipped), checked."""
    return definitions.memo(("rules", rule_set_id), lambda: _load_rule_set(definitions, rule_set_id))


def _load_rule_set(definitions: Definitions, rule_set_id: str) -> RuleSet:
    return parse_rule_set(definitions.toml(rule_set_path(rule_set_id)), f"{rule_set_id}.toml")


def parse_rule_set_bytes(data: bytes, source: str) -> RuleSet:
    """Decode and check the bytes of a rule set file named `source`."""
    return parse_rule_set(parse_toml(data, f"rules/{source}"), source)


def rule_set_for(cycle: Cycle) -> RuleSet | None:
    """The rule set the cycle names (None for a cycle without ratings)."""
    return load_rule_set(cycle.rules, definitions=cycle.definitions) if cycle.rules else None


def level_for_score(rule_set: RuleSet, score: float) -> str | None:
    """The highest level a score allows under the set's `score_levels` rule (None without one)."""
    for rule in rule_set.rules_of("score_levels"):
        for band in sorted(rule.params["bands"], key=lambda b: -b["min"]):
            if score >= band["min"]:
                return band["level"]
    return None
