"""Starting the next year's cycle from the last one: data in the data file, labels rolled, refusals named."""

import json
import sqlite3

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.ops import cycles as cycle_ops

DEADLINES = {"review": "2024-12-10", "dossier": "2024-12-15"}


def test_new_cycle_is_stored_with_years_rolled_forward(store):
    started = cycle_ops.start_cycle(store, copy_from="2023", year=2024, deadlines=DEADLINES, dispatch="812-CV/TU")
    cycle = get_cycle(store)
    assert cycle.id == "2024" and cycle.year == 2024 and started.copied_from == "2023"
    assert cycle.title.endswith("năm 2024")
    assert cycle.tree_date.isoformat() == "2024-12-31"
    assert [d.date.isoformat() for d in cycle.deadlines] == ["2024-12-10", "2024-12-15"]
    assert cycle.item("exemplary_pledge").name.startswith("Bản đăng ký nêu gương năm 2025")
    assert cycle.item("breakthrough_tasks").short_name == "Đột phá 2025"
    assert cycle.item("asset_declaration").name.endswith("năm 2024 (Nghị định 130/2020/NĐ-CP)")
    assert cycle.dispatch["number"] == "812-CV/TU"
    assert "812-CV/TU" in cycle.deadline("review").covers and "789-CV/TU" not in cycle.deadline("review").covers
    # The 2023 cycle is still there, untouched.
    assert get_cycle(store, "2023").item("exemplary_pledge").short_name == "Nêu gương 2024"
    row = store.db.execute("SELECT copied_from FROM cycles WHERE id = '2024'").fetchone()
    assert row[0] == "2023"


def test_a_newer_form_version_of_the_year_is_used_not_a_later_regimes(store):
    # The 2023 cycle puts 01 in 2023.3; 01-2025.1 exists but is for 2025: 2024 keeps 2023.3.
    started = cycle_ops.start_cycle(store, copy_from="2023", year=2024, deadlines=DEADLINES)
    assert started.cycle.raw["forms"]["01"] == "2023.3"
    assert "01" not in started.newer_forms
    assert cycle_ops.newest_form_version(store.definitions, "01", "2023.1", 2025) == "2025.1"
    assert cycle_ops.newest_form_version(store.definitions, "01", "2023.1", 2024) == "2023.3"


def test_refusals_name_every_problem_and_change_nothing(store):
    with pytest.raises(ValidationError) as caught:
        cycle_ops.start_cycle(store, copy_from="2023", year=2024,
                              deadlines={"review": "2024-12-20", "dossier": "2024-12-15", "x": "2024-12-01"})
    where = [w for w, _ in caught.value.problems]
    assert "--deadline x" in where and "--deadline dossier" in where  # unknown id; dossier before review
    assert "trước" in dict(caught.value.problems)["--deadline dossier"]
    with pytest.raises(ValidationError) as caught:
        cycle_ops.start_cycle(store, copy_from="2023", year=2024, deadlines={"review": "2024-02-30"})
    problems = dict(caught.value.problems)
    assert "2024-02-30" in problems["--deadline review"]  # an impossible date
    assert "--deadline dossier" in problems  # a missing deadline
    with pytest.raises(ValidationError) as caught:
        cycle_ops.start_cycle(store, copy_from="2023", year=2024, cycle_id="2023", deadlines=DEADLINES)
    assert "2023" in dict(caught.value.problems)["--id"]
    assert [r.id for r in cycle_ops.list_cycles(store)] == ["2023"]


def test_cli_new_list_use(tmp_path, store, capsys):
    db = str(store.path)
    store.close()
    args = ["cycle", "new", "--db", db, "--from", "2023", "--year", "2024", "--deadline", "review=2024-12-10",
            "--deadline", "dossier=2024-12-15", "--regulation", "124-QD-TW"]
    assert main(args) == 0
    assert main(args) == 2  # the id exists now
    assert "2024" in capsys.readouterr().err
    assert main(["cycle", "list", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["cycles"]
    assert [(c["id"], c["current"]) for c in listed] == [("2023", False), ("2024", True)]
    assert main(["cycle", "use", "--db", db, "2023"]) == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT value FROM settings WHERE key = 'current_cycle'").fetchone()[0] == "2023"
    assert main(["cycle", "use", "--db", db, "2030"]) == 2


def test_scales_and_levels_follow_the_regulation(store):
    kept = cycle_ops.start_cycle(store, copy_from="2023", year=2024, deadlines=DEADLINES).cycle
    assert (kept.rules, kept.scales_id) == ("124-QD-TW", "2023")
    moved = cycle_ops.start_cycle(store, copy_from="2024", year=2026, regulation="366-QD-TW",
                                  deadlines={"review": "2026-12-10", "dossier": "2026-12-15"}).cycle
    assert (moved.rules, moved.scales_id) == ("366-QD-TW", "2025")
