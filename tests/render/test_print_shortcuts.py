"""The shortcuts that make a 02B cheaper to draw change no byte of it.

Paragraphs of plain text get the fragments reportlab's parser would make, without parsing; font subsets
are built once per process; a paragraph or table laid out once per size is not laid out again. If a
reportlab upgrade parses or lays out differently, or a cached subset is handed to the wrong document,
these fail.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph, Table

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.render.fonts import SubsetCachingFont, serif_family
from chilinh_desktop.render.layout import SizedOnce, WrapOnce, labelled, make_styles, para
from chilinh_desktop.render.pipeline import item_document, prepare, render
from chilinh_desktop.render.settings import print_settings

TEXTS = ["Nguyễn Văn An", "  hai   khoảng  trắng ", "dòng một\ndòng hai\n\n", "A & B", "<b>không phải thẻ</b>",
         "Việt\xa0Nam", "tab\there", "", " ", "x" * 500, "Đảng viên: “được”; 100%"]


def _fragments(paragraph: Paragraph) -> list[dict]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


@pytest.mark.parametrize("text", TEXTS)
def test_a_plain_paragraph_has_the_fragments_the_parser_makes(text):
    styles = make_styles(serif_family())
    for style in (styles.body, styles.centre_bold, styles.centre_italic, styles.cell, styles.title):
        ours, parsed = para(text, style), Paragraph(escape(text), style)
        assert _fragments(ours) == _fragments(parsed)
        assert (ours.text, ours.style) == (parsed.text, parsed.style)


@pytest.mark.parametrize("text", [t for t in TEXTS if t.strip()])
@pytest.mark.parametrize("tag", ["b", "i"])
def test_a_label_and_value_line_has_the_fragments_the_parser_makes(text, tag):
    style = make_styles(serif_family()).body
    ours = labelled(text, text, style, tag=tag)
    parsed = Paragraph(f"<{tag}>{escape(text)}:</{tag}> {escape(text)}", style)
    assert _fragments(ours) == _fragments(parsed)
    assert ours.text == parsed.text


def test_a_02b_prints_the_same_bytes_whatever_was_printed_before(demo_store):
    cycle = get_cycle(demo_store)
    item = next(i for i in cycle.items if i.form == "02B")
    renderings = []
    for official in list_officials(demo_store):
        try:
            dossier = find_dossier(demo_store, cycle, official_id=official.id)
        except NotFoundError:
            continue
        renderings.append(prepare(demo_store, cycle, item_document(demo_store, cycle, dossier.id, item.id)))
        if len(renderings) == 3:
            break
    settings = print_settings(demo_store)
    family = serif_family(settings.font)
    fonts = [getFont(name) for name in (family.regular, family.bold, family.italic, family.bold_italic)]
    assert all(isinstance(font, SubsetCachingFont) for font in fonts)

    def fresh(rendering) -> bytes:  # every subset built anew, as reportlab alone builds them
        for font in fonts:
            font.forget()
        return render(rendering, settings).pdf

    alone = [fresh(r) for r in renderings]
    assert len(set(alone)) == 3
    warm = [render(r, settings).pdf for r in renderings]  # now from the kept subsets
    assert [render(r, settings).pdf for r in reversed(renderings)][::-1] == warm == alone


def test_a_layout_kept_per_size_prints_what_laying_out_again_prints(demo_store, monkeypatch):
    cycle = get_cycle(demo_store)
    item = next(i for i in cycle.items if i.form == "02B")
    renderings = []
    for official in list_officials(demo_store)[:40]:
        try:
            dossier = find_dossier(demo_store, cycle, official_id=official.id)
        except NotFoundError:
            continue
        renderings.append(prepare(demo_store, cycle, item_document(demo_store, cycle, dossier.id, item.id)))
    # The longest answers: paragraphs split across pages, tables measured by KeepTogether.
    longest = sorted(renderings, key=lambda r: -sum(len(str(v)) for v in r.filled.answers.values()))[:3]
    settings = print_settings(demo_store)
    kept = [render(r, settings) for r in longest]
    assert all(printed.pages >= 3 for printed in kept)
    monkeypatch.setattr(WrapOnce, "wrap", Paragraph.wrap)  # every wrap breaks the lines again
    monkeypatch.setattr(SizedOnce, "wrap", Table.wrap)  # every wrap lays the table out again
    assert [render(r, settings).pdf for r in longest] == [printed.pdf for printed in kept]


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 20, 21, 99, 256])
def test_a_subsets_widths_are_written_as_reportlab_writes_them(count):
    from reportlab.pdfbase.pdfdoc import PDFArray

    from chilinh_desktop.render.fonts import _Widths

    family = serif_family()
    for name in (family.regular, family.bold, family.italic, family.bold_italic):
        widths = [0, 250, 777.83203125, *getFont(name).face.charWidths.values()][:count]  # ints and floats
        assert _Widths(widths).format(None) == PDFArray(widths).format(None)


def test_a_printed_02b_writes_its_widths_through_the_one_pass_array(demo_store, monkeypatch):
    from reportlab.pdfbase.pdfdoc import PDFArray

    from chilinh_desktop.render.fonts import _Widths

    cycle = get_cycle(demo_store)
    item = next(i for i in cycle.items if i.form == "02B")
    official = next(o for o in list_officials(demo_store) if _has_dossier(demo_store, cycle, o.id))
    rendering = prepare(demo_store, cycle, item_document(demo_store, cycle, _dossier_id(demo_store, cycle, official.id),
                                                         item.id))
    settings = print_settings(demo_store)
    formatted: list[bytes] = []
    original = _Widths.format
    monkeypatch.setattr(_Widths, "format", lambda self, doc, IND=b"\n ": formatted.append(original(self, doc)) or
                        formatted[-1])
    ours = render(rendering, settings).pdf
    assert len(formatted) >= 3  # regular, bold, italic at least
    monkeypatch.setattr(_Widths, "format", PDFArray.format)  # reportlab's own way, element by element
    assert render(rendering, settings).pdf == ours


def _has_dossier(store, cycle, official_id: str) -> bool:
    try:
        find_dossier(store, cycle, official_id=official_id)
    except NotFoundError:
        return False
    return True


def _dossier_id(store, cycle, official_id: str) -> str:
    return find_dossier(store, cycle, official_id=official_id).id


@pytest.mark.parametrize("text", [*TEXTS, "&amp; <<>> &&", "'quotes' \"too\""])
def test_the_escape_is_saxutils_escape(text):
    from xml.sax.saxutils import escape as sax_escape

    from chilinh_desktop.render.layout import escape

    assert escape(text) == sax_escape(text)
