"""The Board's "new cycle" dialog: defaults from the last cycle, refusals shown in place, the cycle recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.ops.cycles import list_cycles
from chilinh_desktop.ui.cycle_dialog import CycleDialog


def test_new_cycle_dialog(qtbot, window, demo_store):
    dialog = CycleDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.year.value() == 2024 and dialog.cycle_id.text() == "2024"
    assert dialog.deadlines["review"].date() == QDate(2024, 12, 10)
    assert dialog.deadlines["review"].calendarPopup()
    assert dialog.regulation.currentData() == "124-QD-TW"
    dialog.year.setValue(2025)
    assert dialog.cycle_id.text() == "2025" and dialog.deadlines["dossier"].date() == QDate(2025, 12, 15)
    dialog.year.setValue(2024)

    dialog.deadlines["dossier"].setDate(QDate(2024, 12, 1))  # before the review deadline
    dialog.accept()
    window.ctx.runner.wait_idle()
    assert dialog.problems.isVisible() and "dossier" in dialog.problems.text()
    assert [r.id for r in list_cycles(demo_store)] == ["2023"]

    dialog.deadlines["dossier"].setDate(QDate(2024, 12, 16))
    dialog.dispatch.setText("812-CV/TU")
    dialog.accept()
    window.ctx.runner.wait_idle()
    assert dialog.started is not None and not dialog.problems.isVisible()
    cycle = get_cycle(demo_store, "2024")
    assert cycle.deadline("dossier").date == dt.date(2024, 12, 16) and cycle.dispatch["number"] == "812-CV/TU"
    assert "2024" in window.statusBar().currentMessage()


def test_menu_has_the_new_cycle_action(window):
    assert window.findChild(type(window.actions["board_view"]), "action_new_cycle") is not None


def test_a_2025_cycle_from_the_window_takes_the_2025_forms(qtbot, window, demo_store):
    dialog = CycleDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setValue(2025)
    dialog.regulation.setCurrentIndex(dialog.regulation.findData("366-QD-TW"))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    window.ctx.runner.wait_idle()
    assert dialog.started is not None, dialog.problems.text()
    cycle = get_cycle(demo_store, "2025")
    assert cycle.item("self_review").form == "LD43" and cycle.rules == "366-QD-TW"
    assert cycle.dispatch["issuer"] == "Thành ủy Hải Phòng" and cycle.deadline("dossier").date.year == 2025
