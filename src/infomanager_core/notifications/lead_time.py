"""Lead times: how long before a due date a notification is sent, in calendar months and days.

A :class:`LeadTime` is a whole number of ``months`` and ``days`` (weeks are seven days), together at least one day
and never reaching further than two months before any due date (SPEC §6): at most 2 months, 1 month and 28 days, or 59
days — the shortest two calendar months (January and February of a common year) have 59 days and the shortest month
28. A lead time is a rule for every product of an organisation, so it must hold for every due date, not only for one.

The day is computed with python-dateutil's ``relativedelta``: months first, clipped to the end of a shorter month, then
days. Two months before 30 April is the last day of February (29 February in a leap year).

>>> from datetime import date
>>> LeadTime(months=2).before(date(2027, 4, 30)), LeadTime(months=2).before(date(2028, 4, 30))
(datetime.date(2027, 2, 28), datetime.date(2028, 2, 29))
>>> str(LeadTime.weeks(2)), LeadTime.weeks(2) == LeadTime(days=14)
('2 weeks', True)
>>> LeadTime(months=1, days=30)
Traceback (most recent call last):
...
infomanager_core.notifications.errors.LeadTimeBeyondTwoMonths: lead_time: '1 month 30 days' must not reach further than two months before any due date (at most 2 months, 1 month and 28 days, or 59 days)
"""

from __future__ import annotations

from datetime import date, datetime

import attrs
from dateutil.relativedelta import relativedelta

from ..errors import InvalidInput
from .errors import DueDateOutOfRange, InvalidLeadTime, LeadTimeBeyondTwoMonths, describe_lead_time

__all__ = ["LeadTime"]

#: The fewest days in one calendar month (February of a common year).
_SHORTEST_MONTH = 28
#: The fewest days in two consecutive calendar months (January and February of a common year).
SHORTEST_TWO_MONTHS = 59


def _whole(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidLeadTime(field, value, "must be a whole number, 0 or more")
    return value


def _within_two_months(months: int, days: int) -> bool:
    """Whether ``months`` then ``days`` before any due date stays on or after two months before it."""
    if months == 2:
        return days == 0
    if months == 1:
        return days <= _SHORTEST_MONTH
    return months == 0 and days <= SHORTEST_TWO_MONTHS


@attrs.frozen(kw_only=True)
class LeadTime:
    """``months`` and ``days`` before a due date; equal lead times are equal values (2 weeks is 14 days).

    >>> LeadTime(months=1), LeadTime(days=14) == LeadTime(months=0, days=14)
    (LeadTime(months=1, days=0), True)
    """

    months: int = 0
    days: int = 0

    def __attrs_post_init__(self) -> None:
        months, days = _whole("months", self.months), _whole("days", self.days)
        if not months and not days:
            raise InvalidLeadTime("lead_time", describe_lead_time(months, days), "must be at least one day")
        if not _within_two_months(months, days):
            raise LeadTimeBeyondTwoMonths(months=months, days=days)

    @classmethod
    def weeks(cls, weeks: int) -> LeadTime:
        """A lead time of ``weeks`` weeks (seven days each).

        >>> LeadTime.weeks(1)
        LeadTime(months=0, days=7)
        """
        return cls(days=7 * _whole("weeks", weeks))

    @property
    def delta(self) -> relativedelta:
        """This lead time as a ``relativedelta`` (months, then days).

        >>> LeadTime(months=1, days=3).delta
        relativedelta(months=+1, days=+3)
        """
        return relativedelta(months=self.months, days=self.days)

    def before(self, due: date) -> date:
        """The day this lead time before ``due``: months first (clipped to the month's last day), then days.

        >>> LeadTime(months=1, days=28).before(date(2027, 3, 31))
        datetime.date(2027, 1, 31)
        """
        if isinstance(due, datetime) or not isinstance(due, date):
            raise InvalidInput("due", due, "must be a date (not a datetime)")
        try:
            day: date = due - self.delta
        except (ValueError, OverflowError):
            raise DueDateOutOfRange(due) from None
        return day

    def sort_key(self) -> tuple[int, int]:
        """The canonical order of lead times: by months, then days (furthest first when reversed).

        >>> sorted([LeadTime(days=7), LeadTime(months=1)], key=LeadTime.sort_key, reverse=True)
        [LeadTime(months=1, days=0), LeadTime(months=0, days=7)]
        """
        return (self.months, self.days)

    def __str__(self) -> str:
        return describe_lead_time(self.months, self.days)
