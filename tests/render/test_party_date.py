"""The party date rule: days below 10 and months 1-2 take a leading zero."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.formspec.dates import date_line, party_date, running_date


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
    (dt.date(2023, 11, 21), "ngày 21 tháng 11 năm 2023"),
    (dt.date(2018, 3, 8), "ngày 08 tháng 3 năm 2018"),
    (dt.date(2020, 1, 2), "ngày 02 tháng 01 năm 2020"),
    (dt.date(2023, 12, 10), "ngày 10 tháng 12 năm 2023"),
])
def test_party_date(day, text):
    assert party_date(day) == text


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2023, 10, 4), "04/10/2023"), (dt.date(2018, 3, 8), "08/3/2018"), (dt.date(2020, 1, 2), "02/01/2020"),
])
def test_running_date(day, text):
    assert running_date(day) == text


def test_date_line_leaves_blanks_when_undated():
    assert date_line("Chí Linh", dt.date(2023, 11, 21)) == "Chí Linh, ngày 21 tháng 11 năm 2023"
    assert date_line("Chí Linh", None) == "Chí Linh, ngày … tháng … năm …"
