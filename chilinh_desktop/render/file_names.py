"""File names a clerk recognises: "Phạm Hữu Thịnh - Bản kiểm điểm cá nhân 02B.pdf", safe on Windows.

No ids and no English item ids: the person's (or unit's) name and the document's Vietnamese name, with
the form's number when it has one. Characters Windows forbids, device names (CON, LPT1 …), trailing dots
and spaces are taken out; the name is cut to a length every Windows folder accepts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
MAX_STEM = 120  # leaves room for a folder within Windows' 260-character paths


def document_title(item_name: str, form: str | None) -> str:
    """'Bản kiểm điểm cá nhân 02B' from 'Bản kiểm điểm cá nhân (Mẫu 02B-HDKĐ.ĐG 2023)' and form '02B'."""
    title = _PARENTHESIS.sub("", item_name).strip() or item_name.strip()
    if form and form not in title:
        title = f"{title} {form}"
    return title


def safe_stem(text: str) -> str:
    """A name Windows (and every other system) accepts for a file, keeping the Vietnamese letters (NFC)."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub(" ", text.replace("/", " - ").replace("\\", " - "))
    text = re.sub(r"\s+", " ", text).strip()
    text = text[:MAX_STEM].rstrip(" .") or "tep"
    if text.split(".")[0].strip().upper() in _DEVICES:
        text = f"_{text}"
    return text


def document_file_name(subject: str, item_name: str, form: str | None, suffix: str = ".pdf") -> str:
    """'Phạm Hữu Thịnh - Bản kiểm điểm cá nhân 02B.pdf'."""
    return safe_stem(f"{subject.strip()} - {document_title(item_name, form)}") + suffix


def numbered(names: Iterable[str]) -> list[str]:
    """The names, a repeated one numbered ' (2)', ' (3)' … (two cadres of one name, in one folder)."""
    seen: dict[str, int] = {}
    result = []
    taken = set()
    for name in names:
        key = name.casefold()  # Windows folders do not tell case apart
        count = seen.get(key, 0) + 1
        seen[key] = count
        candidate = name
        if count > 1 or key in taken:
            stem, dot, suffix = name.rpartition(".")
            n = count
            while True:
                candidate = f"{stem} ({n}).{suffix}" if dot else f"{name} ({n})"
                if candidate.casefold() not in taken:
                    break
                n += 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result
