"""Translation of every user-visible string through babel catalogs.

Message ids are English; `resources/translations/<lang>.po` holds the Vietnamese
(default) and English catalogs. A compiled `.mo` beside the `.po` is used when it
is newer; otherwise the `.po` is compiled in memory, so a checkout needs no build
step. `_()` is only ever called at run time, never at import time, so the language
can be chosen before any text is produced.
"""

from __future__ import annotations

import gettext
import io
import string
from functools import cache

from chilinh_desktop.resources import resources_dir

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")

_language = DEFAULT_LANGUAGE


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    folder = resources_dir() / "translations"
    po = folder / f"{language}.po"
    mo = folder / f"{language}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.exists():
        return gettext.NullTranslations()
    # Only a checkout compiles in memory; the shipped build has .mo files and never loads babel's reader.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    """Choose the language of every later message ('vi' or 'en')."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language


def current_language() -> str:
    """The language messages are produced in."""
    return _language


def placeholders(text: str) -> set[str]:
    """The named `{placeholders}` of a message, to check catalogs against their ids."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _(message: str, /, **values: object) -> str:
    """Translate `message` and fill its `{named}` placeholders."""
    translated = _catalog(_language).gettext(message)
    return translated.format(**values) if values else translated


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """Translate a message that depends on a count `n` (available as `{n}`)."""
    translated = _catalog(_language).ngettext(singular, plural, n)
    return translated.format(n=n, **values)
