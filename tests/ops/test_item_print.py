"""The print preview reads an item once and draws its draft, its final PDF and its Word file from that read."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.ops import printing
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.printing import ItemPrint, print_item, print_item_docx


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_one_read_gives_the_same_pdf_and_word_as_printing_each(demo_store, monkeypatch):
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, unit_code="DB01")
    item = "classification_report"
    reads = []
    prepare = printing.prepare
    monkeypatch.setattr(printing, "prepare", lambda *a, **k: reads.append(k) or prepare(*a, **k))
    preview = ItemPrint(demo_store, cycle, dossier.id, item)
    draft, word = preview.pdf(False), preview.docx(False)
    final = preview.pdf(True) if preview.can_print_final else None
    assert len(reads) == 1
    monkeypatch.setattr(printing, "prepare", prepare)
    assert _text(draft) == _text(print_item(demo_store, cycle, dossier.id, item, final=False).pdf)
    if final is not None:
        assert _text(final) == _text(print_item(demo_store, cycle, dossier.id, item, final=True).pdf)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word)).paragraphs]
    expected = docx.Document(io.BytesIO(print_item_docx(demo_store, cycle, dossier.id, item, final=False)))
    assert paragraphs == [p.text for p in expected.paragraphs]


def test_an_incomplete_form_is_refused_as_final_with_the_pipelines_words(demo_store):
    cycle = get_cycle(demo_store)
    for dossier_row in demo_store.db.execute("SELECT id FROM dossiers WHERE state = 'draft'").fetchall():
        for item in cycle.items:
            if item.kind != "form":
                continue
            try:
                preview = ItemPrint(demo_store, cycle, dossier_row[0], item.id)
            except ValidationError:
                continue
            if preview.can_print_final:
                continue
            with pytest.raises(ValidationError) as refused:
                preview.pdf(True)
            assert refused.value.problems == [("item", item.id)]
            assert preview.pdf(False)  # the draft still prints
            return
    pytest.skip("the demo has no incomplete form")
