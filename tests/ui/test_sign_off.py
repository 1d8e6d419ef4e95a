"""A signed-off dossier is read-only in the window until an audited reopen."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor, QPalette

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import audit_trail
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.ui import dossier_view


def _signed_dossier(store):
    row = store.db.execute(
        "SELECT id FROM dossiers WHERE state = 'signed_off' AND official_id IS NOT NULL LIMIT 1"
    ).fetchone()
    return row[0]


def _background(widget) -> QColor:
    """The colour most of a field is painted in, as drawn on screen."""
    image = widget.grab().toImage()
    seen = Counter(image.pixelColor(x, y).name() for x in range(2, image.width() - 2, 3)
                   for y in range(2, image.height() - 2, 3))
    return QColor(seen.most_common(1)[0][0])


def test_signed_off_dossier_is_read_only_until_reopened_with_a_reason(qtbot, window, demo_store, monkeypatch):
    dossier_id = _signed_dossier(demo_store)
    window.open_dossier(dossier_id, "self_review")
    view = window.dossier_view
    editor = view.current_page().editor
    field = editor.widget_for("i1_politics")
    assert view.locked_banner.isVisibleTo(window) and field.isReadOnly()
    # It looks read-only too: the window's colour, not the white of a field to type in.
    assert _background(field) == field.palette().color(QPalette.ColorRole.Window)
    assert view.reopen_button.isVisibleTo(window) and not view.sign_button.isVisibleTo(window)

    monkeypatch.setattr(dossier_view, "ask_text", lambda *args, **kwargs: "Bổ sung biện pháp khắc phục")
    window.actions["reopen"].trigger()
    window.ctx.runner.wait_idle()
    assert not view.locked_banner.isVisibleTo(window)
    field = view.current_page().editor.widget_for("i1_politics")
    assert not field.isReadOnly()
    assert _background(field) == field.palette().color(QPalette.ColorRole.Base)
    reopen = [r for r in audit_trail(demo_store, f"dossier:{dossier_id}") if r["action"] == "dossier.reopen"]
    assert reopen and reopen[-1]["detail"]["reason"] == "Bổ sung biện pháp khắc phục"


def test_sign_off_locks_a_complete_dossier(qtbot, window, demo_store, monkeypatch):
    # A complete dossier whose subject has no rating error (errors rightly block sign-off).
    # A unit's paper errors (its signers, its numbers) block its collective dossier too: skip those units.
    errors = [f for f in evaluate(demo_store, get_cycle(demo_store)) if f.severity == "error"]
    blocked = {f.subject for f in errors} | {f"units:{code}" for f in errors for code in f.units}
    row = next(r for r in demo_store.db.execute(
        "SELECT d.id, d.subject_key, u.code FROM dossiers d JOIN units u ON u.id = d.unit_id "
        "WHERE d.state = 'complete'") if r[1] not in blocked and f"units:{r[2]}" not in blocked)
    window.open_dossier(row[0])
    monkeypatch.setattr(dossier_view, "ask_text", lambda *args, **kwargs: "Bí thư Đảng ủy")
    monkeypatch.setattr(dossier_view, "ask_yes_no", lambda *args, **kwargs: True)
    window.actions["sign_off"].trigger()
    window.ctx.runner.wait_idle()
    assert window.dossier_view.detail.dossier.locked
    assert window.dossier_view.locked_banner.isVisibleTo(window)
    assert get_cycle(demo_store).id
