"""The set-up and settings dialogs only ask: the operations check and store, with the same words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.ops.setup import Installation, check_installation


@pytest.fixture
def window(qtbot, tmp_path, demo_store):
    """The main window over the demo city, shut down at the end."""
    from chilinh_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_store, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.start_session(ask=False)
    window.ctx.runner.wait_idle()
    yield window
    window.close()


def test_the_first_run_dialog_refuses_with_the_operations_words(qtbot):
    from chilinh_desktop.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.from_kit.setChecked(True)
    dialog.code.setText("db15")
    dialog.accept()
    with pytest.raises(ValidationError) as refused:
        check_installation(Installation("kit", "DB15"))
    assert dialog.error.text() == refused.value.message and dialog.result() == 0


def test_the_settings_dialog_saves_through_the_operation(qtbot, tmp_path, window, demo_store):
    from chilinh_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), window)
    qtbot.addWidget(dialog)
    dialog.signer.setText("Trần Thị Bình")
    dialog.accept()
    window.ctx.runner.wait_idle()
    assert load_settings(demo_store).signer == "Trần Thị Bình"
    audited = demo_store.db.execute("SELECT detail FROM audit WHERE action = 'settings.change'").fetchall()
    assert len(audited) == 1 and "signer" in audited[0][0]
