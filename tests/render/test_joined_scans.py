"""An item scanned page by page prints as one document, every page in the order the files were added."""

from __future__ import annotations

import io

from pypdf import PdfReader

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.demo.scans import scanned_page
from chilinh_desktop.ops.attachments import add_file, set_files
from chilinh_desktop.ops.printing import print_item


def open_dossier(store, cycle):
    """A cadre's dossier that is not signed off and owes the residence cell's comment."""
    for official in list_officials(store):
        try:
            dossier = find_dossier(store, cycle, official_id=official.id)
        except NotFoundError:  # a cadre with no dossier in this cycle
            continue
        if not official.residence_exempt_reason and not dossier.locked:
            return dossier
    raise AssertionError("no open dossier")


def test_three_scanned_pages_print_as_one_document_in_order(demo_store):
    cycle = get_cycle(demo_store)
    dossier = open_dossier(demo_store, cycle)
    set_files(demo_store, cycle, dossier.id, "residence_comment", (), actor="test")
    pages = [scanned_page("Phiếu nhận xét", f"Trang số {n}", n) for n in (1, 2, 3)]
    for n, data in enumerate(pages, start=1):
        add_file(demo_store, cycle, dossier.id, "residence_comment", data, f"trang-{n}.pdf", actor="test")

    printed = print_item(demo_store, cycle, dossier.id, "residence_comment", final=False)

    reader = PdfReader(io.BytesIO(printed.pdf))
    assert printed.pages == len(reader.pages) == 3
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    assert [next(n for n in (1, 2, 3) if f"Trang số {n}" in text) for text in texts] == [1, 2, 3]


def test_one_scanned_file_prints_as_it_was_attached(demo_store):
    cycle = get_cycle(demo_store)
    dossier = open_dossier(demo_store, cycle)
    set_files(demo_store, cycle, dossier.id, "residence_comment", (), actor="test")
    page = scanned_page("Phiếu nhận xét", "Một trang", 9)
    add_file(demo_store, cycle, dossier.id, "residence_comment", page, "phieu.pdf", actor="test")
    assert print_item(demo_store, cycle, dossier.id, "residence_comment", final=False).pdf == page
