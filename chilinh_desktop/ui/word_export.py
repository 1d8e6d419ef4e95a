"""Lưu thành Word: the form shown in the print preview, saved as an editable .docx."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.views import dossier_detail
from chilinh_desktop.formspec.answers import stored_form_item
from chilinh_desktop.formspec.context import record_context
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.i18n import _
from chilinh_desktop.render.batch import write_pdf
from chilinh_desktop.render.document import FilledForm
from chilinh_desktop.render.settings import print_settings
from chilinh_desktop.ui.common import warn

WordSource = Callable[[bool], bytes]  # final? -> .docx bytes


def item_docx(store: Store, cycle: Cycle, scales: Scales, dossier_id: str, kind: str, *, final: bool) -> bytes:
    """The .docx of one form item, draft or final, as the preview shows it."""
    from chilinh_desktop.render.docx_out import render_docx

    detail = dossier_detail(store, cycle, dossier_id)
    item = cycle.item(kind)
    form_item = stored_form_item(store, cycle, detail.dossier, item)
    filled = FilledForm(form_item.form, form_item.answers, record_context(store, cycle, detail.dossier), scales)
    return render_docx(filled, print_settings(store), draft=not final,
                       title=f"{item.short_name} — {detail.subject_name}")


def save_word(parent: QWidget, source: WordSource, suggested: str, *, final: bool) -> Path | None:
    """Ask where, then write the .docx whole or not at all; the path written, or None."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as Word"), str(Path.home() / suggested),
                                                _("Word documents (*.docx)"))
    if not path:
        return None
    target = Path(path) if path.lower().endswith(".docx") else Path(path + ".docx")
    try:
        write_pdf(target, source(final))  # the same whole-or-nothing write as a PDF
    except ChilinhError as exc:
        warn(parent, _("Not saved"), exc.message)
        return None
    return target
