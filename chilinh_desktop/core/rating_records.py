"""Rating records as plain JSON, the way they travel in a submission package, and back into RatingData.

One subject's record: {"steps": {step: {level, score, criteria, by, at, justification,
peer_group}}, "disciplines": [{date, form, self_remedied, note}], "targets": {met_pct,
exceeded_pct} | null, "not_rated": reason | null}. The unit document carries the records of its
party organisation and its leadership collective, its classification report counts and its
commendation proposals; each cadre document carries that cadre's record. Subject keys are not
carried: the reader derives them from the unit and cadre ids it already trusts for the document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.ratings import (
    COUNT_KINDS,
    Conclusion,
    Discipline,
    Rating,
    RatingData,
    Targets,
    commendations,
)
from chilinh_desktop.core.rulesets import STEPS
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


# -- reading (a package is never trusted: anything malformed raises ValueError or TypeError) ---------


def _text(value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}")
    return value


def _number(value: Any, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, found {value!r}")
    return float(value)


def _flag(value: Any) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"expected true, false or null, found {value!r}")
    return value


def _obj(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {value!r}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {value!r}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a count, found {value!r}")
    return value


def add_subject_record(data: RatingData, key: str, record: dict[str, Any]) -> None:
    """Add one subject's record, as a package carries it, to `data`."""
    record = _obj(record)
    for step, r in _obj(record.get("steps") or {}).items():
        if step not in STEPS:
            raise ValueError(f"unknown rating step {step!r}")
        r = _obj(r)
        criteria = {_text(k): _text(v) for k, v in _obj(r.get("criteria") or {}).items()}
        data.ratings.setdefault(key, {})[step] = Rating(
            key, step, _text(r["level"]), _number(r.get("score"), optional=True), criteria, _text(r["by"]),
            dt.date.fromisoformat(_text(r["at"])), _text(r.get("justification"), optional=True),
            _text(r.get("peer_group"), optional=True))
    for d in map(_obj, _list(record.get("disciplines") or [])):
        data.disciplines.setdefault(key, []).append(Discipline(
            key, dt.date.fromisoformat(_text(d["date"])), _text(d["form"]), bool(d.get("self_remedied")),
            _text(d.get("note") or ""), _text(d.get("kind") or "")))
    if key in data.disciplines:
        data.disciplines[key].sort(key=lambda d: d.date)  # the rules cite the first one
    targets = record.get("targets")
    if targets is not None:
        targets = _obj(targets)
        data.targets[key] = Targets(_number(targets["met_pct"]), _number(targets.get("exceeded_pct", 0)),
                                    _flag(targets.get("main_met")), bool(targets.get("force_majeure")),
                                    _number(targets.get("behind_pct"), optional=True),
                                    _flag(targets.get("shortcomings_fixed")))
    for c in map(_obj, _list(record.get("conclusions") or [])):  # absent in packages made before issue 12
        data.conclusions.setdefault(key, []).append(
            Conclusion(key, _text(c["kind"]), dt.date.fromisoformat(_text(c["date"])), _text(c.get("note") or "")))
    if record.get("not_rated") is not None:
        data.not_rated[key] = _text(record["not_rated"])


def read_package_ratings(data: RatingData, unit_id: str, unit_code: str, unit_doc: dict[str, Any],
                         officials_doc: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add one package's rating records to `data`; return its commendation proposals."""
    section = unit_doc.get("ratings")
    if section is None:
        return []  # a package made before ratings travelled carries none
    section = _obj(section)
    add_subject_record(data, f"unit:{unit_id}", section.get("organisation") or {})
    add_subject_record(data, f"collective:{unit_id}", section.get("collective") or {})
    for kind, levels in _obj(section.get("classification_counts") or {}).items():
        if kind not in COUNT_KINDS:
            raise ValueError(f"unknown kind of classification count {kind!r}")
        data.counts.setdefault(unit_code, {})[kind] = {_text(level): _count(n) for level, n in _obj(levels).items()}
    for doc in map(_obj, officials_doc):
        if doc.get("ratings") is not None:
            add_subject_record(data, f"official:{_text(doc['official']['id'])}", doc["ratings"])
    return [{"name": _text(p["name"]), "kind": _text(p["kind"]), "level": _text(p["level"]),
             "achievement": _text(p.get("achievement") or ""), "subject": _text(p.get("subject"), optional=True)}
            for p in map(_obj, _list(section.get("commendations") or []))]
