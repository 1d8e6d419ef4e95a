"""Dates as party documents write them (Hướng dẫn 36-HD/VPTW, 2018).

The formatters live in core/dates.py so that every layer writes dates one way; the
place-and-date line of a document is built here.
"""

from __future__ import annotations

import datetime as dt

from chilinh_desktop.core.dates import party_date, running_date

__all__ = ["date_line", "party_date", "running_date"]


def date_line(place: str, day: dt.date | None) -> str:
    """The place-and-date line; blanks for the hand when the date is not set yet."""
    when = party_date(day) if day else "ngày … tháng … năm …"
    return f"{place}, {when}" if place else when
