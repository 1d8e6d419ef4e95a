"""Dossier › Sign off… on a unit page signs off every ready dossier in one dialog, one signer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui_helpers import click_unit

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import audit_trail
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.ops.signoff import sign_off_plan
from chilinh_desktop.ui.unit_sign_off import UnitSignOffDialog


def _unit_with_ready_dossiers(store):
    cycle = get_cycle(store)
    for node in unit_tree(store, cycle.tree_date).walk():
        plan = sign_off_plan(store, cycle, node.unit.code)
        if not plan.errors and len(plan.ready) >= 1 and len(plan.dossiers) > len(plan.ready):
            return node.unit.code, plan
    raise AssertionError("no unit with ready dossiers and no rating error")


def _in_dialog(act) -> list:
    """Run `act` on the sign-off dialog once it is shown (bounded wait: fail, never hang)."""
    seen, tries = [], []

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, UnitSignOffDialog) and w.isVisible()]
        if not dialogs:
            tries.append(1)
            if len(tries) < 200:
                QTimer.singleShot(20, look)
            return
        seen.append(dialogs[0])
        act(dialogs[0])
        if dialogs[0].isVisible():
            dialogs[0].reject()

    QTimer.singleShot(20, look)
    return seen


def test_unit_sign_off_lists_every_dossier_and_signs_the_ready_ones_once(qtbot, window, demo_store):
    code, plan = _unit_with_ready_dossiers(demo_store)
    click_unit(qtbot, window, code)
    observed = {}

    def act(dialog: UnitSignOffDialog) -> None:
        observed["rows"] = dialog.model.rowCount()
        observed["missing"] = [dialog.model.item(r, 2).text() for r in range(dialog.model.rowCount())]
        dialog.signer.setText("")
        observed["blocked"] = (dialog.ok.isEnabled(), dialog.ok.toolTip())
        dialog.signer.setText("Nguyễn Văn An, Bí thư")
        dialog.acknowledge.setChecked(True)
        assert dialog.ok.isEnabled(), dialog.blocker()
        dialog.ok.click()
        window.ctx.runner.wait_idle()

    seen = _in_dialog(act)
    window.actions["sign_off"].trigger()
    window.ctx.runner.wait_idle()
    assert seen, "the sign-off dialog did not open from the unit page"
    assert observed["rows"] == len(plan.dossiers)
    assert any(line.missing[0] in text for line in plan.dossiers if line.missing for text in observed["missing"])
    assert observed["blocked"][0] is False and observed["blocked"][1]  # a disabled button says why
    after = sign_off_plan(demo_store, get_cycle(demo_store), code)
    for line in plan.ready:
        signed = next(a for a in after.dossiers if a.dossier.id == line.dossier.id).dossier
        assert signed.locked and signed.signed_off_by == "Nguyễn Văn An, Bí thư"
        assert any(r["action"] == "dossier.sign_off" for r in audit_trail(demo_store, f"dossier:{line.dossier.id}"))
    for line in plan.dossiers:
        if line.missing:  # the others stay as they are
            assert not next(a for a in after.dossiers if a.dossier.id == line.dossier.id).dossier.locked
