"""The dashboard lists exactly what the core says is missing, and a click opens the item."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.ops.progress import tree_status
from chilinh_desktop.ui.dashboard import CODE_ROLE, FIRST_DEADLINE_COLUMN


def test_dashboard_lists_what_the_core_says_is_missing(qtbot, window, demo_store):
    window.actions["dashboard"].trigger()
    window.ctx.runner.wait_idle()
    status = tree_status(demo_store, get_cycle(demo_store))  # the one answer every view shows
    owing = [u for u in status.units if u.items_required]
    model = window.dashboard.units_model
    assert [model.index(r, 0).data(CODE_ROLE) for r in range(model.rowCount())] == [u.code for u in owing]
    for unit in [u for u in owing if u.missing][:5]:
        window.dashboard.select_unit(unit.code)
        missing = window.dashboard.missing_model
        shown = {(missing.row_object(r).subject_id, missing.row_object(r).item_id) for r in range(missing.rowCount())}
        assert shown == {(m.subject_id, m.item_id) for m in unit.missing}
    assert len(window.dashboard.status.deadlines) == window.dashboard.cards.count()


def test_clicking_a_missing_item_opens_its_tab(qtbot, window, demo_store):
    window.show_dashboard()
    window.ctx.runner.wait_idle()
    status = window.dashboard.status
    unit = next(u for u in status.units if any(m.subject_kind == "official" for m in u.missing))
    window.dashboard.select_unit(unit.code)
    view = window.dashboard.missing_view
    row = next(
        r
        for r in range(window.dashboard.missing_model.rowCount())
        if window.dashboard.missing_model.row_object(r).subject_kind == "official"
    )
    item = window.dashboard.missing_model.row_object(row)
    rect = view.visualRect(window.dashboard.missing_model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.dossier_view
    assert window.dossier_view.current_page().item.id == item.item_id
    assert window.dossier_view.detail.official.id == item.subject_id


def test_overdue_deadlines_are_red(qtbot, make_window, demo_store):
    import datetime as dt

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.ui.unit_tree_model import LATE_COLOUR

    demo_store.clock = FixedClock(dt.date(2023, 12, 12))  # the 10/12 deadline has passed
    window = make_window(demo_store)
    window.show_dashboard()
    window.ctx.runner.wait_idle()
    model = window.dashboard.units_model
    row = next(r for r in range(model.rowCount()) if model.row_object(r).missing_for("review"))
    review = FIRST_DEADLINE_COLUMN + [d.deadline.id for d in window.dashboard.status.deadlines].index("review")
    assert model.index(row, review).data(Qt.ItemDataRole.ForegroundRole).color() == LATE_COLOUR
    code = model.index(row, 0).data(CODE_ROLE)
    assert window.model.badge(code).late > 0
