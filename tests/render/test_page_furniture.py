"""A4, embedded fonts, page numbers from page 2, margins as a setting, the draft mark on drafts only."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.formspec import load_form, load_scales
from chilinh_desktop.render import FilledForm, PrintSettings, print_settings, render_pdf
from chilinh_desktop.render.document import DRAFT_MARK
from chilinh_desktop.render.settings import default_margins

SHIPPED_PRINT = PrintSettings(default_margins(SHIPPED))  # the program's own print.toml


@pytest.fixture
def filled():
    long = "\n".join(f"Đoạn {n}: hoàn thành tốt nhiệm vụ được giao trong năm." for n in range(60))
    return FilledForm(load_form("02B", definitions=SHIPPED), {"i1_politics": long, "document_date": "2024-02-05"},
                      {"place": "Chí Linh", "official.full_name": "Lê Văn Tám"},
                      load_scales("2023", definitions=SHIPPED))


def test_pages_are_a4_with_every_font_embedded(filled, pdf_tools):
    reader = pdf_tools["reader"](render_pdf(filled, SHIPPED_PRINT))
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_page_numbers_start_on_page_two(filled, pdf_tools):
    reader = pdf_tools["reader"](render_pdf(filled, SHIPPED_PRINT))
    assert len(reader.pages) >= 3
    first_lines = [page.extract_text().split("\n")[0].strip() for page in reader.pages]
    assert first_lines[0] != "1"
    assert first_lines[1:] == [str(n) for n in range(2, len(reader.pages) + 1)]


def test_the_draft_mark_is_on_every_page_of_a_draft_only(filled, pdf_tools):
    draft = pdf_tools["reader"](render_pdf(filled, SHIPPED_PRINT, draft=True))
    final = pdf_tools["reader"](render_pdf(filled, SHIPPED_PRINT))
    assert all(DRAFT_MARK in page.extract_text() for page in draft.pages)
    assert not any(DRAFT_MARK in page.extract_text() for page in final.pages)


def test_margins_come_from_the_settings(store, filled, pdf_tools):
    store.set_setting("print.margins", "20,20,45,15")
    settings = print_settings(store)
    wide = pdf_tools["layout"](render_pdf(filled, settings))
    normal = pdf_tools["layout"](render_pdf(filled, SHIPPED_PRINT))
    assert settings.margins_mm == (20, 20, 45, 15)
    left = lambda lines: min(float(line.split()[2][1:]) for line in lines)  # noqa: E731
    assert round(left(normal)) == 35 and round(left(wide)) == 45  # the handbook's 35 mm by default


def test_bad_margins_are_refused_in_vietnamese(store):
    store.set_setting("print.margins", "20,20")
    with pytest.raises(ValidationError, match=r"print\.margins"):
        print_settings(store)
