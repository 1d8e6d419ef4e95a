"""Text hygiene at input boundaries: everything stored is Unicode NFC (Unicode UAX #15)."""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(value: str) -> str:
    """The NFC form of `value` (decomposed macOS/keyboard input becomes composed)."""
    return unicodedata.normalize("NFC", value)


def clean_line(value: str) -> str:
    """A single-line field: NFC, surrounding white space removed, inner runs collapsed."""
    return " ".join(nfc(value).split())


def normalize_tree(value: Any) -> Any:
    """NFC-normalise every string inside nested dicts/lists (keys included)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {normalize_tree(k): normalize_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize_tree(v) for v in value]
    return value
