"""The classification report's figures in the window: read-only, the records' value, and who is counted."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.formspec import form_for_item

ITEM = "classification_report"


def _editor(window, store, unit_code="DB01"):
    dossier = find_dossier(store, get_cycle(store), unit_code=unit_code)
    window.open_dossier(dossier.id, ITEM)
    window.dossier_view.go_to_item(ITEM)
    return dossier, window.dossier_view.current_page().editor


def test_computed_figures_are_read_only_and_show_the_records(qtbot, make_window, demo_store):
    window = make_window(demo_store)
    _dossier, editor = _editor(window, demo_store)
    editor.set_read_only(False)  # an open dossier: the typed fields unlock, the figures do not
    total = editor.widget_for("org_total")
    assert total.isReadOnly() and total.text() == "4"  # the ward's four cells in the tree
    assert "org_total" not in editor.answers()


def test_who_is_counted_lists_the_organisations(qtbot, make_window, demo_store):
    window = make_window(demo_store)
    _dossier, editor = _editor(window, demo_store)
    button = editor.findChild(QPushButton, "counted_org_total")
    button.click()
    dialog = editor.counted_dialog
    names = dialog.findChild(QListWidget, "countedNames")
    assert [names.item(n).text() for n in range(names.count())] == [
        "Chi bộ Khu dân cư số 1", "Chi bộ Trường Tiểu học Minh Khai", "Chi bộ Trường THCS Minh Khai",
        "Chi bộ Trạm Y tế Minh Khai"]
    dialog.reject()
    editor.findChild(QPushButton, "counted_mem_httnv").click()
    member_dialog = editor.counted_dialog
    assert member_dialog.findChild(QListWidget, "countedNames") is None  # a count, not invented names
    assert "số lượng" in member_dialog.findChild(QLabel, "countedBasis").text()
    member_dialog.reject()


def test_window_and_command_line_refuse_a_typed_figure_with_the_same_words(
        qtbot, make_window, demo_store, demo_path, tmp_path, capsys):
    window = make_window(demo_store)
    dossier, _editor_widget = _editor(window, demo_store)
    problems = []
    window.ctx.autosave.problem.connect(lambda dossier_id, kind, found: problems.append(found))
    cycle = window.ctx.cycle
    typed = {"org_total": 26}
    window.ctx.autosave.edited(dossier.id, ITEM, form_for_item(cycle, cycle.item(ITEM)), dict(typed))
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: bool(problems))
    window_messages = [message for _field, message in problems[0]]

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(typed), encoding="utf-8")
    code = main(["form", "set", "--db", str(demo_path), "--unit", "DB01", "--form", "BCXL",
                 "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 2
    assert window_messages and all(message in err for message in window_messages)
    assert any("Tổng số tổ chức đảng trực thuộc" in message for message in window_messages)
