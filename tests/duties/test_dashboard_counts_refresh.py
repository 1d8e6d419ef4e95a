"""The dashboard shows what an operation changed at once: one proposal appraised, one fewer left."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QSettings

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.commendations import appraise, worklist

TODAY = dt.date(2023, 12, 5)


def _left(text: str) -> int:
    found = re.search(r"(\d+) đề nghị", text)
    assert found, text
    return int(found.group(1))


def test_the_dashboards_proposals_left_drop_after_one_is_appraised(qtbot, board_path, tmp_path):
    from chilinh_desktop.ui.main_window import MainWindow

    with Store.open(board_path, clock=FixedClock(TODAY)) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        try:
            window.start_session(ask=False)
            window.show()
            window.show_dashboard()
            notice = window.dashboard.duties_notice
            qtbot.waitUntil(lambda: notice.isVisibleTo(window.dashboard), timeout=20_000)
            before = _left(notice.text())
            assert before == worklist(store).pending and before >= 2
            first = worklist(store).proposals[0].id
            seen = []
            window.ctx.runner.changed.connect(seen.append)
            # The dashboard stays on screen; the appraisal runs as the worklist window runs it.
            window.ctx.runner.call(lambda writer: appraise(writer, first, "accepted", "", actor="t"))
            qtbot.waitUntil(lambda: _left(notice.text()) == before - 1, timeout=20_000)
            assert changes.COMMENDATIONS in seen[0]
        finally:
            window.ctx.runner.wait_idle()
            window.close()
