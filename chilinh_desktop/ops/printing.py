"""Printing for the front ends: one form, one dossier item, or a whole unit, through the one pipeline.

The pipeline itself lives in render/pipeline.py (the package writer, below this layer, uses it
too); these are the doors the window and the command line use.
"""

from __future__ import annotations

from pathlib import Path

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import get_dossier, get_unit_by_id
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.rules import Finding, evaluate, findings_for_subject, subject_key
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.signoff import finding_line
from chilinh_desktop.render.pipeline import (
    Document,
    Printed,
    PrintRun,
    Progress,
    form_document,
    item_document,
    prepare,
    print_document,
    print_to_folder,
    write_pdf,
)
from chilinh_desktop.render.pipeline import can_print_final as pipeline_can_print_final
from chilinh_desktop.render.pipeline import unit_documents as every_unit_document

__all__ = ["Document", "ItemPrint", "PrintRun", "Printed", "can_print_final", "dossier_errors", "item_document",
           "prepare", "print_form", "print_item", "print_item_docx", "print_unit", "unit_documents", "write_pdf"]


def dossier_errors(store: Store, cycle: Cycle, dossier_id: str, findings: list[Finding] | None = None
                   ) -> list[Finding]:
    """The rule errors of a dossier's subject (its unit's group errors too for a collective dossier).

    An error blocks the final print as it blocks the sign-off: the paper would be sent back.
    """
    dossier = get_dossier(store, dossier_id)
    unit_code = get_unit_by_id(store, dossier.unit_id).code
    if findings is None:
        findings = evaluate(store, cycle, unit_code)
    key = subject_key(dossier.official_id, dossier.unit_id)
    return [f for f in findings_for_subject(findings, key, unit_code) if f.severity == "error"]


def _refuse_final(store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> None:
    errors = dossier_errors(store, cycle, dossier_id)
    if errors:
        lines = [_("The final print is refused: the rules find {n} errors in this dossier. Correct them, or print "
                   "a draft:", n=len(errors))]
        lines += [f"  - {finding_line(f)}" for f in errors]
        raise ValidationError("\n".join(lines), [("item", item_id)])


def can_print_final(store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> bool:
    """Whether the item may be printed as final: complete, and no rule error in its dossier."""
    if not pipeline_can_print_final(store, cycle, dossier_id, item_id):
        return False
    return not dossier_errors(store, cycle, dossier_id)


def print_form(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
               unit_code: str | None = None, draft: bool = False) -> Printed:
    """The PDF of one form of a cadre or a unit (a draft when asked, not complete, or with rule errors)."""
    document = form_document(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    draft = draft or bool(dossier_errors(store, cycle, document.dossier_id))
    return print_document(store, cycle, document, draft=draft)


def print_item(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, final: bool) -> Printed:
    """The PDF of one dossier item: the filled form (final refused unless complete and free of rule errors)
    or the attached file."""
    if final:
        _refuse_final(store, cycle, dossier_id, item_id)
    return print_document(store, cycle, item_document(store, cycle, dossier_id, item_id), draft=not final,
                          final=final)


def print_item_docx(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, final: bool) -> bytes:
    """The editable Word file of one form item, with the same content, draft rule and title as its PDF."""
    from chilinh_desktop.render.docx_out import render_docx
    from chilinh_desktop.render.settings import print_settings

    if final:
        _refuse_final(store, cycle, dossier_id, item_id)
    rendering = prepare(store, cycle, item_document(store, cycle, dossier_id, item_id), draft=not final,
                        final=final)
    if rendering.filled is None:
        raise ValidationError(_("An attached file cannot be saved as Word."), [("item", item_id)])
    return render_docx(rendering.filled, print_settings(store), draft=rendering.draft, title=rendering.document.title)


def unit_documents(store: Store, cycle: Cycle, unit_code: str) -> list[Document]:
    """What printing a whole unit writes: every printable item of the unit and its cadres but confidential ones."""
    return [d for d in every_unit_document(store, cycle, unit_code) if not cycle.item(d.item_id).confidential]


def print_unit(store: Store, cycle: Cycle, unit_code: str, folder: Path, *, draft: bool = False,
               progress: Progress | None = None, workers: int | None = None) -> PrintRun:
    """Every filled form and attached file of a unit and its cadres, into `folder`, but no confidential item.

    An asset declaration is confidential wherever it goes (Nghị định 130/2020/NĐ-CP discloses it only
    inside the workplace): a folder of a whole unit's papers is copied and shared, so the declaration
    is left out, and the run says so and why; it is printed from its owner's dossier on purpose. A
    dossier with rule errors prints as drafts, and the run's notes list its errors (they refuse the
    final print and the sign-off).
    """
    confidential = [d for d in every_unit_document(store, cycle, unit_code) if cycle.item(d.item_id).confidential]
    documents = unit_documents(store, cycle, unit_code)
    if draft:
        run = print_to_folder(store, cycle, documents, folder, draft=True, progress=progress, workers=workers)
    else:
        run = _print_final_unless_errors(store, cycle, unit_code, documents, folder, progress, workers)
    run.notes += [_("{title} was not written to the folder: it is confidential and is never written in plain text "
                    "with a unit's papers. Print it from its owner's dossier when it is needed.", title=d.title)
                  for d in confidential]
    return run


class ItemPrint:
    """One dossier item as the print preview shows it (Vietnamese: bản in thử): read from the data file once,
    then drawn as a draft or final PDF, or saved as Word, from what was read.

    The preview asked the data file four times for the same item (its title, whether it may be final,
    the PDF, then the Word file); now it asks once.
    """

    def __init__(self, store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> None:
        from chilinh_desktop.render.settings import print_settings

        self._store, self._cycle = store, cycle
        self.rendering = prepare(store, cycle, item_document(store, cycle, dossier_id, item_id))
        self.settings = print_settings(store)
        self.errors = dossier_errors(store, cycle, dossier_id)  # a rule error holds the final print back

    @property
    def document(self) -> Document:
        """What is printed: its title and file name."""
        return self.rendering.document

    @property
    def can_print_final(self) -> bool:
        """Whether it may be printed as final: no rule error, and an attached file, or a form when complete."""
        return not self.errors and (self.rendering.attachment is not None or not self.rendering.draft)

    def _as(self, final: bool):
        from dataclasses import replace

        if final and self.errors:
            _refuse_final(self._store, self._cycle, self.document.dossier_id, self.document.item_id)
        if self.rendering.attachment is not None:
            return self.rendering
        if final and not self.can_print_final:  # refused with the pipeline's own words
            prepare(self._store, self._cycle, self.document, final=True)
        return replace(self.rendering, draft=not final)

    def pdf(self, final: bool) -> bytes:
        """The PDF, with the draft mark unless final."""
        from chilinh_desktop.render.pipeline import render

        return render(self._as(final), self.settings).pdf

    def docx(self, final: bool) -> bytes:
        """The editable Word file, with the same content, draft rule and title as the PDF."""
        from chilinh_desktop.render.docx_out import render_docx

        rendering = self._as(final)
        if rendering.filled is None:
            raise ValidationError(_("An attached file cannot be saved as Word."), [("item", self.document.item_id)])
        return render_docx(rendering.filled, self.settings, draft=rendering.draft, title=self.document.title)


def _print_final_unless_errors(store: Store, cycle: Cycle, unit_code: str, documents: list[Document], folder: Path,
                               progress: Progress | None, workers: int | None) -> PrintRun:
    findings = evaluate(store, cycle, unit_code)
    errors = {d: dossier_errors(store, cycle, d, findings) for d in {doc.dossier_id for doc in documents}}
    held = [doc for doc in documents if errors[doc.dossier_id]]
    # One batch, so its print processes start once: the dossiers with errors print as drafts in it.
    run = print_to_folder(store, cycle, documents, folder, progress=progress, workers=workers,
                          draft_dossiers={dossier_id for dossier_id, found in errors.items() if found})
    if held:
        listed = sorted({finding_line(f) for found in errors.values() for f in found})
        run.notes.append(_("{n} documents printed as drafts: the rules find errors in their dossiers:",
                           n=len(held)))
        run.notes += [f"  - {line}" for line in listed]
    return run


def print_form_docx(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
                    unit_code: str | None = None, draft: bool = False) -> tuple[bytes, bool, list[Finding]]:
    """The Word file of one form of a cadre or a unit, whether it came out as a draft, and the rule errors
    that made it one: the same rule as the PDF (`print_form`), so a Word file is never final either while
    its dossier has errors."""
    from chilinh_desktop.render.docx_out import render_docx
    from chilinh_desktop.render.settings import print_settings

    document = form_document(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    errors = dossier_errors(store, cycle, document.dossier_id)
    rendering = prepare(store, cycle, document, draft=draft or bool(errors))
    if rendering.filled is None:
        raise ValidationError(_("An attached file cannot be saved as Word."), [("form", form_id)])
    data = render_docx(rendering.filled, print_settings(store), draft=rendering.draft, title=document.title)
    return data, rendering.draft, errors
