"""Printing: the PDF of one item (rendered form or attached file), and a whole unit in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from chilinh_desktop.core.attachments import get_attachment
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import stored_items
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.views import dossier_detail, unit_overview
from chilinh_desktop.formspec.answers import stored_form_item
from chilinh_desktop.formspec.context import record_context
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.formspec.validate import check_answers
from chilinh_desktop.i18n import _
from chilinh_desktop.render.batch import ascii_slug, write_pdf
from chilinh_desktop.render.document import FilledForm, render_pdf
from chilinh_desktop.render.settings import print_settings
from chilinh_desktop.ui.common import ask_yes_no, warn
from chilinh_desktop.ui.operations import JobControl
from chilinh_desktop.ui.print_preview import PrintPreviewDialog, image_to_pdf
from chilinh_desktop.ui.word_export import item_docx

if TYPE_CHECKING:
    from chilinh_desktop.ui.main_window import MainWindow


def item_pdf(store: Store, cycle: Cycle, scales: Scales, dossier_id: str, kind: str, *, final: bool) -> bytes:
    """The PDF of one dossier item: the filled form (draft or final), or the attached file itself."""
    detail = dossier_detail(store, cycle, dossier_id)
    item = cycle.item(kind)
    if item.kind == "attachment":
        stored = detail.stored.get(kind)
        if stored is None or not stored.attachment_sha256:
            raise ValidationError(_("No file is attached to “{item}” yet.", item=item.short_name), [("item", kind)])
        data, mime = get_attachment(store, stored.attachment_sha256)
        return data if mime == "application/pdf" else image_to_pdf(data)
    form_item = stored_form_item(store, cycle, detail.dossier, item)
    if final and not check_answers(form_item.form, form_item.answers, scales).complete:
        raise ValidationError(
            _(
                "The final print needs every required answer of “{item}”. Print a draft, or fill in what is missing.",
                item=item.short_name,
            ),
            [("item", kind)],
        )
    filled = FilledForm(form_item.form, form_item.answers, record_context(store, cycle, detail.dossier), scales)
    return render_pdf(
        filled,
        print_settings(store),
        draft=not final,
        title=f"{item.short_name} — {detail.subject_name}",
    )


def can_print_final(store: Store, cycle: Cycle, scales: Scales, dossier_id: str, kind: str) -> bool:
    """Whether the item may be printed as final (attachments always; forms when complete)."""
    item = cycle.item(kind)
    if item.kind == "attachment":
        return True
    detail = dossier_detail(store, cycle, dossier_id)
    form_item = stored_form_item(store, cycle, detail.dossier, item)
    return check_answers(form_item.form, form_item.answers, scales).complete


def open_item_preview(window: MainWindow, dossier_id: str, kind: str) -> PrintPreviewDialog | None:
    """Show the print preview of one item (waits for pending saves so the print is what was typed)."""
    ctx = window.ctx
    ctx.autosave.flush()
    ctx.runner.wait_idle()
    detail = dossier_detail(ctx.store, ctx.cycle, dossier_id)
    item = ctx.cycle.item(kind)
    if item.kind == "attachment" and not (detail.stored.get(kind) and detail.stored[kind].attachment_sha256):
        warn(
            window,
            _("Nothing to print"),
            _("No file is attached to “{item}” yet.", item=item.short_name),
        )
        return None
    final_ok = can_print_final(ctx.store, ctx.cycle, ctx.scales, dossier_id, kind)
    name = f"{ascii_slug(item.short_name)}-{ascii_slug(detail.subject_name)}.pdf"
    dialog = PrintPreviewDialog(
        f"{item.short_name} — {detail.subject_name}",
        lambda final: item_pdf(ctx.store, ctx.cycle, ctx.scales, dossier_id, kind, final=final),
        name,
        allow_final=final_ok,
        parent=window,
        word_source=None if item.kind == "attachment" else
        lambda final: item_docx(ctx.store, ctx.cycle, ctx.scales, dossier_id, kind, final=final),
    )
    window.preview = dialog  # tests and screenshots reach the open preview
    dialog.open()
    return dialog


def print_unit_to_folder(cycle: Cycle, scales: Scales, unit_code: str, folder: Path, *, final: bool):
    """A job: write the PDF of every filled item of a unit's dossiers into `folder`."""

    def run(store: Store, control: JobControl) -> list[Path]:
        overview = unit_overview(store, cycle, unit_code)
        summaries = ([overview.collective] if overview.collective else []) + [
            row.summary for row in overview.cadres if row.summary
        ]
        work = []
        for summary in summaries:
            stored = stored_items(store, summary.dossier.id)
            for status in summary.statuses:
                kept = stored.get(status.item.id)
                if kept and (kept.answers or kept.attachment_sha256):
                    work.append((summary.dossier.id, status.item.id))
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for n, (dossier_id, kind) in enumerate(work):
            control.step(n, len(work), _("Printing {n} of {total}…", n=n + 1, total=len(work)))
            detail = dossier_detail(store, cycle, dossier_id)
            name = f"{n + 1:03d}-{ascii_slug(detail.subject_name)}-{ascii_slug(cycle.item(kind).short_name)}.pdf"
            try:
                data = item_pdf(store, cycle, scales, dossier_id, kind, final=final)
            except ValidationError:
                data = item_pdf(store, cycle, scales, dossier_id, kind, final=False)
            target = folder / name
            write_pdf(target, data)
            written.append(target)
        control.step(len(work), len(work))
        return written

    return run


def ask_print_unit(window: MainWindow) -> None:
    """Choose a folder and print every filled item of the selected unit into it, in the background."""
    code = window.unit_pane.unit_code
    if code is None:
        window.statusBar().showMessage(_("Choose a unit first."), 4000)
        return
    folder = QFileDialog.getExistingDirectory(window, _("Choose the folder for the PDF files"), str(Path.home()))
    if not folder:
        return
    final = ask_yes_no(
        window,
        _("Print the whole unit"),
        _("Print the final version? Items not yet complete are printed as drafts."),
        yes=_("Final"),
        no=_("Draft"),
    )
    start_print_unit(window, code, Path(folder) / ascii_slug(code), final=final)


def start_print_unit(window: MainWindow, code: str, folder: Path, *, final: bool = False):
    """Start printing a unit into `folder` (the job; its end is shown in the status bar)."""
    ctx = window.ctx
    ctx.autosave.flush()
    ctx.runner.wait_idle()
    return ctx.jobs.start(
        print_unit_to_folder(ctx.cycle, ctx.scales, code, folder, final=final),
        _("Printing the unit {code}", code=code),
        on_done=lambda written: window.statusBar().showMessage(
            _("{n} PDF files written to {folder}", n=len(written), folder=str(folder)), 8000
        ),
    )
