"""The dashboard prioritises (sorting by real keys, urgency in words and colour); the first screen shows today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.ops.today import OVERDUE, SOON, urgency
from chilinh_desktop.ui.dashboard import CODE_ROLE, FIRST_DEADLINE_COLUMN
from chilinh_desktop.ui.today_pane import CODE_ROLE as TODAY_CODE
from chilinh_desktop.ui.today_pane import MAX_ROWS


def shown_dashboard(window):
    window.show_dashboard()
    window.ctx.runner.wait_idle()
    return window.dashboard


def column_keys(model, column: int) -> list:
    return [model.sort_key(model.row_object(r), column) for r in range(model.rowCount())]


def test_first_screen_shows_todays_deadlines_and_who_is_due(qtbot, window):
    pane = window.welcome
    assert window.stack.currentWidget() is pane
    qtbot.waitUntil(lambda: pane.digest is not None, timeout=10_000)
    # 05/12/2023 is a Tuesday: 10/12 (a Sunday) is three working days away, 15/12 eight.
    assert "Hôm nay, 05/12/2023" in pane.heading.text()
    text = pane.deadlines.text()
    assert text.index("Đến hạn trong 3 ngày làm việc") < text.index("10/12/2023") < text.index("Còn trong hạn")
    assert [line.urgency for line in pane.digest.deadlines] == [SOON, "fine"]
    listed = min(len(pane.digest.units), MAX_ROWS)
    assert pane.units.topLevelItemCount() == listed > 0
    if len(pane.digest.units) > MAX_ROWS:  # the rest is one line pointing to the dashboard, not thousands of rows
        assert f"và {len(pane.digest.units) - MAX_ROWS} dòng nữa" in pane.more.text() and not pane.more.isHidden()
    assert pane.units.topLevelItem(0).text(0) == "Đến hạn trong 3 ngày làm việc"


def test_enter_on_a_late_unit_opens_its_page(qtbot, make_window, demo_store):
    demo_store.clock = FixedClock(dt.date(2023, 12, 12))  # a Tuesday after the 10/12 deadline
    window = make_window(demo_store)
    pane = window.welcome
    qtbot.waitUntil(lambda: pane.digest is not None, timeout=10_000)
    first = pane.units.topLevelItem(0)
    assert first.text(0) == "Quá hạn" and pane.digest.late
    pane.units.setFocus()
    pane.units.setCurrentItem(first)
    qtbot.keyClick(pane.units, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.unit_pane
    assert window.unit_pane.unit_code == first.data(0, TODAY_CODE)


def test_columns_sort_by_numbers_and_ranks_not_text(qtbot, window):
    dashboard = shown_dashboard(window)
    model, view = dashboard.units_model, dashboard.units_view
    first_missing = FIRST_DEADLINE_COLUMN
    view.sortByColumn(first_missing, Qt.SortOrder.DescendingOrder)
    counts = column_keys(model, first_missing)
    assert counts == sorted(counts, reverse=True) and max(counts) >= 10  # 10 before 9, as numbers
    view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Done: by share done, not by the "3/7 (43%)" text
    shares = [key[0] for key in column_keys(model, 3)]
    assert shares == sorted(shares)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # urgency: most urgent first
    levels = [model.urgency_of(model.row_object(r)) for r in range(model.rowCount())]
    assert levels[0] == SOON and levels == sorted(levels, key=["overdue", "soon", "fine"].index)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to the tree's order
    tree_order = [u.code for u in dashboard.status.units if u.items_required]
    assert [model.row_object(r).code for r in range(model.rowCount())] == tree_order


def test_sorting_keeps_the_selected_unit(qtbot, window):
    dashboard = shown_dashboard(window)
    code = dashboard.units_model.row_object(3).code
    dashboard.select_unit(code)
    dashboard.units_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert dashboard.units_view.currentIndex().data(CODE_ROLE) == code


def test_urgency_is_a_word_an_icon_and_a_colour(qtbot, make_window, demo_store):
    demo_store.clock = FixedClock(dt.date(2023, 12, 12))
    dashboard = shown_dashboard(make_window(demo_store))
    assert [urgency(d) for d in dashboard.status.deadlines] == [OVERDUE, SOON]  # 15/12 is 3 working days off
    model = dashboard.units_model
    row = next(r for r in range(model.rowCount()) if model.row_object(r).missing_for("review"))
    cell = model.index(row, 1)
    assert cell.data() == "Quá hạn"
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_missing_items_sort_by_date_and_enter_opens_the_item(qtbot, window):
    dashboard = shown_dashboard(window)
    unit = next(u for u in dashboard.status.units if len({m.deadline_id for m in u.missing}) > 1)
    dashboard.select_unit(unit.code)
    view, model = dashboard.missing_view, dashboard.missing_model
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    days = column_keys(model, 2)
    assert days == sorted(days, reverse=True) and isinstance(days[0], dt.date)
    row = next(r for r in range(model.rowCount()) if model.row_object(r).subject_kind == "official")
    item = model.row_object(row)
    view.setFocus()
    view.setCurrentIndex(model.index(row, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.dossier_view
    assert window.dossier_view.current_page().item.id == item.item_id


def test_enter_and_double_click_on_a_unit_open_its_page(qtbot, window):
    dashboard = shown_dashboard(window)
    view = dashboard.units_view
    code = dashboard.units_model.row_object(2).code
    dashboard.select_unit(code)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.unit_pane and window.unit_pane.unit_code == code
    dashboard = shown_dashboard(window)
    other = dashboard.units_model.row_object(4).code
    rect = view.visualRect(dashboard.units_model.index(4, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # starts with a press
    assert window.stack.currentWidget() is window.unit_pane and window.unit_pane.unit_code == other


def test_the_missing_list_is_a_resizable_pane(qtbot, window):
    dashboard = shown_dashboard(window)
    splitter = dashboard.splitter
    assert splitter.count() == 3 and not splitter.childrenCollapsible()
    assert dashboard.missing_view.minimumHeight() >= 5 * 24
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0] - 100, sizes[1] + 100, sizes[2]])
    assert splitter.sizes()[1] > sizes[1]
