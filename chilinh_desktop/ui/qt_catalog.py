"""Qt's own texts (context menus, standard buttons, the file dialog) in Vietnamese.

Qt ships no qtbase_vi catalog, so a small one of ours, resources/translations/qt_<lang>.po
(entries keyed by Qt's context with msgctxt), is served by a Python QTranslator. Only what
an office user meets is translated; anything else falls back to Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

from chilinh_desktop.resources import resources_dir


def load_qt_texts(language: str) -> dict[tuple[str, str], str]:
    """(Qt context, English text) → translation, from qt_<language>.po (empty when there is none)."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    folder = resources_dir() / "translations"
    po, mo = folder / f"qt_{language}.po", folder / f"qt_{language}.mo"
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    elif mo.exists():  # a frozen build ships the compiled catalog only
        with mo.open("rb") as fh:
            catalog = read_mo(fh)
    else:
        return {}
    return {(m.context or "", m.id): m.string for m in catalog if m.id and m.string}


class CatalogTranslator(QTranslator):
    """A QTranslator answering from a dict; None lets Qt keep its own text."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self._texts.get((context, source))

    def isEmpty(self) -> bool:
        return not self._texts
