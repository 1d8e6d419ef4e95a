"""Rating records (xếp loại chất lượng): the three steps per subject, discipline, targets, exclusions.

A subject is a party organisation (`unit:<uuid>`), its leadership collective
(`collective:<uuid>`) or a managed cadre (`official:<id>`). Each write is one transaction
with its audit record; the rules that judge these records live in core/rules.py.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossier_state import LOCKED_STATES
from chilinh_desktop.core.errors import StateError, ValidationError
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.rulesets import STEPS, level_for_score, rule_set_for
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _

# The furthest step recorded is the one that counts: a decision overrides a proposal, which overrides the self-rating.
STEP_PRIORITY = ("decision", "proposal", "self")
COUNT_KINDS = ("members", "cells")
# In a unit's classification of its members, the members not rated (Điều 5 khoản 2) sit beside the levels.
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class Rating:
    """One step of one subject's rating: level (and score), criterion levels, who and when."""

    subject_key: str
    step: str
    level: str
    score: float | None
    criteria: dict[str, str]
    by: str
    at: dt.date
    justification: str | None
    peer_group: str | None


@dataclass(frozen=True)
class Discipline:
    """A disciplinary measure (kỷ luật): when, which form, and whether self-discovered and remedied."""

    subject_key: str
    date: dt.date
    form: str
    self_remedied: bool
    note: str = ""
    kind: str = ""  # e.g. "tham_nhung_tieu_cuc": a corruption or negative case (rule data names the kinds)


@dataclass(frozen=True)
class Targets:
    """Share of the year's targets met and exceeded, in percent; whether the main ones were met; force majeure."""

    met_pct: float
    exceeded_pct: float
    main_met: bool | None = None  # None: not recorded
    force_majeure: bool = False
    behind_pct: float | None = None  # QĐ 366: share of tasks behind schedule (None: not recorded)
    shortcomings_fixed: bool | None = None  # QĐ 366: every shortcoming found was fixed


@dataclass(frozen=True)
class Conclusion:
    """A conclusion of the competent level about a subject this cycle (kết luận), e.g. of degradation."""

    subject_key: str
    kind: str
    date: dt.date
    note: str = ""


@dataclass
class RatingData:
    """Everything recorded about ratings in one cycle, read in a few queries."""

    ratings: dict[str, dict[str, Rating]] = field(default_factory=dict)
    disciplines: dict[str, list[Discipline]] = field(default_factory=dict)
    targets: dict[str, Targets] = field(default_factory=dict)
    not_rated: dict[str, str] = field(default_factory=dict)
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # unit code -> kind -> level -> n
    conclusions: dict[str, list[Conclusion]] = field(default_factory=dict)

    def effective(self, subject_key: str) -> Rating | None:
        """The furthest step recorded for a subject."""
        steps = self.ratings.get(subject_key)
        if steps:  # a plain loop: the report and the rules ask this ~100,000 times at a province
            for step in STEP_PRIORITY:
                rating = steps.get(step)
                if rating is not None:
                    return rating
        return None

    def criteria_of(self, subject_key: str) -> dict[str, str]:
        """The criterion levels of the furthest step that recorded any (a decision often repeats none)."""
        steps = self.ratings.get(subject_key, {})
        return next((steps[s].criteria for s in STEP_PRIORITY if s in steps and steps[s].criteria), {})


def subject_key(store: Store, *, official_id: str | None = None, unit_code: str | None = None,
                collective: bool = False) -> str:
    """The key of a cadre, a party organisation or (collective=True) its leadership collective."""
    if official_id is not None:
        return f"official:{get_official(store, official_id).id}"
    if unit_code is None:
        raise ValidationError(_("Name a cadre or a unit."), [("subject", "")])
    unit = get_unit(store, unit_code.upper())
    return f"{'collective' if collective else 'unit'}:{unit.id}"


def _check_level(cycle: Cycle, level: str, where: str) -> None:
    if cycle.levels and level not in cycle.levels:
        raise ValidationError(_("Unknown level {level}. Use one of: {choices}.", level=level,
                                choices=", ".join(cycle.levels)), [(where, level)])


def _dossier_key(key: str) -> str:
    # A leadership collective is rated within its unit's collective dossier.
    kind, _sep, ident = key.partition(":")
    return f"unit:{ident}" if kind == "collective" else key


def _ensure_open(store: Store, key: str, *, cycle_id: str | None = None, year: int | None = None) -> None:
    """Refuse to change what a signed-off dossier vouches for (its snapshot covers the unit's ratings)."""
    locked = store.db.execute(
        "SELECT 1 FROM dossiers d JOIN cycles c ON c.id = d.cycle_id WHERE d.subject_key = ? AND d.state IN "
        f"({','.join('?' * len(LOCKED_STATES))}) AND (d.cycle_id = ? OR c.year = ?) LIMIT 1",
        [_dossier_key(key), *sorted(LOCKED_STATES), cycle_id, year],
    ).fetchone()
    if locked:
        raise StateError(
            _("This dossier was signed off and is read-only. Reopen it first if it must change."),
            code="dossier.locked",
        )


def signed_rating_content(store: Store, cycle_id: str, dossier_key: str) -> list:
    """The rating records a sign-off of this dossier vouches for, in a canonical order (empty if none)."""
    kind, _sep, ident = dossier_key.partition(":")
    keys = [dossier_key, f"collective:{ident}"] if kind == "unit" else [dossier_key]
    marks = ",".join("?" * len(keys))
    year = store.db.execute("SELECT year FROM cycles WHERE id = ?", [cycle_id]).fetchone()
    content: list = []
    queries = (
        ("rating", f"SELECT subject_key, step, level, score, criteria, by, at, justification, peer_group FROM ratings "
                   f"WHERE cycle_id = ? AND step != 'decision' AND subject_key IN ({marks})", [cycle_id, *keys]),
        ("discipline", f"SELECT subject_key, date, form, self_remedied, note FROM disciplines "
                       f"WHERE subject_key IN ({marks}) AND substr(date, 1, 4) = ?",
         [*keys, str(year[0]) if year else ""]),
        ("targets", f"SELECT subject_key, met_pct, exceeded_pct FROM targets WHERE cycle_id = ? "
                    f"AND subject_key IN ({marks})", [cycle_id, *keys]),
        ("not_rated", f"SELECT subject_key, reason, note FROM not_rated WHERE cycle_id = ? "
                      f"AND subject_key IN ({marks})", [cycle_id, *keys]),
        # Grounds added later (migration 0006) enter only when recorded, so older sign-offs keep their hash.
        ("discipline_kind", f"SELECT subject_key, date, form, kind FROM disciplines WHERE kind != '' "
                            f"AND subject_key IN ({marks}) AND substr(date, 1, 4) = ?",
         [*keys, str(year[0]) if year else ""]),
        ("targets_grounds", f"SELECT subject_key, main_met, force_majeure, behind_pct, shortcomings_fixed FROM targets "
                            f"WHERE cycle_id = ? AND (main_met IS NOT NULL OR force_majeure != 0 OR behind_pct IS NOT "
                            f"NULL OR shortcomings_fixed IS NOT NULL) AND subject_key IN ({marks})",
         [cycle_id, *keys]),
        ("conclusion", f"SELECT subject_key, kind, date, note FROM conclusions WHERE cycle_id = ? "
                       f"AND subject_key IN ({marks})", [cycle_id, *keys]),
    )
    if kind == "unit":
        queries += (
            ("counts", "SELECT kind, level, count FROM classification_counts WHERE cycle_id = ? AND unit_id = ?",
             [cycle_id, ident]),
            ("commendation", "SELECT name, kind, level, achievement, subject_key FROM commendations "
                             "WHERE cycle_id = ? AND unit_id = ?", [cycle_id, ident]),
        )
    for label, sql, params in queries:
        content += sorted([label, *map(str, row)] for row in store.db.execute(sql, params))
    return content


def record_rating(store: Store, cycle: Cycle, key: str, step: str, level: str | None, *, by: str, at: dt.date,
                  score: float | None = None, criteria: dict[str, str] | None = None,
                  justification: str | None = None, peer_group: str | None = None,
                  actor: str = "system") -> Rating:
    """Record (or replace) one step of a subject's rating; a score alone gives the level its scale allows."""
    if step not in STEPS:
        raise ValidationError(_("Unknown step {step}. Use one of: {choices}.", step=step, choices=", ".join(STEPS)),
                              [("step", step)])
    rule_set = rule_set_for(cycle)
    if level is None and score is not None and rule_set is not None:
        level = level_for_score(rule_set, score)
    if level is None:
        raise ValidationError(_("Give a level (or a score, where the cycle scores in points)."), [("level", "")])
    _check_level(cycle, level, "level")
    if score is not None and not 0 <= score <= 100:
        raise ValidationError(_("The score must be between 0 and 100."), [("score", str(score))])
    criteria = {clean_line(k): clean_line(v) for k, v in (criteria or {}).items()}
    known = {c.id for c in rule_set.criteria} if rule_set else set()
    for criterion, value in criteria.items():
        if known and criterion not in known:
            raise ValidationError(_("Unknown criterion {id}. Use one of: {choices}.", id=criterion,
                                    choices=", ".join(sorted(known))), [("criteria", criterion)])
        if cycle.criterion_levels and value not in cycle.criterion_levels:
            raise ValidationError(_("Unknown criterion level {level}. Use one of: {choices}.", level=value,
                                    choices=", ".join(cycle.criterion_levels)), [("criteria", value)])
    by = clean_line(by)
    if not by:
        raise ValidationError(_("Say who rated (the person or body)."), [("by", "")])
    row = {
        "cycle_id": cycle.id, "subject_key": key, "step": step, "level": level, "score": score,
        "criteria": json.dumps(criteria, ensure_ascii=False, sort_keys=True), "by": by, "at": at.isoformat(),
        "justification": clean_line(justification) if justification else None,
        "peer_group": clean_line(peer_group) if peer_group else None, "recorded_at": store.now_text(),
    }
    if step != "decision":  # the competent level decides after the dossier has left the unit
        _ensure_open(store, key, cycle_id=cycle.id)
    with store.atomic():
        store.db.execute("DELETE FROM ratings WHERE cycle_id = ? AND subject_key = ? AND step = ?",
                         [cycle.id, key, step])
        store.db["ratings"].insert(row)
        store.audit(actor, "rating.record", key, cycle=cycle.id, step=step, level=level, score=score)
    return Rating(key, step, level, score, criteria, by, at, row["justification"], row["peer_group"])


def add_discipline(store: Store, key: str, *, date: dt.date, form: str, self_remedied: bool = False,
                   note: str = "", kind: str = "", actor: str = "system") -> Discipline:
    """Record a disciplinary measure against a cadre or a collective."""
    form = clean_line(form)
    if not form:
        raise ValidationError(_("Name the form of discipline (e.g. khiển trách)."), [("form", "")])
    _ensure_open(store, key, year=date.year)
    with store.atomic():
        store.db["disciplines"].insert({"subject_key": key, "date": date.isoformat(), "form": form,
                                        "self_remedied": int(self_remedied), "note": clean_line(note),
                                        "kind": clean_line(kind), "recorded_at": store.now_text()})
        store.audit(actor, "discipline.add", key, date=date, form=form, self_remedied=self_remedied, kind=kind)
    return Discipline(key, date, form, self_remedied, clean_line(note), clean_line(kind))


def check_shares(*, met_pct: float | None, exceeded_pct: float | None, behind_pct: float | None) -> None:
    """The one rule on a subject's shares of targets: each between 0 and 100 % (the same words everywhere)."""
    shares = ((_("the share of targets met"), "met_pct", met_pct),
              (_("the share of targets exceeded"), "exceeded_pct", exceeded_pct),
              (_("the share of tasks behind schedule"), "behind_pct", behind_pct))
    for label, where, value in shares:
        if value is not None and not 0 <= value <= 100:
            raise ValidationError(_("{what} must be between 0 and 100 % (not {value}). Nothing was recorded.",
                                    what=label[:1].upper() + label[1:], value=f"{value:g}"), [(where, f"{value:g}")])


def set_targets(store: Store, cycle: Cycle, key: str, *, met_pct: float, exceeded_pct: float = 0,
                main_met: bool | None = None, force_majeure: bool = False, behind_pct: float | None = None,
                shortcomings_fixed: bool | None = None, actor: str = "system") -> Targets:
    """Record the share of targets met and exceeded by a subject this cycle."""
    check_shares(met_pct=met_pct, exceeded_pct=exceeded_pct, behind_pct=behind_pct)
    _ensure_open(store, key, cycle_id=cycle.id)
    with store.atomic():
        store.db["targets"].upsert({"cycle_id": cycle.id, "subject_key": key, "met_pct": met_pct,
                                    "exceeded_pct": exceeded_pct,
                                    "main_met": None if main_met is None else int(main_met),
                                    "force_majeure": int(force_majeure), "behind_pct": behind_pct,
                                    "shortcomings_fixed": None if shortcomings_fixed is None
                                    else int(shortcomings_fixed)}, pk=("cycle_id", "subject_key"))
        store.audit(actor, "targets.set", key, cycle=cycle.id, met_pct=met_pct, exceeded_pct=exceeded_pct,
                    main_met=main_met, force_majeure=force_majeure, behind_pct=behind_pct,
                    shortcomings_fixed=shortcomings_fixed)
    return Targets(met_pct, exceeded_pct, main_met, force_majeure, behind_pct, shortcomings_fixed)


def add_conclusion(store: Store, cycle: Cycle, key: str, kind: str, *, date: dt.date, note: str = "",
                   actor: str = "system") -> Conclusion:
    """Record a conclusion of the competent level about a subject (degradation, disunity …) in this cycle."""
    kind = clean_line(kind)
    if not kind:
        raise ValidationError(_("Name what was concluded."), [("kind", "")])
    _ensure_open(store, key, cycle_id=cycle.id)
    with store.atomic():
        store.db["conclusions"].insert({"cycle_id": cycle.id, "subject_key": key, "kind": kind,
                                        "date": date.isoformat(), "note": clean_line(note),
                                        "recorded_at": store.now_text()})
        store.audit(actor, "conclusion.add", key, cycle=cycle.id, kind=kind, date=date)
    return Conclusion(key, kind, date, clean_line(note))


def mark_not_rated(store: Store, cycle: Cycle, key: str, reason: str, *, note: str = "",
                   actor: str = "system") -> None:
    """Record that a member is not rated this cycle, with one of the rule set's reasons."""
    rule_set = rule_set_for(cycle)
    if rule_set and rule_set.not_rated_reasons and reason not in rule_set.not_rated_reasons:
        raise ValidationError(_("Unknown reason {reason}. Use one of: {choices}.", reason=reason,
                                choices=", ".join(rule_set.not_rated_reasons)), [("reason", reason)])
    _ensure_open(store, key, cycle_id=cycle.id)
    with store.atomic():
        store.db["not_rated"].upsert({"cycle_id": cycle.id, "subject_key": key, "reason": reason,
                                      "note": clean_line(note)}, pk=("cycle_id", "subject_key"))
        store.audit(actor, "rating.not_rated", key, cycle=cycle.id, reason=reason)


def set_classification_counts(store: Store, cycle: Cycle, unit_code: str, kind: str, counts: dict[str, int], *,
                              actor: str = "system") -> None:
    """Record a unit's classification report: how many members ('members') or cells ('cells') per level."""
    if kind not in COUNT_KINDS:
        raise ValidationError(_("Unknown kind {kind}.", kind=kind), [("kind", kind)])
    unit = get_unit(store, unit_code)
    for level, count in counts.items():
        if not (kind == "members" and level == NOT_RATED):
            _check_level(cycle, level, "counts")
        if not isinstance(count, int) or count < 0:
            raise ValidationError(_("A count must be a whole number, 0 or more."), [(level, str(count))])
    _ensure_open(store, f"unit:{unit.id}", cycle_id=cycle.id)
    with store.atomic():
        store.db.execute("DELETE FROM classification_counts WHERE cycle_id = ? AND unit_id = ? AND kind = ?",
                         [cycle.id, unit.id, kind])
        store.db["classification_counts"].insert_all(
            {"cycle_id": cycle.id, "unit_id": unit.id, "kind": kind, "level": level, "count": count}
            for level, count in counts.items())
        store.audit(actor, "classification.counts", f"unit:{unit.code}", cycle=cycle.id, kind=kind, counts=counts)


def add_commendation(store: Store, cycle: Cycle, unit_code: str, *, name: str, kind: str, level: str,
                     key: str | None = None, achievement: str = "", actor: str = "system") -> None:
    """Record a commendation proposal (đề nghị khen thưởng) of a unit for one of its organisations or members."""
    _check_level(cycle, level, "level")
    unit = get_unit(store, unit_code)
    _ensure_open(store, f"unit:{unit.id}", cycle_id=cycle.id)
    with store.atomic():
        store.db["commendations"].insert({"cycle_id": cycle.id, "unit_id": unit.id, "subject_key": key,
                                          "name": clean_line(name), "kind": kind, "level": level,
                                          "achievement": clean_line(achievement), "recorded_at": store.now_text()})
        store.audit(actor, "commendation.add", f"unit:{unit.code}", cycle=cycle.id, name=name, level=level)


def commendations(store: Store, cycle: Cycle, unit_code: str) -> list[dict[str, Any]]:
    """A unit's commendation proposals, in the order recorded."""
    unit = get_unit(store, unit_code)
    return [
        {"name": r[0], "kind": r[1], "level": r[2], "achievement": r[3], "subject": r[4]}
        for r in store.db.execute("SELECT name, kind, level, achievement, subject_key FROM commendations "
                                  "WHERE cycle_id = ? AND unit_id = ? ORDER BY id", [cycle.id, unit.id])
    ]


def _optional_flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _targets(row) -> Targets:
    """A targets row (met, exceeded, main met, force majeure, behind, shortcomings fixed)."""
    return Targets(row[0], row[1], _optional_flag(row[2]), bool(row[3]), row[4], _optional_flag(row[5]))


def load_rating_data(store: Store, cycle: Cycle) -> RatingData:
    """Every rating record of the cycle (and every discipline), in six queries."""
    data = RatingData()
    for row in store.db.execute(
        "SELECT subject_key, step, level, score, criteria, by, at, justification, peer_group FROM ratings "
        "WHERE cycle_id = ?", [cycle.id]
    ):
        data.ratings.setdefault(row[0], {})[row[1]] = Rating(
            row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"), row[5], dt.date.fromisoformat(row[6]),
            row[7], row[8])
    for row in store.db.execute(
            "SELECT subject_key, date, form, self_remedied, note, kind FROM disciplines ORDER BY date"):
        data.disciplines.setdefault(row[0], []).append(
            Discipline(row[0], dt.date.fromisoformat(row[1]), row[2], bool(row[3]), row[4], row[5]))
    for row in store.db.execute("SELECT subject_key, met_pct, exceeded_pct, main_met, force_majeure, behind_pct, "
                                "shortcomings_fixed FROM targets WHERE cycle_id = ?", [cycle.id]):
        data.targets[row[0]] = _targets(row[1:])
    for row in store.db.execute("SELECT subject_key, kind, date, note FROM conclusions WHERE cycle_id = ? "
                                "ORDER BY date, id", [cycle.id]):
        data.conclusions.setdefault(row[0], []).append(
            Conclusion(row[0], row[1], dt.date.fromisoformat(row[2]), row[3]))
    for row in store.db.execute("SELECT subject_key, reason FROM not_rated WHERE cycle_id = ?", [cycle.id]):
        data.not_rated[row[0]] = row[1]
    for row in store.db.execute(
        "SELECT u.code, c.kind, c.level, c.count FROM classification_counts c JOIN units u ON u.id = c.unit_id "
        "WHERE c.cycle_id = ?", [cycle.id]
    ):
        data.counts.setdefault(row[0], {}).setdefault(row[1], {})[row[2]] = row[3]
    return data


@dataclass(frozen=True)
class SubjectRatings:
    """What one subject has on record in a cycle: its steps, the year's discipline (by row id), targets, exclusion."""

    key: str
    steps: dict[str, Rating]
    disciplines: tuple[tuple[int, Discipline], ...]
    targets: Targets | None
    not_rated: tuple[str, str] | None  # reason, note


def subject_ratings(store: Store, cycle: Cycle, key: str) -> SubjectRatings:
    """The rating records of one subject (a dossier's rating tab), discipline limited to the cycle's year."""
    steps = {}
    for row in store.db.execute(
        "SELECT step, level, score, criteria, by, at, justification, peer_group FROM ratings "
        "WHERE cycle_id = ? AND subject_key = ?", [cycle.id, key]
    ):
        steps[row[0]] = Rating(key, row[0], row[1], row[2], json.loads(row[3] or "{}"), row[4],
                               dt.date.fromisoformat(row[5]), row[6], row[7])
    disciplines = tuple(
        (row[0], Discipline(key, dt.date.fromisoformat(row[1]), row[2], bool(row[3]), row[4], row[5] or ""))
        for row in store.db.execute("SELECT id, date, form, self_remedied, note, kind FROM disciplines "
                                    "WHERE subject_key = ? ORDER BY date, id", [key])
        if dt.date.fromisoformat(row[1]).year == cycle.year
    )
    targets = store.db.execute("SELECT met_pct, exceeded_pct, main_met, force_majeure, behind_pct, shortcomings_fixed "
                               "FROM targets WHERE cycle_id = ? AND subject_key = ?", [cycle.id, key]).fetchone()
    excluded = store.db.execute("SELECT reason, note FROM not_rated WHERE cycle_id = ? AND subject_key = ?",
                                [cycle.id, key]).fetchone()
    return SubjectRatings(key, steps, disciplines, _targets(targets) if targets else None,
                          (excluded[0], excluded[1]) if excluded else None)


def subject_conclusions(store: Store, cycle: Cycle, key: str) -> list[Conclusion]:
    """The conclusions recorded about one subject in this cycle, oldest first."""
    return [Conclusion(key, row[0], dt.date.fromisoformat(row[1]), row[2] or "")
            for row in store.db.execute("SELECT kind, date, note FROM conclusions WHERE cycle_id = ? AND "
                                        "subject_key = ? ORDER BY date", [cycle.id, key])]


def remove_discipline(store: Store, key: str, discipline_id: int, *, actor: str = "system") -> None:
    """Delete one disciplinary record of a subject (recorded by mistake)."""
    with store.atomic():
        row = store.db.execute("SELECT date, form FROM disciplines WHERE id = ? AND subject_key = ?",
                               [discipline_id, key]).fetchone()
        if row is None:
            raise ValidationError(_("This discipline record no longer exists."), [("discipline", str(discipline_id))])
        _ensure_open(store, key, year=dt.date.fromisoformat(row[0]).year)
        store.db.execute("DELETE FROM disciplines WHERE id = ?", [discipline_id])
        store.audit(actor, "discipline.remove", key, date=row[0], form=row[1])


def clear_not_rated(store: Store, cycle: Cycle, key: str, *, actor: str = "system") -> None:
    """Withdraw a 'not rated this cycle' record."""
    _ensure_open(store, key, cycle_id=cycle.id)
    with store.atomic():
        store.db.execute("DELETE FROM not_rated WHERE cycle_id = ? AND subject_key = ?", [cycle.id, key])
        store.audit(actor, "rating.rated_again", key, cycle=cycle.id)


def unit_classification_counts(store: Store, cycle: Cycle, unit_code: str) -> dict[str, dict[str, int]]:
    """A unit's classification report: kind ('members', 'cells') -> level -> count."""
    unit = get_unit(store, unit_code)
    counts: dict[str, dict[str, int]] = {}
    for kind, level, count in store.db.execute(
        "SELECT kind, level, count FROM classification_counts WHERE cycle_id = ? AND unit_id = ?", [cycle.id, unit.id]
    ):
        counts.setdefault(kind, {})[level] = count
    return counts
