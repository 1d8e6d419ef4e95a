"""A filled form as an editable Word file (.docx), laid out by the same rules as the PDF.

The walk over the form, the fields each section prints, the header texts, the number line, the
'Nơi nhận' lines, the signer blocks and the level boxes come from render.parts (shared with the
PDF); this module only says how each piece is written in Word: the two-column header as a
borderless table, Times New Roman, the print settings' margins, page numbers from page 2 (top
centre), the draft mark as header text, the four-box line as ☐/☒ characters.
python-docx is imported on first use.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from chilinh_desktop.formspec.context import fill
from chilinh_desktop.formspec.field_types import field_type
from chilinh_desktop.formspec.model import Field, Section
from chilinh_desktop.formspec.validate import display_value
from chilinh_desktop.render.document import DRAFT_MARK, PAGE_NUMBER_SIZE
from chilinh_desktop.render.layout import (
    BODY_SIZE,
    HEADER_LEFT_SHARE,
    PARTY_NAME,
    STATE_LEFT_SHARE,
    STATE_MOTTO,
    STATE_NAME,
    TABLE_SIZE,
    no_widow,
    split_header_line,
)
from chilinh_desktop.render.parts import (
    RECIPIENTS_HEAD,
    FilledForm,
    LevelChoice,
    SignatureText,
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

DEFAULT_FONT = "Times New Roman"
APPLICATION = "Hồ sơ kiểm điểm (chilinh)"
DOTS = "." * 90
BOX, TICKED = "☐", "☒"


class _Writer:
    def __init__(self, settings: PrintSettings) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Cm, Mm, Pt

        self.Pt, self.Cm = Pt, Cm
        self.align = WD_ALIGN_PARAGRAPH
        self.doc = docx.Document()
        self.font = settings.font or DEFAULT_FONT
        normal = self.doc.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(BODY_SIZE)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:eastAsia", "w:cs"):
            rfonts.set(_qn(attr), self.font)
        # Cells whose own first paragraph is written; the elements are kept so their ids stay unique.
        self._used: dict[int, Any] = {}
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(4)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, bottom, left, right = settings.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        self.width = section.page_width - section.left_margin - section.right_margin

    # -- pieces -------------------------------------------------------------------------------
    def para(self, text: str = "", *, where=None, bold=False, italic=False, size: float | None = None,
             align: str = "justify", indent: bool = False, space_before: float = 0, space_after: float | None = None,
             underline: bool = False):
        paragraph = (where or self.doc).add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = {"justify": self.align.JUSTIFY, "centre": self.align.CENTER, "left": self.align.LEFT,
                         "right": self.align.RIGHT}[align]
        fmt.first_line_indent = self.Cm(1) if indent else None
        if space_before:
            fmt.space_before = self.Pt(space_before)
        if space_after is not None:
            fmt.space_after = self.Pt(space_after)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size, underline=underline)
        return paragraph

    def run(self, paragraph, text: str, *, bold=False, italic=False, size: float | None = None, underline=False):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        run.underline = underline or None
        if size:
            run.font.size = self.Pt(size)
        return run

    def borderless(self, rows: int, cols: int, shares: list[float]):
        from docx.oxml import OxmlElement

        table = self.doc.add_table(rows=rows, cols=cols)
        table.autofit = False
        for n, share in enumerate(shares):
            for cell in table.columns[n].cells:
                cell.width = int(self.width * share)
        # LibreOffice lays a table out by its grid, not by the cells' widths: set both, and a fixed layout.
        for column, share in zip(table._tbl.tblGrid.gridCol_lst, shares, strict=True):
            column.w = int(self.width * share)
        layout = OxmlElement("w:tblLayout")
        layout.set(_qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        return table

    def header_lines(self, text: str, width_share: float, *, bold: bool) -> list[tuple[str, float]]:
        """One header line as the PDF prints it: stepped down in size before it is broken between words."""
        from chilinh_desktop.render.fonts import serif_family

        fonts = serif_family(self.font if self.font != DEFAULT_FONT else None)
        width_pt = self.width * width_share / 12700  # EMU to points
        size, lines = split_header_line(text, fonts.bold if bold else fonts.regular, width_pt)
        return [(line, size) for line in lines]

    def first(self, cell, text: str, **kw):
        """Write a line into a table cell (a new cell's own empty paragraph first)."""
        if id(cell._tc) in self._used:
            return self.para(text, where=cell, **{"space_after": 0, **kw})
        self._used[id(cell._tc)] = cell._tc
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.alignment = {"centre": self.align.CENTER}.get(kw.get("align", ""))
        paragraph.paragraph_format.space_after = self.Pt(0)
        if text:
            self.run(paragraph, text, bold=kw.get("bold", False), italic=kw.get("italic", False),
                     size=kw.get("size"), underline=kw.get("underline", False))
        return paragraph

    # -- the document ---------------------------------------------------------------------------
    def header(self, left: list[str], date_text: str, style: str, number: str = "") -> None:
        share = STATE_LEFT_SHARE if style == "state" else HEADER_LEFT_SHARE
        table = self.borderless(1, 2, [share, 1 - share])
        lines = [line.upper() for line in left if line.strip()]
        cell = table.cell(0, 0)
        if len(lines) > 1:
            for line, size in self.header_lines(lines[0], share, bold=False):
                self.first(cell, line, align="centre", size=size)
        if lines:
            for line, size in self.header_lines(lines[-1], share, bold=True):
                self.first(cell, line, align="centre", bold=True, size=size)
        if style != "state":
            self.first(cell, "*", align="centre")
        if number:
            self.first(cell, number, align="centre")
        cell = table.cell(0, 1)
        if style == "state":
            for line, size in self.header_lines(STATE_NAME, 1 - share, bold=True):
                self.first(cell, line, align="centre", bold=True, size=min(size, 13))
            self.first(cell, STATE_MOTTO, align="centre", bold=True, underline=True)
        else:
            self.first(cell, PARTY_NAME, align="centre", bold=True, size=15, underline=True)
        self.first(cell, "", align="centre")
        self.first(cell, date_text, align="centre", italic=True)

    def title(self, title: str, subtitle: list[str]) -> None:
        self.para(title.upper(), bold=True, size=15, align="centre", space_before=18, space_after=0)
        for line in subtitle:
            self.para(no_widow(line), bold=not line.startswith("("), italic=line.startswith("("), align="centre",
                      space_after=0)
        self.para("", space_after=6)

    def inline(self, label: str, value: str, *, italic_label: bool) -> None:
        paragraph = self.para(indent=True)
        self.run(paragraph, label + ":", bold=not italic_label, italic=italic_label)
        self.run(paragraph, " " + (value or "." * 40))

    def level_boxes(self, choice: LevelChoice) -> None:
        paragraph = self.para(indent=True)
        self.run(paragraph, choice.label, italic=True)
        for n, option in enumerate(choice.options):
            self.run(paragraph, f" {TICKED if n == choice.chosen else BOX} {option}")

    def longtext(self, text: str) -> None:
        lines = [line for line in text.split("\n") if line.strip()] if text else []
        for line in lines:
            self.para(line, indent=True)
        if not lines:
            for _n in range(2):
                self.para(DOTS, align="left", space_after=0)

    def rows(self, filled: FilledForm, fld: Field) -> None:
        rows = filled.answers.get(fld.id) or fld.printed_blank_rows()
        table = self.doc.add_table(rows=1, cols=len(fld.columns) + 1)
        table.style = "Table Grid"
        heads = ["TT"] + [c.label for c in fld.columns]
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            self.first(cell, text, align="centre", bold=True, size=TABLE_SIZE)
        for n, row in enumerate(rows, 1):
            cells = table.add_row().cells
            self.first(cells[0], str(n) if row else "", size=TABLE_SIZE)
            for cell, column in zip(cells[1:], fld.columns, strict=True):
                text = display_value(column, row.get(column.id), filled.scales)
                for k, line in enumerate(text.split("\n") if text else [""]):
                    if k == 0:
                        self.first(cell, line, size=TABLE_SIZE)
                    else:
                        self.para(line, where=cell, size=TABLE_SIZE, align="left", space_after=0)
        self.para("", space_after=0)

    def keep_with_next(self, paragraphs) -> None:
        """Word and LibreOffice keep these paragraphs on the page of what follows them."""
        for paragraph in paragraphs:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_together = True

    def signatures(self, blocks: list[SignatureText], beside: list[str] | None = None) -> None:
        """One or two signer blocks side by side; `beside`: the 'Nơi nhận' lines on the left.

        The block never stands alone at the top of a page (the paragraph above keeps with it) and is
        never split: its row may not break across pages and its lines keep together.
        """
        from docx.oxml import OxmlElement

        if self.doc.paragraphs:
            self.keep_with_next(self.doc.paragraphs[-1:])
        left = next((b for b in blocks if b.position == "left"), None)
        right = next((b for b in blocks if b.position != "left"), None)
        share = 0.55 if left is not None or beside is not None else 0.62
        table = self.borderless(1, 2, [1 - share, share])
        row_properties = table.rows[0]._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if left is None and beside is not None:
            cell = table.cell(0, 0)
            self.first(cell, RECIPIENTS_HEAD, bold=True, italic=True, underline=True, size=12)
            for line in beside:
                self.first(cell, line, size=11, align="left")
        for cell, block in zip(table.rows[0].cells, (left, right), strict=True):
            if block is None:
                continue
            title, role, note, name = block.title, block.role, block.note, block.name
            self.first(cell, title.upper(), align="centre", bold=True)
            if role:
                self.first(cell, role.upper(), align="centre", bold=True)
            if note:
                self.first(cell, note, align="centre", italic=True)
            for _n in range(3):
                self.first(cell, "", align="centre")  # room for the signature and the seal
            if name:
                self.first(cell, name, align="centre", bold=True)
        for cell in table.rows[0].cells:
            self.keep_with_next(cell.paragraphs[:-1])

    def furniture(self, draft: bool) -> None:
        from docx.oxml import OxmlElement

        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        # Page numbers from page 2, top centre; the first page header carries only the draft mark.
        for header, numbered in ((section.first_page_header, False), (section.header, True)):
            paragraph = header.paragraphs[0]
            paragraph.paragraph_format.alignment = self.align.CENTER
            if draft:
                self.run(paragraph, DRAFT_MARK, bold=True, size=PAGE_NUMBER_SIZE)
                if numbered:
                    self.run(paragraph, " — ", size=PAGE_NUMBER_SIZE)
            if numbered:
                run = self.run(paragraph, "", size=PAGE_NUMBER_SIZE)
                for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None),
                                   ("end", None)):
                    if kind:
                        node = OxmlElement("w:fldChar")
                        node.set(_qn("w:fldCharType"), kind)
                    elif text:
                        node = OxmlElement("w:instrText")
                        node.set(_qn("xml:space"), "preserve")
                        node.text = text
                    else:
                        node = OxmlElement("w:t")
                        node.text = "2"
                    run._r.append(node)


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _own_package_parts(doc) -> None:
    """The template's leftovers go: its application name ('Microsoft Macintosh Word') and its thumbnail."""
    from xml.sax.saxutils import escape

    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML.format(application=escape(APPLICATION)).encode("utf-8")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _section(writer: _Writer, filled: FilledForm, section: Section, values: dict[str, Any]) -> None:
    first_paragraph = len(writer.doc.paragraphs)
    if section.heading:
        heading = fill(section.heading, values)
        centred = heading.isupper()
        # A heading or a label never ends a page: it keeps with what it heads.
        writer.keep_with_next([writer.para(heading, bold=True, align="centre" if centred else "justify",
                                           indent=not centred, space_before=14 if centred else 8)])
    if section.text:
        writer.para(fill(section.text, values), indent=True)
    fields, lone = printed_fields(filled.form, section)
    for fld in fields:
        layout = field_type(fld).layout  # the one table of field types
        if layout == "block":
            if not lone:
                writer.keep_with_next([writer.para(fld.label, bold=True, indent=True, space_before=2)])
            writer.longtext(filled.answers.get(fld.id, ""))
        elif layout == "table":
            if not lone:
                writer.keep_with_next([writer.para(fld.label, bold=True, indent=True, space_before=2)])
            writer.rows(filled, fld)
        elif fld.display == "boxes":
            writer.level_boxes(level_choice(filled, fld))
        else:
            writer.inline(fld.label, value_text(filled, fld), italic_label=fld.type == "level")
    if section.signatures:
        beside = recipients(filled, values) if recipients_beside(filled, section) else None
        if section.heading.isupper():
            # Another body's assessment block is short: it never starts on one page and signs on the next.
            writer.keep_with_next(writer.doc.paragraphs[first_paragraph:])
        writer.signatures(signature_texts(section, values), beside)


def render_docx(filled: FilledForm, settings: PrintSettings, *, draft: bool = False,
                title: str = "") -> bytes:
    """The .docx bytes of one filled form (A4, editable text, a draft mark in the header when `draft`)."""
    writer = _Writer(settings)
    form = filled.form
    values = placeholder_values(filled)
    if form.template:
        writer.para(form.template, italic=True, size=12, align="right", space_after=0)
    left, date_text = header_texts(filled, values)
    writer.header(left, date_text, header_style(filled, values), document_number(filled, values))
    writer.title(fill(form.title, values), [fill(s, values) for s in form.subtitle])
    if form.intro:
        writer.para(fill(form.intro, values), align="centre")
    for section in form.sections:
        _section(writer, filled, section, values)
    writer.furniture(draft)
    # What Word shows under File › Properties: the document and its issuer, never the library's defaults.
    props = writer.doc.core_properties
    issuer = str(values.get("header.issuer") or values.get("unit.name") or "")
    props.title = title or form.name
    props.subject = form.name
    props.author = props.last_modified_by = issuer or APPLICATION
    props.comments = f"{APPLICATION}: {form.template or form.name}"
    props.keywords, props.category = "", ""
    day = filled.answers.get(form.date_field or "")
    if day:
        props.created = props.modified = dt.datetime.fromisoformat(str(day))
    _own_package_parts(writer.doc)
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()


def print_form_docx(store, cycle, form_id: str, *, official_id: str | None = None, unit_code: str | None = None,
                    draft: bool = False) -> tuple[bytes, bool]:
    """The .docx of one form of a cadre or unit, and whether it came out as a draft (the PDF's pipeline and rule)."""
    from chilinh_desktop.render.pipeline import form_document, prepare
    from chilinh_desktop.render.settings import print_settings

    document = form_document(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    rendering = prepare(store, cycle, document, draft=draft)
    assert rendering.filled is not None  # a form, not an attached file
    data = render_docx(rendering.filled, print_settings(store), draft=rendering.draft, title=document.title)
    return data, rendering.draft
