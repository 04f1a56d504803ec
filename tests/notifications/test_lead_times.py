"""Lead times: calendar-correct month arithmetic, and a bound that holds for every due date (two months before)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.notifications import (
    DueDateOutOfRange,
    InvalidLeadTime,
    LeadTime,
    LeadTimeBeyondTwoMonths,
)
from tests.notifications.strategies import accepted_lead_times, due_dates

TWO_MONTHS = relativedelta(months=2)


def every_day_of_a_leap_cycle() -> list[date]:
    """Four years, one of them leap: every pattern of month lengths a due date can meet (a common century year is a
    common year)."""
    first = date(2027, 1, 1)
    return [first + timedelta(days=n) for n in range((date(2031, 1, 1) - first).days)]


@given(due_dates(), st.integers(1, 2))
def test_months_before_a_date_is_always_a_real_date_clipped_to_the_end_of_a_shorter_month(
    due: date, months: int
) -> None:
    day = LeadTime(months=months).before(due)
    target_year, target_month = divmod(due.year * 12 + due.month - 1 - months, 12)
    last = calendar.monthrange(target_year, target_month + 1)[1]
    assert (day.year, day.month) == (target_year, target_month + 1)
    assert day.day == min(due.day, last)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2027, 4, 30), date(2027, 2, 28)),
        (date(2028, 4, 30), date(2028, 2, 29)),
        (date(2100, 4, 30), date(2100, 2, 28)),
        (date(2000, 4, 30), date(2000, 2, 29)),
        (date(2027, 12, 31), date(2027, 10, 31)),
        (date(2027, 5, 31), date(2027, 3, 31)),
        (date(2027, 1, 15), date(2026, 11, 15)),
    ],
)
def test_two_months_before_the_last_day_of_a_month_is_the_last_day_of_the_target_month(
    due: date, expected: date
) -> None:
    assert LeadTime(months=2).before(due) == expected


@given(due_dates(), accepted_lead_times())
def test_an_accepted_lead_time_never_reaches_earlier_than_two_months_before_the_due_date(
    due: date, lead: LeadTime
) -> None:
    day = lead.before(due)
    assert due - TWO_MONTHS <= day < due


def test_a_lead_time_is_accepted_exactly_when_it_stays_within_two_months_of_every_due_date() -> None:
    """Exhaustive: for each number of months, the days allowed after them are the fewest days between that many
    months and two months before a due date, over every due date of a leap cycle."""
    days = every_day_of_a_leap_cycle()
    rooms = {
        months: min(((due - relativedelta(months=months)) - (due - TWO_MONTHS)).days for due in days)
        for months in range(3)
    }
    assert rooms == {0: 59, 1: 28, 2: 0}
    for months in range(4):
        for extra in range(70):
            if months == 0 and extra == 0:
                continue
            if months in rooms and extra <= rooms[months]:
                assert LeadTime(months=months, days=extra).months == months
            else:
                with pytest.raises(LeadTimeBeyondTwoMonths):
                    LeadTime(months=months, days=extra)


def test_the_longest_lead_times_reach_two_months_exactly_for_some_due_date() -> None:
    assert LeadTime(months=1, days=28).before(date(2027, 3, 31)) == date(2027, 3, 31) - TWO_MONTHS
    assert LeadTime(days=59).before(date(2027, 3, 1)) == date(2027, 3, 1) - TWO_MONTHS


def test_a_lead_time_beyond_two_months_is_refused_naming_the_field_the_value_and_the_rule() -> None:
    with pytest.raises(LeadTimeBeyondTwoMonths) as raised:
        LeadTime(months=3)
    error = raised.value
    assert (error.field, error.value, error.months, error.days) == ("lead_time", "3 months", 3, 0)
    assert "two months" in error.rule
    assert str(error).startswith("lead_time: '3 months' must not reach further than two months")
    assert isinstance(error, InvalidInput)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"months": -1}, "months"),
        ({"days": -7}, "days"),
        ({"days": True}, "days"),
        ({"months": 1.0}, "months"),
        ({"days": "7"}, "days"),
        ({}, "lead_time"),
        ({"months": 0, "days": 0}, "lead_time"),
    ],
)
def test_a_lead_time_that_is_not_whole_positive_months_and_days_is_refused(
    arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidLeadTime) as raised:
        LeadTime(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_weeks_are_seven_days_and_equal_lead_times_are_equal_values() -> None:
    assert LeadTime.weeks(2) == LeadTime(days=14)
    assert hash(LeadTime.weeks(2)) == hash(LeadTime(days=14))
    with pytest.raises(LeadTimeBeyondTwoMonths):
        LeadTime.weeks(9)
    with pytest.raises(InvalidLeadTime):
        LeadTime.weeks(-1)


@pytest.mark.parametrize(
    ("lead", "text"),
    [
        (LeadTime(months=1), "1 month"),
        (LeadTime(months=2), "2 months"),
        (LeadTime(days=1), "1 day"),
        (LeadTime(days=3), "3 days"),
        (LeadTime(days=14), "2 weeks"),
        (LeadTime(months=1, days=7), "1 month 1 week"),
        (LeadTime(months=1, days=10), "1 month 10 days"),
    ],
)
def test_a_lead_time_reads_as_months_weeks_and_days(lead: LeadTime, text: str) -> None:
    assert str(lead) == text


def test_months_come_before_days_in_the_arithmetic() -> None:
    """One month then three days before 31 March: 28 February, then 25 February (not 28 March, then 28 February)."""
    assert LeadTime(months=1, days=3).before(date(2027, 3, 31)) == date(2027, 2, 25)


def test_a_due_date_whose_notification_days_fall_outside_the_calendar_is_refused() -> None:
    with pytest.raises(DueDateOutOfRange) as raised:
        LeadTime(months=1).before(date(1, 1, 15))
    assert (raised.value.field, raised.value.value) == ("due", date(1, 1, 15))
    with pytest.raises(DueDateOutOfRange):
        LeadTime(days=3).before(date.min)
