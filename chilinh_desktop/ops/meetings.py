"""Units' review meetings: a unit records its own, the Board sees every unit's (and takes one by telephone).

`chilinh meetings` and the window's calendar call these. At a unit the meeting's date, time and place
are written into its minutes (BBKD) — the one place they live — and only the year-end summary date is
kept beside them; at the Board the same call records a telephone entry until the unit's package comes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core import meetings as core_meetings
from chilinh_desktop.core.cycles import Cycle, get_cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.input_rules import checked_line
from chilinh_desktop.core.meetings import Meeting
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _

MEETINGS = "meetings"  # change key: review meetings


@dataclass(frozen=True)
class Calendar:
    """Every known review meeting, with the review deadline they are judged against."""

    meetings: list[Meeting]
    deadline: dt.date | None

    @property
    def findings(self) -> int:
        """How many findings the meetings raise."""
        return sum(len(m.findings) for m in self.meetings)

    def on(self, day: dt.date) -> list[Meeting]:
        """The meetings held on one day."""
        return [m for m in self.meetings if m.date == day.isoformat()]


@dataclass(frozen=True)
class MeetingRecorded:
    """A meeting (or its summary date) recorded."""

    unit_code: str
    source: str  # "minutes" at a unit, "phone" at the Board

    @property
    def changes(self) -> frozenset[str]:
        """What recording it changed (at a unit the minutes' answers too)."""
        return frozenset({MEETINGS, "content"}) if self.source == "minutes" else frozenset({MEETINGS})


def calendar(store: Store, cycle: Cycle | None = None) -> Calendar:
    """The meetings the Board knows of, with findings (read-only)."""
    cycle = cycle or get_cycle(store)
    return Calendar(core_meetings.meetings(store, cycle), duties_rules(cycle).meeting_deadline)


def record_meeting(store: Store, unit_code: str, *, date: dt.date | None = None, time: str | None = None,
                   place: str | None = None, summary_date: dt.date | None = None, actor: str) -> MeetingRecorded:
    """Record a unit's meeting: in its minutes at the unit, as a telephone entry at the Board."""
    cycle = get_cycle(store)
    code = get_unit(store, unit_code.strip().upper()).code
    # Time and place follow the limits and character rules of every incoming text, at the Board as at a unit.
    time = None if time is None else checked_line(time, _("time"), store.definitions)
    place = None if place is None else checked_line(place, _("place"), store.definitions)
    if load_settings(store).is_board:
        if date is None:
            raise ValidationError(_("Give the meeting's date (and its time and place) as the unit said it; nothing "
                                    "was recorded."), [("date", _("required"))])
        core_meetings.record_phone(store, cycle, code, date, time or "", place or "", summary_date, actor=actor)
        return MeetingRecorded(code, "phone")
    from chilinh_desktop.formspec.answers import get_form_item, set_form_answers

    with store.atomic():
        if date is not None or time is not None or place is not None:
            answers = dict(get_form_item(store, cycle, core_meetings.MINUTES_FORM, unit_code=code).answers or {})
            for key, value in ((core_meetings.DATE_FIELD, date.isoformat() if date else None),
                               (core_meetings.TIME_FIELD, time), (core_meetings.PLACE_FIELD, place)):
                if value is not None:
                    answers[key] = value
            set_form_answers(store, cycle, core_meetings.MINUTES_FORM, answers, unit_code=code, actor=actor)
        if summary_date is not None:
            core_meetings.set_summary_date(store, cycle, code, summary_date, actor=actor)
    return MeetingRecorded(code, "minutes")
