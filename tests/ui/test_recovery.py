"""Nothing typed is lost: the journal holds every keystroke until the database confirms it."""

from __future__ import annotations

import json

from ui_helpers import open_editable_cadre, open_tab, type_text

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.ui import session
from chilinh_desktop.ui.journal import EditJournal


def test_journal_keeps_entries_until_confirmed_and_detects_an_unclean_exit(tmp_path):
    db = tmp_path / "data.sqlite3"
    journal = EditJournal(db)
    assert not journal.begin_session().unclean_exit
    first = journal.record("d1", "self_review", "02B", "2023.1", {"i1_politics": "a"})
    newer = journal.record("d1", "self_review", "02B", "2023.1", {"i1_politics": "ab"})
    journal.confirm(first)  # an older save must not drop newer typing
    assert [e.answers for e in journal.pending()] == [{"i1_politics": "ab"}]
    # The process dies here: the next start finds the marker and the entry.
    start = EditJournal(db).begin_session()
    assert start.unclean_exit and start.pending[0].answers == {"i1_politics": "ab"}
    journal.confirm(newer)
    journal.end_session()
    assert not journal.path.exists() and not journal.marker.exists()


def test_a_journal_left_by_version_0_1_is_still_offered_back(tmp_path):
    db = tmp_path / "data.sqlite3"
    old = {"entries": [{"dossier_id": "d1", "kind": "self_review", "form_id": "02B", "form_version": "2023.1",
                        "answers": {"i1_politics": "gõ trước khi máy tắt"}, "saved_at": "2023-12-05T09:00:00",
                        "seq": 4}]}
    (tmp_path / "data.sqlite3.edits.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    (entry,) = EditJournal(db).pending()
    assert (entry.key, entry.item_id, entry.answers) == ("d1/self_review", "self_review",
                                                         {"i1_politics": "gõ trước khi máy tắt"})


def test_typing_killed_before_the_save_is_offered_back_and_restored(qtbot, make_window, demo_store, monkeypatch):
    window = make_window(demo_store)
    official = open_editable_cadre(qtbot, window, demo_store, skip=1)
    box = open_tab(window, "self_review").editor.widget_for("ii_shortcomings")
    box.setFocus()
    box.clear()
    type_text(box, "Chưa sâu sát cơ sở")
    # Simulate a kill between keystroke and save: the debounce never fires, no clean close.
    window.ctx.autosave._timer.stop()
    window.ctx.autosave._pending.clear()
    window._closed = True
    window.ctx.runner.shutdown()
    window.ctx.jobs.shutdown()
    window.close()

    asked = []
    monkeypatch.setattr(session, "ask_yes_no", lambda parent, title, text, **kw: asked.append(text) or True)
    again = make_window(demo_store, ask=True)
    again.ctx.runner.wait_idle()
    assert asked and "Chưa sâu sát cơ sở" not in asked[0] and official.full_name in asked[0]
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, official_id=official.id)
    assert stored_items(demo_store, dossier.id)["self_review"].answers["ii_shortcomings"] == "Chưa sâu sát cơ sở"
    assert not again.ctx.journal.pending()
