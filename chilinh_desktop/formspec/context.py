"""Values a form takes from the records (cadre, unit, cycle), and filling `{placeholders}`.

A `record` field shows one of these unless the answers hold a typed override; header
lines, titles and signature names use the same names in braces.
"""

from __future__ import annotations

import re
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, get_unit_by_id
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit, unit_tree
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.formspec.dates import running_date

# The names a definition may use; a typo fails when the file is loaded, not when printing.
KNOWN_SOURCES = frozenset({
    "official.full_name", "official.birth_date", "official.gender", "official.party_post",
    "official.government_post", "official.mass_org_post", "official.workplace", "official.party_cell",
    "unit.name", "unit.code", "unit.type_name", "unit.parent_name", "header.superior",
    "cycle.year", "cycle.next_year", "cycle.title", "place",
})
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_.]*)\}")


def placeholders_in(text: str) -> list[str]:
    """The `{names}` used in a definition text."""
    return PLACEHOLDER.findall(text)


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace each `{name}` with its value ('' when unknown or empty)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), text)


def _vn_date(value: Any) -> str:
    return running_date(value) if value else ""


def record_context(store: Store, cycle: Cycle, dossier: Dossier) -> dict[str, Any]:
    """Every KNOWN_SOURCES value for the subject of a dossier."""
    unit = get_unit_by_id(store, dossier.unit_id)
    values = _unit_values(store, cycle, unit)
    values.update({
        "cycle.year": cycle.year, "cycle.next_year": cycle.year + 1, "cycle.title": cycle.title,
        "place": load_settings(store).print_place or cycle.dispatch.get("place", ""),
    })
    if dossier.official_id:
        official = get_official(store, dossier.official_id)
        values.update({
            "official.full_name": official.full_name, "official.birth_date": _vn_date(official.birth_date),
            "official.gender": official.gender or "", "official.party_post": official.party_post,
            "official.government_post": official.government_post,
            "official.mass_org_post": official.mass_org_post, "official.workplace": official.workplace,
            "official.party_cell": official.party_cell,
        })
    return values


def _unit_values(store: Store, cycle: Cycle, unit: Unit) -> dict[str, Any]:
    tree = unit_tree(store, cycle.tree_date)
    node = tree.by_code.get(unit.code)
    parent_name = ""
    if node is not None and node.parent_code:
        parent_name = tree.by_code[node.parent_code].unit.name
    types = vocabulary().unit_types
    # The superior line of the header is the party committee above the person's cell: the
    # unit itself when it is a đảng bộ, otherwise the body it belongs to.
    superior = unit.name if unit.type.startswith("dang_bo") else parent_name or unit.name
    return {
        "unit.name": unit.name, "unit.code": unit.code, "unit.parent_name": parent_name,
        "unit.type_name": types[unit.type].name if unit.type in types else unit.type,
        "header.superior": superior,
    }
