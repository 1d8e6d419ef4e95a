"""Units' review meetings (hội nghị kiểm điểm) as the Board sees them, and the findings on their dates.

Where a meeting's date, time and place come from, best first: the minutes (BBKD) in the unit's current
package; what the unit said on the telephone (recorded at the Board); this installation's own minutes
(a unit's own, or the demo city's). The year-end summary date travels in unit.json (`meeting`), or
comes with the telephone entry. Findings (rule data in forms/duties/<cycle>.toml, [meetings]): a
meeting after the review deadline, a meeting not before the year-end summary, one assigned leader
expected at two meetings at the same time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.assignments import Assignment, assignments
from chilinh_desktop.core.board import current_packages
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.package_documents import MeetingRecord
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.i18n import _

# The minutes' fields (BBKD 2023.1 and 2023.2 and 2025.1 name them alike).
DATE_FIELD, TIME_FIELD, PLACE_FIELD = "meeting_date", "start_time", "venue"
MINUTES_FORM = "BBKD"
PACKAGE, PHONE, OWN = "package", "phone", "own"
_TIME = re.compile(r"(\d{1,2})\s*(?:h|giờ|g|:|\.)\s*(\d{1,2})?", re.IGNORECASE)


@dataclass
class Meeting:
    """One unit's review meeting, wherever it was learnt from."""

    unit_code: str
    unit_name: str
    date: str | None  # ISO
    time: str
    place: str
    summary_date: str | None
    source: str  # package, phone, own
    leaders: list[str] = field(default_factory=list)  # assigned names
    findings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The meeting for scripts."""
        return dict(self.__dict__)


def start_minutes(text: str) -> int | None:
    """Minutes after midnight of a written start time ("7 giờ 30", "14h", "08:00"), or None."""
    match = _TIME.search(text or "")
    if match is None or int(match[1]) > 23:
        return None
    return int(match[1]) * 60 + int(match[2] or 0)


def set_summary_date(store: Store, cycle: Cycle, unit_code: str, day: dt.date | None, *, actor: str) -> None:
    """The unit's year-end summary date (kept here; the meeting itself is in the minutes)."""
    with store.atomic():
        store.db.execute(
            "INSERT INTO review_meetings (cycle_id, unit_code, summary_date, source, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, 'unit', ?, ?) ON CONFLICT (cycle_id, unit_code) DO UPDATE SET "
            "summary_date = excluded.summary_date, recorded_by = excluded.recorded_by, "
            "recorded_at = excluded.recorded_at",
            [cycle.id, unit_code, day.isoformat() if day else None, actor, store.now_text()])
        store.audit(actor, "meeting.summary_date", f"unit:{unit_code}", cycle=cycle.id,
                    summary_date=day.isoformat() if day else None)


def record_phone(store: Store, cycle: Cycle, unit_code: str, day: dt.date, time: str, place: str,
                 summary: dt.date | None, *, actor: str) -> None:
    """What a unit said on the telephone about its meeting (the Board's entry; the package wins later)."""
    with store.atomic():
        store.db.execute(
            "INSERT OR REPLACE INTO review_meetings (cycle_id, unit_code, date, time, place, summary_date, source, "
            "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'phone', ?, ?)",
            [cycle.id, unit_code, day.isoformat(), clean_line(time), clean_line(place),
             summary.isoformat() if summary else None, actor, store.now_text()])
        store.audit(actor, "meeting.phone", f"unit:{unit_code}", cycle=cycle.id, date=day.isoformat(), time=time,
                    place=place, summary_date=summary.isoformat() if summary else None)


def unit_meeting_record(store: Store, cycle: Cycle, unit_code: str) -> MeetingRecord | None:
    """What a unit's package says about its meeting beyond the minutes (None when nothing is known)."""
    row = store.db.execute("SELECT summary_date FROM review_meetings WHERE cycle_id = ? AND unit_code = ?",
                           [cycle.id, unit_code]).fetchone()
    return MeetingRecord(row[0]) if row and row[0] else None


def _from_answers(answers: dict[str, Any]) -> tuple[str | None, str, str]:
    day = answers.get(DATE_FIELD) or None
    return (str(day) if day else None, clean_line(str(answers.get(TIME_FIELD) or "")),
            clean_line(str(answers.get(PLACE_FIELD) or "")))


def _received(store: Store, cycle: Cycle) -> dict[str, tuple[tuple[str | None, str, str], str | None]]:
    found = {}
    for code, (_package, stored) in current_packages(store, cycle.id).items():  # each parsed once per open file
        unit_doc = stored.unit_doc
        minutes = next((i.answers for i in (unit_doc.dossier.items.values() if unit_doc.dossier else [])
                        if i.form_id == MINUTES_FORM and i.answers), None)
        summary = unit_doc.meeting.summary_date if unit_doc.meeting else None
        if minutes or summary:
            found[code] = (_from_answers(minutes or {}), summary)
    return found


def _own(store: Store, cycle: Cycle) -> dict[str, tuple[str | None, str, str]]:
    rows = store.db.execute(
        "SELECT u.code, i.answers FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
        "JOIN units u ON u.id = d.unit_id WHERE d.cycle_id = ? AND i.form_id = ? AND i.answers IS NOT NULL "
        "AND d.official_id IS NULL", [cycle.id, MINUTES_FORM])
    return {code: _from_answers(json.loads(text or "{}")) for code, text in rows}


def meetings(store: Store, cycle: Cycle) -> list[Meeting]:
    """Every known review meeting of the cycle, by date, with its findings."""
    names = dict(store.db.execute("SELECT code, name FROM units").fetchall())
    stored = {r[0]: r[1:] for r in store.db.execute(
        "SELECT unit_code, date, time, place, summary_date, source FROM review_meetings WHERE cycle_id = ?",
        [cycle.id])}
    received, own = _received(store, cycle), _own(store, cycle)
    result = []
    for code in sorted(set(received) | set(own) | set(stored)):
        day, time, place, summary, source = None, "", "", None, ""
        kept = stored.get(code)
        if code in received and received[code][0][0]:
            (day, time, place), summary, source = received[code][0], received[code][1], PACKAGE
        elif kept and kept[4] == "phone":
            day, time, place, summary, source = kept[0], kept[1], kept[2], kept[3], PHONE
        elif code in own and own[code][0]:
            (day, time, place), source = own[code], OWN
        if summary is None:  # a summary date known otherwise still counts
            summary = (received.get(code, ((None, "", ""), None))[1] or (kept[3] if kept else None))
        if day is None and summary is None:
            continue
        result.append(Meeting(code, names.get(code, code), day, time, place, summary, source or OWN))
    _judge(cycle, result, assignments(store, cycle))
    return sorted(result, key=lambda m: (m.date or "9999", start_minutes(m.time) or 0, m.unit_code))


def _judge(cycle: Cycle, found: list[Meeting], assigned: list[Assignment]) -> None:
    rules = duties_rules(cycle)
    by_unit: dict[str, list[Assignment]] = {}
    for row in assigned:
        by_unit.setdefault(row.unit_code, []).append(row)
    for meeting in found:
        meeting.leaders = [a.name for a in by_unit.get(meeting.unit_code, [])]
        if meeting.date and rules.meeting_deadline and meeting.date > rules.meeting_deadline.isoformat():
            meeting.findings.append(_("The meeting on {date} is after the review deadline {deadline}.",
                                      date=_day(meeting.date), deadline=_day(rules.meeting_deadline.isoformat())))
        if meeting.date and meeting.summary_date and meeting.date >= meeting.summary_date:
            meeting.findings.append(_("The meeting on {date} is not before the year-end summary on {summary}.",
                                      date=_day(meeting.date), summary=_day(meeting.summary_date)))
    window = rules.meeting_hours * 60
    dated = [m for m in found if m.date]
    for n, first in enumerate(dated):
        for second in dated[n + 1:]:
            if first.date != second.date:
                continue
            a, b = start_minutes(first.time), start_minutes(second.time)
            if a is None or b is None or abs(a - b) >= window:
                continue
            shared = {x.casefold() for x in first.leaders} & {x.casefold() for x in second.leaders}
            for leader in sorted(x for x in first.leaders if x.casefold() in shared):
                for one, other in ((first, second), (second, first)):
                    one.findings.append(_("{leader} is assigned to this meeting and to {other}'s at {time} the "
                                          "same day.", leader=leader, other=other.unit_name, time=other.time))


def _day(iso: str) -> str:
    from chilinh_desktop.core.dates import running_date

    return running_date(dt.date.fromisoformat(iso))
