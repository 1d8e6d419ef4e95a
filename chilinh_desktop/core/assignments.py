"""Who attends and directs each unit's review meeting (phân công dự chỉ đạo kiểm điểm, Thông báo 1198-TB/TU).

The Board records the assignments; a cycle kit carries them to the unit, whose minutes (BBKD) are
prefilled with the assigned names. The minutes rule (forms/duties/<cycle>.toml, [minutes]) reports
minutes whose attendance field names nobody from the assignment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.errors import NotFoundError, ValidationError
from chilinh_desktop.core.input_rules import text_limits, text_problem
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _

if TYPE_CHECKING:
    from chilinh_desktop.core.rules import Finding


@dataclass(frozen=True)
class Assignment:
    """One leader assigned to one unit's review meeting."""

    unit_code: str
    name: str
    post: str

    def to_json(self) -> dict[str, Any]:
        """The assignment as scripts and kits carry it."""
        return {"unit_code": self.unit_code, "name": self.name, "post": self.post}

    @property
    def line(self) -> str:
        """Name and post as the minutes write them."""
        return f"{self.name} ({self.post})" if self.post else self.name


def find_unit(store: Store, text: str) -> tuple[str | None, str]:
    """The code of the unit named by `text` (its code, or its exact name, case and spacing aside), and the problem.

    A name two units share is refused with both codes, so the clerk can choose; a window's picker and
    the command line both come here, so they accept and refuse the same things with the same words.
    """
    wanted = clean_line(text)
    if not wanted:
        return None, _("choose the unit (its name or its code)")
    try:
        return get_unit(store, wanted.upper()).code, ""
    except NotFoundError:
        pass
    key = wanted.casefold()
    codes = [code for code, name in store.db.execute("SELECT code, name FROM units ORDER BY sort_key, code")
             if clean_line(name).casefold() == key]
    if len(codes) == 1:
        return codes[0], ""
    if codes:
        return None, _("several units are named {name} ({codes}): give the code", name=wanted,
                       codes=", ".join(codes))
    return None, _("no unit has the name or code {text}", text=wanted)


def unit_names(store: Store) -> dict[str, str]:
    """Every unit's name by its code (the lists show names, not codes)."""
    return dict(store.db.execute("SELECT code, name FROM units"))


def checked(store: Store, unit: str, name: str, post: str) -> Assignment:
    """An assignment, its text cleaned and its unit known (by code or exact name); ValidationError names problems."""
    # The limits and character rules of every incoming text (typed, or a row of an Excel list).
    problems = []
    for label, value in (("unit", unit), ("name", name), ("post", post)):
        problem = text_problem(value, text_limits(store.definitions).line)
        if problem is not None:
            problems.append((label, problem))
    if problems:
        raise ValidationError(_("The assignment cannot be recorded; nothing was changed."), problems)
    name, post = clean_line(name), clean_line(post)
    if not name:
        problems.append(("name", _("the leader's name is empty")))
    code, problem = find_unit(store, unit)
    if problem:  # said with the other problems of the same row
        problems.append(("unit", problem))
    if problems:
        raise ValidationError(_("The assignment cannot be recorded; nothing was changed."), problems)
    return Assignment(code or "", name, post)


def remove_assignment(store: Store, cycle: Cycle, unit: str, name: str, *, actor: str) -> Assignment:
    """Remove one leader's assignment to a unit's review meeting (a wrong entry), audited; the row removed."""
    code, problem = find_unit(store, unit)
    if problem:
        raise ValidationError(_("The assignment cannot be removed; nothing was changed."), [("unit", problem)])
    wanted = clean_line(name).casefold()
    found = next((row for row in assignments(store, cycle, {code or ""}) if row.name.casefold() == wanted), None)
    if found is None:
        raise NotFoundError(_("{name} is not assigned to the review meeting of {unit}; nothing was changed.",
                              name=clean_line(name) or "—", unit=unit_names(store).get(code or "", code)),
                            code="leader.not_assigned")
    with store.atomic():
        store.db.execute("DELETE FROM leader_assignments WHERE cycle_id = ? AND unit_code = ? AND name = ?",
                         [cycle.id, found.unit_code, found.name])
        store.audit(actor, "leader.unassign", f"unit:{found.unit_code}", cycle=cycle.id, name=found.name,
                    post=found.post)
    return found


def add_assignments(store: Store, cycle: Cycle, rows: list[Assignment], *, actor: str) -> int:
    """Record assignments (a repeated name for a unit updates its post); return how many rows were written."""
    with store.atomic():
        for row in rows:
            store.db.execute(
                "INSERT INTO leader_assignments (cycle_id, unit_code, name, post, recorded_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (cycle_id, unit_code, name) DO UPDATE SET post = excluded.post",
                [cycle.id, row.unit_code, row.name, row.post, store.now_text()])
            store.audit(actor, "leader.assign", f"unit:{row.unit_code}", cycle=cycle.id, name=row.name, post=row.post)
    return len(rows)


def replace_assignments(store: Store, cycle: Cycle, codes: set[str], rows: list[dict[str, Any]], *,
                        actor: str) -> None:
    """The assignments of `codes` become `rows` (a kit brings the Board's current list)."""
    with store.atomic():
        for code in sorted(codes):
            store.db.execute("DELETE FROM leader_assignments WHERE cycle_id = ? AND unit_code = ?", [cycle.id, code])
        add_assignments(store, cycle, [Assignment(r["unit_code"], clean_line(r["name"]), clean_line(r.get("post", "")))
                                       for r in rows if r.get("unit_code") in codes and r.get("name")], actor=actor)


def assignments(store: Store, cycle: Cycle, unit_codes: set[str] | None = None) -> list[Assignment]:
    """The assignments of the cycle, unit by unit, in the order recorded."""
    rows = [Assignment(*r) for r in store.db.execute(
        "SELECT unit_code, name, post FROM leader_assignments WHERE cycle_id = ? ORDER BY unit_code, id", [cycle.id])]
    return [r for r in rows if unit_codes is None or r.unit_code in unit_codes]


def minutes_line(rows: list[Assignment]) -> str:
    """The attendance line the minutes are prefilled with."""
    return "; ".join(r.line for r in rows)


def names_anyone(text: str, rows: list[Assignment]) -> bool:
    """Whether `text` names at least one of the assigned leaders (case and spacing ignored)."""
    said = clean_line(text).casefold()
    return any(clean_line(r.name).casefold() in said for r in rows)


def minutes_findings(store: Store, cycle: Cycle) -> list[Finding]:
    """Minutes of a unit with an assignment that name none of its assigned leaders (the [minutes] rule)."""
    from chilinh_desktop.core.rules import Finding

    rule = duties_rules(cycle).minutes
    if rule is None:
        return []
    by_unit: dict[str, list[Assignment]] = {}
    for row in assignments(store, cycle):
        by_unit.setdefault(row.unit_code, []).append(row)
    findings = []
    for key, code, name, text in store.db.execute(
        "SELECT d.subject_key, u.code, u.name, i.answers FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
        "JOIN units u ON u.id = d.unit_id WHERE d.cycle_id = ? AND i.form_id = ? AND i.answers IS NOT NULL "
        "ORDER BY u.code", [cycle.id, rule.form]):
        assigned = by_unit.get(code)
        if not assigned:
            continue
        said = json.loads(text or "{}").get(rule.field) or ""
        if names_anyone(str(said), assigned):
            continue
        findings.append(Finding("duties_minutes_assigned", rule.citation, "warning", key, name, (code,),
                                rule.message.format(subject=name, assigned=minutes_line(assigned)), rule.action))
    return findings
