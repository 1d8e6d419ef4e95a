"""An injected clock, so deadline logic can be tested and "today" set from the CLI."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    """Something that knows the current date and time."""

    def today(self) -> dt.date: ...

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The computer's clock (local date, UTC timestamps)."""

    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped on one day (tests, `--today`)."""

    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(9, 0), tzinfo=dt.UTC)


# A Vietnamese day as people type it: d/m/yyyy, d.m.yyyy or d-m-yyyy (the window's typed dates take the same).
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


def parse_date(text: str) -> dt.date:
    """Parse an ISO date `YYYY-MM-DD` or a Vietnamese `DD/MM/YYYY` (also `5.12.2023`, `5-12-2023`); ValueError
    when impossible."""
    shape = DAY_MONTH_YEAR.match(text)
    if shape:
        day, month, year = (int(part) for part in shape.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text.strip())
