"""The window's leaders and tasks tab: assigning a leader and deciding a task run the same operations as the CLI.

Typed as a clerk does (real key events): the unit is chosen by its name, a wrong assignment is removed,
the tasks list shows unit names with its status column on screen and keeps the decided row in view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store


def _type(widget, text: str) -> None:
    """Type Vietnamese text key by key (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _open(qtbot, store, tmp_path):
    from chilinh_desktop.ui.duties_view import DutiesView
    from chilinh_desktop.ui.main_window import MainWindow

    window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.start_session(ask=False)
    assert "duties" in window.actions
    view = DutiesView(window.ctx, window)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.tasks.rowCount() > 0 and view.unit.count() > 0, timeout=20_000)
    return window, view


def test_choose_the_unit_by_name_assign_and_remove(qtbot, demo_path, tmp_path):
    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        window, view = _open(qtbot, store, tmp_path)
        picker = view.unit
        picker.setFocus()
        _type(picker.lineEdit(), "bộ xã Nam Sơn")
        popup = picker.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=5_000)
        assert picker.completer().completionCount() == 1
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert picker.currentText() == "Đảng bộ xã Nam Sơn (DB15)" and picker.unit() == "DB15"
        _type(view.name, "Trần Văn Bình")
        _type(view.post, "Phó Bí thư Thành ủy")
        qtbot.keyClick(view.post, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.assignments.rowCount() == 1, timeout=10_000)
        assert view.assignments.index(0, 0).data() == "Đảng bộ xã Nam Sơn"  # the name, not DB15

        picker.lineEdit().clear()
        _type(picker.lineEdit(), "Đảng bộ xã Nam")  # not a whole name: refused, in the ops' words
        picker.completer().popup().hide()
        qtbot.keyClicks(view.name, "X")
        qtbot.keyClick(view.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "không có đơn vị nào có tên hoặc mã Đảng bộ xã Nam" in view.message.text(),
                        timeout=10_000)

        asked = []
        view.confirm = lambda *args, **kwargs: asked.append(args[2]) or True
        view.assignment_view.setFocus()
        qtbot.keyClick(view.assignment_view, Qt.Key.Key_Home)
        qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.assignments.rowCount() == 0, timeout=10_000)
        assert "Trần Văn Bình" in asked[0] and "Đảng bộ xã Nam Sơn" in asked[0]
        window.ctx.runner.wait_idle()
        assert store.db.execute("SELECT count(*) FROM audit WHERE action = 'leader.unassign'").fetchone()[0] == 1
        view.close()
        window.close()


def test_tasks_show_unit_names_status_on_screen_and_keep_the_row(qtbot, demo_path, tmp_path):
    from chilinh_desktop.ui.duties_view import TaskCol

    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        window, view = _open(qtbot, store, tmp_path)
        view.tabs.setCurrentIndex(1)
        table = view.task_view
        codes = {t.unit_code for t in view.tasks._rows}
        shown = {view.tasks.index(r, TaskCol.UNIT).data() for r in range(view.tasks.rowCount())}
        assert not shown & codes  # names, never BDV or BQLDA
        status_right = table.columnViewportPosition(TaskCol.STATUS) + table.columnWidth(TaskCol.STATUS)
        assert 0 < status_right <= table.viewport().width()
        assert view.width() <= 1366

        row = view.tasks.rowCount() - 1
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert table.currentIndex().row() == row
        task = view.tasks.row_object(row)
        _type(view.note, "Chưa rõ sản phẩm")
        view.decide("returned")
        qtbot.waitUntil(lambda: view.tasks.row_object(row).status == "returned", timeout=10_000)
        current = table.currentIndex()
        assert (view.tasks.row_object(current.row()).official_id, view.tasks.row_object(current.row()).task_no) == (
            task.official_id, task.task_no)
        assert table.viewport().rect().intersects(table.visualRect(current))
        window.ctx.runner.wait_idle()
        view.close()
        window.close()


def test_proposals_show_names_and_a_decision_is_withdrawn_from_the_window(qtbot, board_path, tmp_path):
    from chilinh_desktop.ui.commendations_view import CommendationsView
    from chilinh_desktop.ui.main_window import MainWindow

    with Store.open(board_path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        view = CommendationsView(window.ctx, window)
        qtbot.addWidget(view)
        view.show()
        view.refresh()
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20_000)
        model = view.model
        cells = {str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())}
        assert not cells & {model.row_object(r).id for r in range(model.rowCount())}  # no hash ids
        assert model.index(0, 0).data() == "Đảng bộ xã Nam Sơn"
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        row = view.table.currentIndex().row()
        chosen = model.row_object(row).id
        qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.row_object(row).status == "accepted", timeout=10_000)
        assert model.row_object(view.table.currentIndex().row()).id == chosen
        qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.row_object(row).status == "pending", timeout=10_000)
        window.ctx.runner.wait_idle()
        assert store.db.execute("SELECT count(*) FROM audit WHERE action = 'commendation.withdraw'").fetchone()[0] == 1
        view.close()
        window.close()
