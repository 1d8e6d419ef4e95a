"""Rules across years (Quy định 124-QĐ/TW): what a subject's levels in earlier cycles decide about this one.

A cadre rated KHTNV two years in a row is a ground for considering dismissal (Quy định 41-QĐ/TW,
2021) and a case the cell must consider under the Charter's guidance; a commendation may need N
years in a row at a level. The level, the number of years and the citation are rule data; the
earlier years come from core/history.py (own records, received packages, past ratings).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from chilinh_desktop.core.history import History, rating_history
from chilinh_desktop.core.rulesets import Rule

if TYPE_CHECKING:
    from chilinh_desktop.core.rules import Finding, _Context


def _history(ctx: _Context) -> History:
    cached = getattr(ctx, "_history", None)
    if cached is None:
        cached = rating_history(ctx.store)
        ctx._history = cached  # one reading per evaluation, whichever rules ask
    return cached


def _years_at(ctx: _Context, key: str, level: str, years: int) -> list[int] | None:
    """The `years` years up to the cycle's, when the subject was at `level` in each earlier one; else None."""
    earlier = [ctx.cycle.year - n for n in range(years - 1, 0, -1)]
    past = _history(ctx).get(key, {})
    if all(year in past and past[year].level == level for year in earlier):
        return [*earlier, ctx.cycle.year]
    return None


def repeated_level(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A subject rated `level_rated` this cycle and in each of the `years - 1` years before it."""
    level, years = rule.params["level_rated"], int(rule.params["years"])
    tiers = set(rule.params.get("tiers", ()))
    for subject, rating in ctx.rated(rule):
        if rating.level != level or (tiers and subject.tier not in tiers):
            continue
        run = _years_at(ctx, subject.key, level, years)
        if run is not None:
            yield ctx.finding(rule, subject, level=rating.level, step=rating.step, years=years,
                              years_list=", ".join(str(y) for y in run))


def commendation_years(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A commendation proposal of a listed kind for a subject not at `level_rated` for `years` years in a row."""
    level, years = rule.params["level_rated"], int(rule.params["years"])
    kinds = set(rule.params["commendation_kinds"])
    for key, name, kind in ctx.store.db.execute(
        "SELECT subject_key, name, kind FROM commendations WHERE cycle_id = ? AND subject_key IS NOT NULL "
        "ORDER BY id", [ctx.cycle.id]
    ):
        subject = ctx.subjects.get(key)
        if kind not in kinds or subject is None or subject.kind not in rule.applies_to:
            continue
        rating = ctx.data.effective(key)
        if rating is not None and rating.level == level and _years_at(ctx, key, level, years) is not None:
            continue
        yield ctx.finding(rule, subject, level=rating.level if rating else "", step=rating.step if rating else "",
                          years=years, required=level, commendation=name)
