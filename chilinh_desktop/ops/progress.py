"""Progress as the window shows it (tree badges, unit page, dashboards), counting what the Board received.

A Board's own dossier tables belong to the units that fill them (core/board.py): once a unit's
package arrives, that unit's progress is read from the package it signed, not from the Board's
untouched local rows, so the tree, the unit page and the dashboard agree with *Packages received*.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core.board import board_status, current_packages
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.deadlines import CycleStatus
from chilinh_desktop.core.dossier_state import DossierState
from chilinh_desktop.core.requirements import ItemState
from chilinh_desktop.core.settings import load_settings
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
    """Every unit against the deadlines, as every view shows it (core.board.board_status decides).

    At the Board a unit is counted only from the package it sent (none: nothing done); a unit office
    counts its own dossiers.
    """
    return board_status(store, cycle, today or store.clock.today(), at_board=load_settings(store).is_board)


def unit_received(store: Store, cycle: Cycle, unit_code: str) -> ReceivedProgress | None:
    """The unit's current received package as progress per subject, or None when none arrived."""
    found = current_packages(store, cycle.id, unit_code).get(unit_code)
    if found is None:
        return None
    package, stored = found
    subjects, states = {}, {}
    for subject in stored.subjects:
        subjects[subject.key] = (subject.done, subject.required)
        states[subject.key] = {item_id: item.state for item_id, item in subject.dossier.items.items()}
    return ReceivedProgress(package.package_id, dt.datetime.fromisoformat(package.received_at).date(), subjects,
                            states)


def unit_page(store: Store, cycle: Cycle, overview: UnitOverview
              ) -> tuple[UnitOverview, ReceivedProgress | None, bool]:
    """The unit page as this installation must show it, the unit's received package (None: none arrived),
    and whether the Board is still waiting for the unit's package.

    At the Board only what arrived counts, as in tree_status: a dossier the unit has not sent shows
    nothing done, whatever the Board's own copy says; a unit office shows its own dossiers.
    """
    received = unit_received(store, cycle, overview.unit.code)
    at_board = load_settings(store).is_board
    if received is None and not at_board:
        return overview, None, False
    owes = overview.collective is not None or any(row.summary for row in overview.cadres)
    return overview_as_received(overview, received, at_board=at_board), received, at_board and not received and owes


def _not_received(found: DossierSummary) -> DossierSummary:
    statuses = tuple(dataclasses.replace(s, state=ItemState.MISSING) if s.counts else s for s in found.statuses)
    return DossierSummary(dataclasses.replace(found.dossier, state=DossierState.DRAFT), statuses)


def overview_as_received(overview: UnitOverview, received: ReceivedProgress | None, *,
                         at_board: bool = False) -> UnitOverview:
    """The unit page as the Board sees it: each dossier the package carries, received, with its items' states.

    `at_board`: a dossier the package does not carry (or every dossier, with no package) shows nothing done.
    """

    def summary(key: str, found: DossierSummary | None) -> DossierSummary | None:
        states = received.states.get(key) if received is not None else None
        if found is None:
            return found
        if states is None:
            return _not_received(found) if at_board else found
        statuses = tuple(dataclasses.replace(s, state=ItemState(states[s.item.id]))
                         if states.get(s.item.id) in ItemState._value2member_map_ else s for s in found.statuses)
        return DossierSummary(dataclasses.replace(found.dossier, state=DossierState.RECEIVED), statuses)

    cadres = tuple(dataclasses.replace(row, summary=summary(f"official:{row.official.id}", row.summary))
                   for row in overview.cadres)
    return UnitOverview(overview.unit, summary(f"unit:{overview.unit.id}", overview.collective), cadres)


def received_units(store: Store, cycle: Cycle) -> list[tuple[str, str, dt.date]]:
    """(code, name, received on) of every unit whose package the Board holds in the cycle, by code."""
    found = current_packages(store, cycle.id)
    return [(code, stored.unit_doc.unit.name, dt.datetime.fromisoformat(package.received_at).date())
            for code, (package, stored) in sorted(found.items())]
