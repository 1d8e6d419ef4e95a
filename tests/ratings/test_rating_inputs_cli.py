"""The inputs of QĐ 124's and QĐ 366's grounds, recorded from the command line: each changes its rule's outcome,
and a wrong value is refused (exit 2) with the operation's words."""

from __future__ import annotations

import datetime as dt

import pytest
from ratings_helpers import DAY, rules_hit

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.ratings import record_rating, subject_key
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.core.units import add_unit


def _cli(store, *args: str) -> int:
    return main([*args, "--db", str(store.path)])


def _rated_unit(store, cycle, code="DB01", level="HTTNV"):
    key = subject_key(store, unit_code=code)
    record_rating(store, cycle, key, "proposal", level, by="x", at=DAY,
                  criteria={"xay_dung_dang": "tot", "ket_qua": "tot"})
    return key


def test_a_discipline_of_a_corruption_case_below_forces_khtnv_on_the_organisation(city, cycle_2023, capsys):
    add_unit(city, code="CB01", name="Chi bộ Khu 1", type="chi_bo_truc_thuoc", parent_code="DB01",
             valid_from=dt.date(2020, 1, 1))
    _rated_unit(city, cycle_2023)
    assert _cli(city, "discipline", "add", "--unit", "CB01", "--collective", "--date", "2023-06-01",
                "--form", "Khiển trách") == 0
    assert rules_hit(city, cycle_2023, "units_case_disciplined") == []  # a discipline, but not of such a case
    assert _cli(city, "discipline", "add", "--unit", "CB01", "--collective", "--date", "2023-07-01",
                "--form", "Cảnh cáo", "--kind", "tham_nhung_tieu_cuc") == 0
    [finding] = rules_hit(city, cycle_2023, "units_case_disciplined")
    assert "Chi bộ Khu 1" in finding.message


def test_an_unknown_kind_of_case_is_refused(city, cycle_2023, capsys):
    before = city.db.execute("SELECT count(*) FROM disciplines").fetchone()
    code = _cli(city, "discipline", "add", "--unit", "DB01", "--collective", "--date", "2023-06-01",
                "--form", "Khiển trách", "--kind", "tham_nhung")
    err = capsys.readouterr().err
    assert code == 2 and "Không rõ loại vụ việc tham_nhung" in err and "tham_nhung_tieu_cuc" in err
    assert city.db.execute("SELECT count(*) FROM disciplines").fetchone() == before


def test_a_concluded_degradation_forces_khtnv_on_the_cadre(city, cycle_2023, cadre, capsys):
    key = cadre("HTTNV")
    official_id = key.removeprefix("official:")
    assert rules_hit(city, cycle_2023, "conclusion_individual") == []
    assert _cli(city, "conclusion", "add", "--official", official_id, "--kind", "suy_thoai",
                "--date", "2023-08-14") == 0
    [finding] = rules_hit(city, cycle_2023, "conclusion_individual")
    assert "14/8/2023" in finding.message
    assert _cli(city, "conclusion", "add", "--official", official_id, "--kind", "khac", "--date", "2023-08-14") == 2
    assert "Không rõ loại kết luận khac" in capsys.readouterr().err


@pytest.mark.parametrize(("options", "hit"), [
    ((), True),  # under half, main targets not recorded
    (("--main-met", "no"), True),
    (("--main-met", "yes"), False),
    (("--main-met", "no", "--force-majeure"), False),
])
def test_main_targets_and_force_majeure_decide_the_targets_ground(city, cycle_2023, options, hit):
    _rated_unit(city, cycle_2023)
    assert _cli(city, "targets", "--unit", "DB01", "--met", "40", *options) == 0
    assert bool(rules_hit(city, cycle_2023, "targets_below_half")) is hit


def test_more_exceeded_than_met_is_refused(city, cycle_2023, capsys):
    assert _cli(city, "targets", "--unit", "DB01", "--met", "40", "--exceeded", "60") == 2
    assert "không thể lớn hơn" in capsys.readouterr().err
    assert city.db.execute("SELECT count(*) FROM targets").fetchone() == (0,)


@pytest.mark.parametrize(("options", "hit"), [
    (("--behind", "0", "--shortcomings-fixed", "yes"), False),
    (("--behind", "0", "--shortcomings-fixed", "no"), True),
    (("--behind", "5", "--shortcomings-fixed", "yes"), True),
    (("--behind", "0"), True),  # whether the shortcomings were fixed is not recorded
])
def test_behind_schedule_and_shortcomings_fixed_decide_qd_366s_conditions(demo_store, options, hit):
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2025"))
    install_cycle(demo_store, cycle, make_current=False)
    ensure_dossiers(demo_store, cycle)
    official = next(o for o in list_officials(demo_store) if o.tier in cycle.managed_tiers)
    key = subject_key(demo_store, official_id=official.id)
    record_rating(demo_store, cycle, key, "self", None, score=92, by="Cán bộ", at=dt.date(2025, 12, 10))
    assert _cli(demo_store, "targets", "--cycle", cycle.id, "--official", official.id, "--met", "100",
                "--exceeded", "35", *options) == 0
    found = [f for f in evaluate(demo_store, cycle) if f.subject == key and f.rule.endswith("_conditions")]
    assert bool(found) is hit


def test_a_discipline_of_another_year_is_refused_not_saved_and_lost(city, cycle_2023, capsys):
    add_unit(city, code="CB02", name="Chi bộ Khu 2", type="chi_bo_truc_thuoc", parent_code="DB01",
             valid_from=dt.date(2020, 1, 1))
    before = city.db.execute("SELECT count(*) FROM disciplines").fetchone()[0]
    assert _cli(city, "discipline", "add", "--unit", "CB02", "--collective", "--date", "2022-06-01",
                "--form", "Khiển trách") == 2
    assert "không thuộc năm 2023" in capsys.readouterr().err
    assert city.db.execute("SELECT count(*) FROM disciplines").fetchone()[0] == before
