"""The window and the command line call the same operations: they refuse the same things with the same words.

Answers go through one check-then-save path (the window, crash recovery, `chilinh form set`); a
sign-off through one operation whatever the front end.
"""

from __future__ import annotations

import json

from ui_helpers import open_editable_cadre

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.formspec import form_for_item
from chilinh_desktop.ops.answers import recover
from chilinh_desktop.ui import session
from chilinh_desktop.ui.journal import EditJournal

IMPOSSIBLE = {"document_date": "31/02/2023"}


def _editable_official(store):
    cycle = get_cycle(store)
    for row in store.db.execute("SELECT official_id, id, state FROM dossiers WHERE official_id IS NOT NULL "
                                "AND cycle_id = ? ORDER BY id", [cycle.id]):
        if row[2] == "draft":
            return cycle, row[0], row[1]
    raise AssertionError("the demo has no editable cadre dossier")


def _subject_name(store, dossier_id: str) -> str:
    official_id = store.db.execute("SELECT official_id FROM dossiers WHERE id = ?", [dossier_id]).fetchone()[0]
    return store.db.execute("SELECT full_name FROM officials WHERE id = ?", [official_id]).fetchone()[0]


def test_recovery_keeps_an_impossible_date_and_names_the_field(demo_store):
    cycle, _official, dossier_id = _editable_official(demo_store)
    before = stored_items(demo_store, dossier_id).get("self_review")
    journal = EditJournal(demo_store.path)
    entry = journal.record(dossier_id, "self_review", "02B", "2023.1", {"i1_politics": "Giữ vững", **IMPOSSIBLE})

    result = recover(demo_store, cycle, [entry], actor="test")

    assert result.saved == [] and [k.key for k in result.kept] == [entry.key]
    line = result.kept[0].describe()
    assert line.startswith(_subject_name(demo_store, dossier_id))  # whose dossier
    assert "Ngày viết bản kiểm điểm" in line  # which field needs a look
    assert stored_items(demo_store, dossier_id).get("self_review") == before  # nothing half-saved
    assert EditJournal(demo_store.path).pending()[0].answers["document_date"] == "31/02/2023"  # still kept


def test_window_recovery_keeps_the_invalid_entry_in_the_journal(qtbot, make_window, demo_store, monkeypatch):
    _cycle, _official, dossier_id = _editable_official(demo_store)
    journal = EditJournal(demo_store.path)
    journal.begin_session()
    journal.record(dossier_id, "self_review", "02B", "2023.1", {"i1_politics": "Giữ vững", **IMPOSSIBLE})
    warned = []
    monkeypatch.setattr(session, "ask_yes_no", lambda *a, **kw: True)
    monkeypatch.setattr(session, "warn", lambda parent, title, text: warned.append(text))

    window = make_window(demo_store, ask=True)
    window.ctx.runner.wait_idle()

    assert warned and "Ngày viết bản kiểm điểm" in warned[0]
    assert [e.answers["document_date"] for e in window.ctx.journal.pending()] == ["31/02/2023"]


def test_window_and_command_line_refuse_the_same_answers_with_the_same_words(
        qtbot, make_window, demo_store, demo_path, tmp_path, capsys):
    window = make_window(demo_store)
    official = open_editable_cadre(qtbot, window, demo_store)
    problems = []
    window.ctx.autosave.problem.connect(lambda dossier, kind, found: problems.append(found))
    cycle = window.ctx.cycle
    dossier = find_dossier(demo_store, cycle, official_id=official.id)
    # What the 02B editor hands to autosave when the person leaves the field.
    window.ctx.autosave.edited(dossier.id, "self_review", form_for_item(cycle, cycle.item("self_review")),
                               dict(IMPOSSIBLE))
    window.ctx.autosave.flush()
    window.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: bool(problems))
    window_messages = [message for _field, message in problems[0]]

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(IMPOSSIBLE), encoding="utf-8")
    code = main(["form", "set", "--db", str(demo_path), "--official", official.id, "--form", "02B",
                 "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 2
    assert window_messages and all(message in err for message in window_messages)


def _cadre_with_a_rating_error(store) -> tuple[str, str]:
    from chilinh_desktop.core.rules import evaluate

    cycle = get_cycle(store)
    for finding in evaluate(store, cycle):
        official_id = finding.subject.removeprefix("official:")
        if (finding.severity == "error" and finding.subject.startswith("official:")
                and not find_dossier(store, cycle, official_id=official_id).locked):
            return finding.units[0], official_id
    raise AssertionError("the demo plants a rating error on a cadre whose dossier is open")


def test_window_and_command_line_refuse_a_sign_off_with_the_same_words(
        qtbot, make_window, demo_store, demo_path, monkeypatch, capsys):
    from chilinh_desktop.ui import dossier_view

    _unit, official_id = _cadre_with_a_rating_error(demo_store)
    window = make_window(demo_store)
    dossier = find_dossier(demo_store, get_cycle(demo_store), official_id=official_id)
    window.open_dossier(dossier.id)
    signed_before = demo_store.db.execute("SELECT count(*) FROM audit WHERE action = 'dossier.sign_off'").fetchone()
    shown = []
    monkeypatch.setattr(dossier_view.DossierView, "show_error", lambda self, message: shown.append(message))
    window.dossier_view.ask_sign_off()
    assert len(shown) == 1

    code = main(["signoff", "--db", str(demo_path), "--official", official_id, "--by", "Nguyễn Văn A",
                 "--acknowledge-warnings"])
    err = capsys.readouterr().err
    assert code == 2
    window_lines = [line.removeprefix("• ") for line in shown[0].splitlines()]
    cli_lines = [line.removeprefix("Lỗi: ").removeprefix("  - ") for line in err.splitlines()]
    assert window_lines == cli_lines
    signed_after = demo_store.db.execute("SELECT count(*) FROM audit WHERE action = 'dossier.sign_off'").fetchone()
    assert signed_after == signed_before  # neither front end signed anything
