"""The window's exchange dialogs, offscreen: import with a first-key confirmation, export with progress, overview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from chilinh_desktop.core.board import board_overview
from chilinh_desktop.ui.board_view import BoardModel, BoardView
from chilinh_desktop.ui.export_dialog import ExportDialog
from chilinh_desktop.ui.import_dialog import ImportDialog
from chilinh_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_store, tmp_path):
    """The main window over the demo city (it plays the Board)."""
    main = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start_session(ask=False)
    yield main
    main.close()



def test_import_dialog_asks_for_the_first_key_and_reports(window, package, qtbot):
    asked = []
    dialog = ImportDialog(window.ctx, window, confirm=lambda parent, outcome: asked.append(outcome) or True)
    qtbot.addWidget(dialog)
    dialog.set_source(package.parent)
    dialog.run_import()
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20_000)
    assert [o.unit_code for o in asked] == ["DB15"] and asked[0].fingerprint.startswith("SHA256:")
    assert dialog.table.rowCount() == 1 and dialog.outcomes[0].status == "imported"
    assert dialog.table.item(0, 1).text() == "DB15"


def test_refused_key_leaves_package_waiting(window, package, qtbot):
    dialog = ImportDialog(window.ctx, window, confirm=lambda parent, outcome: False)
    qtbot.addWidget(dialog)
    dialog.set_source(package.parent)
    dialog.run_import()
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20_000)
    assert dialog.outcomes[0].status == "waiting"


def test_export_dialog_shows_progress_and_result(window, tmp_path, qtbot):
    dialog = ExportDialog(window.ctx, "DB01", window)
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path)
    dialog.run_export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.sha256.text() == dialog.result.sha256 and dialog.fingerprint.text().startswith("SHA256:")
    assert dialog.bar.value() == dialog.bar.maximum() and dialog.slip.isEnabled()
    assert dialog.result.path.parent == tmp_path and dialog.result.slip_path.exists()


def test_board_model_and_view(window, demo_store, qtbot, qtmodeltester):
    model = BoardModel(window.ctx.cycle)
    model.set_rows(board_overview(demo_store, window.ctx.cycle, demo_store.clock.today()), {})
    qtmodeltester.check(model)
    assert model.rowCount() == 60
    view = BoardView(window.ctx, window)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 60, timeout=20_000)
    assert "60" in view.summary.text()


def test_enter_in_the_export_dialog_exports(window, tmp_path, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog = ExportDialog(window.ctx, "DB01", window)  # DB01 is signed off in the demo
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_target(tmp_path)
    assert dialog.focusWidget() is dialog.start or dialog.start.isDefault()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.result.path.parent == tmp_path and dialog.result.path.exists()
    assert "Đảng bộ" in dialog.windowTitle() and "DB01" not in dialog.windowTitle()  # the unit's name
    # Done: a second Enter closes the dialog instead of writing a second package.
    assert dialog.close_button.isDefault() and not dialog.start.isDefault()
    window.ctx.runner.wait_idle()
    QTest.qWait(50)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    window.ctx.runner.wait_idle()
    assert not dialog.isVisible()
    assert [p.name for p in tmp_path.glob("*.zip")] == [dialog.result.path.name]


def test_enter_in_the_import_dialog_imports_from_the_chosen_folder(window, package, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog = ImportDialog(window.ctx, window, confirm=lambda parent, outcome: True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_source(package.parent)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20_000)
    assert dialog.outcomes[0].status == "imported"
    dialog.close()


def test_enter_in_the_import_dialog_without_a_source_opens_the_folder_chooser(window, qtbot):
    dialog = ImportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.source.clear()
    dialog._enter_goes_to(dialog.browse)
    assert dialog.browse.isDefault() and not dialog.start.isDefault()
    dialog.set_source(window.store.path.parent)
    assert dialog.start.isDefault() and not dialog.browse.isDefault()


def test_enter_on_a_units_first_key_keeps_the_package_waiting(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from chilinh_desktop.ops.exchange import ImportOutcome
    from chilinh_desktop.ui.import_dialog import confirm_first_key

    seen = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.defaultButton().text())
        box.defaultButton().click()

    QTimer.singleShot(200, press_enter)
    outcome = ImportOutcome(path=window.store.path, status="waiting", unit_code="DB15", unit_name="Đảng bộ xã Nam Sơn",
                            fingerprint="SHA256:abc")
    assert confirm_first_key(window, outcome) is False
    assert seen == ["Không"]


def test_the_export_dialog_opens_on_the_usb_stick_when_one_is_there(window, tmp_path, qtbot, monkeypatch):
    from chilinh_desktop.core.drives import HOME, REMOVABLE, ExportTarget
    from chilinh_desktop.ui import target_picker

    stick, documents = tmp_path / "USB ĐẢNG ỦY", tmp_path / "Documents"
    monkeypatch.setattr(target_picker, "export_targets",
                        lambda: [ExportTarget(stick, REMOVABLE), ExportTarget(documents, HOME)])
    dialog = ExportDialog(window.ctx, "DB01", window)
    qtbot.addWidget(dialog)
    assert dialog.target.folder() == str(stick)
    monkeypatch.setattr(target_picker, "export_targets", lambda: [ExportTarget(documents, HOME)])
    without = ExportDialog(window.ctx, "DB01", window)
    qtbot.addWidget(without)
    assert without.target.folder() == str(documents)
