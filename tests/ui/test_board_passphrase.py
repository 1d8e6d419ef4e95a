"""The window asks the passphrase of the Board's keys before it opens a sealed package, and only then.

A real Board must protect its keys (package/keyring.py), so the window's import, the received view
and the confidential files all go through this one question.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from ui_helpers import type_text

from chilinh_desktop.ops.keys import create_key
from chilinh_desktop.ui.common import ask_board_passphrase


def _answer(qtbot, text: str | None) -> None:
    """When the passphrase dialog opens, type `text` and press Enter (None: Escape)."""
    from PySide6.QtCore import Qt

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()),
                      None)
        if dialog is None:
            QTimer.singleShot(50, answer)
            return
        # The dialog's own line edit (under load the focus may not have reached it yet when this runs).
        target = dialog.findChild(QLineEdit) or dialog
        if text is None:
            qtbot.keyClick(target, Qt.Key.Key_Escape)
            return
        type_text(target, text)
        qtbot.keyClick(target, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)


def test_no_question_when_the_boards_keys_have_no_passphrase(demo_store):
    # Only the demo's Board keeps its keys unprotected; a real Board must set a passphrase (below).
    assert ask_board_passphrase(SimpleNamespace(store=demo_store), None) == (True, None)


def test_a_protected_board_key_is_asked_for_and_typed_with_keys(qtbot, store):
    create_key(store, board=True, passphrase="mật khẩu Ban")
    _answer(qtbot, "mật khẩu Ban")
    assert ask_board_passphrase(SimpleNamespace(store=store), None) == (True, "mật khẩu Ban")


def test_cancelling_the_passphrase_opens_nothing(qtbot, store):
    create_key(store, board=True, passphrase="mật khẩu Ban")
    _answer(qtbot, None)
    assert ask_board_passphrase(SimpleNamespace(store=store), None) == (False, None)
