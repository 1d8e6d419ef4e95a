"""Lưu thành Word: the form shown in the print preview, saved as an editable .docx."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.printing import write_pdf
from chilinh_desktop.ui.common import warn
from chilinh_desktop.ui.saved_file import documents_folder, tell_saved

WordSource = Callable[[bool], bytes]  # final? -> .docx bytes


def save_word(parent: QWidget, source: WordSource, suggested: str, *, final: bool) -> Path | None:
    """Ask where, then write the .docx whole or not at all; the path written, or None."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as Word"), str(documents_folder() / suggested),
                                                _("Word documents (*.docx)"))
    if not path:
        return None
    target = Path(path) if path.lower().endswith(".docx") else Path(path + ".docx")
    try:
        write_pdf(target, source(final))  # the same whole-or-nothing write as a PDF
    except ChilinhError as exc:
        warn(parent, _("Not saved"), exc.message)
        return None
    tell_saved(parent, target)
    return target
