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


def test_tab_never_stops_on_a_computed_figure_and_the_form_follows(qtbot, window, demo_store):
    from PySide6.QtWidgets import QApplication

    dossier_id = demo_store.db.execute(
        "SELECT d.id FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.official_id IS NULL "
        "AND d.state = 'draft' AND u.code LIKE 'DB%' ORDER BY u.code LIMIT 1").fetchone()[0]
    window.open_dossier(dossier_id, "classification_report")
    editor = window.dossier_view.current_page().editor
    read_only = [w for w in editor.widget().findChildren(QLineEdit) if w.isReadOnly()]
    assert read_only  # the report's figures are computed from the records
    first = next(w for w in editor.widget().findChildren(QLineEdit) if not w.isReadOnly())
    window.activateWindow()
    first.setFocus()
    stops = []
    for _ in range(25):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert not any(w in read_only for w in stops)
    inside = [w for w in stops if editor.widget().isAncestorOf(w)]
    last = inside[-1]
    top = last.mapTo(editor.widget(), last.rect().topLeft()).y() - editor.verticalScrollBar().value()
    assert 0 <= top <= editor.viewport().height()
