"""One set of limits and character rules for every way text comes in (giới hạn nhập liệu).

forms/limits.toml says how long a value of each field type may be and how many rows a table may
hold. `text_problem` is the one function that applies a length limit and the character rule; the
form check (`form set`, the editor, Word import), a unit's package documents at the Board, the
Board's leader assignments (typed or from Excel), review meetings and kits all call it, so text
that a form field would refuse cannot come in another way.

Characters no text may hold: control characters (tab and newline are text), the bidi overrides
and isolates that make a printed line read other than it was typed (U+202E…), and unpaired
surrogates, which are not characters at all and cannot be stored as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import DefinitionError, ValidationError
from chilinh_desktop.core.text import clean_line, nfc
from chilinh_desktop.i18n import _

LIMITS_FILE = "limits.toml"
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\t\n")
# Categories Cc (C0 and C1 controls) and Cs (lone surrogates) and the bidi controls, but for _ALLOWED_CONTROLS:
# one regular expression instead of a category lookup per character (a package's documents are checked whole).
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class TextLimits:
    """The limits every incoming text is held to: a line, a long text, the rows of a table."""

    line: int
    long: int
    rows: int


def text_limits(definitions: Definitions) -> TextLimits:
    """The installation's limits (its copy of forms/limits.toml, else the shipped one)."""
    return definitions.memo(("text-limits",), lambda: _read(definitions))


def _read(definitions: Definitions) -> TextLimits:
    # The same decoded file the form engine checks against its schema (Definitions.toml reads it once).
    data = definitions.toml(LIMITS_FILE)
    try:
        return TextLimits(int(data["max_length"]["text"]), int(data["max_length"]["longtext"]),
                          int(data["rows"]["max_rows"]))
    except (KeyError, TypeError, ValueError) as exc:
        where = exc.args[0] if isinstance(exc, KeyError) else "max_length, rows"
        raise DefinitionError(_("{file}, {field}: {problem}", file=LIMITS_FILE, field=where,
                                problem=_("is missing or has the wrong type"))) from exc


def bad_character(text: str) -> str | None:
    """The first character of `text` that no field may hold, as U+XXXX, or None."""
    found = _BAD_CHARACTER.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def shown(text: str) -> str:
    """`text` safe to print in a message: characters no field may hold become \\uXXXX."""
    if bad_character(text) is None:
        return text
    return "".join(f"\\u{ord(ch):04x}" if bad_character(ch) else ch for ch in text)


def too_long(value: str, limit: int | None) -> bool:
    """Whether `value` is over `limit` characters (as it will be stored: NFC, without surrounding space)."""
    # Checked before any other work on the value: a 10 MB string is refused, not normalised and printed.
    return limit is not None and len(value) > limit and len(nfc(value).strip()) > limit


def stray_character(value: str) -> str | None:
    """The first character no text may hold, as U+XXXX (a CR of a line ending is text), or None."""
    return bad_character(value.replace("\r\n", "\n").replace("\r", "\n"))


def text_problem(value: str, limit: int | None) -> str | None:
    """Why `value` may not be stored (longer than `limit`, or a character no text may hold); None when it may."""
    if too_long(value, limit):
        return _("longer than {count} characters ({length} were given)", count=limit, length=len(value))
    bad = stray_character(value)
    if bad is not None:
        return _("contains a control or invalid character ({code}) that cannot be stored or printed", code=bad)
    return None


def checked_line(value: str, label: str, definitions: Definitions) -> str:
    """A one-line text typed or imported (a name, a post, a place): cleaned, or ValidationError naming `label`."""
    problem = text_problem(value, text_limits(definitions).line)
    if problem is not None:
        raise ValidationError(_("{field} {problem}; nothing was recorded.", field=label, problem=problem),
                              [(label, problem)])
    return clean_line(value)


def tree_problem(value: Any, limits: TextLimits, long_keys: frozenset[str] = frozenset(),
                 where: str = "") -> tuple[str, str] | None:
    """(path, problem) of the first string in a JSON tree breaking the rules, or None.

    Strings under a key in `long_keys` (answers, notes) may be long texts; every other string is a
    line. Lists under a long key are tables and hold at most `limits.rows` rows.
    """
    if _plainly_fine(value, limits, long_keys):
        return None  # the common case, without building a path for every string
    stack: list[tuple[Any, str, bool]] = [(value, where, False)]
    while stack:
        item, path, long = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item, limits.long if long else limits.line)
            if problem is not None:
                return path or "/", problem
        elif isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str) and (problem := text_problem(key, limits.line)) is not None:
                    return f"{path}.{key[:40]}" if path else key[:40], problem
                stack.append((inner, f"{path}.{str(key)[:40]}" if path else str(key)[:40], long or key in long_keys))
        elif isinstance(item, list):
            if long and len(item) > limits.rows:
                return path, _("more than {count} rows ({length} were given)", count=limits.rows, length=len(item))
            stack += [(inner, f"{path}[{n}]", long) for n, inner in enumerate(item)]
    return None


def _plainly_fine(value: Any, limits: TextLimits, long_keys: frozenset[str]) -> bool:
    # Conservative: True only when no string can break a rule (none over its limit before cleaning, no character
    # the rules might refuse, no table over its rows); anything else is left to tree_problem's exact walk.
    # A container's strings are measured in its own loop (only containers go on the stack), and searched for a
    # refused character all at once at the end, joined by newlines (which the rules allow).
    line, long_limit, rows = limits.line, limits.long, limits.rows
    if isinstance(value, str):
        return len(value) <= line and not _BAD_CHARACTER.search(value)
    texts: list[str] = []
    keep = texts.append
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, long = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str):
                    if len(key) > line:
                        return False
                    keep(key)
                inner_long = long or key in long_keys
                if isinstance(inner, str):
                    if len(inner) > (long_limit if inner_long else line):
                        return False
                    keep(inner)
                elif isinstance(inner, dict | list):
                    stack.append((inner, inner_long))
        elif isinstance(item, list):
            if long and len(item) > rows:
                return False
            limit = long_limit if long else line
            for inner in item:
                if isinstance(inner, str):
                    if len(inner) > limit:
                        return False
                    keep(inner)
                elif isinstance(inner, dict | list):
                    stack.append((inner, long))
    return not _BAD_CHARACTER.search("\n".join(texts))


def printable(text: str, *, newlines: bool = False) -> str:
    """`text` safe to write to a terminal: control characters (ANSI escapes), bidi controls and the lone
    surrogates of a file name that is not UTF-8 become visible \\xNN / \\uXXXX escapes (newlines kept if asked)."""
    out = []
    for ch in text:
        if newlines and ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS:
            code = ord(ch)
            # A byte that was not UTF-8 in a file name (surrogateescape) is shown as that byte.
            out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
