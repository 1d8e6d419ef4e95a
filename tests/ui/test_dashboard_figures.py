"""The dashboard (F9) fills with the right figures, counted off the GUI thread, and shows a loading state first.

F9 shows the last figures at once and computes again only when something changed since they were asked for:
recomputing a province on every F9 kept the interpreter busy while the dashboard was first drawn.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.settings import load_settings, save_settings
from chilinh_desktop.ops.dossier_items import exempt
from chilinh_desktop.ops.dossiers import dossier_for_subject
from chilinh_desktop.ops.progress import tree_status
from chilinh_desktop.ops.rating import findings
from chilinh_desktop.ops.today import most_urgent, urgency
from chilinh_desktop.ui.dashboard import CODE_ROLE, FIRST_DEADLINE_COLUMN, dashboard_figures
from chilinh_desktop.ui.main_window import MainWindow


def assert_shows(dashboard, status) -> None:
    """Every row, cell, card and the summary say what the core's computation says."""
    owing = [u for u in status.units if u.items_required]
    model = dashboard.units_model
    assert [model.index(r, 0).data(CODE_ROLE) for r in range(model.rowCount())] == [u.code for u in owing]
    levels = {d.deadline.id: urgency(d) for d in status.deadlines}
    for row, unit in enumerate(owing):
        assert model.index(row, 3).data().startswith(f"{unit.items_done}/{unit.items_required} ")
        for n, deadline in enumerate(status.deadlines):
            count = len(unit.missing_for(deadline.deadline.id))
            assert model.index(row, FIRST_DEADLINE_COLUMN + n).data() == (count or "—"), (unit.code, n)
        expected = most_urgent(levels[m.deadline_id] for m in unit.missing)
        assert model.urgency_of(unit) == expected, unit.code
    for n, deadline in enumerate(status.deadlines):
        late_units = sum(1 for u in status.units if u.missing_for(deadline.deadline.id))
        card = dashboard.cards.itemAt(n).widget()
        said = f"{late_units} đơn vị còn thiếu hồ sơ" if late_units else "Tất cả đơn vị đã đủ"
        assert said in [label.text() for label in card.findChildren(QLabel)]
    done, required = sum(u.items_done for u in status.units), sum(u.items_required for u in status.units)
    assert f"{done}/{required}" in dashboard.summary.text()


def test_figures_count_what_the_core_says(demo_store):
    cycle = get_cycle(demo_store)
    status = tree_status(demo_store, cycle)
    found = findings(demo_store, cycle)
    figures = dashboard_figures(status, found)
    assert figures.rows == tuple(u for u in status.units if u.items_required)
    for unit in status.units:
        assert figures.missing[unit.code] == tuple(len(unit.missing_for(d.deadline.id)) for d in status.deadlines)
    assert figures.units_missing == tuple(sum(1 for u in status.units if u.missing_for(d.deadline.id))
                                          for d in status.deadlines)
    assert sum(figures.units_missing) > 0 and sum(figures.missing[u.code][0] for u in status.units) > 0
    for code, listed in figures.findings_by_unit.items():
        assert listed == [f for f in found if code in f.units]
    assert len(figures.findings_by_unit) > 1


def test_f9_before_any_figures_says_so_then_fills(qtbot, demo_store, qsettings):
    window = MainWindow(demo_store, qsettings)  # no background work started: nothing computed yet
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    window.start_session(ask=False)
    window.show_dashboard()
    dashboard = window.dashboard
    assert dashboard.summary.text() == "Đang tính số liệu của mọi đơn vị…"
    assert dashboard.units_model.rowCount() == 0 and window._progress is None
    qtbot.waitUntil(lambda: dashboard.units_model.rowCount() > 0, timeout=20_000)
    assert_shows(dashboard, tree_status(demo_store, get_cycle(demo_store)))


def test_f9_shows_the_last_figures_and_computes_again_only_after_a_change(qtbot, make_window, demo_store):
    # A unit office counts its own dossiers (the demo city plays the Board, which counts only packages).
    save_settings(demo_store, dataclasses.replace(load_settings(demo_store), role="unit"))
    window = make_window(demo_store)
    computed = window._progress
    window.show_dashboard()
    dashboard = window.dashboard
    window.ctx.runner.wait_idle()
    assert window._progress is computed  # the figures of the start were current: shown, not computed again
    cycle = get_cycle(demo_store)
    before = tree_status(demo_store, cycle)
    assert_shows(dashboard, before)
    unit, item, dossier = next(
        (u, m, found) for u in before.units for m in u.missing if m.subject_kind == "official"
        and not (found := dossier_for_subject(demo_store, cycle, "official", m.subject_id)).locked)
    window.show_unit_pane()
    window.ctx.runner.call(lambda writer: exempt(writer, cycle, dossier.id, item.item_id, "Nghỉ ốm dài ngày",
                                                 actor="test"))
    window.ctx.runner.wait_idle()
    window.show_dashboard()  # at once, before the delayed refresh: F9 computes again itself
    window.ctx.runner.wait_idle()
    assert window._progress is not computed
    after = tree_status(demo_store, cycle)
    row = next(u for u in after.units if u.code == unit.code)
    assert len(row.missing) == len(unit.missing) - 1
    assert_shows(dashboard, after)
    dashboard.select_unit(unit.code)
    shown = dashboard.missing_model
    assert (item.subject_id, item.item_id) not in {
        (shown.row_object(r).subject_id, shown.row_object(r).item_id) for r in range(shown.rowCount())}
    assert shown.rowCount() == len(row.missing)
    assert dashboard.units_view.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        "    " * (dashboard.figures.depth[unit.code] - 1) + unit.name
