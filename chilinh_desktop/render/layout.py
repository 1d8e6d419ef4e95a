"""The look of a party document (Hướng dẫn 36-HD/VPTW, 2018), as reportlab pieces.

Two-column header (issuing body left; ĐẢNG CỘNG SẢN VIỆT NAM, its rule and the
place-and-date line right), the title block, and signature blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText

from chilinh_desktop.render.fonts import FontFamily
from chilinh_desktop.render.parts import RECIPIENTS_HEAD, SignatureText

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


@cache
def make_styles(fonts: FontFamily) -> Styles:
    """The styles of the conventions: body 14 pt justified, headings bold, title 15 pt bold.

    Made once per font family (no one changes a style once made: a variant is a new style with a parent)."""
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


class WrapOnce(Paragraph):
    """A paragraph that breaks its lines once per width: a table cell or a KeepTogether is wrapped to be
    measured, then again (same width) to be drawn, and line breaking is most of a paragraph's cost."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == availWidth and "blPara" in self.__dict__:
            return self._wrapped[1]  # (split() drops the lines when the paragraph moves on whole)
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class SizedOnce(Table):
    """A table that lays itself out once per available size: a KeepTogether measures it, then the frame
    places it, with the same width and height (the same sizes give the same layout)."""

    _sized: tuple[float, float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._sized is not None and self._sized[:2] == (availWidth, availHeight):
            return self._sized[2]
        size = super().wrap(availWidth, availHeight)
        self._sized = (availWidth, availHeight, size)
        return size

    def setStyle(self, tblstyle) -> None:
        self._sized = None  # padding and fonts change the layout
        super().setStyle(tblstyle)


def escape(text: str) -> str:
    """What xml.sax.saxutils.escape does ('&', '<', '>'), without importing it: it imports urllib.request, http
    and ssl, 14 ms of every print process's start."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup: what people type is escaped)."""
    clean = cleanBlockQuotedText(text)  # what Paragraph does first: lines stripped, joined by a space
    if style.textTransform or not _plain(clean):
        return WrapOnce(escape(text), style)
    # Plain text without markup characters is one fragment in the style's font: built as reportlab's
    # parser builds it (an HTML parse per paragraph was a sixth of a document's cost), same output.
    return _from_fragments(clean, style, "x", [clean])


def labelled(label: str, value: str, style: ParagraphStyle, *, tag: str = "b") -> Paragraph:
    """'Label: value' with the label in bold (`tag="i"`: italic) and the value plain, as one paragraph."""
    head, tail = f"{label}:", f" {value}"
    if style.textTransform or not (_plain(head + tail) and cleanBlockQuotedText(head + tail) == head + tail):
        return WrapOnce(f"<{tag}>{escape(head)}</{tag}>{escape(tail)}", style)
    return _from_fragments(f"<{tag}>{head}</{tag}>{tail}", style, f"<{tag}>x</{tag}> y", [head, tail])


def _plain(text: str) -> bool:
    """Text (already cleaned of extra whitespace) the parser takes as it is: not empty, no markup character."""
    return bool(text) and "&" not in text and "<" not in text and ">" not in text


_FRAGMENTS: dict[tuple, list] = {}


def _from_fragments(markup: str, style: ParagraphStyle, probe: str, texts: list[str]) -> Paragraph:
    """`markup` as a paragraph, its fragments those the parser makes of `probe` in this style with `texts` in them."""
    key = (style.fontName, style.fontSize, style.textColor, probe)
    fragments = _FRAGMENTS.get(key)
    if fragments is None:
        sample = ParagraphStyle("probe", fontName=style.fontName, fontSize=style.fontSize, textColor=style.textColor)
        fragments = _FRAGMENTS[key] = Paragraph(probe, sample).frags
    # ABag.clone: the same attributes as copy.copy gives, without copy's generic reduce protocol.
    frags = [fragment.clone(text=text, link=[], us_lines=[]) for fragment, text in zip(fragments, texts, strict=True)]
    return WrapOnce(markup, style, frags=frags)


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


HEADER_SIZE = 14
# The header lines may step down to this size before a line is broken (Hướng dẫn 36-HD/VPTW gives 14 pt;
# 12 pt is the smallest size of the party conventions' range for these lines).
HEADER_MIN_SIZE = 12
HEADER_LEFT_SHARE = 0.45
STATE_LEFT_SHARE = 0.4


def header(styles: Styles, left: list[str], date_text: str, width: float, style: str = "party",
           number: str = "") -> Table:
    """The two-column header: superior and issuing body with '*' (and the number) left; party name, date right."""
    fonts = styles.fonts
    lines = [line.upper() for line in left if line.strip()]
    # The state's name needs a wider right column than the party's (Nghị định 30/2020/NĐ-CP layout).
    left_width = width * (STATE_LEFT_SHARE if style == "state" else HEADER_LEFT_SHARE)
    cells_left: list[Flowable] = []
    if len(lines) > 1:
        cells_left += header_line(lines[0], styles.centre, left_width)
    if lines:
        cells_left += header_line(lines[-1], styles.centre_bold, left_width)
    if style == "state" and lines:
        # Under a state body's name a short solid rule, where a party body has its '*'.
        cells_left.append(Rule(lines[-1][: max(4, len(lines[-1]) // 3)], fonts.bold, HEADER_SIZE))
    else:
        cells_left.append(para("*", styles.centre))
    if number:
        cells_left.append(_fitted(number, styles.centre, left_width))
    if style == "state":
        top = ParagraphStyle("state", parent=styles.centre_bold, fontSize=13)
        cells_right: list[Flowable] = [_fitted(STATE_NAME, top, width - left_width),
                                       para(STATE_MOTTO, styles.centre_bold), Rule(STATE_MOTTO, fonts.bold, BODY_SIZE)]
    else:
        party = ParagraphStyle("party", parent=styles.centre_bold, fontSize=15, leading=19)
        cells_right = [para(PARTY_NAME, party), Rule(PARTY_NAME, fonts.bold, 15)]
    cells_right += [Spacer(1, 6), _fitted(date_text, styles.centre_italic, width - left_width)]
    table = SizedOnce([[cells_left, cells_right]], colWidths=[left_width, width - left_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _sizes() -> list[float]:
    sizes, size = [], float(HEADER_SIZE)
    while size >= HEADER_MIN_SIZE:
        sizes.append(size)
        size -= 0.5
    return sizes


def split_header_line(text: str, font: str, width: float) -> tuple[float, list[str]]:
    """The size and the lines of one header line: one line at the largest size that fits, else two.

    A line is broken only between words, and never so that one word is left alone on the
    last line (a name such as 'MINH KHAI' stays together); of the breaks that fit, the one
    giving the most even lines wins.
    """
    size, lines = _split_header_line(text, font, width)  # the same few lines head every document of a batch
    return size, list(lines)


@lru_cache(maxsize=512)
def _split_header_line(text: str, font: str, width: float) -> tuple[float, tuple[str, ...]]:
    words = [w for w in text.split(" ") if w]  # a no-break space (a phrase kept whole) is no place to break
    for size in _sizes():
        if stringWidth(text, font, size) <= width:
            return size, (text,)
    for size in _sizes():
        best: tuple[float, tuple[str, str]] | None = None
        for cut in range(1, len(words) - 1):
            first, second = " ".join(words[:cut]), " ".join(words[cut:])
            widths = (stringWidth(first, font, size), stringWidth(second, font, size))
            if max(widths) <= width and (best is None or max(widths) < best[0]):
                best = (max(widths), (first, second))
        if best is not None:
            return size, best[1]
    return float(HEADER_MIN_SIZE), (text,)  # no two-line break fits: the paragraph wraps it


def header_line(text: str, style: ParagraphStyle, width: float) -> list[Flowable]:
    """One header line, stepped down in size before it is broken (only at word boundaries)."""
    size, lines = split_header_line(text, style.fontName, width)
    fitted = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.25)
    return [para(line, fitted) for line in lines]


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
        out.append(para(no_widow(line), style))
    out.append(Spacer(1, 12))
    return out


def no_widow(text: str) -> str:
    """A centred line whose last word never wraps alone ('… cá nhân năm / 2023'): the last two words are
    joined by a no-break space (PDF and Word alike)."""
    words = text.split(" ")
    return " ".join([*words[:-2], "\xa0".join(words[-2:])]) if len(words) >= 3 else text


def recipients_block(styles: Styles, lines: list[str]) -> list[Flowable]:
    """The 'Nơi nhận' block at the bottom left of a document a collective issues."""
    head = ParagraphStyle("recipients_head", parent=styles.body, fontName=styles.fonts.bold_italic, fontSize=12,
                          leading=15, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0)
    line = ParagraphStyle("recipients", parent=head, fontName=styles.fonts.regular, fontSize=11, leading=13)
    return [Paragraph(f"<u>{RECIPIENTS_HEAD}</u>", head)] + [para(text, line) for text in lines if text.strip()]


def signature_row(styles: Styles, blocks: list[SignatureText], width: float,
                  left_cell: list[Flowable] | None = None) -> list[Flowable]:
    """One or two signature blocks side by side (a lone block sits on the right); one unsplittable row.

    `left_cell` (the 'Nơi nhận' block) takes the left place when no block is on the left.
    """
    def cell(block: SignatureText | None, cell_width: float) -> list[Flowable]:
        if block is None:
            return []
        out: list[Flowable] = _signer_line(block.title.upper(), styles.centre_bold, cell_width)
        if block.role:
            out += _signer_line(block.role.upper(), styles.centre_bold, cell_width)
        if block.note:
            out.append(para(block.note, styles.centre_italic))
        out.append(Spacer(1, 56))  # room for the signature and the seal
        if block.name:
            out.append(para(block.name, styles.centre_bold))
        return out

    left = next((b for b in blocks if b.position == "left"), None)
    right = next((b for b in blocks if b.position != "left"), None)
    share = 0.55 if left is not None or left_cell else 0.62  # a lone block may use more of the line
    first = cell(left, width * (1 - share)) if left is not None or not left_cell else left_cell
    table = SizedOnce([[first, cell(right, width * share)]], colWidths=[width * (1 - share), width * share])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Spacer(1, 6), table]


def _signer_line(text: str, style: ParagraphStyle, width: float) -> list[Flowable]:
    # A title too long for its column ('CẤP CÓ THẨM QUYỀN PHÊ DUYỆT') steps down in size before it is
    # broken, like a header line; one that fits keeps the style as it is.
    if stringWidth(text, style.fontName, style.fontSize) <= width:
        return [para(text, style)]
    return header_line(text, style, width)


def dotted_lines(styles: Styles, width: float, count: int) -> list[Flowable]:
    """Dotted lines left for handwriting where an answer is not typed."""
    dots = "." * int(width / stringWidth(".", styles.fonts.regular, BODY_SIZE) * 0.97)
    style = ParagraphStyle("dots", parent=styles.body, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0)
    return [para(dots, style) for _ in range(count)]


BOX_LABEL = "Tự đánh giá mức độ thực hiện:"


class LevelBoxes(Flowable):
    """'Tự đánh giá mức độ thực hiện: □ Xuất sắc □ Tốt □ Trung bình □ Kém', the chosen box ticked.

    Boxes are drawn (no font has a box glyph in every family we fall back to); the tick is an
    'X' of the body font inside the box, so the choice reads back from the PDF's text.
    """

    def __init__(self, styles: Styles, label: str, options: list[str], chosen: int | None) -> None:
        super().__init__()
        self.fonts = styles.fonts
        self.label, self.options, self.chosen = label.rstrip(":") + ":", options, chosen
        self.size = float(BODY_SIZE)
        self.height = 18

    def _width(self, size: float) -> float:
        box = size * 0.75
        total = stringWidth(self.label, self.fonts.italic, size) + size * 0.5
        for option in self.options:
            total += box + size * 0.35 + stringWidth(option, self.fonts.regular, size) + size * 0.9
        return total

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        while self.size > 11 and self._width(self.size) > avail_width - INDENT:
            self.size -= 0.5
        self.width = avail_width
        return avail_width, self.height + 4

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        box = size * 0.75
        x, y = INDENT, 6
        canvas.setFont(self.fonts.italic, size)
        canvas.drawString(x, y, self.label)
        x += stringWidth(self.label, self.fonts.italic, size) + size * 0.5
        canvas.setLineWidth(0.7)
        for n, option in enumerate(self.options):
            canvas.rect(x, y - 1, box, box, stroke=1, fill=0)
            if n == self.chosen:
                canvas.setFont(self.fonts.bold, size * 0.8)
                canvas.drawCentredString(x + box / 2, y + 0.5, "X")
            x += box + size * 0.35
            canvas.setFont(self.fonts.regular, size)
            canvas.drawString(x, y, option)
            x += stringWidth(option, self.fonts.regular, size) + size * 0.9
