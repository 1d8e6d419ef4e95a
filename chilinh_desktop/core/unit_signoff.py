"""The dossiers of a unit in sign-off order: its collective dossier, then its cadres' (see ops/signoff.py)."""

from __future__ import annotations

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, get_dossier
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit


def unit_dossiers(store: Store, cycle: Cycle, unit: Unit) -> list[Dossier]:
    """The unit's collective dossier first, then its cadres' dossiers, in a stable order."""
    rows = store.db.execute(
        "SELECT d.id FROM dossiers d LEFT JOIN officials o ON o.id = d.official_id "
        "WHERE d.cycle_id = ? AND d.unit_id = ? ORDER BY d.official_id IS NOT NULL, o.sort_key, d.id",
        [cycle.id, unit.id],
    )
    return [get_dossier(store, row[0]) for row in rows]
