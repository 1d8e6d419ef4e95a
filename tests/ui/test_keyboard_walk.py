"""The unit clerk's main flow with the keyboard only: keys go to the focused widget, nothing is clicked.

Find a unit (Ctrl+F), Tab to the tree and pick it with the arrows, Tab to the cadre list, Enter
opens the dossier, Ctrl+PgDown moves to the self-review, Tab into a field, type, Ctrl+S, Ctrl+P
opens the print preview and Esc closes it, Alt+Left goes back, Ctrl+K signs off the unit in one
dialog, Ctrl+E opens the export dialog. Tab and Shift+Tab reach every pane and never get stuck.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from ui_helpers import editable_cadre, type_text

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import get_dossier, stored_items
from chilinh_desktop.core.units import get_unit, unit_tree
from chilinh_desktop.ops.signoff import sign_off_plan

TEXT = "Gương mẫu thực hiện nghị quyết"
NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
MAIN: list[QWidget] = []  # the window under test (forgotten after each test: see _forget_the_window)


@pytest.fixture(autouse=True)
def _forget_the_window():
    """A window kept alive by this module past its test would be destroyed at interpreter exit, by the
    last garbage collection, after Qt is gone (a bool_dealloc abort)."""
    yield
    MAIN.clear()


def press(qtbot, key, modifier=NO, times: int = 1) -> QWidget:
    """Press a key on whatever has the focus (as a person would); return the new focus."""
    for _n in range(times):
        if QApplication.activeWindow() is None and MAIN:
            # The offscreen platform has no window manager to give the main window the focus back
            # when a dialog closes; do what the window manager does. Qt restores the last focus.
            MAIN[0].activateWindow()
            QApplication.processEvents()
        target = QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None, "nothing has the keyboard focus"
        qtbot.keyClick(target, key, modifier)
        QApplication.processEvents()
    return QApplication.focusWidget()


def tab_until(qtbot, reached, *, back: bool = False, limit: int = 60) -> QWidget:
    """Tab (or Shift+Tab) until `reached(focus)`; fails if the focus cannot get there (a trap)."""
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    for _n in range(limit):
        focus = press(qtbot, key, Qt.KeyboardModifier.ShiftModifier if back else NO)
        if focus is not None and reached(focus):
            return focus
    raise AssertionError(f"{'Shift+Tab' if back else 'Tab'} never reached the target; stuck on {focus!r}")


def inside(widget: QWidget):
    return lambda focus: focus is widget or widget.isAncestorOf(focus)


def on_modal(qtbot, check) -> list:
    """Run `check(dialog)` on the next modal dialog (opened by a key) once it has the focus, then close
    it with Esc. A failed check closes the dialog too (a test never hangs on a modal) and is kept."""
    seen: list = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        try:
            check(dialog)
            if dialog.isVisible():
                press(qtbot, Qt.Key.Key_Escape)
        except BaseException as exc:  # re-raised by the test once the dialog is gone
            seen.append(exc)
            dialog.reject()

    QTimer.singleShot(0, look)
    return seen


def passed(seen: list) -> object:
    """The dialog a modal check saw, re-raising what failed inside it."""
    assert seen, "no dialog opened"
    for item in seen[1:]:
        raise item
    return seen[0]


def unit_to_sign(store) -> tuple[str, int]:
    """A demo unit with dossiers ready to sign off and a warning to acknowledge, and an editable cadre's row."""
    cycle = get_cycle(store)
    for node in unit_tree(store, cycle.tree_date).walk():
        plan = sign_off_plan(store, cycle, node.unit.code)
        if plan.ready and plan.warnings:
            try:
                return editable_cadre(store, node.unit.code)
            except AssertionError:
                continue
    raise AssertionError("no demo unit to sign off")


def test_main_flow_with_keys_only(qtbot, window, demo_store):
    cycle = get_cycle(demo_store)
    code, row = unit_to_sign(demo_store)
    unit_name = get_unit(demo_store, code).name
    MAIN[:] = [window]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tree.setFocus()  # where a person's first click lands; from here on, keys only

    # Find the unit, then Tab to the tree and walk down to it.
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.filter
    # By code: a name would also list matching cadres in the find box's pop-up (another test covers that).
    qtbot.keyClicks(window.filter, code.lower())
    assert unit_name
    tab_until(qtbot, lambda focus: focus is window.tree)
    for _n in range(10):
        if window.unit_pane.unit_code == code:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert window.unit_pane.unit_code == code

    # Tab leaves the tree, passes the collective items (no trap) and reaches the cadre list.
    tab_until(qtbot, lambda focus: focus is window.unit_pane.cadres_view)
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, times=row)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.dossier_view
    dossier_id = window.dossier_view.dossier_id

    # Move to the self-review tab, Tab into its first text box and type.
    for _n in range(window.dossier_view.tabs.count()):
        if window.dossier_view.current_page().item.id == "self_review":
            break
        press(qtbot, Qt.Key.Key_PageDown, CTRL)
    page = window.dossier_view.current_page()
    assert page.item.id == "self_review"
    box = tab_until(qtbot, lambda focus: isinstance(focus, QPlainTextEdit) and inside(page.editor)(focus))
    press(qtbot, Qt.Key.Key_End, CTRL)
    type_text(box, TEXT)
    press(qtbot, Qt.Key.Key_S, CTRL)  # save now
    window.ctx.runner.wait_idle()
    answers = stored_items(demo_store, dossier_id)["self_review"].answers
    assert any(str(v).endswith(TEXT) for v in answers.values())

    # Ctrl+P: the print preview of this item; Esc closes it.
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=20_000)
    preview = QApplication.activeModalWidget()
    assert preview.objectName() == "printPreview"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    press(qtbot, Qt.Key.Key_Shift)  # (nothing) the focus is back in the dossier
    assert window.dossier_view.isAncestorOf(QApplication.focusWidget())

    # Alt+Left: back to the unit; Ctrl+K: the unit's sign-off dialog, answered with keys.
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.unit_pane

    def sign(dialog) -> None:
        assert dialog.objectName() == "unitSignOff" and dialog.unit_code == code
        assert QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget())
        focus = tab_until(qtbot, lambda focus: focus is dialog.signer)
        focus.selectAll()
        type_text(focus, "Nguyễn Văn Bí thư")
        if dialog.acknowledge.isVisible():
            tab_until(qtbot, lambda focus: focus is dialog.acknowledge)
            press(qtbot, Qt.Key.Key_Space)
            assert dialog.acknowledge.isChecked()
        if dialog.ok.isEnabled():
            tab_until(qtbot, lambda focus: focus is dialog.signer, back=True)
            press(qtbot, Qt.Key.Key_Return)  # the default button: sign off what is ready
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)

    dialogs = on_modal(qtbot, sign)
    press(qtbot, Qt.Key.Key_K, CTRL)
    ready = [line.dossier.id for line in passed(dialogs).plan.ready]
    window.ctx.runner.wait_idle()
    assert ready and all(get_dossier(demo_store, d).locked for d in ready)

    # Ctrl+E: the export dialog of this unit.
    def export(dialog) -> None:
        assert dialog.objectName() == "exportDialog" and unit_name in dialog.windowTitle()  # its name, not its code
        assert dialog.isAncestorOf(QApplication.focusWidget())

    exports = on_modal(qtbot, export)
    press(qtbot, Qt.Key.Key_E, CTRL)
    passed(exports)
    assert cycle.id  # the walk ran on the demo's cycle


def test_tab_and_shift_tab_reach_every_pane_of_the_unit_page(qtbot, window, demo_store):
    code, _row = editable_cadre(demo_store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_unit(code)
    window.tree.setFocus()
    panes = [window.filter, window.tree, window.unit_pane.items_view, window.unit_pane.cadres_view]
    for pane in panes:
        tab_until(qtbot, lambda focus, pane=pane: focus is pane)
    for pane in reversed(panes):
        tab_until(qtbot, lambda focus, pane=pane: focus is pane, back=True)


def test_tab_reaches_the_dossier_and_shift_tab_leaves_it(qtbot, window, demo_store):
    from PySide6.QtWidgets import QTabBar

    code, row = editable_cadre(demo_store)
    MAIN[:] = [window]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_unit(code)
    window.unit_pane.cadres_view.setFocus()
    window.unit_pane.cadres_view.setCurrentIndex(window.unit_pane.cadres_model.index(row, 0))
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.dossier_view
    view = window.dossier_view
    tab_until(qtbot, lambda focus: isinstance(focus, QTabBar) and view.isAncestorOf(focus))
    page = view.current_page()
    tab_until(qtbot, inside(page))
    tab_until(qtbot, lambda focus: focus is window.tree, back=True)
    tab_until(qtbot, lambda focus: focus is window.filter, back=True)
