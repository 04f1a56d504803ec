"""Errors of the billing-notifications area: one leaf per broken rule, carrying its data; nothing was changed.

Unknown or already registered organisations and products, naive moments and backdated commands reuse the access
area's errors (:class:`~infomanager_core.access.UnknownOrganisation`, :class:`~infomanager_core.access.UnknownProduct`,
:class:`~infomanager_core.access.AlreadyRegistered`, :class:`~infomanager_core.access.InvalidMoment`,
:class:`~infomanager_core.access.BackdatedCommand`).

>>> try:
...     raise LeadTimeBeyondTwoMonths(months=1, days=30)
... except InvalidInput as error:
...     print(error.field, "|", error.value, "|", error.months, error.days)
lead_time | 1 month 30 days | 1 30
"""

from __future__ import annotations

from datetime import date, datetime

from ..errors import InvalidInput, shown

__all__ = [
    "AutoRenewalTooLate",
    "DueDateOutOfRange",
    "InvalidLeadTime",
    "InvalidNotificationRules",
    "InvalidZone",
    "LeadTimeBeyondTwoMonths",
    "NoLeadTime",
    "WindowEndsBeforeStart",
]


class InvalidLeadTime(InvalidInput):
    """A lead time is a whole number of months and days, neither negative, together at least one day."""


class LeadTimeBeyondTwoMonths(InvalidLeadTime):
    """Reminders are sent up to two months before the due date, whatever the due date (SPEC §6).

    The shortest two calendar months (January and February of a common year) have 59 days and the shortest month 28,
    so a lead time is at most 2 months, 1 month and 28 days, or 59 days. ``months`` and ``days`` are what was asked.
    """

    def __init__(self, *, months: int, days: int) -> None:
        self.months = months
        self.days = days
        super().__init__(
            "lead_time",
            describe_lead_time(months, days),
            "must not reach further than two months before any due date",
            hint="at most 2 months, 1 month and 28 days, or 59 days",
        )


class NoLeadTime(InvalidInput):
    """Renewal reminders that are switched on need at least one lead time (to switch them off, say so)."""

    def __init__(self) -> None:
        super().__init__("lead_times", (), "must name at least one lead time while reminders are on")


class InvalidNotificationRules(InvalidInput):
    """Operator rules that cannot work (an auto-renewal lead of no day, or beyond two months)."""


class InvalidZone(InvalidInput):
    """A time zone is a ``tzinfo`` that gives every local midnight an offset (``zoneinfo.ZoneInfo`` does)."""

    def __init__(self, zone: object) -> None:
        super().__init__("zone", zone, "must be a tzinfo with a UTC offset", hint='e.g. ZoneInfo("Europe/Zurich")')


class DueDateOutOfRange(InvalidInput):
    """A due date so close to ``date.min`` that its notification days fall outside the calendar."""

    def __init__(self, due: date) -> None:
        super().__init__("due", due, "is too early for its notification days to exist in the calendar")


class AutoRenewalTooLate(InvalidInput):
    """Auto-renewal cannot be switched on within 14 days (``NotificationRules.auto_renewal_days``) of the due date:
    the first debit attempt would already be past. ``deadline`` is the start, in the organisation's time zone, of the
    first debit attempt's day — the last moment at which switching on is accepted."""

    def __init__(self, *, product: str, at: datetime, due: date, deadline: datetime, days: int) -> None:
        self.product = product
        self.due = due
        self.deadline = deadline
        self.days = days
        super().__init__(
            "at",
            at,
            f"must be no later than {shown(deadline)} to switch on the auto-renewal of {product!r}: "
            f"not within {days} days of its due date {due.isoformat()}",
        )


class WindowEndsBeforeStart(InvalidInput):
    """A window of moments ``[start, end)`` whose ``end`` is an earlier instant than its ``start`` (an empty window,
    ``end`` equal to ``start``, is accepted). Both moments are kept as given."""

    def __init__(self, *, start: datetime, end: datetime) -> None:
        self.start = start
        self.end = end
        super().__init__("end", end, f"must not be earlier than the window's start {shown(start)}")


def describe_lead_time(months: int, days: int) -> str:
    """A lead time as a person reads it: ``1 month``, ``2 weeks``, ``1 month 3 days``; whole weeks are named so."""
    parts = []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if days or not months:
        weeks, rest = divmod(days, 7)
        if days and not rest:
            parts.append(f"{weeks} week{'s' if weeks != 1 else ''}")
        else:
            parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " ".join(parts)
