"""The unit's minutes (BBKD) prefilled with the leaders the Board assigned to its review meeting.

Formspec layer: it writes answers through the same checks as any form input. Called when a cycle
kit brings the assignments; only an empty field is filled, so what the unit typed stays.
"""

from __future__ import annotations

from chilinh_desktop.core.assignments import Assignment, assignments, minutes_line
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.errors import NotFoundError, StateError
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.answers import get_form_item, set_form_answers


def prefill_minutes(store: Store, cycle: Cycle, unit_codes: set[str], *, actor: str) -> int:
    """Write the assigned leaders into each unit's minutes where nobody is named yet; return how many were filled.

    Only an empty field is filled, so who actually attended (typed at the unit) is never overwritten.
    """
    rule = duties_rules(cycle).minutes
    if rule is None:
        return 0
    by_unit: dict[str, list[Assignment]] = {}
    for row in assignments(store, cycle, unit_codes):
        by_unit.setdefault(row.unit_code, []).append(row)
    filled = 0
    for code, rows in sorted(by_unit.items()):
        try:
            current = get_form_item(store, cycle, rule.form, unit_code=code)
        except NotFoundError:
            continue  # this unit owes no minutes
        answers = dict(current.answers or {})
        if answers.get(rule.field):
            continue
        answers[rule.field] = minutes_line(rows)
        try:
            set_form_answers(store, cycle, rule.form, answers, unit_code=code, actor=actor)
        except StateError:
            continue  # signed off: the minutes stay as signed
        filled += 1
    return filled
