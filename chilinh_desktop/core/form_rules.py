"""Rules across forms and records: what a printed form says must not contradict the data.

The kinds of check here read the answers stored in the dossiers (a form's self-rating, the
minutes' attendance and cadre list, the commendation proposals) and compare them with the
rating records and the unit tree. Which form and field each check reads is rule data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from chilinh_desktop.core.rulesets import Rule

if TYPE_CHECKING:
    from chilinh_desktop.core.rules import Finding, _Context


def _answers(ctx: _Context, form: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(subject key of the dossier, unit code, answers) of every stored item made with `form`.

    Read and parsed once per evaluation and form (several checks read the same form); the answers are shared:
    read them, never change them.
    """
    read = ctx.memo.setdefault("answers", {})
    if form not in read:
        texts = ctx.memo.get("answer_texts")
        if texts is None:  # every form's in one pass: a query per form walked all the cycle's dossiers each time
            texts = ctx.memo["answer_texts"] = {}
            for form_id, key, unit_code, text in ctx.store.db.execute(
                    "SELECT i.form_id, d.subject_key, u.code, i.answers FROM dossier_items i "
                    "JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.unit_id "
                    "WHERE d.cycle_id = ? AND i.answers IS NOT NULL ORDER BY u.code, d.subject_key, i.kind",
                    [ctx.cycle.id]):
                texts.setdefault(form_id, []).append((key, unit_code, text))
        read[form] = [(key, unit_code, json.loads(text or "{}")) for key, unit_code, text in texts.get(form, ())]
    yield from read[form]


def _subject(ctx: _Context, key: str, unit_code: str):
    return ctx.subjects.get(key) or ctx.subjects.get(ctx.unit_key.get(unit_code, ""))


def form_self_rating(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A self-rating typed on a form that differs from the rating record's step (self by default)."""
    p = rule.params
    step = p.get("step", "self")
    for key, unit_code, answers in _answers(ctx, p["form"]):
        typed = answers.get(p["field"])
        recorded = ctx.data.ratings.get(key, {}).get(step)
        if typed and recorded is not None and typed != recorded.level:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), level=recorded.level, step=step, typed=typed)


def form_at_most(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A typed number larger than the number it is part of (present > convened, votes > present)."""
    p = rule.params
    for key, unit_code, answers in _answers(ctx, p["form"]):
        value, limit = answers.get(p["field"]), answers.get(p["limit_field"])
        if isinstance(value, int | float) and isinstance(limit, int | float) and value > limit:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), value=f"{value:g}", limit=f"{limit:g}")


def _people_of(ctx: _Context, unit_code: str) -> dict[str, str]:
    """Full name → subject key of the cadres of a unit and the units below it."""
    found = ctx.memo.setdefault("people_of", {}).get(unit_code)
    if found is None:
        by_unit = ctx.memo.get("people_by_unit")
        if by_unit is None:  # once per evaluation: a province has thousands of units and cadres
            by_unit = ctx.memo["people_by_unit"] = {}
            for n, s in enumerate(ctx.subjects.values()):
                if s.kind == "official":
                    by_unit.setdefault(s.unit_code, []).append((n, s.name.casefold(), s.key))
        # In the subjects' order, as before, so of two namesakes the later one answers.
        people = sorted(p for code in ctx.tree.subtree_codes(unit_code) for p in by_unit.get(code, ()))
        found = ctx.memo["people_of"][unit_code] = {name: key for _n, name, key in people}
    return found


def form_rows_in_unit(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A person listed in a form's table who is not a cadre of the unit (or of a unit below it)."""
    p = rule.params
    for key, unit_code, answers in _answers(ctx, p["form"]):
        people = _people_of(ctx, unit_code)
        for row in answers.get(p["field"]) or []:
            name = " ".join(str(row.get(p["column"]) or "").split())
            if name and name.casefold() not in people:
                yield ctx.finding(rule, _subject(ctx, key, unit_code), key=f"{key}:{name}", who=name)


def form_rows_rated(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A commendation proposal whose person or organisation is not rated at the required level."""
    p = rule.params
    wanted = p["level_rated"]
    tree = ctx.tree
    # A unit none of whose records are judged is skipped (a Board judges only what units sent).
    judged = {ctx.subjects[k].unit_code for k in ctx.data.ratings if k in ctx.subjects}
    for key, unit_code, answers in _answers(ctx, p["form"]):
        if unit_code not in judged:
            continue
        people = _people_of(ctx, unit_code)
        units = {node.unit.name.casefold(): f"unit:{node.unit.id}" for node in tree.by_code[unit_code].walk()}
        for row in answers.get(p["field"]) or []:
            name = " ".join(str(row.get(p["column"]) or "").split())
            if not name:
                continue
            target = people.get(name.casefold()) or units.get(name.casefold())
            rating = ctx.data.effective(target) if target else None
            if rating is None or rating.level != wanted:
                yield ctx.finding(rule, _subject(ctx, key, unit_code), key=f"{key}:{name}", who=name,
                                  level=rating.level if rating else "—", required=wanted)


def counts_within_tree(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A unit's classification of its organisations that counts more organisations than the tree has."""
    tree = ctx.tree
    for unit_code, by_kind in sorted(ctx.data.counts.items()):
        node = tree.by_code.get(unit_code)
        counted = sum(by_kind.get("cells", {}).values())
        if node is not None and counted > len(node.children):
            subject = ctx.subjects.get(ctx.unit_key.get(unit_code, ""))
            yield ctx.finding(rule, subject, key=f"counts:{unit_code}:cells:tree", count=counted,
                              total=len(node.children))


def form_points(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A points table whose points do not add up to its total, exceed a criterion's maximum, or leave 0–100."""
    p = rule.params
    top = p.get("max_total", 100)
    for key, unit_code, answers in _answers(ctx, p["form"]):
        rows = answers.get(p["field"]) or []
        total = answers.get(p["total_field"])
        points = [row.get(p["column"]) for row in rows if isinstance(row.get(p["column"]), int | float)]
        number = (int, float)
        over = [row for row in rows if isinstance(row.get(p["column"]), number)
                and isinstance(row.get(p.get("max_column", "")), number) and row[p["column"]] > row[p["max_column"]]]
        wrong_sum = isinstance(total, int | float) and points and abs(sum(points) - total) > 1e-9
        out_of_range = isinstance(total, int | float) and not 0 <= total <= top
        if wrong_sum or out_of_range or over:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), total=f"{total:g}" if total is not None else "—",
                              sum=f"{sum(points):g}", max_total=f"{top:g}", over=len(over))
