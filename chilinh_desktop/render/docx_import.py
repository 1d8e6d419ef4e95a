"""Reading a Word file (.docx) into paragraphs of Unicode text, tables included.

Each run's text is converted from the legacy encodings (TCVN3, VNI) by its font or by its
statistics (core.legacy_text). Table cells are read row by row, so a form laid out in a table
reads in the same order as one typed as plain paragraphs. Files that are not .docx (Word 97
.doc, .odt, password-protected, damaged) are refused with a coded error and nothing is read.
python-docx is imported here only, on first use.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.input_files import read_bounded
from chilinh_desktop.core.legacy_text import TCVN3, VNI, font_encoding, to_unicode
from chilinh_desktop.core.text import nfc
from chilinh_desktop.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
# Bounds on work, not only size: a review form's XML compresses perhaps 10:1; a part unpacking more than
# 100 times its packed size (beyond 1 MiB) is a bomb, an XML part over 16 MiB is not a review form, and
# reading stops after WORK_SECONDS whatever the file holds.
MAX_RATIO, RATIO_FROM = 100, 1024 * 1024
MAX_XML_PART = 16 * 1024 * 1024
WORK_SECONDS = 20.0


class WordFileError(ChilinhError):
    """A file that cannot be read as a .docx; the code says which kind of problem."""

    code = "word.unreadable"


@dataclass(frozen=True)
class WordParagraph:
    """One paragraph of the document in Unicode: its text, whether it is bold, where it sits."""

    text: str
    bold: bool = False
    in_table: bool = False


@dataclass
class WordDocument:
    """The paragraphs of a .docx in reading order, and how many runs each encoding had."""

    paragraphs: list[WordParagraph]
    encodings: Counter = field(default_factory=Counter)

    @property
    def legacy(self) -> bool:
        """Whether any text was converted from TCVN3 or VNI."""
        return bool(self.encodings.get(TCVN3) or self.encodings.get(VNI))


def _save_as_docx(path: Path, what: str, code: str) -> WordFileError:
    return WordFileError(
        _("{path}: {what} Nothing was imported and nothing was changed. Open the file in Word, choose "
          "File → Save As → Word Document (.docx), then import the new file.", path=path.name, what=what),
        code=code)


def check_docx_bytes(data: bytes, path: Path) -> None:
    """Refuse, with a clear coded error, anything that is not a readable .docx."""
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _save_as_docx(path, _("the file is protected by a password."), "word.encrypted")
        raise _save_as_docx(path, _("this is an old Word 97–2003 file (.doc)."), "word.doc")
    if data.startswith(b"{\\rtf"):
        raise _save_as_docx(path, _("this is an RTF file, not a .docx."), "word.rtf")
    if not data.startswith(b"PK"):
        raise _save_as_docx(path, _("the file is not a Word document or is damaged."), "word.damaged")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _save_as_docx(path, _("the file is damaged (not a complete .docx)."), "word.damaged") from None
    for info in infos:
        bomb = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if bomb or (info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART):
            raise _save_as_docx(path, _("a part of the file unpacks to {size} MB, far more than a review form "
                                        "holds (a compressed \"bomb\" or not a review).",
                                        size=info.file_size // 1_000_000), "word.too_large")
    if unpacked > MAX_UNPACKED:  # a review form is text: this is a zip bomb or not a review
        raise _save_as_docx(path, _("the file is too large for a review form ({size} MB).",
                                    size=unpacked // 1_000_000), "word.too_large")
    if b"opendocument" in mimetype:
        raise _save_as_docx(path, _("this is an OpenDocument file (.odt)."), "word.odt")
    if "word/document.xml" not in names:
        raise _save_as_docx(path, _("the file is not a Word document or is damaged."), "word.damaged")


def read_docx(path: Path) -> WordDocument:
    """The paragraphs of a .docx file in Unicode NFC, tables read cell by cell."""
    try:
        data = read_bounded(path, MAX_BYTES)  # a FIFO or /dev/zero is refused at once, never read forever
        if data is None:
            raise _save_as_docx(path, _("the file is too large for a review form ({size} MB).",
                                        size=path.stat().st_size // 1_000_000), "word.too_large")
    except OSError as exc:
        raise WordFileError(_("Cannot read {path}: {error}. Nothing was changed.", path=path,
                              error=exc.strerror or str(exc)), code="word.unreadable") from exc
    return read_docx_bytes(data, path)


def read_docx_bytes(data: bytes, path: Path) -> WordDocument:
    """The paragraphs of .docx bytes (named `path` in messages)."""
    check_docx_bytes(data, path)
    import docx  # python-docx: loaded on first use only

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # PackageNotFoundError, KeyError, lxml's XMLSyntaxError: a broken part inside
        raise _save_as_docx(path, _("the file is damaged (not a complete .docx)."), "word.damaged") from exc
    fonts = _StyleFonts(document)
    reader = _Reader(fonts, time.monotonic() + WORK_SECONDS)
    try:
        reader.block(document.element.body, in_table=False)
    except TimeoutError:
        raise _save_as_docx(path, _("reading it takes too long for a review form."), "word.too_large") from None
    reader.settle()
    return WordDocument(reader.paragraphs, reader.encodings)


class _StyleFonts:
    """The font a paragraph or character style gives its runs (following basedOn), and the default."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self._by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
        self._cache: dict[str | None, str | None] = {}
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = _rpr_font(default)
        paragraph_default = next((s.get(W + "styleId") for s in self._by_id.values()
                                  if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true")), None)
        self.paragraph_default = paragraph_default

    def font(self, style_id: str | None) -> str | None:
        if style_id in self._cache:
            return self._cache[style_id]
        seen, current, found = set(), style_id, None
        while current and current not in seen and found is None:
            seen.add(current)
            style = self._by_id.get(current)
            if style is None:
                break
            found = _rpr_font(style.find(W + "rPr"))
            based = style.find(W + "basedOn")
            current = based.get(W + "val") if based is not None else None
        self._cache[style_id] = found
        return found


def _rpr_font(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        return None
    # Letters above ASCII are drawn with the hAnsi font; ASCII-only runs with the ascii one.
    return fonts.get(W + "hAnsi") or fonts.get(W + "ascii") or fonts.get(W + "cs")


def _is_on(rpr, tag: str) -> bool:
    if rpr is None:
        return False
    node = rpr.find(W + tag)
    return node is not None and node.get(W + "val") not in ("0", "false", "off")


# Wingdings boxes as Word writes them (w:sym), so "☑ Tốt" reads as a ticked choice.
_WINGDINGS = {0xA8: "☐", 0x6F: "☐", 0x71: "☐", 0xFE: "☑", 0x78: "☒", 0xFD: "☒", 0xFC: "✓"}


class _Reader:
    def __init__(self, fonts: _StyleFonts, deadline: float = float("inf")) -> None:
        self.fonts = fonts
        self.deadline = deadline
        self.paragraphs: list[WordParagraph] = []
        self.encodings: Counter = Counter()
        # Runs are kept raw until the whole document is seen: a short run says little about
        # its encoding, the document's other runs say more.
        self._raw: list[tuple[list[tuple[str, str | None]], bool, bool]] = []

    def block(self, parent, *, in_table: bool) -> None:
        for child in parent:
            if child.tag == W + "p":
                self.paragraph(child, in_table)
            elif child.tag == W + "tbl":
                for row in child.findall(W + "tr"):
                    for cell in row.findall(W + "tc"):
                        self.block(cell, in_table=True)
            elif child.tag in (W + "sdt", W + "customXml", W + "smartTag"):
                content = child.find(W + "sdtContent")
                self.block(content if content is not None else child, in_table=in_table)

    def paragraph(self, node, in_table: bool) -> None:
        if time.monotonic() > self.deadline:
            raise TimeoutError
        ppr = node.find(W + "pPr")
        style = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            style = ppr.find(W + "pStyle").get(W + "val")
        para_font = self.fonts.font(style or self.fonts.paragraph_default) or self.fonts.default
        runs: list[tuple[str, str | None]] = []
        bold_chars = chars = 0
        for run in node.iter(W + "r"):
            text = "".join(_run_text(run))
            if not text:
                continue
            rpr = run.find(W + "rPr")
            font = _rpr_font(rpr)
            if font is None and rpr is not None and rpr.find(W + "rStyle") is not None:
                font = self.fonts.font(rpr.find(W + "rStyle").get(W + "val"))
            runs.append((text, font or para_font))
            chars += len(text.strip())
            if _is_on(rpr, "b"):
                bold_chars += len(text.strip())
        if any(text.strip() for text, _font in runs):
            self._raw.append((runs, chars > 0 and bold_chars == chars, in_table))

    def settle(self) -> None:
        """Convert every run, short unclear ones by the document's usual legacy encoding."""
        telling: Counter = Counter()
        for runs, _bold, _table in self._raw:
            for text, font in runs:
                if not text.isascii():
                    telling[font_encoding(font) or to_unicode(text)[1]] += 1
        legacy = [(n, e) for e, n in telling.items() if e in (TCVN3, VNI)]
        guess = max(legacy)[1] if legacy else None
        for runs, bold, in_table in self._raw:
            parts = []
            for text, font in runs:
                converted, encoding = to_unicode(text, font, guess=guess)
                if not text.isascii():
                    self.encodings[encoding] += 1
                parts.append(converted)
            text = nfc("".join(parts)).strip()
            if text:
                self.paragraphs.append(WordParagraph(text, bold=bold, in_table=in_table))


def _run_text(run):
    for child in run:
        if child.tag == W + "t":
            yield child.text or ""
        elif child.tag == W + "tab":
            yield "\t"
        elif child.tag in (W + "br", W + "cr"):
            yield "\n"
        elif child.tag == W + "sym":
            code = int(child.get(W + "char") or "0", 16) & 0xFF
            yield _WINGDINGS.get(code, "")
