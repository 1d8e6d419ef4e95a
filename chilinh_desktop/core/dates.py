"""Dates as party documents write them (Hướng dẫn 36-HD/VPTW, 2018): one formatter for every layer.

Messages of the core (findings, refusals), the window, the command line, PDFs and Excel all
write a date in running text through `running_date`, so "14/8/2023" reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt


def _month(day: dt.date) -> str:
    # January and February take a leading zero (so "01" cannot be altered into "11" or "12");
    # months 3 to 12 do not. Days below 10 always do.
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def party_date(day: dt.date) -> str:
    """The date of a place-and-date line: 'ngày 05 tháng 02 năm 2024', 'ngày 21 tháng 11 năm 2023'."""
    return f"ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def running_date(day: dt.date) -> str:
    """A date inside running text: '04/10/2023', '08/3/2018', '02/01/2020', '14/8/2023'."""
    return f"{day.day:02d}/{_month(day)}/{day.year}"
