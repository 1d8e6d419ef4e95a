"""Values a form takes from the records (cadre, unit, cycle), and filling `{placeholders}`.

A `record` field shows one of these unless the answers hold a typed override; header
lines, titles and signature names use the same names in braces.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import screen_date
from chilinh_desktop.core.dossiers import Dossier, get_unit_by_id
from chilinh_desktop.core.figures import QUOTA_SOURCES, quota_values, report_figures
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit, UnitTree, get_unit, unit_tree
from chilinh_desktop.core.vocabulary import UnitType, vocabulary
from chilinh_desktop.formspec.dates import running_date
from chilinh_desktop.formspec.headers import (
    Naming,
    cell_name,
    locality_of,
    member_issuer,
    naming,
    place_name,
    unit_issuer,
)
from chilinh_desktop.formspec.scales import scales_for

# The names a definition may use; a typo fails when the file is loaded, not when printing.
KNOWN_SOURCES = frozenset({
    "official.full_name", "official.birth_date", "official.gender", "official.party_post",
    "official.government_post", "official.mass_org_post", "official.workplace", "official.party_cell",
    "unit.name", "unit.code", "unit.type_name", "unit.parent_name", "header.superior", "header.issuer",
    "header.signs_for", "header.symbol", "header.committee", "cycle.year", "cycle.next_year", "cycle.title", "place",
})
# A classification report's figures, computed from the rating records and the tree (core/figures.py).
FIGURES = frozenset(
    {"figures.org_total", "figures.org_not_rated", "figures.members_total", "figures.members_not_rated",
     "figures.own_rating"}
    | {f"figures.{kind}_{level}" for kind in ("org", "mem") for level in ("htxsnv", "httnv", "htnv", "khtnv")}
    | set(QUOTA_SOURCES)
)
KNOWN_SOURCES = KNOWN_SOURCES | FIGURES
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_.]*)\}")


def placeholders_in(text: str) -> list[str]:
    """The `{names}` used in a definition text."""
    return PLACEHOLDER.findall(text)


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace each `{name}` with its value ('' when unknown or empty)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), text)


@dataclass(frozen=True)
class Records:
    """What every document's context reads alike from one data file: the unit tree on the cycle's date, the
    committee above a unit installation, the cells outside its subtree and the print place setting.

    A batch (print-all, 300 02Bs) reads them once (`Records.read`) instead of once per document: the tree
    alone was half of what reading a document for print cost."""

    tree: UnitTree
    board: Unit | None
    outside: dict[str, Unit]
    print_place: str

    @classmethod
    def read(cls, store: Store, cycle: Cycle) -> Records:
        return cls(unit_tree(store, cycle.tree_date), board_committee(store), outside_cells(store),
                   load_settings(store).print_place)


def record_context(store: Store, cycle: Cycle, dossier: Dossier, *, on_screen: bool = False,
                   records: Records | None = None) -> dict[str, Any]:
    """Every KNOWN_SOURCES value for the subject of a dossier; dates as printed, or (`on_screen`) as the window
    writes them (13/03/1977). `records`: what a batch has read once for all its documents (else read now)."""

    def _vn_date(value: Any) -> str:
        return (screen_date if on_screen else running_date)(value) if value else ""

    shared = records or Records.read(store, cycle)
    unit = get_unit_by_id(store, dossier.unit_id)
    tree, board = shared.tree, shared.board
    values = _unit_values(tree, unit, vocabulary(cycle.definitions).unit_types)
    top = cycle.dispatch.get("superior", "")
    rules = naming(cycle.definitions)
    values.update({
        "cycle.year": cycle.year, "cycle.next_year": cycle.year + 1, "cycle.title": cycle.title,
        "place": _place_of_paper(shared, cycle, unit, rules),
        "header.committee": _place(tree, unit, rules)[1] or (board.name if board else cycle.dispatch.get("issuer", "")),
    })
    issuer = unit_issuer(tree, unit, top, rules, top=board)
    if dossier.official_id:
        official = get_official(store, dossier.official_id)
        values.update({
            "official.full_name": official.full_name, "official.birth_date": _vn_date(official.birth_date),
            "official.gender": official.gender or "", "official.party_post": official.party_post,
            "official.government_post": official.government_post,
            "official.mass_org_post": official.mass_org_post, "official.workplace": official.workplace,
        })
        issuer = member_issuer(tree, unit, official.party_cell, top, rules, top=board, outside=shared.outside)
        values["official.party_cell"] = cell_name(official.party_cell, rules) if official.party_cell else issuer.issuer
    else:
        values.update(_figures(store, cycle, unit))
    values.update({"header.superior": issuer.superior, "header.issuer": issuer.issuer,
                   "header.signs_for": issuer.signs_for, "header.symbol": issuer.symbol,
                   # Not a placeholder: whether the issuer's papers carry the state's name (an agency).
                   "header.style": issuer.style,
                   # Not a placeholder: the document-type part of a number (Số 12-BC/ĐU), by the form's type.
                   "header.document_symbols": rules.document_types,
                   # Not a placeholder: phrases a header line is never broken inside.
                   "header.unbroken": rules.unbroken})
    return values


def _paper_place(store: Store, cycle: Cycle, tree: UnitTree, unit: Unit, rules: Naming) -> str:
    return _place_of_paper(Records(tree, board_committee(store), {}, load_settings(store).print_place), cycle, unit,
                           rules)


def _place_of_paper(records: Records, cycle: Cycle, unit: Unit, rules: Naming) -> str:
    # The place of the date line: the setting, else the commune or ward the unit is or belongs to
    # (forms/headers.toml `localities`), else the committee the unit belongs to (never the
    # dispatch's own place for a unit of another city), else the dispatch's.
    tree, board = records.tree, records.board
    return (records.print_place or locality_of(tree, unit, rules) or _place(tree, unit, rules)[0]
            or (place_name(board, rules) if board else "") or cycle.dispatch.get("place", ""))


def outside_cells(store: Store) -> dict[str, Unit]:
    """At a unit installation, the committee above each cadre's cell that lies outside its subtree (from the
    kit: package/kit.py), by the cell's name folded; {} at the Board."""
    raw = store.get_setting("outside_cells")
    try:
        cells = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {" ".join(str(name).split()).casefold(): Unit(id="", code="", name=str(row.get("parent", "")),
                                                         type=str(row.get("parent_type", "")), grassroots=False)
            for name, row in cells.items() if isinstance(row, dict) and row.get("parent")}


def board_committee(store: Store) -> Unit | None:
    """The committee above a unit installation's own subtree, named by the Board's kit (None at the Board,
    whose tree holds it): what a ward's papers name above the ward, and the city of an agency's papers."""
    board_name = store.get_setting("board_name") if load_settings(store).role == "unit" else None
    if not board_name:
        return None
    return Unit(id="", code="", name=str(board_name), type="thanh_uy", grassroots=False)


def issuer_header(store: Store, cycle: Cycle, unit_code: str) -> tuple[str, str, str, str]:
    """The two header lines of a paper the unit issues (the body above, the unit), the place of its date line
    and its style ('state' for an agency: the state's name on the right, 'party' otherwise)."""
    unit = get_unit(store, unit_code)
    tree = unit_tree(store, cycle.tree_date)
    rules = naming(cycle.definitions)
    issuer = unit_issuer(tree, unit, cycle.dispatch.get("superior", ""), rules, top=board_committee(store))
    return issuer.superior, issuer.issuer, _paper_place(store, cycle, tree, unit, rules), issuer.style


def _figures(store: Store, cycle: Cycle, unit: Unit) -> dict[str, Any]:
    figures = report_figures(store, cycle, unit.code)
    values: dict[str, Any] = dict(figures.as_values())
    labels = {option.id: option.label for option in scales_for(cycle).ratings}
    values["figures.own_rating"] = labels.get(figures.own_self_level or "", "")
    values.update(quota_values(cycle, figures))
    return values


def _place(tree: UnitTree, unit: Unit, rules: Naming) -> tuple[str, str]:
    """The place and name of the party committee the unit belongs to ('Minh Giang', 'Thành ủy Minh Giang')."""
    node = tree.by_code.get(unit.code)
    while node is not None:
        place = place_name(node.unit, rules)
        if place:
            return place, node.unit.name
        node = tree.by_code.get(node.parent_code) if node.parent_code else None
    return "", ""


def _unit_values(tree: UnitTree, unit: Unit, types: dict[str, UnitType]) -> dict[str, Any]:
    node = tree.by_code.get(unit.code)
    parent_name = ""
    if node is not None and node.parent_code:
        parent_name = tree.by_code[node.parent_code].unit.name
    return {
        "unit.name": unit.name, "unit.code": unit.code, "unit.parent_name": parent_name,
        "unit.type_name": types[unit.type].name if unit.type in types else unit.type,
    }
