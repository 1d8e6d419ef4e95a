"""A long form follows the keyboard: Tab skips read-only boxes and the view scrolls to the focused box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QScrollArea, QVBoxLayout, QWidget

from chilinh_desktop.ui.focus import follow_focus, skip_read_only


def _long_form(qtbot):
    area = QScrollArea()
    inner = QWidget()
    layout = QVBoxLayout(inner)
    boxes = []
    for n in range(40):
        box = QLineEdit(f"ô {n}")
        box.setReadOnly(n % 2 == 1)  # every other box is a figure from the records
        layout.addWidget(box)
        boxes.append(box)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.resize(400, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, boxes


def test_tab_skips_read_only_boxes_and_the_form_scrolls_to_the_focused_one(qtbot):
    area, boxes = _long_form(qtbot)
    follow_focus(area)
    skip_read_only(area)
    area.activateWindow()
    boxes[0].setFocus()
    for _ in range(15):
        qtbot.keyClick(area.focusWidget(), Qt.Key.Key_Tab)
        qtbot.wait(10)
    focused = area.focusWidget()
    assert focused is boxes[30] and not focused.isReadOnly()  # 15 Tabs: 15 editable boxes on, none read-only
    area.verticalScrollBar().setValue(0)
    boxes[38].setFocus()  # focus from anywhere (a shortcut, an error's "go to the field"), not only Tab
    qtbot.wait(10)
    top = boxes[38].mapTo(area.widget(), boxes[38].rect().topLeft()).y() - area.verticalScrollBar().value()
    assert 0 <= top <= area.viewport().height() - boxes[38].height()  # in view, not below the fold

    boxes[1].setReadOnly(False)  # a box that becomes editable takes Tab again
    skip_read_only(area)
    assert boxes[1].focusPolicy() == Qt.FocusPolicy.StrongFocus
