"""Keyboard focus in a long form: the form scrolls to the box that takes the focus; Tab skips read-only boxes.

Two hooks for the form editor (ui/form_editor.py), each one line:
    follow_focus(self)            # in FormEditor.__init__ (a QScrollArea)
    skip_read_only(self)          # at the end of __init__ and of set_read_only
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget
from shiboken6 import isValid

_MARGIN_X, _MARGIN_Y = 16, 48  # the box's label above it stays in view too


class _FocusFollower(QObject):
    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        # A slot of a QObject (a child of the area): Qt drops the connection when the form is destroyed.
        QApplication.instance().focusChanged.connect(self._changed)

    def _changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.area):  # the form is gone (a closed tab) before Qt dropped the connection
            with contextlib.suppress(RuntimeError, TypeError):
                QApplication.instance().focusChanged.disconnect(self._changed)
            return
        inner = self.area.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.area.ensureWidgetVisible(new, _MARGIN_X, _MARGIN_Y)


def follow_focus(area: QScrollArea) -> QObject:
    """Scroll `area` to whichever of its boxes takes the keyboard focus (Tab, a shortcut, an error's link)."""
    return _FocusFollower(area)


def _read_only(widget: QWidget) -> bool:
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
        return widget.isReadOnly()
    return False


def skip_read_only(root: QWidget) -> None:
    """Tab passes over read-only boxes (figures from the records, a signed-off form); a click still selects text.

    Boxes that became editable again take Tab as before.
    """
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
            continue
        if _read_only(widget):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        elif widget.focusPolicy() == Qt.FocusPolicy.ClickFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
