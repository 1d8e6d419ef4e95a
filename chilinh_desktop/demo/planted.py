"""The mistakes the demo plants in its papers on purpose, for `check` and the Board to catch (issue 23).

Everything else in the demo passes its own checks; tests/ratings/test_demo_planted.py lists what
`check` finds on the demo city, so a new, unplanned finding fails it. Each plant goes into the
first unit (in tree order) whose item is done and not signed off, so the demo stays deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec import form_for_item
from chilinh_desktop.formspec.answers import check_and_save

ACTOR = "demo"
Change = Callable[[dict[str, Any], dict[str, dict[str, Any]]], bool]


def _done_items(store: Store, cycle: Cycle, scope: str) -> list[tuple[str, dict[str, dict[str, Any]]]]:
    """(dossier id, form id → answers of its done items) of every unlocked dossier, in tree order."""
    column = "d.official_id IS NOT NULL" if scope == "official" else "d.official_id IS NULL"
    rows = store.db.execute(
        "SELECT d.id, i.form_id, i.answers FROM dossiers d JOIN units u ON u.id = d.unit_id "
        "JOIN dossier_items i ON i.dossier_id = d.id LEFT JOIN officials o ON o.id = d.official_id "
        f"WHERE d.cycle_id = ? AND {column} AND d.signed_off_at IS NULL AND i.state = 'complete' "
        "ORDER BY u.sort_key, o.sort_key, d.id", [cycle.id])
    dossiers: dict[str, dict[str, dict[str, Any]]] = {}
    for dossier_id, form_id, text in rows:
        dossiers.setdefault(dossier_id, {})[form_id] = json.loads(text or "{}")
    return list(dossiers.items())


def _plant(store: Store, cycle: Cycle, scope: str, form_id: str, change: Change) -> None:
    for dossier_id, forms in _done_items(store, cycle, scope):
        if form_id in forms and change(forms[form_id], forms):
            item = next(i for i in cycle.items if i.kind == "form" and i.form == form_id)
            check_and_save(store, cycle, dossier_id, item.id, form_for_item(cycle, item), forms[form_id],
                           actor=ACTOR)
            return


def _minutes_backwards(answers: dict[str, Any], _forms: dict) -> bool:
    answers.update(start_time="14 giờ 00 phút", end_time="11 giờ 30 phút")
    return True


def _same_number(answers: dict[str, Any], forms: dict) -> bool:
    if "01" not in forms or not forms["01"].get("number"):
        return False
    answers["number"] = forms["01"]["number"]
    return True


def _excellent_with_good_tasks(answers: dict[str, Any], _forms: dict) -> bool:
    if answers.get("vii_rating_member") != "HTXSNV":
        return False
    answers["i2_level"] = "tot"
    return True


def plant_paper_mistakes(store: Store, cycle: Cycle) -> None:
    """Minutes that end before they start; two reports of one unit under one number; a 02B claiming
    HTXSNV with its task results at Tốt."""
    with store.atomic():
        _plant(store, cycle, "unit", "BBKD", _minutes_backwards)
        _plant(store, cycle, "unit", "BCXL", _same_number)
        _plant(store, cycle, "official", "02B", _excellent_with_good_tasks)
