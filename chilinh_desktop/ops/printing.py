"""Printing for the front ends: one form, one dossier item, or a whole unit, through the one pipeline.

The pipeline itself lives in render/pipeline.py (the package writer, below this layer, uses it
too); these are the doors the window and the command line use.
"""

from __future__ import annotations

from pathlib import Path

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.render.pipeline import (
    Document,
    Printed,
    PrintRun,
    Progress,
    can_print_final,
    form_document,
    item_document,
    prepare,
    print_document,
    print_to_folder,
    write_pdf,
)
from chilinh_desktop.render.pipeline import unit_documents as every_unit_document

__all__ = ["Document", "ItemPrint", "PrintRun", "Printed", "can_print_final", "item_document", "prepare", "print_form",
           "print_item", "print_item_docx", "print_unit", "unit_documents", "write_pdf"]


def print_form(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
               unit_code: str | None = None, draft: bool = False) -> Printed:
    """The PDF of one form of a cadre or a unit (a draft when asked or not complete)."""
    document = form_document(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    return print_document(store, cycle, document, draft=draft)


def print_item(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, final: bool) -> Printed:
    """The PDF of one dossier item: the filled form (final refused unless complete) or the attached file."""
    return print_document(store, cycle, item_document(store, cycle, dossier_id, item_id), draft=not final,
                          final=final)


def print_item_docx(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, final: bool) -> bytes:
    """The editable Word file of one form item, with the same content, draft rule and title as its PDF."""
    from chilinh_desktop.render.docx_out import render_docx
    from chilinh_desktop.render.settings import print_settings

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

    An asset declaration is confidential wherever it goes (DOMAIN.md): a folder of a whole unit's
    papers is copied and shared, so the declaration is left out, and the run says so and why; it is
    printed from its owner's dossier on purpose.
    """
    confidential = [d for d in every_unit_document(store, cycle, unit_code) if cycle.item(d.item_id).confidential]
    run = print_to_folder(store, cycle, unit_documents(store, cycle, unit_code), folder, draft=draft,
                          progress=progress, workers=workers)
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

    @property
    def document(self) -> Document:
        """What is printed: its title and file name."""
        return self.rendering.document

    @property
    def can_print_final(self) -> bool:
        """Whether it may be printed as final (an attached file always; a form when complete)."""
        return self.rendering.attachment is not None or not self.rendering.draft

    def _as(self, final: bool):
        from dataclasses import replace

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
