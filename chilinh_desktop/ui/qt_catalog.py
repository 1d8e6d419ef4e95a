"""Qt's own texts (context menus, standard buttons, the file dialog) in Vietnamese.

Qt ships no qtbase_vi catalog, so a small one of ours, resources/translations/qt_<lang>.po
(entries keyed by Qt's context with msgctxt), is served by a Python QTranslator. Only what
an office user meets is translated; anything else falls back to Qt's English.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QObject, QTranslator

from chilinh_desktop.resources import resources_dir


def load_qt_texts(language: str) -> dict[tuple[str, str], str]:
    """(Qt context, English text) → translation, from qt_<language>.po (empty when there is none).

    The compiled qt_<language>.mo is read when it is not older than the .po (bootstrap and the frozen
    build compile it): reading it takes no babel, which would cost a sixth of the window's start-up.
    A checkout whose .po was edited since reads the .po itself.
    """
    folder = resources_dir() / "translations"
    po, mo = folder / f"qt_{language}.po", folder / f"qt_{language}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        return read_mo_texts(mo.read_bytes())
    if not po.exists():
        return {}
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    return {(m.context or "", m.id): m.string for m in catalog if m.id and m.string}


def read_mo_texts(data: bytes) -> dict[tuple[str, str], str]:
    """The singular entries of a GNU .mo file (context, text) → translation; the header is skipped."""
    magic = struct.unpack_from("<I", data)[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack_from(f"{order}4I", data, 4)
    texts = {}
    for n in range(count):
        length, offset = struct.unpack_from(f"{order}2I", data, originals + 8 * n)
        key = data[offset:offset + length].decode("utf-8")
        length, offset = struct.unpack_from(f"{order}2I", data, translations + 8 * n)
        value = data[offset:offset + length].decode("utf-8")
        if not key or "\x00" in key or not value:  # the header, plural forms (Qt's texts here have none)
            continue
        context, _, text = key.rpartition("\x04")
        texts[(context, text)] = value
    return texts


class CatalogTranslator(QTranslator):
    """A QTranslator answering from a dict; None lets Qt keep its own text."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self._texts.get((context, source))

    def isEmpty(self) -> bool:
        return not self._texts
