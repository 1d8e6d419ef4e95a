"""The JSON Schema subset that forms/schema.json uses, checked with messages in Vietnamese.

Why not the `jsonschema` package: its messages are English and name paths its own way,
while a form author needs "file, sections[2].fields[3] (i1_politics).options: …" in
Vietnamese; and the frozen Windows build stays one dependency lighter. The keywords
understood are listed in SUPPORTED; a schema using any other fails loudly, so the file
and this checker cannot drift apart silently.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from chilinh_desktop.i18n import _
from chilinh_desktop.resources import forms_dir

SUPPORTED = frozenset({
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "enum", "const", "pattern", "minLength",
    "minimum", "allOf", "if", "then",
})
_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool,
}

Problem = tuple[str, str]


@cache
def form_schema() -> dict[str, Any]:
    """The schema every form file is checked against (forms/schema.json)."""
    schema = json.loads((forms_dir() / "schema.json").read_text(encoding="utf-8"))
    _check_keywords(schema, "")
    return schema


def _check_keywords(node: Any, where: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in SUPPORTED and not where.endswith(("properties", "$defs")):
                raise ValueError(f"forms/schema.json{where}: keyword {key!r} is not supported by the checker")
            _check_keywords(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            _check_keywords(value, f"{where}[{n}]")


def check(instance: Any, schema: dict[str, Any] | None = None) -> list[Problem]:
    """Every (path, problem) where `instance` breaks the schema; empty when it conforms."""
    root = schema if schema is not None else form_schema()
    problems: list[Problem] = []
    _check(instance, root, root, "", problems)
    return problems


def check_part(instance: Any, name: str) -> list[Problem]:
    """Every (path, problem) where `instance` breaks the schema's `$defs/<name>` (e.g. "limits")."""
    root = form_schema()
    problems: list[Problem] = []
    _check(instance, root["$defs"][name], root, "", problems)
    return problems


def _label(instance: Any, path: str) -> str:
    # Naming the item's id helps the author find it among many similar tables.
    if isinstance(instance, dict) and isinstance(instance.get("id"), str):
        return f"{path} ({instance['id']})"
    return path


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str, out: list[Problem]) -> None:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        schema = root["$defs"][name]
    where = path or _("(top level)")
    expected = schema.get("type")
    if expected is not None:
        kind = _TYPES[expected]
        if not isinstance(value, kind) or (expected in ("integer", "number") and isinstance(value, bool)):
            out.append((where, _("expected {kind}", kind=_type_name(expected))))
            return
    if "const" in schema and value != schema["const"]:
        out.append((where, _("must be {value}", value=schema["const"])))
    if "enum" in schema and value not in schema["enum"]:
        out.append((where, _("must be one of {choices}", choices=", ".join(map(str, schema["enum"])))))
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append((where, _("must not be empty")))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append((where, _("the value {value} has the wrong form", value=value)))
    if isinstance(value, int | float) and not isinstance(value, bool) and value < schema.get("minimum", value):
        out.append((where, _("must be at least {minimum}", minimum=schema["minimum"])))
    if isinstance(value, list):
        _check_array(value, schema, root, path, out)
    if isinstance(value, dict):
        _check_object(value, schema, root, path, out)
    for part in schema.get("allOf", ()):
        _check(value, part, root, path, out)
    if "if" in schema:
        probe: list[Problem] = []
        _check(value, schema["if"], root, path, probe)
        if not probe and "then" in schema:
            _check(value, schema["then"], root, path, out)


def _check_array(value: list, schema: dict, root: dict, path: str, out: list[Problem]) -> None:
    where = path or _("(top level)")
    if len(value) < schema.get("minItems", 0):
        out.append((where, _("needs at least {count} entries", count=schema["minItems"])))
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        out.append((where, _("allows at most {count} entries", count=schema["maxItems"])))
    if "items" in schema:
        for n, item in enumerate(value, 1):
            _check(item, schema["items"], root, _label(item, f"{path}[{n}]"), out)


def _check_object(value: dict, schema: dict, root: dict, path: str, out: list[Problem]) -> None:
    prefix = f"{path}." if path else ""
    for key in schema.get("required", ()):
        if key not in value:
            out.append((prefix + key, _("this field is required")))
    properties = schema.get("properties", {})
    for key, item in value.items():
        if key in properties:
            _check(item, properties[key], root, _label(item, prefix + key), out)
        elif schema.get("additionalProperties", True) is False:
            out.append((prefix + key, _("unknown field (check the spelling against forms/README.md)")))


def _type_name(kind: str) -> str:
    names = {
        "object": _("a table"), "array": _("a list"), "string": _("a text"), "integer": _("a whole number"),
        "number": _("a number"), "boolean": _("true or false"),
    }
    return names[kind]
