"""Rating records as plain JSON, the way they travel in a submission package, and back into RatingData.

One subject's record: {"steps": {step: {level, score, criteria, by, at, justification,
peer_group}}, "disciplines": [{date, form, self_remedied, note}], "targets": {met_pct,
exceeded_pct} | null, "not_rated": reason | null}. The unit document carries the records of its
party organisation and its leadership collective, its classification report counts and its
commendation proposals; each cadre document carries that cadre's record. Subject keys are not
carried: the reader derives them from the unit and cadre ids it already trusts for the document.
Reading them back is core/package_documents.py (typed, checked) and core/received_ratings.py.
"""

from __future__ import annotations

from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.ratings import RatingData, commendations
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit


def subject_record(data: RatingData, key: str, year: int) -> dict[str, Any]:
    """One subject's rating record as JSON."""
    steps = {step: {"level": r.level, "score": r.score, "criteria": r.criteria, "by": r.by, "at": r.at.isoformat(),
                    "justification": r.justification, "peer_group": r.peer_group}
             for step, r in sorted(data.ratings.get(key, {}).items())}
    # Only the cycle's year travels: it is all the rules judge, and older measures stay the unit's own record.
    disciplines = [{"date": d.date.isoformat(), "form": d.form, "self_remedied": d.self_remedied, "note": d.note,
                    "kind": d.kind} for d in data.disciplines.get(key, []) if d.date.year == year]
    targets = data.targets.get(key)
    conclusions = [{"kind": c.kind, "date": c.date.isoformat(), "note": c.note} for c in data.conclusions.get(key, [])]
    return {"steps": steps, "disciplines": disciplines,
            "targets": {"met_pct": targets.met_pct, "exceeded_pct": targets.exceeded_pct,
                        "main_met": targets.main_met, "force_majeure": targets.force_majeure,
                        "behind_pct": targets.behind_pct, "shortcomings_fixed": targets.shortcomings_fixed}
            if targets else None,
            "not_rated": data.not_rated.get(key), "conclusions": conclusions}


def unit_ratings(store: Store, cycle: Cycle, unit: Unit, data: RatingData) -> dict[str, Any]:
    """The `ratings` section of a unit document."""
    return {"organisation": subject_record(data, f"unit:{unit.id}", cycle.year),
            "collective": subject_record(data, f"collective:{unit.id}", cycle.year),
            "classification_counts": data.counts.get(unit.code, {}),
            "commendations": commendations(store, cycle, unit.code)}
