"""The window's leaders and tasks tab: assigning a leader and deciding a task run the same operations as the CLI."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store


def test_assign_a_leader_and_return_a_task_from_the_window(qtbot, demo_path, tmp_path):
    from chilinh_desktop.ui.duties_view import DutiesView
    from chilinh_desktop.ui.main_window import MainWindow

    with Store.open(demo_path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        assert "duties" in window.actions
        view = DutiesView(window.ctx, window)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: view.tasks.rowCount() > 0, timeout=20_000)
        view.unit.setText("DB15")
        view.name.setText("Trần Văn Bình")
        view.post.setText("Phó Bí thư Thành ủy")
        view.add_assignment()
        qtbot.waitUntil(lambda: view.assignments.rowCount() == 1, timeout=10_000)
        assert view.assignments.row_object(0).name == "Trần Văn Bình"
        view.unit.setText("XX99")
        view.add_assignment()
        qtbot.waitUntil(lambda: "XX99" in view.message.text(), timeout=10_000)
        view.task_view.setCurrentIndex(view.tasks.index(0, 0))
        view.decide("returned")  # no note: refused with the operation's words
        qtbot.waitUntil(lambda: "lý do" in view.message.text(), timeout=10_000)
        view.note.setText("Chưa rõ sản phẩm")
        view.decide("returned")
        qtbot.waitUntil(lambda: view.tasks.row_object(0).status == "returned", timeout=10_000)
        window.ctx.runner.wait_idle()
        window.close()
