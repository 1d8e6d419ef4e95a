"""At the Board, what a unit sent: the received documents of a dossier, read-only, apart from the Board's copy.

`ReceivedSides` wraps the dossier's own tabs: when the unit's current package carries the dossier,
a first tab shows the documents as the unit sent them (the answers, and the PDFs it signed inside
the package, with which package and when), and the Board's own copy moves to a separate tab named
as such; otherwise the Board's copy shows alone, as before. Everything is read through
ops.received; nothing here writes.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.received import ReceivedDossier, ReceivedItem, moment_text, received_dossier, received_file
from chilinh_desktop.ui.common import ask_board_passphrase, warn
from chilinh_desktop.ui.operations import error_text

if TYPE_CHECKING:
    from chilinh_desktop.ui.context import AppContext
    from chilinh_desktop.ui.main_window import MainWindow
    from chilinh_desktop.ui.print_preview import PrintPreviewDialog

RECEIVED_TAB, BOARD_COPY_TAB = 0, 1
_DONE_STATES = ("complete", "attached")


def _state_words(item: ReceivedItem) -> str:
    if item.need == "not_applicable":
        return _("not applicable")
    if item.need == "exempt" or item.state == "exempt":
        return _("exempt: {reason}", reason=item.exempt_reason or "—")
    return {"complete": _("complete"), "attached": _("attached"), "draft": _("draft"),
            "missing": _("not sent")}.get(item.state, item.state)


def package_line(found: ReceivedDossier) -> str:
    """Which package and when, as the heading of the received documents says it."""
    line = _("Sent by the unit in package {code} (file {file}), exported {exported}, received by the Board "
             "{received}.", code=found.package_code, file=found.file_name, exported=moment_text(found.exported_at),
             received=moment_text(found.received_at))
    if found.signed_off_by:
        line += " " + _("Signed off by {who} on {day}.", who=found.signed_off_by,
                        day=moment_text(found.signed_off_at or ""))
    return line


class ReceivedPanel(QWidget):
    """The received dossier: which package and when, its items, the selected item's answers, its PDF."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.found: ReceivedDossier | None = None
        self.preview: PrintPreviewDialog | None = None
        self.heading = QLabel()
        self.heading.setObjectName("receivedHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = QListWidget()
        self.items.setObjectName("receivedItems")
        self.items.currentRowChanged.connect(self._show_item)
        self.items.itemActivated.connect(lambda _item: self.open_preview())
        self.text = QTextBrowser()
        self.text.setObjectName("receivedText")
        self.text.setOpenLinks(False)
        # Read-only, but a document to read: not the greyed look of a locked field (ui.common.READ_ONLY_STYLE).
        self.text.setStyleSheet("QTextBrowser { color: palette(text); background: palette(base); }")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.preview_button = QPushButton(_("Preview and print what the unit sent…"))
        self.preview_button.setObjectName("receivedPreview")
        self.preview_button.clicked.connect(self.open_preview)
        # An item sent as several files (a scan added page by page): which one the preview opens.
        self.file_choice = QComboBox()
        self.file_choice.setObjectName("receivedFile")
        self.file_choice.setAccessibleName(_("File to preview"))
        self.file_choice.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.file_choice)
        bar.addWidget(self.preview_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.text, 1)
        right_layout.addLayout(bar)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    def load(self, found: ReceivedDossier) -> None:
        """Show a received dossier (the first item with content selected)."""
        self.found = found
        self.heading.setText("<b>" + html.escape(_("What the unit sent (read-only)")) + "</b> — "
                             + html.escape(found.subject) + "<br>" + html.escape(package_line(found)))
        self.items.clear()
        for item in found.items:
            mark = "✓" if item.state in _DONE_STATES else ("–" if item.need != "required" else "✗")
            entry = QListWidgetItem(f"{mark} {item.short_name} — {_state_words(item)}")
            entry.setToolTip(item.name)
            self.items.addItem(entry)
        first = next((n for n, item in enumerate(found.items) if item.answers or item.file), 0)
        self.items.setCurrentRow(first if found.items else -1)
        if not found.items:
            self._show_item(-1)

    def select_item(self, item_id: str) -> None:
        """Select an item by its id (from the dashboard), if the unit sent it."""
        for n, item in enumerate(self.found.items if self.found else ()):
            if item.id == item_id:
                self.items.setCurrentRow(n)

    def current_item(self) -> ReceivedItem | None:
        """The item selected in the list."""
        row = self.items.currentRow()
        return self.found.items[row] if self.found is not None and 0 <= row < len(self.found.items) else None

    def _show_item(self, _row: int) -> None:
        item = self.current_item()
        if item is None:
            self.text.setHtml("")
            self.note.setText("")
            self.preview_button.setEnabled(False)
            return
        parts = [f"<h3>{html.escape(item.name)}</h3>"]
        if item.form:
            said = _("Form {form}, as the unit filled it in", form=item.form)
            parts.append(f"<p><i>{html.escape(said)}</i></p>")
        for answer in item.answers:
            text = html.escape(answer.text).replace("\n", "<br>")
            parts.append(f"<p><b>{html.escape(answer.label)}</b><br>{text}</p>")
        if not item.answers:
            parts.append(f"<p>{html.escape(_state_words(item))}</p>")
        self.text.setHtml("".join(parts))
        self.preview_button.setEnabled(item.viewable)
        self.file_choice.clear()
        for n in range(1, len(item.files) + 1):
            self.file_choice.addItem(_("File {n} of {count}", n=n, count=len(item.files)))
        self.file_choice.setVisible(len(item.files) > 1 and item.viewable)
        if item.confidential:
            self.note.setText(_("Confidential: the unit's file is encrypted to the Board. Open it from Packages "
                                "received › Confidential files… (the opening is recorded)."))
        elif item.viewable:
            self.note.setText(_("The PDF the unit signed in its package."))
        else:
            self.note.setText(_("The unit sent no file for this item."))

    def open_preview(self) -> PrintPreviewDialog | None:
        """Preview (and print or save) the PDF the unit sent for the selected item, byte for byte."""
        from chilinh_desktop.ui.print_preview import PrintPreviewDialog

        item, found = self.current_item(), self.found
        if item is None or found is None or not item.viewable:
            return None
        ok, passphrase = ask_board_passphrase(self.ctx, self)
        if not ok:
            return None
        try:
            chosen = item.files[self.file_choice.currentIndex()] if len(item.files) > 1 else item.file
            data = received_file(self.ctx.store, found.package_id, chosen or "", passphrase)
        except ChilinhError as exc:
            warn(self, _("Nothing to print"), error_text(exc))
            return None
        title = _("{subject} — {item} (as the unit sent it)", subject=found.subject, item=item.short_name)
        name = Path(chosen or "document.pdf").name
        dialog = PrintPreviewDialog(title, lambda _final: data, name, parent=self, draft_choice=False)
        self.preview = dialog  # tests and screenshots reach the open preview
        dialog.open()
        return dialog


class ReceivedSides(QTabWidget):
    """The dossier as the unit sent it, and the Board's own copy, each in its tab, never mixed."""

    side_changed = Signal(bool)  # True while the received documents are in front

    def __init__(self, ctx: AppContext, board_copy: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receivedSides")
        self.ctx = ctx
        self.received = ReceivedPanel(ctx)
        self.addTab(self.received, _("Sent by the unit"))
        self.addTab(board_copy, _("The Board's copy"))
        self.setTabToolTip(BOARD_COPY_TAB, _("The Board's own working copy of this dossier; it is not what the "
                                             "unit sent."))
        self.currentChanged.connect(lambda _index: self.side_changed.emit(self.showing_received))
        self._show_copy_only()

    @property
    def showing_received(self) -> bool:
        """Whether the received documents are in front."""
        return self.received.found is not None and self.currentIndex() == RECEIVED_TAB

    def show_dossier(self, dossier_id: str) -> ReceivedDossier | None:
        """At the Board, put what the unit sent in front when its package carries this dossier."""
        try:
            found = received_dossier(self.ctx.store, self.ctx.cycle, dossier_id)
        except ChilinhError:
            found = None
        self.received.found = None
        if found is None:
            self._show_copy_only()
        else:
            self.setTabVisible(RECEIVED_TAB, True)
            self.tabBar().setVisible(True)
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.received.load(found)
            self.setCurrentIndex(RECEIVED_TAB)
            self.received.items.setFocus()  # the keyboard starts on what the unit sent, not in the hidden copy
        self.side_changed.emit(self.showing_received)
        return found

    def _show_copy_only(self) -> None:
        self.setTabVisible(RECEIVED_TAB, False)
        self.tabBar().setVisible(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight into the copy's own tabs
        self.setCurrentIndex(BOARD_COPY_TAB)


def print_received_unit_job(window: MainWindow, code: str, folder: Path):
    """At the Board: write the PDFs a unit sent (its current package) into `folder`, in the background."""
    from chilinh_desktop.ops.received import print_received_unit

    cycle = window.ctx.cycle
    ok, passphrase = ask_board_passphrase(window.ctx, window)
    if not ok:
        return None

    def run(store, control):
        return print_received_unit(store, cycle, code, folder,
                                   lambda done, total, _name: control.step(done, total, _(
                                       "Printing {n} of {total}…", n=done, total=total)), passphrase)

    def done(result) -> None:
        text = _("{n} PDF files the unit sent (package {code}) written to {folder}", n=len(result.paths),
                 code=result.package_code, folder=str(folder))
        if result.confidential:
            text += " " + _("({n} confidential files left encrypted: open them from Packages received.)",
                            n=result.confidential)
        window.statusBar().showMessage(text, 12_000)

    return window.ctx.jobs.start(run, _("Printing what the unit {code} sent", code=code), on_done=done)
