"""Rating history as an operation: each cadre's and organisation's levels by year.

`chilinh history`, the dossier's rating tab and the Board report's multi-year sheet all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from chilinh_desktop.core.history import YearLevel, history_line, rating_history
from chilinh_desktop.core.officials import get_official, list_officials
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit, unit_tree


@dataclass(frozen=True)
class SubjectHistory:
    """One subject's final level per year."""

    key: str
    kind: str  # organisation | collective | official
    name: str
    unit_code: str
    years: dict[int, YearLevel]

    @property
    def line(self) -> str:
        """'2022: HTTNV · 2023: HTXSNV'."""
        return history_line(self.years)

    def as_json(self) -> dict:
        """What `chilinh history --json` prints per subject."""
        return {"key": self.key, "kind": self.kind, "name": self.name, "unit_code": self.unit_code,
                "years": [self.years[y].as_json() for y in sorted(self.years)]}


def _subjects(store: Store, official_id: str | None, unit_code: str | None) -> list[tuple[str, str, str, str]]:
    if official_id is not None:
        official = get_official(store, official_id)
        return [(f"official:{official.id}", "official", official.full_name, official.unit_code)]
    if unit_code is not None:
        units = [get_unit(store, unit_code.upper())]
    else:
        units = [node.unit for node in unit_tree(store, store.clock.today()).walk()]
    subjects = []
    for unit in units:
        subjects.append((f"unit:{unit.id}", "organisation", unit.name, unit.code))
        subjects.append((f"collective:{unit.id}", "collective", unit.name, unit.code))
    for official in list_officials(store, unit_code.upper() if unit_code else None, active_only=False):
        subjects.append((f"official:{official.id}", "official", official.full_name, official.unit_code))
    return subjects


def history(store: Store, *, official_id: str | None = None, unit_code: str | None = None,
            with_empty: bool = False) -> list[SubjectHistory]:
    """The history of one cadre, of a unit (its organisation, collective and cadres) or of everyone."""
    subjects = _subjects(store, official_id, unit_code)
    levels = rating_history(store, [s[0] for s in subjects])
    return [SubjectHistory(key, kind, name, code, levels.get(key, {})) for key, kind, name, code in subjects
            if with_empty or levels.get(key)]


def subject_history(store: Store, key: str) -> SubjectHistory:
    """The history of one subject by its key (a dossier's rating tab)."""
    return SubjectHistory(key, key.split(":", 1)[0], "", "", rating_history(store, [key]).get(key, {}))
