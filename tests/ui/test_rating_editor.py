"""The rating tab: the three steps, discipline and exclusion edited in the window, findings shown at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_helpers import open_editable_cadre

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle, install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers, find_dossier
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.ratings import load_rating_data, subject_ratings
from chilinh_desktop.core.store import Store
from chilinh_desktop.ui import rating_editor
from chilinh_desktop.ui.rating_models import CommendationModel, DisciplineModel


def _rating_tab(window):
    view = window.dossier_view
    view.tabs.setCurrentWidget(view.rating_editor)
    return view.rating_editor


def _choose(combo, value) -> None:
    """Pick an entry the way a person does from the keyboard: focus, then arrow keys until it shows."""
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(value))


def _type(qtbot, field, text: str) -> None:
    """Replace what a typed field shows by typing, as a person does."""
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)


def _shown_messages(window) -> list[str]:
    model = window.dossier_view.findings.model
    return [model.row_object(r).message for r in range(model.rowCount())]


def test_a_proposal_htxsnv_with_a_kem_criterion_is_an_error_and_is_stored(qtbot, window, demo_store, demo_path):
    official = open_editable_cadre(qtbot, window, demo_store)
    box = _rating_tab(window).subjects[0]
    proposal = box.steps["proposal"]
    _choose(proposal.level, "HTXSNV")
    _choose(proposal.criteria["ket_qua"], "kem")
    proposal.by.setText("Ban Thường vụ Đảng ủy")
    proposal.justification.setText("Đề xuất của Ban Thường vụ")  # the demo's group is over the HTXSNV quota
    qtbot.mouseClick(proposal.save, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()

    assert any("Kém" in message and official.full_name in message for message in _shown_messages(window))
    assert window.dossier_view.findings.isVisible()
    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 5))) as again:
        stored = load_rating_data(again, get_cycle(again)).ratings[f"official:{official.id}"]["proposal"]
    assert (stored.level, stored.criteria["ket_qua"], stored.by) == ("HTXSNV", "kem", "Ban Thường vụ Đảng ủy")


def test_an_excellent_rating_over_the_quota_without_a_justification_is_refused(qtbot, window, demo_store,
                                                                             monkeypatch):
    official = open_editable_cadre(qtbot, window, demo_store)
    shown = []
    editor = _rating_tab(window)
    monkeypatch.setattr(editor, "show_error", shown.append)
    box = editor.subjects[0]
    proposal = box.steps["proposal"]
    before = subject_ratings(demo_store, get_cycle(demo_store), box.key).steps.get("proposal")
    _choose(proposal.level, "HTXSNV")
    proposal.by.setText("Ban Thường vụ Đảng ủy")
    qtbot.mouseClick(proposal.save, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()

    assert shown and "giải trình" in shown[0], official.full_name
    assert subject_ratings(demo_store, get_cycle(demo_store), box.key).steps.get("proposal") == before
    assert proposal.justification.hasFocus()


def test_a_discipline_in_the_year_brings_the_discipline_finding(qtbot, window, demo_store, monkeypatch):
    official = open_editable_cadre(qtbot, window, demo_store)
    box = _rating_tab(window).subjects[0]
    decision = box.steps["decision"]
    _choose(decision.level, "HTTNV")
    decision.by.setText("Ban Thường vụ Thành ủy")
    qtbot.mouseClick(decision.save, Qt.MouseButton.LeftButton)
    _type(qtbot, box.discipline_date, "01/9/2023")
    box.discipline_form.setCurrentIndex(0)
    qtbot.mouseClick(box.discipline_add, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()

    assert any("kỷ luật" in m and official.full_name in m for m in _shown_messages(window))
    assert box.discipline_model.rowCount() == 1

    monkeypatch.setattr(rating_editor, "ask_yes_no", lambda *args, **kwargs: True)
    box.discipline_view.setCurrentIndex(box.discipline_model.index(0, 0))
    qtbot.mouseClick(box.discipline_remove, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert subject_ratings(demo_store, get_cycle(demo_store), box.key).disciplines == ()
    assert not any("kỷ luật" in m and official.full_name in m for m in _shown_messages(window))


def test_the_not_rated_flag_is_kept_and_withdrawn(qtbot, window, demo_store):
    open_editable_cadre(qtbot, window, demo_store)
    box = _rating_tab(window).subjects[0]
    box.not_rated.setChecked(True)
    _choose(box.not_rated_reason, "moi_ket_nap")
    qtbot.mouseClick(box.not_rated_save, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert subject_ratings(demo_store, get_cycle(demo_store), box.key).not_rated == ("moi_ket_nap", "")
    box.not_rated.setChecked(False)
    qtbot.mouseClick(box.not_rated_save, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert subject_ratings(demo_store, get_cycle(demo_store), box.key).not_rated is None


def test_a_signed_off_dossier_has_a_read_only_rating_tab(window, demo_store):
    dossier_id = demo_store.db.execute(
        "SELECT id FROM dossiers WHERE state = 'signed_off' AND official_id IS NOT NULL LIMIT 1").fetchone()[0]
    window.open_dossier(dossier_id)
    box = _rating_tab(window).subjects[0]
    assert not box.steps["proposal"].level.isEnabled() and not box.steps["decision"].save.isEnabled()
    assert box.steps["self"].by.isReadOnly() and not box.discipline_add.isEnabled()


def test_a_collective_dossier_rates_collective_and_organisation_and_keeps_the_report(qtbot, window, demo_store):
    cycle = get_cycle(demo_store)
    code = next(r[0] for r in demo_store.db.execute(
        "SELECT u.code FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.official_id IS NULL "
        "AND d.state = 'draft' AND u.grassroots = 1 ORDER BY u.sort_key"))
    window.open_dossier(find_dossier(demo_store, cycle, unit_code=code).id)
    editor = _rating_tab(window)
    assert [b.kind for b in editor.subjects] == ["collective", "organisation"]
    report = editor.report
    _type(qtbot, report.counts["cells"]["HTXSNV"], "5")
    _type(qtbot, report.counts["cells"]["HTTNV"], "10")
    qtbot.mouseClick(report.count_buttons["cells"], Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert any("vượt tỷ lệ" in m for m in _shown_messages(window))
    assert load_rating_data(demo_store, cycle).counts[code]["cells"]["HTXSNV"] == 5


def test_a_points_cycle_shows_a_score_and_its_level(qtbot, make_window, demo_store):
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2025"))
    install_cycle(demo_store, cycle)
    ensure_dossiers(demo_store, cycle)
    window = make_window(demo_store)
    official = next(o for o in list_officials(demo_store) if o.tier in cycle.managed_tiers)
    window.open_dossier(find_dossier(demo_store, cycle, official_id=official.id).id)
    step = _rating_tab(window).subjects[0].steps["self"]
    assert step.score is not None and step.score.isVisibleTo(window)
    _type(qtbot, step.score, "92")
    assert "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)" in step.derived.text()
    qtbot.mouseClick(step.save, Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    stored = subject_ratings(demo_store, cycle, f"official:{official.id}").steps["self"]
    assert (stored.score, stored.level) == (92, "HTXSNV")


def test_the_rating_models_pass_the_model_tester(qtmodeltester, demo_store):
    cycle = get_cycle(demo_store)
    data = load_rating_data(demo_store, cycle)
    key = next(k for k, records in data.disciplines.items() if records)
    disciplines = DisciplineModel()
    disciplines.set_rows(list(subject_ratings(demo_store, cycle, key).disciplines))
    qtmodeltester.check(disciplines, force_py=True)
    assert disciplines.rowCount() == len([d for d in data.disciplines[key] if d.date.year == cycle.year]) > 0
    from chilinh_desktop.core.ratings import commendations

    code = demo_store.db.execute("SELECT u.code FROM commendations c JOIN units u ON u.id = c.unit_id").fetchone()[0]
    proposals = CommendationModel({"HTXSNV": "Hoàn thành xuất sắc nhiệm vụ"})
    proposals.set_rows(commendations(demo_store, cycle, code))
    qtmodeltester.check(proposals, force_py=True)
    assert proposals.index(0, 2).data() == "Hoàn thành xuất sắc nhiệm vụ"
