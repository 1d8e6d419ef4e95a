"""Signing off a whole unit (ký duyệt): its collective dossier and every cadre's dossier at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, get_dossier, missing_items, sign_off
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit, get_unit


@dataclass
class UnitSignOff:
    """What signing off a unit did: signed now, signed before, and what blocks the others."""

    signed: list[Dossier] = field(default_factory=list)
    already: list[Dossier] = field(default_factory=list)
    missing: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # dossier id -> (subject, items)

    @property
    def complete(self) -> bool:
        """Whether every dossier of the unit is now signed off."""
        return not self.missing


def unit_dossiers(store: Store, cycle: Cycle, unit: Unit) -> list[Dossier]:
    """The unit's collective dossier first, then its cadres' dossiers, in a stable order."""
    rows = store.db.execute(
        "SELECT d.id FROM dossiers d LEFT JOIN officials o ON o.id = d.official_id "
        "WHERE d.cycle_id = ? AND d.unit_id = ? ORDER BY d.official_id IS NOT NULL, o.sort_key, d.id",
        [cycle.id, unit.id],
    )
    return [get_dossier(store, row[0]) for row in rows]


def sign_off_unit(store: Store, cycle: Cycle, unit_code: str, *, by: str) -> UnitSignOff:
    """Sign off every complete dossier of the unit and its cadres; list what the others still miss."""
    unit = get_unit(store, unit_code)
    result = UnitSignOff()
    for dossier in unit_dossiers(store, cycle, unit):
        if dossier.locked:
            result.already.append(dossier)
            continue
        missing = missing_items(store, cycle, dossier)
        if missing:
            subject = get_official(store, dossier.official_id).full_name if dossier.official_id else unit.name
            result.missing[dossier.id] = (subject, [status.item.name for status in missing])
            continue
        # Each dossier is its own transaction: a complete cadre is not held back by a colleague's gap.
        result.signed.append(sign_off(store, cycle, dossier.id, by=by))
    return result
