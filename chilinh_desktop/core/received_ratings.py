"""The ratings units sent to the Board (xếp loại các đơn vị gửi lên), and the rule findings on them.

Design, chosen for being the simplest honest one: nothing is loaded into the rating tables and
no migration is needed. Each received package already keeps its unit.json and officials/*.json
(the `unit_doc` / `officials_doc` columns of core/board.py), ratings included, and already knows
whether it is its unit's current package. So the Board's ratings are recomputed from the
documents of each unit's *current* package on every read: superseding a package replaces the
unit's ratings with no copy to keep in step, and superseded packages keep theirs as history.
The Board's own rating tables stay what this installation records itself; Board summaries and
findings never read them. Each package is parsed once per open data file, and the whole is derived
again only when the set of current packages changed (core/board_cache.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.board import current_packages
from chilinh_desktop.core.board_cache import derived
from chilinh_desktop.core.collector import collection_paused, keep_long_lived
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.package_documents import OfficialDocument, RatingRecord, UnitDocument
from chilinh_desktop.core.ratings import Conclusion, Discipline, Rating, RatingData, Targets
from chilinh_desktop.core.rules import Finding, evaluate
from chilinh_desktop.core.store import Store


@dataclass
class ReceivedRatings:
    """Every rating record in the units' current packages, and their commendation proposals by unit code."""

    data: RatingData = field(default_factory=RatingData)
    commendations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def received_ratings(store: Store, cycle: Cycle) -> ReceivedRatings:
    """The rating records of the cycle as the units' current packages carry them.

    Derived once per set of current packages and kept in the open data file (core.board_cache): the report,
    the overview, the history and the appraisals all ask for it. Shared: read it, never change it.
    """
    current = sorted(current_packages(store, cycle.id).items())
    key = tuple((code, package.package_id, package.unit_id) for code, (package, _stored) in current)

    computed = []

    def compute() -> ReceivedRatings:
        result = ReceivedRatings()
        for unit_code, (package, stored) in current:
            # Keys come from the Board's own record of the unit, not from the document's claims.
            result.commendations[unit_code] = add_package_ratings(result.data, package.unit_id, unit_code,
                                                                  stored.unit_doc, list(stored.officials))
        computed.append(result)
        return result

    with collection_paused():
        found = derived(store, ("received_ratings", cycle.id), key, compute)
        if computed and len(current) >= 100:
            # Kept as long as these packages are current: out of the collector's passes, like the packages
            # (three passes over them as they aged held every thread, the window's, ~0.1 s at a province).
            keep_long_lived()
        return found


def add_package_ratings(data: RatingData, unit_id: str, unit_code: str, unit_doc: UnitDocument,
                        officials: list[OfficialDocument]) -> list[dict[str, Any]]:
    """Add one package's (already checked) rating records to `data`; return its commendation proposals."""
    section = unit_doc.ratings
    if section is None:
        return []  # a package made before ratings travelled carries none
    _add_record(data, f"unit:{unit_id}", section.organisation)
    _add_record(data, f"collective:{unit_id}", section.collective)
    for kind, levels in section.classification_counts.items():
        data.counts.setdefault(unit_code, {})[kind] = dict(levels)
    for doc in officials:
        if doc.ratings is not None:
            _add_record(data, f"official:{doc.official.id}", doc.ratings)
    # A proposal speaks only of the unit or its own cadres (import refuses others; a package stored before
    # that rule keeps its proposal, but never borrows another unit's cadre's rating).
    own = {f"unit:{unit_id}", f"collective:{unit_id}", *(f"official:{doc.official.id}" for doc in officials)}
    return [{**c.to_json(), "subject": c.subject if c.subject in own else None} for c in section.commendations]


def _add_record(data: RatingData, key: str, record: RatingRecord) -> None:
    for step, r in record.steps.items():
        data.ratings.setdefault(key, {})[step] = Rating(key, step, r.level, r.score, dict(r.criteria), r.by,
                                                        dt.date.fromisoformat(r.at), r.justification, r.peer_group)
    for d in record.disciplines:
        data.disciplines.setdefault(key, []).append(
            Discipline(key, dt.date.fromisoformat(d.date), d.form, d.self_remedied, d.note, d.kind))
    if key in data.disciplines:
        data.disciplines[key].sort(key=lambda d: d.date)  # the rules cite the first one
    if record.targets is not None:
        t = record.targets
        data.targets[key] = Targets(t.met_pct, t.exceeded_pct, t.main_met, t.force_majeure, t.behind_pct,
                                    t.shortcomings_fixed)
    for c in record.conclusions:
        data.conclusions.setdefault(key, []).append(Conclusion(key, c.kind, dt.date.fromisoformat(c.date), c.note))
    if record.not_rated is not None:
        data.not_rated[key] = record.not_rated


def received_findings(store: Store, cycle: Cycle, received: ReceivedRatings | None = None) -> list[Finding]:
    """The rule findings on what the units sent (issue #7: the Board's reports carry them)."""
    with collection_paused():
        data = (received or received_ratings(store, cycle)).data
        return evaluate(store, cycle, data=data)


def findings_per_unit(findings: list[Finding]) -> dict[str, int]:
    """How many findings touch each unit code."""
    counts: dict[str, int] = {}
    for finding in findings:
        for code in finding.units:
            counts[code] = counts.get(code, 0) + 1
    return counts
