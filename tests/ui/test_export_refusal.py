"""Export from a unit with open dossiers: they are listed, each line opens its dossier, Export says why it is off."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.ops.signoff import sign_off_plan
from chilinh_desktop.ui.export_dialog import ExportDialog


def _unit_with_open_dossiers(store):
    cycle = get_cycle(store)
    for node in unit_tree(store, cycle.tree_date).walk():
        plan = sign_off_plan(store, cycle, node.unit.code)
        open_lines = [line for line in plan.dossiers if not line.dossier.locked and line.missing]
        if open_lines:
            return node.unit.code, plan, open_lines
    raise AssertionError("no unit with open dossiers")


def test_export_lists_what_is_missing_and_opens_the_dossier(qtbot, window, demo_store, tmp_path):
    code, plan, open_lines = _unit_with_open_dossiers(demo_store)
    dialog = ExportDialog(window.ctx, code, window)
    qtbot.addWidget(dialog)
    dialog.open_dossier.connect(window.open_dossier)
    dialog.show()
    not_locked = [line for line in plan.dossiers if not line.dossier.locked]
    assert dialog.blockers.count() == len(not_locked)
    texts = [dialog.blockers.item(n).text() for n in range(dialog.blockers.count())]
    first = open_lines[0]
    assert any(t.startswith(first.subject) and first.missing[0] in t for t in texts)
    assert not dialog.start.isEnabled() and str(len(not_locked)) in dialog.start.toolTip()

    row = next(n for n, t in enumerate(texts) if t.startswith(first.subject))
    dialog.blockers.setFocus()
    dialog.blockers.setCurrentRow(row)
    qtbot.keyClick(dialog.blockers, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.dossier_view.dossier_id == first.dossier.id
    assert not list(tmp_path.glob("*.zip"))  # nothing was written
