"""The ratings units sent to the Board (xếp loại các đơn vị gửi lên), and the rule findings on them.

Design, chosen for being the simplest honest one: nothing is loaded into the rating tables and
no migration is needed. Each received package already keeps its unit.json and officials/*.json
(the `unit_doc` / `officials_doc` columns of core/board.py), ratings included, and already knows
whether it is its unit's current package. So the Board's ratings are recomputed from the
documents of each unit's *current* package on every read: superseding a package replaces the
unit's ratings with no copy to keep in step, and superseded packages keep theirs as history.
The Board's own rating tables stay what this installation records itself; Board summaries and
findings never read them. A city is a few dozen packages, so the reading costs milliseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.board import CURRENT
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.rating_records import read_package_ratings
from chilinh_desktop.core.ratings import RatingData
from chilinh_desktop.core.rules import Finding, evaluate
from chilinh_desktop.core.store import Store


@dataclass
class ReceivedRatings:
    """Every rating record in the units' current packages, and their commendation proposals by unit code."""

    data: RatingData = field(default_factory=RatingData)
    commendations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def received_ratings(store: Store, cycle: Cycle) -> ReceivedRatings:
    """The rating records of the cycle as the units' current packages carry them."""
    result = ReceivedRatings()
    for unit_id, unit_code, unit_text, officials_text in store.db.execute(
        "SELECT unit_id, unit_code, unit_doc, officials_doc FROM received_packages WHERE cycle_id = ? AND status = ? "
        "ORDER BY unit_code", [cycle.id, CURRENT]
    ):
        # Keys come from the Board's own record of the unit, not from the document's claims.
        result.commendations[unit_code] = read_package_ratings(
            result.data, unit_id, unit_code, json.loads(unit_text), json.loads(officials_text))
    return result


def received_findings(store: Store, cycle: Cycle, received: ReceivedRatings | None = None) -> list[Finding]:
    """The rule findings on what the units sent (issue #7: the Board's reports carry them)."""
    data = (received or received_ratings(store, cycle)).data
    return evaluate(store, cycle, data=data)


def findings_per_unit(findings: list[Finding]) -> dict[str, int]:
    """How many findings touch each unit code."""
    counts: dict[str, int] = {}
    for finding in findings:
        for code in finding.units:
            counts[code] = counts.get(code, 0) + 1
    return counts
