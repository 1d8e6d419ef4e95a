"""Opening a PDF the program wrote (the handover slip, a receipt): the system viewer, else our own view.

An office PC without a registered PDF viewer (or a Linux desktop without xdg-open) makes
QDesktopServices.openUrl return False; the file is then shown in the program's print preview
(QtPdf), from which it can also be printed or saved elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ChilinhError

UrlOpener = Callable[[QUrl], bool]


def open_pdf(parent: QWidget, path: Path, title: str, *, open_url: UrlOpener | None = None):
    """Open the PDF in the system viewer; when that fails, in the program's own view (returned, shown)."""
    opener = open_url or QDesktopServices.openUrl
    if opener(QUrl.fromLocalFile(str(path))):
        return None
    from chilinh_desktop.ui.print_preview import PrintPreviewDialog

    def read(_final: bool) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise ChilinhError(_("The file {path} cannot be read ({reason}). Nothing was changed; open it from "
                                 "its folder or write it again.", path=path, reason=exc.strerror or exc),
                               code="file.unreadable") from exc

    view = PrintPreviewDialog(title, read, path.name, draft_choice=False, parent=parent)
    view.show()
    return view
