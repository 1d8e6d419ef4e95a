"""Keep the translation catalogs in step with the code.

    python scripts/catalog.py            # extract, merge pending/*.po, update vi.po and en.po
    python scripts/catalog.py --check    # exit 1 if a message lacks a Vietnamese translation,
                                         # holds a stray "msgstr", changes the placeholders, or is
                                         # left in English

Message ids are English (`_("...")` in chilinh_desktop/); vi.po must translate every one.
Fragments in resources/translations/pending/*.<lang>.po (work in progress) are merged in;
delete them once merged.
"""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message id used in the code."""
    catalog = Catalog(project="chilinh", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "chilinh_desktop", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(f"chilinh_desktop/{filename}", lineno)])
    return catalog


def load(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")
# Words that are the same in both languages (names of formats and programs).
SAME_WORDS = {"pdf", "excel", "word", "docx", "xlsx", "zip", "usb", "chilinh", "http", "https", "www", "sha"}


def placeholders(text: str) -> set[str]:
    """The named `{placeholders}` of a message (a broken brace counts as a difference)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def problems(locale: str, catalog: Catalog) -> list[str]:
    """What is wrong with a catalog's entries beyond a missing translation."""
    found = []
    for message in catalog:
        if not message.id or not message.string or isinstance(message.id, tuple):
            continue
        msgid, msgstr = message.id, message.string
        if "msgstr" in msgstr or "msgid" in msgstr:
            found.append(f"{locale}.po: a .po keyword inside the translation of {msgid!r}: {msgstr!r}")
        if placeholders(msgid) != placeholders(msgstr):
            found.append(f"{locale}.po: placeholders differ for {msgid!r}: {msgstr!r}")
        if locale == "vi" and msgstr == msgid:
            words = {w for w in ENGLISH_WORD.findall(re.sub(r"\{[^}]*\}", "", msgid).lower())} - SAME_WORDS
            if words:
                found.append(f"vi.po: left in English: {msgid!r}")
    return found


def update(check: bool) -> int:
    template = extracted()
    missing_total = 0
    for locale in ("vi", "en"):
        path = TRANSLATIONS / f"{locale}.po"
        current = load(path, locale)
        fragments = sorted((TRANSLATIONS / "pending").glob(f"*.{locale}.po"))
        for fragment in fragments:
            for message in load(fragment, locale):
                if not (message.id and message.string):
                    continue
                if message.id in current:
                    current[message.id].string = message.string
                else:
                    current.add(message.id, message.string)
        current.update(template, no_fuzzy_matching=True)
        # English ids translate to themselves unless the catalog says otherwise.
        missing = [m.id for m in current if m.id and not m.string and locale == "vi"]
        for message in current:
            if message.id and not message.string and locale == "en":
                message.string = message.id
            message.flags.discard("fuzzy")
        missing_total += len(missing)
        if check:
            for message_id in missing:
                print(f"{locale}.po: no translation for {message_id!r}")
            wrong = problems(locale, current)
            for line in wrong:
                print(line)
            missing_total += len(wrong)
            continue
        with path.open("wb") as fh:
            write_po(fh, current, width=100, sort_output=True, omit_header=False, ignore_obsolete=True)
        # The compiled catalog too: an .mo older than its .po makes every start compile it in memory
        # (a quarter of the window's start-up).
        with path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, current)
    return 1 if check and missing_total else 0


if __name__ == "__main__":
    sys.exit(update("--check" in sys.argv))
