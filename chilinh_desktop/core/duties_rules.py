"""The Board's duties of a cycle as data (forms/duties/<cycle id>.toml): appraisal deadline, minutes rule.

A cycle without a file still works: the appraisal deadline is then the cycle's `dossier` deadline and
the level commendation needs is the cycle's best level, and no minutes rule applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class MinutesRule:
    """Minutes (form, field) must name someone assigned to the unit."""

    form: str
    field: str
    citation: str
    message: str
    action: str


@dataclass(frozen=True)
class TasksRule:
    """Where registered breakthrough tasks are (form, rows field, task column) and who approves by default."""

    form: str = "DP2024"
    field: str = "tasks"
    column: str = "task"
    approver: str = "board"  # or "unit"
    citation: str = ""


@dataclass(frozen=True)
class DutiesRules:
    """What the Board's duties need from the cycle's data."""

    appraisal_deadline: dt.date
    appraisal_citation: str
    required_level: str
    flag: str
    minutes: MinutesRule | None
    meeting_deadline: dt.date | None = None  # the review meeting is held by this day
    meeting_hours: float = 4.0  # two start times closer than this clash for one leader
    meeting_citation: str = ""
    tasks: TasksRule = field(default_factory=lambda: TasksRule())


def duties_path(cycle_id: str) -> str:
    """Where a cycle's duties live, relative to forms/."""
    return f"duties/{cycle_id}.toml"


def duties_rules(cycle: Cycle) -> DutiesRules:
    """The duties of `cycle` in force (stored or shipped file), else the fallbacks."""
    return cycle.definitions.memo(("duties", cycle.id), lambda: _load(cycle))


def _load(cycle: Cycle) -> DutiesRules:
    relpath = duties_path(cycle.id)
    if not cycle.definitions.has(relpath):
        fallback = next((d.date for d in cycle.deadlines if d.id == "dossier"), cycle.deadlines[-1].date)
        # a template: filled with who, level and required where a proposal is flagged
        review = next((d.date for d in cycle.deadlines if d.id == "review"), None)
        return DutiesRules(fallback, "", cycle.levels[0] if cycle.levels else "",
                           _("“{who}” is proposed for commendation but rated {level}, not {required}."), None,
                           review)
    raw = cycle.definitions.toml(relpath)
    try:
        appraisal = raw["appraisal"]
        minutes = raw.get("minutes")
        meetings = raw.get("meetings", {})
        deadline = cycle.deadline(meetings["deadline"]).date if "deadline" in meetings else None
        return DutiesRules(
            dt.date.fromisoformat(appraisal["deadline"]), appraisal.get("citation", ""),
            appraisal["required_level"], appraisal["flag"],
            None if minutes is None else MinutesRule(minutes["form"], minutes["field"], minutes.get("citation", ""),
                                                     minutes["message"], minutes.get("action", "")),
            deadline, float(meetings.get("hours", 4)), meetings.get("citation", ""),
            TasksRule(**raw["tasks"]) if "tasks" in raw else TasksRule())
    except (KeyError, TypeError, ValueError) as exc:
        raise DefinitionError(_("{file}: cannot read the Board's duties: {error}", file=relpath, error=exc)) from exc
