"""Reading untrusted JSON documents field by field: every failure is a coded DocumentError naming file and field.

The typed package documents (core/package_documents.py) are built on this; nothing here knows
what a package is, only how to check one JSON value at a time without ever raising anything else.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.i18n import _

MAX_DEPTH = 64  # the deepest a package document nests is about 8; more is a crafted file


class DocumentError(ChilinhError):
    """A package document that cannot be used; `name` is the file, `where` the field."""

    code = "package.document_invalid"

    def __init__(self, message: str, *, code: str, name: str, where: str = "") -> None:
        super().__init__(message, code=code)
        self.name, self.where = name, where

    @property
    def subject(self) -> str:
        """The file the error is about (as PackageError names it)."""
        return self.name


def invalid(name: str, where: str, expected: str, found: Any) -> DocumentError:
    shown = type(found).__name__ if not isinstance(found, str | int | float | bool) else repr(found)[:40]
    return DocumentError(
        _("The package's data file {name} is malformed: field \"{field}\" should be {expected}, found {found}. "
          "Nothing was written. Ask the unit to export the package again.",
          name=name, field=where or "/", expected=expected, found=shown),
        code="package.document_invalid", name=name, where=where)


class Fields:
    """Typed access to one JSON object of a document; every failure names the file and the field path."""

    def __init__(self, value: Any, name: str, where: str = "") -> None:
        if not isinstance(value, dict):
            raise invalid(name, where, _("an object"), value)
        self.value, self.name, self.where = value, name, where

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def lookup(self, key: str, optional: bool, default: Any = None) -> tuple[bool, Any]:
        """(present, value) of a field; a missing one is an error unless `optional`."""
        if key not in self.value:
            if optional:
                return False, default
            raise DocumentError(
                _("The package's data file {name} is malformed: the field \"{field}\" is missing. Nothing was "
                  "written. Ask the unit to export the package again.", name=self.name, field=self.path(key)),
                code="package.document_invalid", name=self.name, where=self.path(key))
        return True, self.value[key]

    def text(self, key: str, *, optional: bool = False, nullable: bool = False, default: str | None = None) -> Any:
        value = self.value.get(key)
        if type(value) is str:  # the common case, first: a province Board reads ~1 million of them
            return value
        present, value = self.lookup(key, optional, default)
        if not present or (value is None and nullable):
            return value
        if not isinstance(value, str):
            raise invalid(self.name, self.path(key), _("text"), value)
        return value

    def nonempty(self, key: str) -> str:
        value = self.text(key)
        if not value.strip():
            raise invalid(self.name, self.path(key), _("a non-empty text"), value)
        return value

    def flag(self, key: str, *, optional: bool = False, default: bool | None = None) -> Any:
        present, value = self.lookup(key, optional, default)
        if not present or (value is None and optional):
            return value if present else default
        if not isinstance(value, bool):
            raise invalid(self.name, self.path(key), _("true or false"), value)
        return value

    def number(self, key: str, *, optional: bool = False, default: float | None = None) -> Any:
        present, value = self.lookup(key, optional, default)
        if not present or (value is None and optional):
            return value if present else default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise invalid(self.name, self.path(key), _("a number"), value)
        return float(value)

    def day(self, key: str, *, nullable: bool = False) -> Any:
        value = self.text(key, nullable=nullable)
        if value is None:
            return None
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise invalid(self.name, self.path(key), _("a date YYYY-MM-DD"), value) from None
        return value

    def choice(self, key: str, allowed: tuple[str, ...] | list[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise invalid(self.name, self.path(key), _("one of {values}", values=", ".join(allowed)), value)
        return value

    def obj(self, key: str, *, optional: bool = False, nullable: bool = False) -> Fields | None:
        present, value = self.lookup(key, optional)
        if not present or (value is None and nullable):
            return None
        return Fields(value, self.name, self.path(key))

    def items(self, key: str, *, optional: bool = False) -> list[tuple[str, Any]]:
        present, value = self.lookup(key, optional)
        if not present or (value is None and optional):
            return []
        if not isinstance(value, dict):
            raise invalid(self.name, self.path(key), _("an object"), value)
        return list(value.items())

    def array(self, key: str, *, optional: bool = False) -> list[Any]:
        present, value = self.lookup(key, optional)
        if not present or (value is None and optional):
            return []
        if not isinstance(value, list):
            raise invalid(self.name, self.path(key), _("a list"), value)
        return value

    def raw_object(self, key: str) -> dict[str, Any] | None:
        _present, value = self.lookup(key, True)
        if value is None:
            return None
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise invalid(self.name, self.path(key), _("an object"), value)
        return value


def parse_json(data: bytes | str, name: str) -> Any:
    """JSON from a package, refused (never a traceback) when it is not UTF-8 JSON or nests absurdly deep."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        detail = _("nested too deep") if isinstance(exc, RecursionError) else str(exc)[:80]
        raise DocumentError(
            _("The package's data file {name} is not valid JSON ({detail}). Nothing was written. Ask the unit to "
              "export the package again.", name=name, detail=detail), code="package.document_not_json",
            name=name) from None
    if _depth(value) > MAX_DEPTH:
        raise DocumentError(
            _("The package's data file {name} is not valid JSON ({detail}). Nothing was written. Ask the unit to "
              "export the package again.", name=name, detail=_("nested too deep")),
            code="package.document_not_json", name=name)
    return value


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number JSON allows")


def _depth(value: Any) -> int:
    # Only objects and lists are stacked (a text or number is as deep as its container + 1): a province
    # Board reads ~1 million values when it opens.
    if not isinstance(value, dict | list):
        return 1
    deepest, stack = 1, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > MAX_DEPTH:
            return level
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, level + 1))
            elif level + 1 > deepest:
                deepest = level + 1
        if level > deepest:
            deepest = level
    return deepest
