"""A filled form as a PDF: the story of flowables, page furniture, and the draft mark.

Long answers are split into their own paragraphs, so they flow across pages line by
line; page numbers start on page 2 (top centre) and a draft says so on every page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from chilinh_desktop.core.collector import collection_paused
from chilinh_desktop.formspec.context import fill
from chilinh_desktop.formspec.field_types import field_type
from chilinh_desktop.formspec.model import Field, Section
from chilinh_desktop.formspec.validate import display_value
from chilinh_desktop.render.fonts import font_note, serif_family
from chilinh_desktop.render.layout import (
    BODY_SIZE,
    LevelBoxes,
    Styles,
    dotted_lines,
    header,
    labelled,
    make_styles,
    para,
    recipients_block,
    signature_row,
    title_block,
)
from chilinh_desktop.render.parts import (
    FilledForm,
    document_number,
    header_style,
    header_texts,
    level_choice,
    placeholder_values,
    printed_fields,
    recipients,
    recipients_beside,
    signature_texts,
    value_text,
)
from chilinh_desktop.render.settings import PrintSettings

DRAFT_MARK = "BẢN NHÁP"
PAGE_NUMBER_SIZE = 13


def _inline(styles: Styles, label: str, value: str, *, italic_label: bool = False) -> Flowable:
    return labelled(label, value or "." * 40, styles.body, tag="i" if italic_label else "b")


def _longtext(styles: Styles, text: str, width: float) -> list[Flowable]:
    if not text:
        return dotted_lines(styles, width, 2)
    return [para(line, styles.body) for line in text.split("\n") if line.strip()]


def _rows(styles: Styles, filled: FilledForm, fld: Field, width: float, height: float) -> Flowable:
    rows = filled.answers.get(fld.id) or fld.printed_blank_rows()  # rows to write in by hand
    weights = list(fld.widths) or [1.0] * len(fld.columns)
    number_width = 1.3 * cm
    scale = (width - number_width) / sum(weights)
    data = [[para("TT", styles.cell_head)] + [para(c.label, styles.cell_head) for c in fld.columns]]
    for n, row in enumerate(rows, 1):
        cells = [para(str(n) if row else "", styles.cell)]
        for column in fld.columns:
            text = display_value(column, row.get(column.id), filled.scales)
            cells.append([para(line, styles.cell) for line in text.split("\n")] if text else para("", styles.cell))
        data.append(cells)
    widths = [number_width] + [w * scale for w in weights]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.wrap(width, height)
    if max(table._rowHeights[1:], default=0) > height * 0.8:
        # Only a row taller than a page is cut across pages; a shorter one moves whole, so each
        # cell reads in one piece.
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)),
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _level_boxes(styles: Styles, filled: FilledForm, fld: Field) -> Flowable:
    choice = level_choice(filled, fld)
    return LevelBoxes(styles, choice.label, choice.options, choice.chosen)


def _section(styles: Styles, filled: FilledForm, section: Section, values: dict[str, Any],
             width: float, height: float) -> list[Flowable]:
    story: list[Flowable] = []
    if section.heading:
        heading = fill(section.heading, values)
        centred = heading.isupper()  # the assessment blocks of other bodies are centred capitals
        # Not keepWithNext: glued to a table taller than the rest of the page it would drag the
        # table to the next page. A conditional break only stops a heading ending a page.
        story += [CondPageBreak(3 * cm), para(heading, styles.heading_centre if centred else styles.heading)]
    if section.text:
        story.append(para(fill(section.text, values), styles.body))
    fields, lone = printed_fields(filled.form, section)
    for fld in fields:
        layout = field_type(fld).layout  # the one table of field types
        if layout == "block":
            if not lone:
                story += [CondPageBreak(2 * cm), para(fld.label, styles.label)]
            story += _longtext(styles, filled.answers.get(fld.id, ""), width)
        elif layout == "table":
            if not lone:
                story += [CondPageBreak(3 * cm), para(fld.label, styles.label)]
            story += [_rows(styles, filled, fld, width, height), Spacer(1, 6)]
        elif fld.display == "boxes":
            story.append(_level_boxes(styles, filled, fld))
        else:
            story.append(_inline(styles, fld.label, value_text(filled, fld), italic_label=fld.type == "level"))
    if section.signatures:
        # The issuer's own signer block (T/M …) carries the 'Nơi nhận' block on its left.
        left = recipients_block(styles, recipients(filled, values)) if recipients_beside(filled, section) else None
        story += signature_row(styles, signature_texts(section, values), width, left)
        if section.heading.isupper():
            # Another body's assessment block is short: it never starts on one page and signs on the next.
            story = [KeepTogether(story)]
    return story


_HEADING_STYLES = ("heading", "heading_centre", "label")


def _last_lines(story: list[Flowable]) -> list[Flowable]:
    """Take the last paragraph off the story, with the heading or label it belongs to (never left alone
    at the foot of a page when what follows moves on)."""
    taken = [story.pop()]
    while story and (isinstance(story[-1], CondPageBreak) or getattr(getattr(story[-1], "style", None), "name", "")
                     in _HEADING_STYLES):
        taken.insert(0, story.pop())
    return taken


def build_story(filled: FilledForm, styles: Styles, width: float, height: float) -> list[Flowable]:
    """The flowables of a filled form, top to bottom."""
    form = filled.form
    values = placeholder_values(filled)
    story: list[Flowable] = []
    if form.template:
        story.append(para(form.template, styles.template))
    left, date_text = header_texts(filled, values)
    story.append(header(styles, left, date_text, width, header_style(filled, values),
                        number=document_number(filled, values)))
    story += title_block(styles, fill(form.title, values), [fill(s, values) for s in form.subtitle])
    if form.intro:
        story += [para(fill(form.intro, values), styles.centre), Spacer(1, 8)]
    for section in form.sections:
        part = _section(styles, filled, section, values, width, height)
        bare = section.signatures and not section.heading and not printed_fields(form, section)[0]
        if bare and story and not isinstance(story[-1], KeepTogether):  # nested KeepTogethers never fit a page
            # A bare signature block (with 'Nơi nhận' beside it) signs what precedes it: it never
            # stands alone at the top of a page, so it goes with the last paragraph above it.
            part = [KeepTogether([*_last_lines(story), *part])]
        story += part
    return story


def _furniture(draft: bool, fonts_regular: str, fonts_bold: str):
    def on_page(canvas, doc) -> None:
        canvas.saveState()
        width, height = A4
        if draft:
            # Drawn first, under the text: light enough to read through, impossible to miss.
            canvas.setFillColor(Color(0.82, 0.82, 0.82))
            canvas.setFont(fonts_bold, 80)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -28, DRAFT_MARK)
            canvas.rotate(-45)
            canvas.translate(-width / 2, -height / 2)
        if doc.page > 1:
            canvas.setFillColor(Color(0, 0, 0))
            canvas.setFont(fonts_regular, PAGE_NUMBER_SIZE)
            canvas.drawCentredString(doc.leftMargin + doc.width / 2, height - doc.topMargin / 2 - 4, str(doc.page))
        canvas.restoreState()

    return on_page


@dataclass(frozen=True)
class RenderedPdf:
    """A printed document and the font family embedded in it (a fallback when Times New Roman is missing)."""

    pdf: bytes
    font: str

    @property
    def font_note(self) -> str:
        """'' when printed in Times New Roman, else a sentence naming the font used instead."""
        return font_note(self.font)


def render_pdf(filled: FilledForm, settings: PrintSettings, *, draft: bool = False,
               title: str = "") -> bytes:
    """The PDF bytes of one filled form (A4, fonts embedded, a draft mark when `draft`)."""
    return render_document(filled, settings, draft=draft, title=title).pdf


def render_document(filled: FilledForm, settings: PrintSettings, *, draft: bool = False,
                    title: str = "") -> RenderedPdf:
    """The PDF of one filled form with the font family it embeds (so a fallback can be reported)."""
    fonts = serif_family(settings.font)
    styles = make_styles(fonts)
    top, bottom, left, right = settings.margins_pt
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, topMargin=top, bottomMargin=bottom, leftMargin=left, rightMargin=right,
        title=title or filled.form.name, author="chilinh", creator="chilinh", invariant=1,
        # Every page starts in our font, so no unembedded Helvetica is ever referenced.
        initialFontName=fonts.regular, initialFontSize=BODY_SIZE,
    )
    frame = Frame(left, bottom, doc.width, doc.height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_furniture(draft, fonts.regular,
                                                                                     fonts.bold))])
    # A document's few thousand flowables, fragments and PDF objects live only while it is drawn; the cyclic
    # collector walked them (and everything kept) again and again meanwhile. It runs once the document is done.
    with collection_paused():
        doc.build(build_story(filled, styles, doc.width, doc.height))
    return RenderedPdf(buffer.getvalue(), fonts.family)
