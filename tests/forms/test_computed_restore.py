"""Figures the program computes are refused when typed, but answers the program kept itself still restore.

A journal or a stored item from before the figures were computed may hold a typed figure nobody can
edit away (the editor shows the computed value): recovery and `form get` drop it instead of refusing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.formspec import form_for_item, get_form_item
from chilinh_desktop.ops.answers import recover

ITEM = "classification_report"


@dataclass(frozen=True)
class Entry:
    """A journal entry as recovery reads it (ops.answers.PendingAnswers)."""

    key: str
    dossier_id: str
    item_id: str
    form_id: str
    form_version: str
    answers: dict[str, Any]


def test_recovery_saves_a_journal_entry_that_holds_a_typed_figure_without_that_figure(demo_store):
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, unit_code="DB02")
    form = form_for_item(cycle, cycle.item(ITEM))
    entry = Entry(f"{dossier.id}/{ITEM}", dossier.id, ITEM, form.id, form.version,
                  {"org_total": 26, "place": "Thanh Bình"})
    result = recover(demo_store, cycle, [entry], actor="test")
    assert result.saved == [entry.key] and not result.kept
    answers = get_form_item(demo_store, cycle, "BCXL", unit_code="DB02").answers
    assert "org_total" not in answers and answers.get("place") == "Thanh Bình"


def test_form_get_output_goes_back_into_form_set(demo_store, demo_path, tmp_path, capsys):
    # As a file from before the figures were computed: a typed figure among the stored answers.
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, unit_code="DB06")
    stored = get_form_item(demo_store, cycle, "BCXL", unit_code="DB06").answers
    with demo_store.atomic():
        demo_store.db.execute("UPDATE dossier_items SET answers = ? WHERE dossier_id = ? AND kind = ?",
                              [json.dumps({**stored, "org_total": 26}), dossier.id, ITEM])
    assert get_form_item(demo_store, cycle, "BCXL", unit_code="DB06").answers["org_total"] == 26
    demo_store.close()
    assert main(["form", "get", "--db", str(demo_path), "--unit", "DB06", "--form", "BCXL"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "org_total" not in shown
    (tmp_path / "answers.json").write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    assert main(["form", "set", "--db", str(demo_path), "--unit", "DB06", "--form", "BCXL",
                 "--answers", str(tmp_path / "answers.json")]) == 0
