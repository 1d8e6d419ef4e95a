"""The internal codes of the data (forms/*.toml, scales, vocabulary, rules) and of core, and a scanner for them.

A code is what the program stores and compares (`dang_vien`, `self_review`, `xuat_sac`,
`signed_off`); a person must only ever see its label. The list is built from the data
files and core's enums, not written by hand, so a new code is covered the day it is added.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re
import tomllib
from collections.abc import Iterable

from chilinh_desktop import core
from chilinh_desktop.resources import forms_dir

# Keys whose string values are codes (ids, kinds, types, references to other ids).
_CODE_KEYS = {"id", "kind", "type", "scope", "source", "item", "items", "level", "levels", "applies_to",
              "unit_type", "unit_types", "flag", "state", "rule", "step", "steps", "tier", "subjects"}
# A code: snake_case, or a lowercase word of 3+ letters (upper-case ids like HTXSNV or 02B are
# the official abbreviations that documents print as they are).
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]{3,}$")


def _walk(value: object, key: str | None, found: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, dict | list) and "_" in k:
                found.add(k)  # a table keyed by code (e.g. [figures.org_total])
            _walk(v, k, found)
    elif isinstance(value, list):
        for v in value:
            _walk(v, key, found)
    elif isinstance(value, str) and key in _CODE_KEYS:
        found.add(value)


def _core_codes() -> set[str]:
    found: set[str] = set()
    for info in pkgutil.iter_modules(core.__path__):
        module = importlib.import_module(f"chilinh_desktop.core.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == module.__name__:
                found |= {str(member.value) for member in value}
            elif name.isupper() and isinstance(value, str):
                found.add(value)
            elif name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                found |= set(value)
    return found


def internal_codes() -> set[str]:
    """Every code of the shipped data and of core that looks like one."""
    found: set[str] = set()
    for path in forms_dir().rglob("*.toml"):
        _walk(tomllib.loads(path.read_text(encoding="utf-8")), None, found)
    found |= _core_codes()
    return {code for code in found if _CODE.match(code)}


def codes_in(texts: Iterable[str], codes: set[str]) -> dict[str, set[str]]:
    """code → the texts it occurs in as a whole word (case-sensitive)."""
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
                         + r")(?![\w-])")
    hits: dict[str, set[str]] = {}
    for text in texts:
        for match in pattern.finditer(text):
            hits.setdefault(match.group(1), set()).add(text[:200])
    return hits
