"""Rules across a unit's papers: what a Board clerk checks before accepting a dossier (issue 23).

Each kind reads the answers stored in the dossiers and compares them with the rest of the dossier
and the cadre registry: who signs and chairs, the meeting's times and date, a self-assessment's
criteria against the level it claims, document numbers, dates of papers against the meeting,
a cadre's cell and posts. Which form, field, post and word each check reads is rule data
(forms/rules/<id>.toml); the messages and citations too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.form_rules import _answers as _all_answers
from chilinh_desktop.core.form_rules import _subject
from chilinh_desktop.core.officials import Official
from chilinh_desktop.core.rulesets import Rule

if TYPE_CHECKING:
    from chilinh_desktop.core.rules import Finding, _Context


def _fold(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def _judged(ctx: _Context) -> set[str] | None:
    """The units judged: every one for this installation's own check; at the Board, those whose records arrived."""
    if not ctx.received:
        return None
    if "judged" not in ctx.memo:  # once per evaluation, not per rule
        ctx.memo["judged"] = {ctx.subjects[k].unit_code for k in ctx.data.ratings if k in ctx.subjects}
    return ctx.memo["judged"]


def _answers(ctx: _Context, form: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    judged = _judged(ctx)
    for key, unit_code, answers in _all_answers(ctx, form):
        if judged is None or unit_code in judged:
            yield key, unit_code, answers


def _officials(ctx: _Context, *, managed: bool = False) -> list[Official]:
    """The cadres the evaluation sees (only those the cycle's dossier covers, when `managed`).

    Judging what units sent (the Board), only the cadres of units whose records arrived: a unit whose
    package is not in is not judged on the Board's registry alone."""
    judged = _judged(ctx)
    return [o for o in ctx.officials if f"official:{o.id}" in ctx.subjects
            and (not managed or o.tier in ctx.cycle.managed_tiers)
            and (judged is None or o.unit_code in judged)]


def _posts(official: Official) -> list[str]:
    """Every post a cadre holds, party first, each as its own phrase ("Bí thư Đảng ủy", "Chủ tịch UBND")."""
    return [p.strip() for text in (official.party_post, official.government_post, official.mass_org_post)
            for p in (text or "").split(",") if p.strip()]


def _signers(ctx: _Context, rule: Rule) -> dict[str, list[tuple[str, str, str, str]]]:
    """Unit code → (paper label, typed name, typed role, subject key) of each paper the rule names."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for paper in rule.params["papers"]:
        for key, unit_code, answers in _answers(ctx, paper["form"]):
            name = " ".join(str(answers.get(paper["field"]) or "").split())
            role = " ".join(str(answers.get(paper.get("role_field", "")) or "").split())
            if name:
                found.setdefault(unit_code, []).append((paper["label"], name, role, key))
    return found


def paper_signer_listed(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A unit's paper signed or chaired by someone who is not on the unit's own cadre list."""
    by_unit: dict[str, set[str]] = {}
    for official in _officials(ctx):
        by_unit.setdefault(official.unit_code, set()).add(_fold(official.full_name))
    for unit_code, papers in sorted(_signers(ctx, rule).items()):
        for label, name, _role, key in papers:
            if _fold(name) not in by_unit.get(unit_code, set()):
                yield ctx.finding(rule, _subject(ctx, key, unit_code), key=f"{key}:{label}", paper=label, who=name)


def _holds(official: Official, role: str) -> bool:
    """Whether the printed role is the signer's own: "BÍ THƯ" for the holder, "PHÓ BÍ THƯ" or
    "KT. BÍ THƯ" for a deputy (who signs for the holder)."""
    posts = [_fold(post) for post in _posts(official)]
    folded = _fold(role)
    for prefix in ("kt.", "k/t"):
        if folded.startswith(prefix):
            deputy = "phó " + folded.removeprefix(prefix).strip()
            return any(post.startswith(deputy) for post in posts)
    return any(post.startswith(folded) for post in posts)


def paper_signer_post(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A paper whose signer's printed role is not a post the signer holds (a deputy signs as deputy)."""
    people: dict[tuple[str, str], Official] = {}
    for official in _officials(ctx):
        people[(official.unit_code, _fold(official.full_name))] = official
    for unit_code, papers in sorted(_signers(ctx, rule).items()):
        for label, name, role, key in papers:
            official = people.get((unit_code, _fold(name)))
            if official is None or not role:
                continue  # an unknown signer is paper_signer_listed's finding
            if not _holds(official, role):
                yield ctx.finding(rule, _subject(ctx, key, unit_code), key=f"{key}:{label}", paper=label, who=name,
                                  role=role, post=", ".join(_posts(official)) or "—")


def paper_signer_same(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A unit whose papers are signed or chaired by different people."""
    for unit_code, papers in sorted(_signers(ctx, rule).items()):
        names = {_fold(name): name for _label, name, _role, _key in papers}
        if len(names) > 1:
            listed = "; ".join(f"{label}: {name}" for label, name, _role, _key in papers)
            yield ctx.finding(rule, _subject(ctx, papers[0][3], unit_code), key=f"signers:{unit_code}", who=listed)


_TIME = re.compile(r"(\d{1,2})\s*(?:giờ|h|:)\s*(\d{1,2})?", re.IGNORECASE)


def clock_minutes(text: Any) -> int | None:
    """Minutes after midnight of a typed time ("14 giờ 00 phút", "8h30", "14:00"); None when unreadable."""
    match = _TIME.search(str(text or ""))
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    return hours * 60 + minutes if hours < 24 and minutes < 60 else None


def form_time_order(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A meeting that ends before (or when) it starts."""
    p = rule.params
    for key, unit_code, answers in _answers(ctx, p["form"]):
        start, end = clock_minutes(answers.get(p["start_field"])), clock_minutes(answers.get(p["end_field"]))
        if start is not None and end is not None and end <= start:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), start=answers[p["start_field"]],
                              end=answers[p["end_field"]])


def form_criteria_excellent(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A form that claims a level (HTXSNV) while its own self-assessment rates a criterion below the bar."""
    p = rule.params
    levels = ctx.cycle.criterion_levels
    labels = ctx.rule_set
    words = p["level_labels"]  # how the self-assessment reads on paper

    def rank(level: Any) -> int:
        return levels.index(level) if level in levels else len(levels)

    for key, unit_code, answers in _answers(ctx, p["form"]):
        if not any(answers.get(f) == p["level_rated"] for f in p["rating_fields"]):
            continue
        failed = []
        for field_id, criterion in p["level_fields"].items():
            typed = answers.get(field_id)
            bar = p.get("criteria_at", {}).get(criterion, p["min_criterion"])
            if typed is not None and rank(typed) > rank(bar):  # an unticked box is form_filled's finding
                failed.append(f"{labels.criterion_label(criterion)} ({words.get(str(typed), str(typed))})")
        if failed:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), level=p["level_rated"], criterion="; ".join(failed))




def document_numbers(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """Two documents of one issuer, of one type (BC, BB) and one committee term, with the same number.

    HD 36-HD/VPTW numbers a committee's documents from 01 for each type within one term (nhiệm kỳ cấp ủy).
    The rule's `terms` give when each term began; without them, or before the first, the year stands in.
    """
    terms = sorted((_date(t["from"]), str(t["label"])) for t in rule.params.get("terms", ()))

    def term_of(when: dt.date) -> str:
        label = str(when.year)
        for began, name in terms:
            if began is not None and began <= when:
                label = name
        return label

    seen: dict[tuple[str, str, str, str], list[tuple[str, str]]] = {}
    for paper in rule.params["papers"]:
        for key, unit_code, answers in _answers(ctx, paper["form"]):
            number = str(answers.get(paper.get("field", "number")) or "").strip()
            if not number:
                continue
            when = _date(answers.get(paper.get("date_field", "document_date"))) or dt.date(ctx.cycle.year, 12, 31)
            seen.setdefault((unit_code, paper["type"], term_of(when), number.lstrip("0")), []).append(
                (paper["label"], key))
    for (unit_code, kind, term, number), papers in sorted(seen.items()):
        if len(papers) > 1:
            yield ctx.finding(rule, _subject(ctx, papers[0][1], unit_code), key=f"number:{unit_code}:{kind}:{number}",
                              number=number, kind=kind, term=term, papers=", ".join(label for label, _key in papers))


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _meeting_dates(ctx: _Context, p: dict) -> dict[str, dt.date]:
    dates = {}
    for _key, unit_code, answers in _answers(ctx, p["meeting_form"]):
        when = _date(answers.get(p["meeting_field"]))
        if when is not None:
            dates[unit_code] = when
    return dates


def form_date_versus_meeting(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A cadre's paper dated after the meeting that reviewed it (02B), or before it (the pledge follows it)."""
    p = rule.params
    meetings = _meeting_dates(ctx, p)
    for key, unit_code, answers in _answers(ctx, p["form"]):
        when, meeting = _date(answers.get(p["field"])), meetings.get(unit_code)
        if when is None or meeting is None:
            continue
        wrong = when > meeting if p["relation"] == "not_after" else when < meeting
        if wrong:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), date=running_date(when),
                              meeting=running_date(meeting))


def official_cell_in_tree(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A cadre whose "Chi bộ" is not a party cell of the tree."""
    # Anywhere in the tree: an agency's cell sits under the agencies' party committee, not under the agency.
    tree = ctx.tree
    kinds = set(rule.params["cell_types"])
    cells = {_fold(node.unit.name) for node in tree.by_code.values() if node.unit.type in kinds}
    for official in _officials(ctx, managed=True):
        # An empty cell prints the cell from the tree (formspec/context.py): nothing to contradict.
        if official.unit_code not in tree.by_code or not official.party_cell:
            continue
        if _fold(official.party_cell) not in cells:
            yield ctx.finding(rule, ctx.subjects[f"official:{official.id}"], cell=official.party_cell or "—")


def official_posts_in_place(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A government post written as a party post, or a party post as a government post."""
    party_words = [_fold(w) for w in rule.params["party_words"]]

    def is_party(post: str) -> bool:
        folded = _fold(post)
        return any(folded.startswith(word) for word in party_words)

    for official in _officials(ctx, managed=True):
        party = [p.strip() for p in official.party_post.split(",") if p.strip()]
        government = [p.strip() for p in official.government_post.split(",") if p.strip()]
        misplaced = [p for p in party if not is_party(p)] + [p for p in government if is_party(p)]
        if misplaced:
            yield ctx.finding(rule, ctx.subjects[f"official:{official.id}"], post=", ".join(misplaced))


def staff_not_managed(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A staff member (Chuyên viên) with no leading post listed as a cadre the city manages."""
    staff = [_fold(w) for w in rule.params["staff_posts"]]
    members = {_fold(w) for w in rule.params["member_posts"]}
    for official in _officials(ctx):
        if official.tier not in ctx.cycle.managed_tiers:
            continue
        government = _fold(official.government_post)
        if any(government.startswith(w) for w in staff) and _fold(official.party_post) in members | {""}:
            yield ctx.finding(rule, ctx.subjects[f"official:{official.id}"], post=official.government_post)


def form_not_own_signature(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A cadre who signs a block of their own form that the managing level signs (the final rating)."""
    p = rule.params
    names = {f"official:{o.id}": _fold(o.full_name) for o in _officials(ctx)}
    for key, unit_code, answers in _answers(ctx, p["form"]):
        typed = _fold(answers.get(p["field"]))
        if typed and typed == names.get(key):
            yield ctx.finding(rule, _subject(ctx, key, unit_code), who=answers[p["field"]])


_PLACEHOLDER = re.compile(r"^[\s.…_\-–]*$")


def form_filled(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A form whose boxes are left unticked or whose items are left empty or as dotted placeholders."""
    p = rule.params
    # Only items the form engine counts as done: a draft's gaps are the progress view's business.
    done = ctx.memo.get("done_items")
    if done is None:  # once per evaluation: each form_filled rule asks
        done = ctx.memo["done_items"] = {(key, form) for key, form in ctx.store.db.execute(
            "SELECT d.subject_key, i.form_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
            "WHERE d.cycle_id = ? AND i.state IN ('complete', 'signed_off')", [ctx.cycle.id])}
    for key, unit_code, answers in _answers(ctx, p["form"]):
        if (key, p["form"]) not in done:
            continue
        empty = [label for field_id, label in p["fields"].items()
                 if answers.get(field_id) is None or (isinstance(answers[field_id], str)
                                                      and _PLACEHOLDER.match(answers[field_id]))]
        if empty:
            yield ctx.finding(rule, _subject(ctx, key, unit_code), fields="; ".join(empty))


def form_rows_full_post(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    """A table row (the minutes' cadre list) whose "Chức vụ" leaves out a post the registry gives the cadre."""
    p = rule.params
    skip = {_fold(w) for w in p.get("ignore_posts", [])}
    people = {(o.unit_code, _fold(o.full_name)): o for o in _officials(ctx)}
    for key, unit_code, answers in _answers(ctx, p["form"]):
        for row in answers.get(p["field"]) or []:
            official = people.get((unit_code, _fold(row.get(p["name_column"]))))
            if official is None:
                continue  # someone not on the list is form_rows_in_unit's finding
            typed = _fold(row.get(p["column"]))
            missing = [post for post in _posts(official) if _fold(post) not in skip and _fold(post) not in typed]
            if missing:
                yield ctx.finding(rule, _subject(ctx, key, unit_code), key=f"{key}:{official.id}:post",
                                  who=official.full_name, post=", ".join(missing))
