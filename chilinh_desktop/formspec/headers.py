"""Who issues a document and who stands above it, named from the unit tree (DOMAIN.md §5).

The naming rules are data (forms/headers.toml): per kind of unit, how it is named as an
organisation, as an issuer, after "T/M", and in a document number.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.units import Unit, UnitTree
from chilinh_desktop.i18n import _

HEADERS_FILE = "headers.toml"


@dataclass(frozen=True)
class Naming:
    """The naming rules of forms/headers.toml."""

    prefixes: tuple[str, ...]
    by_type: dict[str, dict[str, str]]
    committees: tuple[tuple[str, str], ...]  # (committee word, organisation words)
    document_types: dict[str, str]


@dataclass(frozen=True)
class Issuer:
    """The two header lines of a document, its signer's body and the issuer part of its number."""

    superior: str
    issuer: str
    signs_for: str
    symbol: str


def naming(definitions: Definitions) -> Naming:
    """The naming rules in force among `definitions`."""
    return definitions.memo(("headers",), lambda: _load_naming(definitions))


def _load_naming(definitions: Definitions) -> Naming:
    try:
        raw = tomllib.loads(definitions.read(HEADERS_FILE).decode("utf-8"))
        by_type = {row["type"]: {k: str(v) for k, v in row.items()} for row in raw["unit_types"]}
        committees = tuple((row["committee"], row["organisation"]) for row in raw.get("committees", ()))
        prefixes = tuple(sorted(raw.get("prefixes", ()), key=len, reverse=True))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DefinitionError(_("{file}: cannot read the form definition: {error}", file=HEADERS_FILE,
                                error=exc)) from exc
    return Naming(prefixes, by_type, committees, dict(raw.get("document_types", {})))


def _starts(text: str, words: str) -> bool:
    return text.casefold().startswith(words.casefold() + " ") or text.casefold() == words.casefold()


def strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    """The unit's own words: 'Đảng bộ phường Minh Khai' → 'phường Minh Khai'; repeated prefixes go too."""
    name = " ".join(name.split())
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if _starts(name, prefix) and len(name) > len(prefix):
                name, changed = name[len(prefix):].strip(), True
                break
    return name


def _committee(unit: Unit, rules: Naming) -> tuple[str, str] | None:
    for word, organisation in rules.committees:
        if _starts(unit.name, word):
            return word, organisation
    return None


def organisation_name(unit: Unit, rules: Naming) -> str:
    """How the unit is named as a party organisation: 'Đảng bộ thành phố Minh Giang', 'Chi bộ Phòng Nội vụ'."""
    committee = _committee(unit, rules)
    if committee is not None:
        return f"{committee[1]} {unit.name[len(committee[0]):].strip()}"
    words = rules.by_type.get(unit.type, {}).get("organisation", "")
    core = strip_prefix(unit.name, rules.prefixes)
    return f"{words} {core}" if words else unit.name


def issuer_name(unit: Unit, rules: Naming) -> str:
    """How the unit is named when it issues a document: 'Đảng ủy phường Minh Khai', 'Chi bộ Phòng Nội vụ'."""
    words = rules.by_type.get(unit.type, {}).get("issuer", "")
    if not words or _committee(unit, rules) is not None:
        return " ".join(unit.name.split())
    return f"{words} {strip_prefix(unit.name, rules.prefixes)}"


def place_name(unit: Unit, rules: Naming) -> str:
    """The place of a committee ('Thành ủy Minh Giang' → 'Minh Giang'); '' for other units."""
    committee = _committee(unit, rules)
    return unit.name[len(committee[0]):].strip() if committee else ""


def cell_name(text: str, rules: Naming) -> str:
    """A typed cell name with doubled words removed: 'Chi bộ Chi bộ Viện Kiểm sát' → 'Chi bộ Viện Kiểm sát'."""
    text = " ".join(text.split())
    for prefix in rules.prefixes:
        if _starts(text, prefix):
            return f"{text[:len(prefix)]} {strip_prefix(text, rules.prefixes)}"
    return text


def unit_issuer(tree: UnitTree, unit: Unit, top_superior: str, rules: Naming) -> Issuer:
    """The header of a document the unit issues: the organisation above it, then the unit itself."""
    node = tree.by_code.get(unit.code)
    parent = tree.by_code[node.parent_code].unit if node is not None and node.parent_code else None
    superior = organisation_name(parent, rules) if parent is not None else top_superior
    row = rules.by_type.get(unit.type, {})
    return Issuer(superior, issuer_name(unit, rules), row.get("signs_for", ""), row.get("symbol", ""))


def member_issuer(tree: UnitTree, unit: Unit, typed_cell: str, top_superior: str, rules: Naming) -> Issuer:
    """The header of a member's own paper (Mẫu 02B…): the organisation above the member's cell, then the cell.

    A unit that is itself a cell (a grassroots cell, an agency's cell) is the member's cell; in a
    đảng bộ the cell is the one typed on the person's record, under the đảng bộ.
    """
    row = rules.by_type.get(unit.type, {})
    if row.get("organisation", "").casefold().startswith("chi bộ"):
        own = unit_issuer(tree, unit, top_superior, rules)
        return Issuer(own.superior, organisation_name(unit, rules), "Chi bộ", row.get("symbol", ""))
    return Issuer(organisation_name(unit, rules), cell_name(typed_cell, rules), "Chi bộ", "CB")
