"""Who is counted in the classification report's figures: `chilinh figures`, and computed figures are never typed."""

from __future__ import annotations

import json

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.ratings import load_rating_data
from chilinh_desktop.core.units import unit_tree


def _figures(capsys, demo_path, code: str) -> dict:
    assert main(["figures", "--db", str(demo_path), "--unit", code, "--json"]) == 0
    return {f["figure"]: f for f in json.loads(capsys.readouterr().out)["figures"]}


def test_figures_name_the_organisations_under_the_unit(demo_store, demo_path, capsys):
    cycle = get_cycle(demo_store)
    children = [n.unit.name for n in unit_tree(demo_store, cycle.tree_date).by_code["DB01"].children]
    figures = _figures(capsys, demo_path, "DB01")
    assert figures["figures.org_total"]["names"] == children and figures["figures.org_total"]["value"] == len(children)
    # The cells of a ward have no rating records of their own: a count, said to be one, never invented names.
    assert figures["figures.org_httnv"]["names"] is None and "số lượng" in figures["figures.org_httnv"]["basis"]


def test_each_level_lists_exactly_the_organisations_rated_at_it(demo_store, demo_path, capsys):
    cycle = get_cycle(demo_store)
    data = load_rating_data(demo_store, cycle)
    node = unit_tree(demo_store, cycle.tree_date).by_code["TU"]
    figures = _figures(capsys, demo_path, "TU")
    for level in cycle.levels:
        expected = sorted(n.unit.name for n in node.children
                          if (r := data.effective(f"unit:{n.unit.id}")) is not None and r.level == level)
        figure = figures[f"figures.org_{level.lower()}"]
        assert sorted(figure["names"]) == expected and figure["value"] == len(expected)


def test_figures_text_lists_the_names(demo_path, capsys):
    assert main(["figures", "--db", str(demo_path), "--unit", "DB01"]) == 0
    out = capsys.readouterr().out
    assert "Tổng số tổ chức đảng trực thuộc: 4" in out and "    - Chi bộ Trạm Y tế Minh Khai" in out


def test_form_set_refuses_a_typed_computed_figure(demo_store, demo_path, tmp_path, capsys):
    before = demo_store.db.execute("SELECT count(*) FROM audit").fetchone()
    answers = tmp_path / "bcxl.json"
    answers.write_text(json.dumps({"org_total": 26}), encoding="utf-8")
    code = main(["form", "set", "--db", str(demo_path), "--unit", "DB01", "--form", "BCXL", "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 2
    assert "2. Tổng số tổ chức đảng trực thuộc: được tính từ hồ sơ xếp loại" in err
    assert demo_store.db.execute("SELECT count(*) FROM audit").fetchone() == before
