"""The Board's papers from the window: the Excel report and a package's receipt (giấy biên nhận).

The same operations as `chilinh report` and `chilinh receipt` (ops/board.py), run as a job with
progress in the status bar; the file is written atomically, so a failure leaves nothing half-written.
When done the file opens in its program; where none opens it, the person is told where it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.board import WrittenDocument, write_board_report, write_receipt
from chilinh_desktop.ops.progress import received_units
from chilinh_desktop.ui.common import inform, warn
from chilinh_desktop.ui.labels import format_day
from chilinh_desktop.ui.operations import error_text

if TYPE_CHECKING:
    from chilinh_desktop.ui.main_window import MainWindow

FOLDER_KEY = "board/documents_folder"


def open_file(path: Path) -> bool:
    """Open a file in the program the system has for it; False when none did."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class Outcome:
    """What a document job did: the file written, or the message of why not."""

    written: WrittenDocument | None = None
    problem: str = ""


def report_name(cycle_id: str, today: dt.date) -> str:
    """The report's default file name: ASCII, with the cycle and the day (BaoCao_2023_2023-12-05.xlsx)."""
    return f"BaoCao_{cycle_id}_{today.isoformat()}.xlsx"


def receipt_name(unit_code: str, today: dt.date) -> str:
    """A receipt's default file name (BienNhan_DB15_2023-12-05.pdf)."""
    return f"BienNhan_{unit_code}_{today.isoformat()}.pdf"


def _folder(window: MainWindow) -> Path:
    saved = window.settings.value(FOLDER_KEY)
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # A profile without a Documents folder: the home folder, not wherever the program was started from.
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _ask_path(window: MainWindow, title: str, name: str, filter_text: str, suffix: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(window, title, str(_folder(window) / name), filter_text)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    window.settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def _run(window: MainWindow, title: str, write: Callable, path: Path, done_text: str) -> None:
    """Write on the job pool (progress and Cancel in the status bar), then open the file or say why not."""

    def job(store, control) -> Outcome:
        control.step(0, 1, title)
        try:
            written = write(store)
        except Exception as exc:  # told to the person below, with what was kept safe
            return Outcome(problem=error_text(exc))
        return Outcome(written)  # no step after the write: a Cancel now would claim a file that exists was not made

    def finished(outcome: Outcome) -> None:
        # After the job has left the status bar: a message box now would keep its bar and Cancel showing.
        QTimer.singleShot(0, window, lambda: tell(outcome))  # dropped if the window closed meanwhile

    def tell(outcome: Outcome) -> None:
        if outcome.written is None:
            warn(window, _("The file was not written"),
                 _("{problem}\n\nYour data is unchanged. Choose another folder (one you can write to, with free "
                   "space) and try again.", problem=outcome.problem))
            return
        window.statusBar().showMessage(done_text, 10_000)
        if not open_file(outcome.written.path):
            inform(window, title, _("{done}\n\nNo program on this computer opened it: open it from the folder "
                                    "{folder}.", done=done_text, folder=outcome.written.path.parent))

    window.ctx.jobs.start(job, title, finished)


def save_report(window: MainWindow, path: Path | None = None) -> None:
    """Ask where to save the Board's Excel report (unless given), write it, open it."""
    cycle = window.ctx.cycle
    title = _("The Board's Excel report")
    path = path or _ask_path(window, _("Save the Board's Excel report"),
                             report_name(cycle.id, window.store.clock.today()), _("Excel workbook (*.xlsx)"), ".xlsx")
    if path is None:
        return
    _run(window, title, lambda store: write_board_report(store, path, cycle), path,
         _("Report written: {path}", path=path))


def choose_received_unit(window: MainWindow) -> str | None:
    """The unit whose receipt to print: the one selected if its package arrived, else asked from a list."""
    units = received_units(window.store, window.ctx.cycle)
    if not units:
        inform(window, _("Receipt of a package"), _("No unit's package has been received in this cycle yet."))
        return None
    labels = [_("{name} ({code}), received on {day}", name=name, code=code, day=format_day(day))
              for code, name, day in units]
    codes = [code for code, _name, _day in units]
    selected = window.unit_pane.unit_code
    current = codes.index(selected) if selected in codes else 0
    label, ok = QInputDialog.getItem(window, _("Receipt of a package"), _("The receipt of which unit's package?"),
                                     labels, current, False)
    return codes[labels.index(label)] if ok and label in labels else None


def save_receipt(window: MainWindow, unit_code: str | None = None, path: Path | None = None) -> None:
    """Print the receipt of a unit's current package to a PDF file, and open it."""
    unit_code = unit_code or choose_received_unit(window)
    if not unit_code:
        return
    cycle = window.ctx.cycle
    path = path or _ask_path(window, _("Save the receipt"), receipt_name(unit_code, window.store.clock.today()),
                             _("PDF document (*.pdf)"), ".pdf")
    if path is None:
        return
    _run(window, _("Receipt of a package"),
         lambda store: write_receipt(store, path, unit_code=unit_code, cycle=cycle), path,
         _("Receipt written: {path}", path=path))
