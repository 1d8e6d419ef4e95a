"""Rating rule sets (quy định xếp loại) as data: forms/rules/<id>.toml, named by the cycle.

The kinds of rule are a small closed vocabulary implemented in core/rules.py; everything a
regime changes (thresholds, levels, citations, Vietnamese messages) lives in the file, so a
new year needs a new file, not new code. Loading checks every rule and names file and rule.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
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


@dataclass(frozen=True)
class RuleKind:
    """A kind of rule a rule-set file may name: the check that runs it, the parameters it needs, those
    it may take, and the extra {placeholders} its messages may use (the table is core/rules.py KINDS)."""

    check: Callable[..., Iterator[Any]]
    needs: frozenset[str] | set[str] = frozenset()
    may: frozenset[str] | set[str] = frozenset()
    says: frozenset[str] | set[str] = frozenset()


def rule_kinds() -> dict[str, RuleKind]:
    """The one table of rule kinds, beside the checks that run them."""
    # Imported here, not at the top: the engine imports this module for Rule and RuleSet.
    from chilinh_desktop.core.rules import KINDS

    return KINDS
# Each kind: the parameters it needs, those it may take, and the extra {placeholders} its messages may use.


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
    kinds = rule_kinds()
    for n, row in enumerate(raw.get("rules", []), 1):
        where = f"rules[{n}]."
        rule_id = _text(row, "id", source, where)
        where = f"rules[{n}] ({rule_id})."
        kind = _text(row, "kind", source, where)
        if kind not in kinds:
            raise _fail(source, where + "kind", _("must be one of {choices}", choices=", ".join(kinds)))
        severity = row.get("severity", "error")
        if severity not in SEVERITIES:
            raise _fail(source, where + "severity", _("must be one of {choices}", choices=", ".join(SEVERITIES)))
        applies = tuple(row.get("applies_to", SUBJECT_KINDS))
        if not set(applies) <= {*SUBJECT_KINDS, "members", "cells"}:
            raise _fail(source, where + "applies_to", _("must be one of {choices}", choices=", ".join(SUBJECT_KINDS)))
        needed, optional, extra = kinds[kind].needs, kinds[kind].may, kinds[kind].says
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
