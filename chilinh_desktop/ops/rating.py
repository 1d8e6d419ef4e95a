"""Recording a rating step (xếp loại): every rating rule that refuses a record is enforced here.

The window's rating editor and `chilinh rate` both call `rate`, so a rating the window refuses is
refused by the command line with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core import ratings as core_ratings
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import screen_date
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.ratings import COUNT_KINDS as COUNT_KINDS  # re-exported: the kinds of classification report
from chilinh_desktop.core.rules import Finding, over_quota
from chilinh_desktop.core.rulesets import RuleSet, rule_set_for
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes


@dataclass(frozen=True)
class Rated:
    """A rating step recorded."""

    rating: core_ratings.Rating

    @property
    def changes(self) -> frozenset[str]:
        """What recording the rating changed."""
        return frozenset({changes.RATINGS, changes.CONTENT})


def rate(store: Store, cycle: Cycle, key: str, step: str, level: str | None, *, by: str, at: dt.date,
         score: float | None = None, criteria: dict[str, str] | None = None, justification: str | None = None,
         peer_group: str | None = None, actor: str) -> Rated:
    """Record one step of a subject's rating; refused when it breaks a rule that forbids the record itself.

    A rating at the quota's level (HTXSNV) in a group already over the quota needs a written
    justification: without one nothing is recorded.
    """
    justification = (justification or "").strip() or None
    with store.atomic():  # recorded, then judged with the group as it now stands; a refusal rolls back
        rating = core_ratings.record_rating(store, cycle, key, step, level, by=by, at=at, score=score,
                                            criteria=criteria, justification=justification,
                                            peer_group=peer_group, actor=actor)
        if justification is None and (finding := over_quota(store, cycle, key)) is not None:
            raise ValidationError(
                _("The group is over the quota for {level}: write the justification for this rating, then save "
                  "again.", level=rating.level),
                [("justification", finding.message)],
            )
    return Rated(rating)


@dataclass(frozen=True)
class RatingInputSaved:
    """An input the rating rules read (discipline, targets, a conclusion) recorded for one subject."""

    key: str

    @property
    def changes(self) -> frozenset[str]:
        """What recording the input changed."""
        return frozenset({changes.RATINGS, changes.CONTENT})


def _not_after_today(store: Store, day: dt.date, where: str) -> None:
    today = store.clock.today()
    if day > today:
        raise ValidationError(_("The date {date} is after today ({today}): record only what has happened. "
                                "Nothing was recorded.", date=screen_date(day), today=screen_date(today)),
                              [(where, day.isoformat())])


def _choices(known: dict[str, str]) -> str:
    return "; ".join(f"{key} ({label})" for key, label in known.items()) or "—"


def record_discipline(store: Store, cycle: Cycle, key: str, *, date: dt.date, form: str, kind: str = "",
                      self_remedied: bool = False, note: str = "", actor: str) -> RatingInputSaved:
    """Record a disciplinary measure, with the kind of case it was for when a rule depends on it."""
    rule_set = rule_set_for(cycle)
    kind = (kind or "").strip()
    known = rule_set.discipline_kinds if rule_set else {}
    if kind and kind not in known:
        raise ValidationError(_("Unknown kind of case {kind}. Use one of: {choices}. Nothing was recorded.",
                                kind=kind, choices=_choices(known)), [("kind", kind)])
    _not_after_today(store, date, "date")
    if date.year != cycle.year:  # the cycle's rules and records count only the year it reviews
        raise ValidationError(_("The date {date} is not in {year}, the year this cycle reviews: a measure of another "
                                "year does not count here. Nothing was recorded.", date=screen_date(date),
                                year=cycle.year), [("date", date.isoformat())])
    core_ratings.add_discipline(store, key, date=date, form=form, self_remedied=self_remedied, note=note, kind=kind,
                                actor=actor)
    return RatingInputSaved(key)


def record_conclusion(store: Store, cycle: Cycle, key: str, kind: str, *, date: dt.date, note: str = "",
                      actor: str) -> RatingInputSaved:
    """Record a conclusion of the competent level (degradation, disunity …) about a subject this cycle."""
    rule_set = rule_set_for(cycle)
    kind = (kind or "").strip()
    if not kind:
        raise ValidationError(_("Choose what was concluded. Nothing was recorded."), [("kind", "")])
    known = rule_set.conclusion_kinds if rule_set else {}
    if kind not in known:
        raise ValidationError(_("Unknown kind of conclusion {kind}. Use one of: {choices}. Nothing was recorded.",
                                kind=kind, choices=_choices(known)), [("kind", kind)])
    _not_after_today(store, date, "date")
    core_ratings.add_conclusion(store, cycle, key, kind, date=date, note=note, actor=actor)
    return RatingInputSaved(key)


def record_targets(store: Store, cycle: Cycle, key: str, *, met_pct: float, exceeded_pct: float = 0,
                   main_met: bool | None = None, force_majeure: bool = False, behind_pct: float | None = None,
                   shortcomings_fixed: bool | None = None, actor: str) -> RatingInputSaved:
    """Record a subject's targets this cycle: shares met, exceeded and behind schedule; main targets; force majeure."""
    core_ratings.check_shares(met_pct=met_pct, exceeded_pct=exceeded_pct, behind_pct=behind_pct)  # 0–100 %
    if exceeded_pct > met_pct:
        raise ValidationError(_("The share of targets exceeded ({exceeded} %) cannot be larger than the share met "
                                "({met} %). Nothing was recorded.", exceeded=f"{exceeded_pct:g}", met=f"{met_pct:g}"),
                              [("exceeded_pct", f"{exceeded_pct:g}")])
    if main_met is True and met_pct == 0:
        raise ValidationError(_("The main targets cannot be met when no target was met (0 %). Nothing was "
                                "recorded."), [("main_met", "yes")])
    core_ratings.set_targets(store, cycle, key, met_pct=met_pct, exceeded_pct=exceeded_pct, main_met=main_met,
                             force_majeure=force_majeure, behind_pct=behind_pct,
                             shortcomings_fixed=shortcomings_fixed, actor=actor)
    return RatingInputSaved(key)


def remove_discipline(store: Store, key: str, discipline_id: int, *, actor: str) -> RatingInputSaved:
    """Delete a disciplinary record made by mistake (audited)."""
    core_ratings.remove_discipline(store, key, discipline_id, actor=actor)
    return RatingInputSaved(key)


def mark_not_rated(store: Store, cycle: Cycle, key: str, reason: str, *, note: str = "",
                   actor: str) -> RatingInputSaved:
    """Record that a member is not rated this cycle, with one of the rule set's reasons."""
    core_ratings.mark_not_rated(store, cycle, key, reason, note=note, actor=actor)
    return RatingInputSaved(key)


def clear_not_rated(store: Store, cycle: Cycle, key: str, *, actor: str) -> RatingInputSaved:
    """Withdraw a 'not rated this cycle' record."""
    core_ratings.clear_not_rated(store, cycle, key, actor=actor)
    return RatingInputSaved(key)


@dataclass(frozen=True)
class UnitReportSaved:
    """A unit's classification report or commendation proposals recorded."""

    unit_code: str

    @property
    def changes(self) -> frozenset[str]:
        """What recording the report changed."""
        return frozenset({changes.RATINGS, changes.CONTENT})


def set_classification_counts(store: Store, cycle: Cycle, unit_code: str, kind: str, counts: dict[str, int], *,
                              actor: str) -> UnitReportSaved:
    """Record a unit's classification report: how many members or cells per level."""
    unit_code = unit_code.upper()
    core_ratings.set_classification_counts(store, cycle, unit_code, kind, counts, actor=actor)
    return UnitReportSaved(unit_code)


def propose_commendation(store: Store, cycle: Cycle, unit_code: str, *, name: str, kind: str, level: str,
                         achievement: str = "", actor: str) -> UnitReportSaved:
    """Record a commendation proposal of a unit for one of its organisations or members."""
    unit_code = unit_code.upper()
    core_ratings.add_commendation(store, cycle, unit_code, name=name, kind=kind, level=level,
                                  achievement=achievement, actor=actor)
    return UnitReportSaved(unit_code)


def subject_key(store: Store, *, official_id: str | None = None, unit_code: str | None = None,
                collective: bool = False) -> str:
    """The rating subject named by a cadre id, a unit code, or a unit's leadership collective."""
    return core_ratings.subject_key(store, official_id=official_id, unit_code=unit_code, collective=collective)


def findings(store: Store, cycle: Cycle, unit_code: str | None = None) -> list[Finding]:
    """What the cycle's rating rules find, over a unit and the units under it (every unit by default)."""
    from chilinh_desktop.core.rules import evaluate

    return evaluate(store, cycle, unit_code)


def subject_ratings(store: Store, cycle: Cycle, key: str) -> core_ratings.SubjectRatings:
    """Everything recorded about one subject's rating in the cycle: the steps, the targets, the disciplines."""
    return core_ratings.subject_ratings(store, cycle, key)


def effective_rating(record: core_ratings.SubjectRatings) -> core_ratings.Rating | None:
    """The furthest step recorded for a subject (a decision over a proposal over the self-rating)."""
    return next((record.steps[s] for s in core_ratings.STEP_PRIORITY if s in record.steps), None)


def subject_conclusions(store: Store, cycle: Cycle, key: str) -> list[core_ratings.Conclusion]:
    """The conclusions recorded about a subject in the cycle (inspection, audit...)."""
    return core_ratings.subject_conclusions(store, cycle, key)


def classification_counts(store: Store, cycle: Cycle, unit_code: str) -> dict[str, dict[str, int]]:
    """A unit's classification report: by kind, the number rated at each level."""
    return core_ratings.unit_classification_counts(store, cycle, unit_code)


def unit_commendations(store: Store, cycle: Cycle, unit_code: str) -> list[dict]:
    """The commendations a unit proposed in the cycle."""
    return core_ratings.commendations(store, cycle, unit_code)


def rule_set(cycle: Cycle) -> RuleSet | None:
    """The rating rules the cycle follows (None: a cycle without rules)."""
    return rule_set_for(cycle)


def level_for_score(rules: RuleSet, score: float) -> str | None:
    """The level a score earns under the rule set's score bands (None: no band holds it)."""
    from chilinh_desktop.core.rulesets import level_for_score as level

    return level(rules, score)
