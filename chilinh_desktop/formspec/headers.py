"""Who issues a document and who stands above it, named from the unit tree (Hướng dẫn 36-HD/VPTW, 2018).

The naming rules are data (forms/headers.toml): per kind of unit, how it is named as an
organisation, as an issuer, after "T/M", and in a document number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

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
    localities: tuple[str, ...] = ()  # words that make a unit a commune or ward ("phường", "xã")
    locality_words: dict[str, str] = field(default_factory=dict)  # committee word → "thành phố"
    committee_bodies: dict[str, object] = field(default_factory=dict)  # a Ban of the committee
    unbroken: tuple[str, ...] = ()  # phrases a header line is never broken inside ("Việt Nam")


@dataclass(frozen=True)
class Issuer:
    """The two header lines of a document, its signer's body and the issuer part of its number."""

    superior: str
    issuer: str
    signs_for: str
    symbol: str
    style: str = "party"  # "state": the issuer's papers carry the state's name, not the party's


def naming(definitions: Definitions) -> Naming:
    """The naming rules in force among `definitions`."""
    return definitions.memo(("headers",), lambda: _load_naming(definitions))


def _load_naming(definitions: Definitions) -> Naming:
    raw = definitions.toml(HEADERS_FILE)
    try:
        by_type = {row["type"]: {k: str(v) for k, v in row.items()} for row in raw["unit_types"]}
        committees = tuple((row["committee"], row["organisation"]) for row in raw.get("committees", ()))
        prefixes = tuple(sorted(raw.get("prefixes", ()), key=len, reverse=True))
        localities = tuple(str(word) for word in raw.get("localities", ()))
        locality_words = {row["committee"]: str(row.get("locality", "")) for row in raw.get("committees", ())}
        bodies = dict(raw.get("committee_bodies", {}))
        unbroken = tuple(str(phrase) for phrase in raw.get("unbroken", ()))
    except (KeyError, TypeError, AttributeError) as exc:
        where = exc.args[0] if isinstance(exc, KeyError) else "unit_types, committees"
        raise DefinitionError(_("{file}, {field}: {problem}", file=HEADERS_FILE, field=where,
                                problem=_("is missing or has the wrong type"))) from exc
    return Naming(prefixes, by_type, committees, dict(raw.get("document_types", {})), localities,
                  locality_words, bodies, unbroken)


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


def locality_name(unit: Unit, rules: Naming) -> str:
    """The commune or ward a unit is ('Đảng bộ phường Minh Khai' → 'Minh Khai'); '' for other units."""
    own = strip_prefix(unit.name, rules.prefixes)
    for word in sorted(rules.localities, key=len, reverse=True):
        if _starts(own, word) and len(own) > len(word):
            return own[len(word):].strip()
    return ""


def locality_of(tree: UnitTree, unit: Unit, rules: Naming) -> str:
    """The place a unit's papers are dated at: its commune or ward (or the one it belongs to), else ''."""
    node = tree.by_code.get(unit.code)
    while node is not None:
        if _committee(node.unit, rules) is not None:
            return ""  # reached the city: no commune or ward on the way
        place = locality_name(node.unit, rules)
        if place:
            return place
        node = tree.by_code.get(node.parent_code) if node.parent_code else None
    return ""


def initials(name: str) -> str:
    """The symbol of an agency in a number: 'Phòng Nội vụ' → 'PNV', 'Ban Tổ chức Thành ủy' → 'BTCTU'.

    A word already in capitals (MTTQ, HĐND) is kept whole; the joining words 'và' and 'các' are left out.
    """
    out = []
    for word in re.split(r"[\s,–\-]+", name):
        if not word:
            continue
        if word.isupper() and len(word) > 1:
            out.append(word)
        elif word[0].isupper() or word not in ("và", "các"):
            base = unicodedata.normalize("NFD", word[0])[0]
            out.append("Đ" if word[0] in "đĐ" else base.upper())
    return "".join(out)


def _committee_above(tree: UnitTree, unit: Unit, rules: Naming, top: Unit | None = None) -> Unit | None:
    node = tree.by_code.get(unit.code)
    node = tree.by_code.get(node.parent_code) if node is not None and node.parent_code else None
    while node is not None:
        if _committee(node.unit, rules) is not None:
            return node.unit
        node = tree.by_code.get(node.parent_code) if node.parent_code else None
    return top


def _body_of_committee(unit: Unit, committee: Unit | None, rules: Naming) -> str:
    """'Ban Tổ chức' for 'Ban Tổ chức Thành ủy' under 'Thành ủy Minh Giang' (a Ban of the committee), else ''."""
    bodies = rules.committee_bodies
    if committee is None or unit.type not in tuple(bodies.get("types", ())):
        return ""
    word = _committee(committee, rules)
    name = " ".join(unit.name.split())
    if word is None or not name.casefold().endswith(" " + word[0].casefold()):
        return ""
    return name[: -len(word[0])].strip()


def _fill_symbol(symbol: str, name: str) -> str:
    return symbol.replace("{initials}", initials(name)) if "{initials}" in symbol else symbol


def cell_name(text: str, rules: Naming) -> str:
    """A typed cell name with doubled words removed: 'Chi bộ Chi bộ Viện Kiểm sát' → 'Chi bộ Viện Kiểm sát'."""
    text = " ".join(text.split())
    for prefix in rules.prefixes:
        if _starts(text, prefix):
            return f"{text[:len(prefix)]} {strip_prefix(text, rules.prefixes)}"
    return text


def unit_issuer(tree: UnitTree, unit: Unit, top_superior: str, rules: Naming, *,
                top: Unit | None = None) -> Issuer:
    """The header of a document the unit issues: the organisation above it, then the unit itself.

    `top` is the committee above the tree's root when the data file holds only a unit's own subtree (a
    unit installation: the Board's committee, from its kit); else `top_superior` names what is above.
    """
    node = tree.by_code.get(unit.code)
    parent = tree.by_code[node.parent_code].unit if node is not None and node.parent_code else top
    superior = organisation_name(parent, rules) if parent is not None else top_superior
    row = rules.by_type.get(unit.type, {})
    committee = _committee_above(tree, unit, rules, top)
    body = _body_of_committee(unit, committee, rules)
    if body and committee is not None:
        # A Ban of the committee: THÀNH ỦY MINH GIANG / BAN TỔ CHỨC (Hướng dẫn 36-HD/VPTW).
        bodies = rules.committee_bodies
        return Issuer(" ".join(committee.name.split()), body, str(bodies.get("signs_for", "")),
                      _fill_symbol(str(bodies.get("symbol", "")), unit.name), str(bodies.get("style", "party")))
    if "superior" in row:
        # An agency: the upper line is a template of data ("Ủy ban nhân dân {locality}"), '' for none.
        locality = ""
        if committee is not None:
            word = _committee(committee, rules)
            kind = rules.locality_words.get(word[0], "") if word else ""
            locality = f"{kind} {place_name(committee, rules)}".strip()
        superior = row["superior"].replace("{locality}", locality) if locality or "{" not in row["superior"] else ""
    return Issuer(superior, issuer_name(unit, rules), row.get("signs_for", ""),
                  _fill_symbol(row.get("symbol", ""), unit.name), row.get("style", "party") or "party")


def member_issuer(tree: UnitTree, unit: Unit, typed_cell: str, top_superior: str, rules: Naming, *,
                  top: Unit | None = None, outside: dict[str, Unit] | None = None) -> Issuer:
    """The header of a member's own paper (Mẫu 02B…): the organisation above the member's cell, then the cell.

    A unit that is itself a cell (a grassroots cell, an agency's cell) is the member's cell; in a
    đảng bộ the cell is the one typed on the person's record, under the đảng bộ.
    """
    row = rules.by_type.get(unit.type, {})
    if row.get("organisation", "").casefold().startswith("chi bộ"):
        own = unit_issuer(tree, unit, top_superior, rules, top=top)
        return Issuer(own.superior, organisation_name(unit, rules), "Chi bộ", row.get("symbol", ""))
    cell = _cell_in_tree(tree, typed_cell, rules)
    if cell is not None:
        # The member's cell is a unit of the tree (an agency's cell under the agencies' party committee).
        own = unit_issuer(tree, cell, top_superior, rules, top=top)
        return Issuer(own.superior, organisation_name(cell, rules), "Chi bộ", own.symbol)
    above = (outside or {}).get(cell_name(typed_cell, rules).casefold()) if typed_cell.strip() else None
    if above is not None:
        # A unit installation's cadre whose cell sits outside its subtree: the committee the Board's kit names.
        return Issuer(organisation_name(above, rules), cell_name(typed_cell, rules), "Chi bộ", "CB")
    if not row.get("organisation"):
        # An agency whose cell is not in the tree: the cell as typed, under the agency's own superior.
        parent = _committee_above(tree, unit, rules, top)
        superior = organisation_name(parent, rules) if parent is not None else top_superior
        return Issuer(superior, cell_name(typed_cell, rules) or f"Chi bộ {unit.name}", "Chi bộ", "CB")
    return Issuer(organisation_name(unit, rules), cell_name(typed_cell, rules), "Chi bộ", "CB")


def _cell_in_tree(tree: UnitTree, typed_cell: str, rules: Naming) -> Unit | None:
    wanted = cell_name(typed_cell, rules).casefold() if typed_cell.strip() else ""
    if not wanted:
        return None
    for node in tree.by_code.values():
        kind = rules.by_type.get(node.unit.type, {}).get("organisation", "")
        if kind.casefold().startswith("chi bộ") and " ".join(node.unit.name.split()).casefold() == wanted:
            return node.unit
    return None
