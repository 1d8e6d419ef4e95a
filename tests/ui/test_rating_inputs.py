"""The rating inputs in the window: conclusions, the kind of case of a discipline, main targets and force majeure,
behind schedule and shortcomings fixed — each changes its rule's outcome; typed dates and numbers are checked
as typed, and a refusal reads as the command line's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_helpers import open_editable_cadre

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle, install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers, find_dossier
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.ratings import record_rating, subject_conclusions, subject_ratings
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.core.units import unit_tree


def _rating_tab(window):
    view = window.dossier_view
    view.tabs.setCurrentWidget(view.rating_editor)
    return view.rating_editor


def _type(qtbot, field, text: str) -> None:
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)


def _choose(combo, value) -> None:
    combo.setFocus()
    combo.setCurrentIndex(next(n for n in range(combo.count()) if combo.itemData(n) == value))


def _click(qtbot, window, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()


def _hits(store, cycle, rule: str, subject: str | None = None) -> list:
    # A finding about a unit below carries the organisation's key followed by the unit's code.
    return [f for f in evaluate(store, cycle) if f.rule.endswith("." + rule)
            and (subject is None or f.subject.split(":")[:2] == subject.split(":"))]


def _rate(qtbot, window, box, level="HTTNV") -> None:
    decision = box.steps["decision"]
    _choose(decision.level, level)
    decision.by.setText("Ban Thường vụ Thành ủy")
    _click(qtbot, window, decision.save)


def test_a_conclusion_typed_in_the_window_forces_khtnv(qtbot, window, demo_store):
    open_editable_cadre(qtbot, window, demo_store)
    box = _rating_tab(window).subjects[0]
    _rate(qtbot, window, box)
    cycle = get_cycle(demo_store)
    assert _hits(demo_store, cycle, "conclusion_individual", box.key) == []
    conclusions = box.conclusions
    _choose(conclusions.kind, "suy_thoai")
    _type(qtbot, conclusions.date, "14/8/2023")
    _click(qtbot, window, conclusions.add)
    [finding] = _hits(demo_store, cycle, "conclusion_individual", box.key)
    assert "14/8/2023" in finding.message
    assert "suy thoái" in conclusions.listing.text()


def test_an_impossible_date_shows_an_inline_error_and_records_nothing(qtbot, window, demo_store, monkeypatch):
    open_editable_cadre(qtbot, window, demo_store)
    editor = _rating_tab(window)
    shown = []
    monkeypatch.setattr(editor, "show_error", shown.append)
    box = editor.subjects[0]
    conclusions = box.conclusions
    _choose(conclusions.kind, "suy_thoai")
    _type(qtbot, conclusions.date, "31/02/2023")
    assert conclusions.date.error.isVisible() and "31/2/2023" in conclusions.date.error.text()
    assert conclusions.date.line.text() == "31/02/2023"  # nothing rewritten
    _click(qtbot, window, conclusions.add)
    assert shown and "màu đỏ" in shown[0]
    assert subject_conclusions(demo_store, get_cycle(demo_store), box.key) == []
    _type(qtbot, box.discipline_date, "99/99/9999")
    assert box.discipline_date.error.isVisible()
    _click(qtbot, window, box.discipline_add)
    assert subject_ratings(demo_store, get_cycle(demo_store), box.key).disciplines == ()


def _draft_collective(store):
    cycle = get_cycle(store)
    tree = unit_tree(store, cycle.tree_date)
    for code, state in store.db.execute(
            "SELECT u.code, d.state FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.official_id IS NULL "
            "AND d.cycle_id = ? ORDER BY u.sort_key", [cycle.id]):
        node = tree.by_code[code]
        if state == "draft" and node.parent_code:
            return cycle, code, tree.by_code[node.parent_code].unit
    raise AssertionError("the demo has no draft collective dossier")


def test_main_targets_and_force_majeure_typed_in_the_window_decide_the_targets_ground(qtbot, window, demo_store,
                                                                                     monkeypatch):
    cycle, code, _parent = _draft_collective(demo_store)
    window.open_dossier(find_dossier(demo_store, cycle, unit_code=code).id)
    shown = []
    monkeypatch.setattr(_rating_tab(window), "show_error", shown.append)
    organisation = _rating_tab(window).subjects[1]
    _rate(qtbot, window, organisation)
    targets = organisation.targets
    _type(qtbot, targets.met, "40")
    _type(qtbot, targets.exceeded, "0")
    _choose(targets.main_met, False)
    _click(qtbot, window, targets.save)
    assert _hits(demo_store, cycle, "targets_below_half", organisation.key), shown
    targets.force_majeure.setChecked(True)
    _click(qtbot, window, targets.save)
    assert _hits(demo_store, cycle, "targets_below_half", organisation.key) == []
    assert subject_ratings(demo_store, cycle, organisation.key).targets.force_majeure is True


def test_the_kind_of_case_typed_in_the_window_reaches_the_organisation_above(qtbot, window, demo_store,
                                                                            monkeypatch):
    cycle, code, parent = _draft_collective(demo_store)
    record_rating(demo_store, cycle, f"unit:{parent.id}", "proposal", "HTTNV", by="x", at=dt.date(2023, 12, 1),
                  criteria={"xay_dung_dang": "tot", "ket_qua": "tot"})
    window.open_dossier(find_dossier(demo_store, cycle, unit_code=code).id)
    shown = []
    monkeypatch.setattr(_rating_tab(window), "show_error", shown.append)
    collective = _rating_tab(window).subjects[0]
    _type(qtbot, collective.discipline_date, "01/9/2023")
    collective.discipline_form.setCurrentIndex(0)
    _click(qtbot, window, collective.discipline_add)
    assert _hits(demo_store, cycle, "units_case_disciplined", f"unit:{parent.id}") == []  # not a listed case
    _type(qtbot, collective.discipline_date, "02/9/2023")
    _choose(collective.discipline_kind, "tham_nhung_tieu_cuc")
    _click(qtbot, window, collective.discipline_add)
    assert _hits(demo_store, cycle, "units_case_disciplined", f"unit:{parent.id}"), (shown, code, parent)


def test_window_and_command_line_refuse_wrong_targets_with_the_same_words(
        qtbot, window, demo_store, demo_path, monkeypatch, capsys):
    official = open_editable_cadre(qtbot, window, demo_store)
    editor = _rating_tab(window)
    shown = []
    monkeypatch.setattr(editor, "show_error", shown.append)
    targets = editor.subjects[0].targets
    _type(qtbot, targets.met, "40")
    _type(qtbot, targets.exceeded, "60")
    _click(qtbot, window, targets.save)
    assert main(["targets", "--db", str(demo_path), "--official", official.id, "--met", "40",
                 "--exceeded", "60"]) == 2
    err = capsys.readouterr().err
    assert shown and "không thể lớn hơn" in shown[0] and shown[0] in err


def test_behind_schedule_and_shortcomings_typed_in_the_window_decide_qd_366s_conditions(
        qtbot, make_window, demo_store):
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2025"))
    install_cycle(demo_store, cycle)
    ensure_dossiers(demo_store, cycle)
    window = make_window(demo_store)
    official = next(o for o in list_officials(demo_store) if o.tier in cycle.managed_tiers)
    window.open_dossier(find_dossier(demo_store, cycle, official_id=official.id).id)
    box = _rating_tab(window).subjects[0]
    step = box.steps["self"]
    _type(qtbot, step.score, "92")
    _click(qtbot, window, step.save)
    targets = box.targets
    assert targets.behind.isVisibleTo(window)
    _type(qtbot, targets.met, "100")
    _type(qtbot, targets.exceeded, "35")
    _type(qtbot, targets.behind, "0")
    _choose(targets.shortcomings, True)
    _click(qtbot, window, targets.save)
    assert [f for f in evaluate(demo_store, cycle) if f.subject == box.key and f.rule.endswith("_conditions")] == []
    _type(qtbot, targets.behind, "5")
    _click(qtbot, window, targets.save)
    assert [f for f in evaluate(demo_store, cycle) if f.subject == box.key and f.rule.endswith("_conditions")]
