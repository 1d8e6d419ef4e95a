"""The look of a party document (Hướng dẫn 36-HD/VPTW; DOMAIN.md §5), as reportlab pieces.

Two-column header (issuing body left; ĐẢNG CỘNG SẢN VIỆT NAM, its rule and the
place-and-date line right), the title block, and signature blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from chilinh_desktop.render.fonts import FontFamily

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_SIZE = 14
TABLE_SIZE = 12
INDENT = 1 * cm  # first-line indent of body paragraphs (1 to 1.27 cm)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of a document, built for one font family."""

    fonts: FontFamily
    body: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    heading_centre: ParagraphStyle
    centre: ParagraphStyle
    centre_bold: ParagraphStyle
    centre_italic: ParagraphStyle
    title: ParagraphStyle
    template: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle


def make_styles(fonts: FontFamily) -> Styles:
    """The styles of the conventions: body 14 pt justified, headings bold, title 15 pt bold."""
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=BODY_SIZE, leading=18, alignment=TA_JUSTIFY,
                          firstLineIndent=INDENT, spaceAfter=4)
    centre = ParagraphStyle("centre", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=base, fontSize=TABLE_SIZE, leading=15, firstLineIndent=0, spaceAfter=0,
                          alignment=TA_LEFT)
    return Styles(
        fonts=fonts,
        body=base,
        label=ParagraphStyle("label", parent=base, fontName=fonts.bold, spaceBefore=2),
        heading=ParagraphStyle("heading", parent=base, fontName=fonts.bold, spaceBefore=8),
        heading_centre=ParagraphStyle("heading_centre", parent=centre, fontName=fonts.bold, spaceBefore=14,
                                      spaceAfter=6),
        centre=centre,
        centre_bold=ParagraphStyle("centre_bold", parent=centre, fontName=fonts.bold),
        centre_italic=ParagraphStyle("centre_italic", parent=centre, fontName=fonts.italic),
        title=ParagraphStyle("title", parent=centre, fontName=fonts.bold, fontSize=15, leading=20, spaceBefore=18),
        template=ParagraphStyle("template", parent=centre, fontName=fonts.italic, fontSize=12, leading=14,
                                alignment=TA_RIGHT),
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.bold, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup: what people type is escaped)."""
    return Paragraph(escape(text), style)


class Rule(Flowable):
    """A solid rule as long as a given text, centred in its cell (the line under the party name)."""

    def __init__(self, text: str, font: str, size: float, thickness: float = 0.8) -> None:
        super().__init__()
        self.length = stringWidth(text, font, size)
        self.thickness = thickness
        self.width = self.length
        self.height = 4

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        x = (self._avail - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, self.height - 1, x + self.length, self.height - 1)


def header(styles: Styles, left: list[str], date_text: str, width: float, style: str = "party") -> Table:
    """The two-column header: issuing body with '*' left; party (or state) name, rule and date right."""
    fonts = styles.fonts
    lines = [line.upper() for line in left if line.strip()]
    cells_left: list[Flowable] = []
    if len(lines) > 1:
        cells_left.append(para(lines[0], styles.centre))
    if lines:
        cells_left.append(para(lines[-1], styles.centre_bold))
    cells_left.append(para("*", styles.centre))
    if style == "state":
        top = ParagraphStyle("state", parent=styles.centre_bold, fontSize=13)
        cells_right: list[Flowable] = [para(STATE_NAME, top), para(STATE_MOTTO, styles.centre_bold),
                                       Rule(STATE_MOTTO, fonts.bold, BODY_SIZE)]
    else:
        party = ParagraphStyle("party", parent=styles.centre_bold, fontSize=15, leading=19)
        cells_right = [para(PARTY_NAME, party), Rule(PARTY_NAME, fonts.bold, 15)]
    left_width = width * 0.4
    cells_right += [Spacer(1, 6), _fitted(date_text, styles.centre_italic, width - left_width)]
    table = Table([[cells_left, cells_right]], colWidths=[left_width, width - left_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _fitted(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    # The place-and-date line stays on one line: a wide fallback font steps down a little.
    size = style.fontSize
    while size > 12 and stringWidth(text, style.fontName, size) > width:
        size -= 0.5
    return para(text, ParagraphStyle("fitted", parent=style, fontSize=size))


def title_block(styles: Styles, title: str, subtitle: list[str]) -> list[Flowable]:
    """The document type in bold capitals, then its lines (bold, or italic when in brackets)."""
    out: list[Flowable] = [para(title.upper(), styles.title)]
    for line in subtitle:
        style = styles.centre_italic if line.startswith("(") else styles.centre_bold
        out.append(para(line, style))
    out.append(Spacer(1, 12))
    return out


@dataclass(frozen=True)
class SignatureText:
    """A signature block with its placeholders filled."""

    title: str
    role: str
    note: str
    name: str
    position: str


def signature_row(styles: Styles, blocks: list[SignatureText], width: float) -> list[Flowable]:
    """One or two signature blocks side by side (a lone block sits on the right); one unsplittable row."""
    def cell(block: SignatureText | None) -> list[Flowable]:
        if block is None:
            return []
        out: list[Flowable] = [para(block.title.upper(), styles.centre_bold)]
        if block.role:
            out.append(para(block.role.upper(), styles.centre_bold))
        if block.note:
            out.append(para(block.note, styles.centre_italic))
        out.append(Spacer(1, 56))  # room for the signature and the seal
        if block.name:
            out.append(para(block.name, styles.centre_bold))
        return out

    left = next((b for b in blocks if b.position == "left"), None)
    right = next((b for b in blocks if b.position != "left"), None)
    share = 0.55 if left is not None else 0.62  # a lone block may use more of the line
    table = Table([[cell(left), cell(right)]], colWidths=[width * (1 - share), width * share])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Spacer(1, 6), table]


def dotted_lines(styles: Styles, width: float, count: int) -> list[Flowable]:
    """Dotted lines left for handwriting where an answer is not typed."""
    dots = "." * int(width / stringWidth(".", styles.fonts.regular, BODY_SIZE) * 0.97)
    style = ParagraphStyle("dots", parent=styles.body, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0)
    return [Paragraph(dots, style) for _ in range(count)]
