"""Finding a serif font with full Vietnamese coverage and registering it with reportlab.

Order (DESIGN.md): Times New Roman (every Windows PC), then Liberation Serif
(metric-compatible), then DejaVu Serif. A font is accepted only if it has every
glyph of the Vietnamese alphabet; if none does, a clear error says what to install.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.i18n import _

VIETNAMESE_SAMPLE = (
    "ĂÂĐÊÔƠƯăâđêôơư"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)

# Family name -> file names of regular, bold, italic, bold italic.
CANDIDATES: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    ("Times New Roman", ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")),
    ("Times New Roman", ("Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf",
                         "Times New Roman Bold Italic.ttf")),
    ("Liberation Serif", ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
                          "LiberationSerif-BoldItalic.ttf")),
    ("DejaVu Serif", ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
                      "DejaVuSerif-BoldItalic.ttf")),
)


class FontError(ChilinhError):
    """No installed font can print Vietnamese."""

    code = "render.no_font"


@dataclass(frozen=True)
class FontFamily:
    """A registered family: reportlab names for the four styles."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


SUBSETS_KEPT = 64  # font subsets (and their maps) kept per face, ~35 KiB each: a batch of 02Bs uses ~20


class _FlateOnce:
    """FlateDecode that compresses a given font file or ToUnicode map once (zlib's output is the same every time)."""

    pdfname = pdfdoc.PDFZCompress.pdfname

    def __init__(self) -> None:
        self._done: OrderedDict[bytes | str, bytes] = OrderedDict()

    def encode(self, data: bytes | str) -> bytes:
        packed = self._done.get(data)
        if packed is None:
            packed = self._done[data] = zlib.compress(data.encode("utf8") if isinstance(data, str) else data)
            if len(self._done) > SUBSETS_KEPT:
                self._done.popitem(last=False)  # the least recently used
        else:
            self._done.move_to_end(data)
        return packed

    def decode(self, data: bytes) -> bytes:
        return zlib.decompress(data)


class _Widths(pdfdoc.PDFArray):
    """A font subset's /Widths array, written as reportlab writes a PDFArray of numbers, ten to a line, in one
    pass: reportlab formats each width through its generic element formatter and a Python text codec, and the
    widths of a document's three or four faces were a fifth of what writing a 02B's PDF objects cost."""

    def format(self, document, IND=b"\n "):
        if rl_config.pdfMultiLine:  # one number per line: reportlab's own way
            return super().format(document, IND)
        numbers = self.sequence
        lines = [fp_str(*numbers[i:i + 10]) for i in range(0, len(numbers), 10)]
        return b"[ " + " \n  ".join(lines).encode("ascii") + b" ]"


class SubsetCachingFont(TTFont):
    """A TrueType font that builds and compresses each distinct glyph subset once per process.

    reportlab makes every document's font subsets anew (a TrueType file rebuilt, then compressed):
    a tenth of a 02B's cost. The bold and italic subsets of one form's documents are mostly the same
    (headings, labels, the date line), so a batch builds them once; the bytes written are identical.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        face = self.face
        make, add = face.makeSubset, face.addSubsetObjects
        made: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        flate = _FlateOnce()
        self._flate = flate
        self._kept = (made, flate._done)

        def make_subset(subset) -> bytes:
            key = tuple(subset)
            data = made.get(key)
            if data is None:
                data = made[key] = make(subset)
                if len(made) > SUBSETS_KEPT:
                    made.popitem(last=False)  # the least recently used
            else:
                made.move_to_end(key)
            return data

        def add_subset_objects(doc, fontname: str, subset):
            reference = add(doc, fontname, subset)
            stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")  # as reportlab names it
            if isinstance(stream, pdfdoc.PDFStream) and stream.filters:
                stream.filters = [flate if f is pdfdoc.PDFZCompress else f for f in stream.filters]
            return reference

        face.makeSubset = make_subset
        face.addSubsetObjects = add_subset_objects

    def addObjects(self, doc) -> None:
        # Each subset's ToUnicode map is compressed once too (a map of the same subset is the same text).
        before = set(doc.idToObject)
        super().addObjects(doc)
        for name in doc.idToObject.keys() - before:
            added = doc.idToObject[name]
            if name.startswith("toUnicodeCMap:") and isinstance(added, pdfdoc.PDFStream) and added.filters:
                added.filters = [self._flate if f is pdfdoc.PDFZCompress else f for f in added.filters]
            elif isinstance(added, pdfdoc.PDFTrueTypeFont) and type(added.Widths) is pdfdoc.PDFArray:
                added.Widths = _Widths(added.Widths.sequence)

    def forget(self) -> None:
        """Drop the kept subsets (the next documents build theirs anew, as reportlab alone does)."""
        for kept in self._kept:
            kept.clear()


def font_dirs() -> list[Path]:
    """Folders searched for fonts on this system (Windows fonts folder first)."""
    dirs = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts"),
             Path("/usr/local/share/fonts"), Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [d for d in dirs if d.is_dir()]


def _find_all(name: str, dirs: list[Path]) -> list[Path]:
    """Every file of that name: a system may carry an old copy without Vietnamese beside a new one."""
    found: list[Path] = []
    for folder in dirs:
        for path in [folder / name, *sorted(folder.rglob(name))]:
            if path.is_file() and path not in found:
                found.append(path)
    return found


def _sibling(folder: Path, name: str, dirs: list[Path]) -> Path | None:
    """The style file from the same folder as the regular face, else from anywhere."""
    if (folder / name).is_file():
        return folder / name
    others = _find_all(name, dirs)
    return others[0] if others else None


def covers_vietnamese(font: TTFont) -> bool:
    """Whether every Vietnamese letter has a glyph in the font."""
    widths = font.face.charWidths
    return all(ord(ch) in widths for ch in VIETNAMESE_SAMPLE)


@cache
def serif_family(preferred: str | None = None) -> FontFamily:
    """Register and return the first available family that covers Vietnamese."""
    dirs = font_dirs()
    candidates = sorted(CANDIDATES, key=lambda c: c[0] != preferred) if preferred else CANDIDATES
    for family, files in candidates:
        for regular_path in _find_all(files[0], dirs):
            try:
                regular = SubsetCachingFont(family, str(regular_path))
            except TTFError:
                continue
            if not covers_vietnamese(regular):
                continue
            names = [family]
            pdfmetrics.registerFont(regular)
            for style, file_name in zip(("Bold", "Italic", "BoldItalic"), files[1:], strict=True):
                name = f"{family}-{style}"
                path = _sibling(regular_path.parent, file_name, dirs) or regular_path
                try:
                    pdfmetrics.registerFont(SubsetCachingFont(name, str(path)))
                except TTFError:
                    pdfmetrics.registerFont(SubsetCachingFont(name, str(regular_path)))
                names.append(name)
            pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2],
                                          boldItalic=names[3])
            return FontFamily(family, *names)
    raise FontError(
        _("No installed font can print Vietnamese. Install Times New Roman, Liberation Serif or DejaVu Serif "
          "and try again.")
    )


PREFERRED_FAMILY = "Times New Roman"


def font_note(family: str) -> str:
    """What a person should know about the font a document was printed with ('' for Times New Roman)."""
    if family == PREFERRED_FAMILY:
        return ""
    return _("Times New Roman is not installed on this computer: the document was printed with {font} instead. "
             "Install Times New Roman for the font the party conventions ask for.", font=family)
