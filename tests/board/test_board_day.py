"""The Board clerk's day in the window: an import refreshes the tree, the unit page and both dashboards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from chilinh_desktop.ui.import_dialog import ImportDialog
from chilinh_desktop.ui.main_window import MainWindow
from chilinh_desktop.ui.unit_tree_model import CODE_ROLE

UNIT = "DB15"


@pytest.fixture
def window(qtbot, demo_store, tmp_path):
    """The main window over the demo city (it plays the Board), shown."""
    main = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start_session(ask=False)
    main.ctx.runner.wait_idle()
    yield main
    main.close()


def import_package(window, qtbot, package) -> None:
    """Import a real package through the window's import dialog (the first key accepted)."""
    dialog = ImportDialog(window.ctx, window, confirm=lambda parent, outcome: True)
    qtbot.addWidget(dialog)
    dialog.set_source(package.parent)
    dialog.run_import()
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=30_000)
    assert dialog.outcomes[0].status == "imported"


def dashboard_row(window, code: str):
    model = window.dashboard.units_model
    return next(model.row_object(r) for r in range(model.rowCount()) if model.row_object(r).code == code)


def test_import_refreshes_tree_unit_page_and_dashboard(window, qtbot, package):
    window.open_unit(UNIT)
    window.show_dashboard()
    window.ctx.runner.wait_idle()
    before = window.model.badge(UNIT)
    assert before.missing > 0  # the Board's own rows of DB15 are unfinished
    window.open_unit(UNIT)
    assert "Đang chuẩn bị" in window.unit_pane.collective_state.text()

    import_package(window, qtbot, package)
    qtbot.waitUntil(lambda: window.model.badge(UNIT).missing == 0, timeout=10_000)

    badge = window.model.badge(UNIT)
    assert badge.done == badge.required > 0
    assert window.unit_pane.unit_code == UNIT
    state = window.unit_pane.collective_state.text()
    assert "Đang chuẩn bị" not in state and "Ban Tổ chức đã nhận" in state
    cadres = window.unit_pane.cadres_model
    assert cadres.rowCount() > 0
    for r in range(cadres.rowCount()):  # every cadre dossier the package carries: received, all items done
        done, required = cadres.index(r, 2).data().split("/")
        assert done == required and cadres.index(r, 3).data() == "Ban Tổ chức đã nhận"
    assert window.tree.currentIndex().data(CODE_ROLE) == UNIT  # the rebuilt tree keeps the reader's place
    window.show_dashboard()
    window.ctx.runner.wait_idle()
    row = dashboard_row(window, UNIT)
    assert row.items_done == row.items_required and not row.missing
