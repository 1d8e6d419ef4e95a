"""Progress as the window shows it (tree badges, unit page, dashboards), counting what the Board received.

A Board's own dossier tables belong to the units that fill them (core/board.py): once a unit's
package arrives, that unit's progress is read from the package it signed, not from the Board's
untouched local rows, so the tree, the unit page and the dashboard agree with *Packages received*.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core.board import current_documents, received_progress
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.deadlines import CycleStatus, MissingItem, UnitStatus, compute_status
from chilinh_desktop.core.dossier_state import DossierState
from chilinh_desktop.core.package_documents import DossierRecord, OfficialDocument, UnitDocument
from chilinh_desktop.core.requirements import ItemState
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.views import DossierSummary, UnitOverview


@dataclass(frozen=True)
class ReceivedProgress:
    """A unit's current package as progress: when it arrived and, per subject key, (done, required)."""

    package_id: str
    received_on: dt.date
    subjects: dict[str, tuple[int, int]]  # "unit:<id>" / "official:<id>" -> (done, required)
    states: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)  # subject key -> item -> state

    def of(self, subject_key: str) -> tuple[int, int] | None:
        """(done, required) of one subject as the package carries it, or None if it is not in the package."""
        return self.subjects.get(subject_key)


def tree_status(store: Store, cycle: Cycle, today: dt.date | None = None) -> CycleStatus:
    """Every unit against the deadlines; a unit whose package the Board received is counted from it."""
    status = compute_status(store, cycle, today or store.clock.today())
    received = current_documents(store, cycle.id)
    if received:
        for unit in status.units:
            if unit.code in received:
                _, unit_doc, officials = received[unit.code]
                _count_package(unit, cycle, unit_doc, officials)
    return status


def unit_received(store: Store, cycle: Cycle, unit_code: str) -> ReceivedProgress | None:
    """The unit's current received package as progress per subject, or None when none arrived."""
    found = current_documents(store, cycle.id, unit_code).get(unit_code)
    if found is None:
        return None
    package, unit_doc, officials = found
    subjects, states = {}, {}
    for key, _name, dossier in _subjects(unit_doc, officials):
        required, done, _missing = received_progress(dossier)
        subjects[key] = (done, required)
        states[key] = {item_id: item.state for item_id, item in dossier.items.items()}
    return ReceivedProgress(package.package_id, dt.datetime.fromisoformat(package.received_at).date(), subjects,
                            states)


def overview_as_received(overview: UnitOverview, received: ReceivedProgress) -> UnitOverview:
    """The unit page as the Board sees it: each dossier the package carries, received, with its items' states."""

    def summary(key: str, found: DossierSummary | None) -> DossierSummary | None:
        states = received.states.get(key)
        if found is None or states is None:
            return found
        statuses = tuple(dataclasses.replace(s, state=ItemState(states[s.item.id]))
                         if states.get(s.item.id) in ItemState._value2member_map_ else s for s in found.statuses)
        return DossierSummary(dataclasses.replace(found.dossier, state=DossierState.RECEIVED), statuses)

    cadres = tuple(dataclasses.replace(row, summary=summary(f"official:{row.official.id}", row.summary))
                   for row in overview.cadres)
    return UnitOverview(overview.unit, summary(f"unit:{overview.unit.id}", overview.collective), cadres)


def _subjects(unit_doc: UnitDocument, officials: list[OfficialDocument]) -> list[tuple[str, str, DossierRecord]]:
    result = []
    if unit_doc.dossier is not None:
        result.append((f"unit:{unit_doc.unit.id}", unit_doc.unit.name, unit_doc.dossier))
    result += [(f"official:{doc.official.id}", doc.official.full_name, doc.dossier) for doc in officials]
    return result


def _count_package(unit: UnitStatus, cycle: Cycle, unit_doc: UnitDocument, officials: list[OfficialDocument]) -> None:
    """Replace the unit's counts by the package's; expected subjects absent from it stay missing as before."""
    items = {item.id: item for item in cycle.items}
    carried = {key.split(":", 1)[1] for key, _name, _dossier in _subjects(unit_doc, officials)}
    kept = [m for m in unit.missing if m.subject_id not in carried]
    unit.items_required, unit.items_done, unit.missing = len(kept), 0, kept
    for key, name, dossier in _subjects(unit_doc, officials):
        kind, subject_id = key.split(":", 1)
        required, done, missing = received_progress(dossier)
        unit.items_required += required
        unit.items_done += done
        unit.missing += [MissingItem(items[i].id, items[i].short_name, items[i].deadline, kind, subject_id, name)
                         for i in missing if i in items]


def received_units(store: Store, cycle: Cycle) -> list[tuple[str, str, dt.date]]:
    """(code, name, received on) of every unit whose package the Board holds in the cycle, by code."""
    found = current_documents(store, cycle.id)
    return [(code, unit_doc.unit.name, dt.datetime.fromisoformat(package.received_at).date())
            for code, (package, unit_doc, _officials) in sorted(found.items())]
