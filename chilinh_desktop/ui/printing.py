"""Printing from the window: the preview of one item and a whole unit in the background (ops.printing)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.printing import ItemPrint, PrintRun, print_unit
from chilinh_desktop.ops.types import Cycle, Store
from chilinh_desktop.ui.common import ask_yes_no, warn
from chilinh_desktop.ui.operations import JobControl
from chilinh_desktop.ui.print_preview import PrintPreviewDialog
from chilinh_desktop.ui.saved_file import documents_folder

if TYPE_CHECKING:
    from chilinh_desktop.ui.main_window import MainWindow


def open_item_preview(window: MainWindow, dossier_id: str, item_id: str) -> PrintPreviewDialog | None:
    """Show the print preview of one item (waits for pending saves so the print is what was typed)."""
    ctx = window.ctx
    ctx.autosave.flush()
    ctx.runner.wait_idle()
    store, cycle = ctx.store, ctx.cycle
    item = cycle.item(item_id)
    try:  # read once, not rendered: the dialog draws the draft, the final PDF and the Word file from it
        preview = ItemPrint(store, cycle, dossier_id, item_id)
    except ChilinhError as exc:
        warn(window, _("Nothing to print"), exc.message)
        return None
    document = preview.document
    dialog = PrintPreviewDialog(
        document.title,
        preview.pdf,
        document.file_name,
        allow_final=preview.can_print_final,
        parent=window,
        word_source=None if item.kind == "attachment" else preview.docx,
    )
    window.preview = dialog  # tests and screenshots reach the open preview
    dialog.open()
    return dialog


def print_unit_to_folder(cycle: Cycle, unit_code: str, folder: Path, *, final: bool):
    """A job: write the PDF of every filled item of a unit's dossiers into `folder` (the CLI's print-all)."""

    def run(store: Store, control: JobControl) -> PrintRun:
        def progress(done: int, total: int, label: str) -> None:
            control.step(done, total, _("Printing {n} of {total}…", n=done, total=total))

        # One process: forking a Qt program's threads is unsafe, and on a two-core PC one is faster.
        return print_unit(store, cycle, unit_code, folder, draft=not final, progress=progress, workers=1)

    return run


def ask_print_unit(window: MainWindow) -> None:
    """Choose a folder and print every filled item of the selected unit into it, in the background."""
    code = window.unit_pane.unit_code
    if code is None:
        window.statusBar().showMessage(_("Choose a unit first."), 4000)
        return
    from chilinh_desktop.ops.progress import received_units

    # At the Board, a unit whose package arrived prints what it sent (the PDFs it signed), not the Board's copy.
    received = any(c == code for c, _name, _day in received_units(window.store, window.ctx.cycle))
    folder = QFileDialog.getExistingDirectory(window, _("Choose the folder for the PDF files"),
                                              str(documents_folder()))
    if not folder:
        return
    if received:
        from chilinh_desktop.ui.received_view import print_received_unit_job

        print_received_unit_job(window, code, Path(folder) / code)
        return
    final = ask_yes_no(
        window,
        _("Print the whole unit"),
        _("Print the final version? Items not yet complete are printed as drafts."),
        yes=_("Final"),
        no=_("Draft"),
    )
    start_print_unit(window, code, Path(folder) / code, final=final)


def start_print_unit(window: MainWindow, code: str, folder: Path, *, final: bool = False):
    """Start printing a unit into `folder` (the job; its end is shown in the status bar)."""
    ctx = window.ctx
    ctx.autosave.flush()
    ctx.runner.wait_idle()
    return ctx.jobs.start(
        print_unit_to_folder(ctx.cycle, code, folder, final=final),
        _("Printing the unit {code}", code=code),
        on_done=lambda run: window.statusBar().showMessage(
            _("{n} PDF files written to {folder}", n=len(run.paths), folder=str(folder)), 8000
        ),
    )
