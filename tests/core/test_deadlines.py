"""Deadline arithmetic across month ends and weekends."""

import datetime as dt

from chilinh_desktop.core.deadlines import days_left, working_days_left

D = dt.date


def test_days_left_counts_calendar_days_and_goes_negative_when_overdue():
    assert days_left(D(2023, 12, 5), D(2023, 12, 10)) == 5
    assert days_left(D(2023, 12, 10), D(2023, 12, 10)) == 0
    assert days_left(D(2023, 12, 12), D(2023, 12, 10)) == -2


def test_days_left_across_a_month_end_and_a_year_end():
    assert days_left(D(2023, 11, 28), D(2023, 12, 10)) == 12
    assert days_left(D(2023, 12, 28), D(2024, 1, 3)) == 6


def test_working_days_skip_weekends():
    # Tue 5/12/2023 -> Sun 10/12: Wed, Thu, Fri.
    assert working_days_left(D(2023, 12, 5), D(2023, 12, 10)) == 3
    # Fri 8/12 -> Fri 15/12: Mon..Fri of the next week.
    assert working_days_left(D(2023, 12, 8), D(2023, 12, 15)) == 5
    # Saturday before a Monday deadline: one working day (the Monday).
    assert working_days_left(D(2023, 12, 9), D(2023, 12, 11)) == 1


def test_working_days_across_a_month_end_with_a_holiday():
    holidays = frozenset({D(2024, 1, 1)})
    # Thu 28/12/2023 -> Wed 3/1/2024: Fri 29, (Mon 1 holiday), Tue 2, Wed 3.
    assert working_days_left(D(2023, 12, 28), D(2024, 1, 3), holidays) == 3


def test_working_days_overdue_are_negative():
    # Deadline Sun 10/12; today Wed 13/12: Mon 11, Tue 12, Wed 13 have passed.
    assert working_days_left(D(2023, 12, 13), D(2023, 12, 10)) == -3
