"""Small dialogs with Vietnamese buttons (Qt ships no Vietnamese translation of its own buttons)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from chilinh_desktop.i18n import _

# Read-only fields (a signed-off dossier, figures computed by the program) must not look editable.
READ_ONLY_STYLE = """
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"] {
    background: palette(window); color: palette(dark); border: 1px dashed palette(mid);
}
"""


def read_only_look(widget: QWidget) -> None:
    """Give the read-only fields inside `widget` the look of READ_ONLY_STYLE.

    Set on the widgets that hold such fields (the dossier tabs, two dialogs), not on the application:
    an application style sheet makes Qt lay out and draw every widget of the window through its
    style-sheet style, and setting one after the first paint held the window up to 0.15 s.
    """
    widget.setStyleSheet(READ_ONLY_STYLE)


def standard_texts() -> dict:
    """Our words for Qt's standard buttons."""
    sb = QMessageBox.StandardButton
    return {
        sb.Ok: _("OK"),
        sb.Cancel: _("Cancel"),
        sb.Yes: _("Yes"),
        sb.No: _("No"),
        sb.Save: _("Save"),
        sb.Close: _("Close"),
        sb.Discard: _("Discard"),
        sb.Apply: _("Apply"),
        sb.Help: _("Help"),
    }


def message_box_texts(box: QMessageBox) -> None:
    """Put our words on a message box's standard buttons."""
    for which, text in standard_texts().items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


def button_box_texts(box: QDialogButtonBox) -> None:
    """Put our words on a button box's standard buttons."""
    db = QDialogButtonBox.StandardButton
    words = {
        db.Ok: _("OK"),
        db.Cancel: _("Cancel"),
        db.Yes: _("Yes"),
        db.No: _("No"),
        db.Save: _("Save"),
        db.Close: _("Close"),
        db.Apply: _("Apply"),
        db.Help: _("Help"),
        db.Discard: _("Discard"),
    }
    for which, text in words.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, yes: str | None = None, no: str | None = None,
               default_yes: bool = False) -> bool:
    """A yes/no question with our words on the buttons; Enter gives the safe "no" unless `default_yes`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no or _("No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def fit_to_screen(widget: QWidget, width: int, height: int, *, margin: int = 24) -> None:
    """Size a top-level window to at most (width, height), inside the screen's available area, centred."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    area = screen.availableGeometry()
    frame = max(widget.frameGeometry().height() - widget.geometry().height(), 32)  # the title bar
    w = min(width, area.width() - margin)
    h = min(height, area.height() - margin - frame)
    widget.resize(max(w, 200), max(h, 200))
    widget.move(area.x() + (area.width() - widget.width()) // 2,
                area.y() + max((area.height() - widget.height() - frame) // 2, 0))


def keep_on_screen(widget: QWidget) -> None:
    """After a restored geometry: shrink and move the window back inside the available area."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = widget.frameGeometry()
    if area.contains(frame):
        return
    fit_to_screen(widget, min(widget.width(), area.width()), min(widget.height(), area.height()))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning with an OK button in our words."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    message_box_texts(box)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A piece of information with an OK button in our words."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    message_box_texts(box)
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text from the person, or None when cancelled or left empty."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    dialog.resize(480, dialog.sizeHint().height())
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    value = dialog.textValue().strip()
    return value or None


def ask_board_passphrase(ctx, parent: QWidget | None) -> tuple[bool, str | None]:
    """The passphrase of the Board's keys when they have one (sealed packages, confidential files).

    (True, None) when the keys need none; (False, None) when the person cancels.
    """
    from chilinh_desktop.ops.exchange import board_key_needs_passphrase

    if not board_key_needs_passphrase(ctx.store):
        return True, None
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_("Passphrase"))
    dialog.setLabelText(_("Passphrase of the Board's keys:"))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return False, None
    return True, dialog.textValue()


def list_table(model, *, name: str = "", alternating: bool = True, word_wrap: bool = False) -> QTableView:
    """A read-only table of whole rows (one selected at a time), as every list in the window shows."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the list for the next pane; arrows move within it
    view.verticalHeader().hide()
    view.setAlternatingRowColors(alternating)
    view.setWordWrap(word_wrap)
    return view
