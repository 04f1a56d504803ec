"""The rule: which notifications a product gets from a moment onward, given its due date and preferences.

**Days and moments.** A notification is dated by a calendar day of the organisation's time zone, and is due at the
start of that day there (:func:`start_of_day`: local midnight, as ``zoneinfo`` places it). The schedule computed at
``at`` holds exactly the notifications due at or after ``at``: one dated today is past once today has begun (unless
``at`` is that very midnight), so it is never sent twice nor late, and a change of preferences at ``at`` touches only
what is still to come.

**What is left out.** A reminder whose day is already past is dropped, not caught up (switching reminders on three
weeks before the due date does not send the one-month reminder). No notification falls after the due date (every lead
time is at least one day), so a due date already past has an empty schedule: what follows is dunning, not reminders.
Two lead times that land on one day give one reminder, citing the furthest lead time.

**Auto-renewal.** When it is on, the product's schedule also holds, all on the first debit attempt's day,
``NotificationRules.auto_renewal_days`` (14) before the due date: the reminder, the debit attempt, and the renewal
confirmation and invoice notice expected when that debit succeeds. Renewal reminders follow their own preference
whether or not auto-renewal is on. Whether auto-renewal may be *switched on* is a separate rule
(:func:`auto_renewal_deadline`); the schedule only reads the preference.

>>> from datetime import UTC, date, datetime
>>> from zoneinfo import ZoneInfo
>>> from infomanager_core.notifications import ProductPreferences
>>> zurich = ZoneInfo("Europe/Zurich")
>>> at = datetime(2027, 1, 10, 9, 0, tzinfo=zurich)
>>> for notification in notification_schedule("web-1", date(2027, 4, 30), ProductPreferences(auto_renewal=True),
...                                           at=at, zone=zurich):
...     print(notification.day, notification.kind.value)
2027-03-30 renewal reminder
2027-04-16 auto-renewal reminder
2027-04-16 first debit attempt
2027-04-16 renewal and debit confirmation
2027-04-16 invoice issued
2027-04-23 renewal reminder
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

from ..access.checks import aware_moment, instant
from ..errors import InvalidInput
from ..text import printable_identifier
from .errors import InvalidZone
from .lead_time import LeadTime
from .notification import AUTO_RENEWAL_KINDS, Notification, NotificationKind
from .preferences import NotificationRules, ProductPreferences

__all__ = ["auto_renewal_deadline", "notification_schedule", "start_of_day"]

_DEFAULT_RULES = NotificationRules()
#: The furthest any notification comes before its due date.
_FURTHEST = LeadTime(months=2)
#: The most days two calendar months span (July and August, December and January): ``_FURTHEST`` in days at most.
_LONGEST_TWO_MONTHS = 62


def notification_schedule(
    product: str,
    due: date,
    preferences: ProductPreferences,
    *,
    at: datetime,
    zone: tzinfo,
    rules: NotificationRules = _DEFAULT_RULES,
) -> tuple[Notification, ...]:
    """The notifications of ``product``, due on ``due``, that are due at or after ``at`` in ``zone``, in order.

    The order is by day, then kind (:class:`~infomanager_core.notifications.NotificationKind`); there is at most one
    notification of a kind per day.

    >>> from datetime import UTC
    >>> from infomanager_core.notifications import LeadTime, ReminderPreferences
    >>> reminders = ReminderPreferences(lead_times=[LeadTime(months=2), LeadTime.weeks(1)])
    >>> [(n.day.isoformat(), str(n.lead)) for n in notification_schedule("web-1", date(2028, 4, 30),
    ...     ProductPreferences(reminders=reminders), at=datetime(2028, 1, 1, tzinfo=UTC), zone=UTC)]
    [('2028-02-29', '2 months'), ('2028-04-23', '1 week')]
    """
    product = printable_identifier(product, field="product")
    due = checked_due(due)
    if not isinstance(preferences, ProductPreferences):
        raise InvalidInput("preferences", preferences, "must be a ProductPreferences")
    aware_moment(at)
    checked_zone(zone, due)
    if not isinstance(rules, NotificationRules):
        raise InvalidInput("rules", rules, "must be a NotificationRules")
    return tuple(notification for _, notification in due_from(product, due, preferences, instant(at), zone, rules))


def due_from(
    product: str, due: date, preferences: ProductPreferences, moment: datetime, zone: tzinfo, rules: NotificationRules
) -> list[tuple[datetime, Notification]]:
    """The rule itself, its arguments already checked: the notifications due at or after the instant ``moment``, in
    order, each with the instant it is due (the start of its day in ``zone``, as :func:`instant` writes it)."""
    found: dict[tuple[NotificationKind, date], Notification] = {}
    if preferences.reminders.enabled:
        for lead in preferences.reminders.lead_times:
            day = lead.before(due)
            kind = NotificationKind.RENEWAL_REMINDER
            found.setdefault((kind, day), Notification(kind=kind, day=day, product=product, due=due, lead=lead))
    if preferences.auto_renewal:
        lead = rules.auto_renewal_lead
        day = lead.before(due)
        for kind in AUTO_RENEWAL_KINDS:
            found[kind, day] = Notification(kind=kind, day=day, product=product, due=due, lead=lead)
    # by the instant, not the wall clock: a day may begin at 01:00 (Havana, 8 March 2026)
    timed = ((instant(_midnight(n.day, zone)), n) for n in found.values())
    return sorted(((at, n) for at, n in timed if at >= moment), key=lambda pair: pair[1].sort_key())


def auto_renewal_deadline(due: date, *, zone: tzinfo, rules: NotificationRules = _DEFAULT_RULES) -> datetime:
    """The last moment at which auto-renewal may be switched on for a product due on ``due``: the start of its first
    debit attempt's day in ``zone`` (14 days before the due date), so that no auto-renewal notification is missed.

    >>> from zoneinfo import ZoneInfo
    >>> auto_renewal_deadline(date(2027, 4, 30), zone=ZoneInfo("Europe/Zurich")).isoformat()
    '2027-04-16T00:00:00+02:00'
    """
    due = checked_due(due)
    checked_zone(zone, due)
    if not isinstance(rules, NotificationRules):
        raise InvalidInput("rules", rules, "must be a NotificationRules")
    return _midnight(rules.auto_renewal_lead.before(due), zone)


def start_of_day(day: date, zone: tzinfo) -> datetime:
    """The moment ``day`` begins in ``zone``: when its notifications are due.

    >>> from zoneinfo import ZoneInfo
    >>> start_of_day(date(2027, 3, 28), ZoneInfo("Europe/Zurich")).isoformat()
    '2027-03-28T00:00:00+01:00'
    """
    if isinstance(day, datetime) or not isinstance(day, date):
        raise InvalidInput("day", day, "must be a date (not a datetime)")
    checked_zone(zone, day)
    return _midnight(day, zone)


def may_be_due_between(due: date, start: datetime, end: datetime) -> bool:
    """Whether a product due on ``due`` may have a notification due in ``[start, end)``, whatever its zone, preferences
    and rules: a cheap test that never says no wrongly (a yes may still find none).

    A notification's day lies from two months (62 days at most) to one day before ``due``, and it is due at that day's
    local midnight, less than a day from the day's midnight in UTC (a UTC offset is under 24 hours). For the same
    reason the UTC dates of ``start`` and ``end`` are within a day of the dates they are written with. So a
    notification due in the window has a day from ``start``'s date minus 2 to ``end``'s date plus 2. Dates are compared
    as ordinals, which never leave the calendar.

    >>> from datetime import UTC
    >>> window = datetime(2027, 4, 16, tzinfo=UTC), datetime(2027, 4, 17, tzinfo=UTC)
    >>> may_be_due_between(date(2027, 4, 30), *window), may_be_due_between(date(2027, 8, 1), *window)
    (True, False)
    """
    earliest_day, latest_day = start.toordinal() - 2, end.toordinal() + 2
    return earliest_day + 1 <= due.toordinal() <= latest_day + _LONGEST_TWO_MONTHS


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def checked_due(due: object) -> date:
    """``due`` once checked to be a date whose notification days all exist (two months before it does)."""
    if isinstance(due, datetime) or not isinstance(due, date):
        raise InvalidInput("due", due, "must be a date (not a datetime)")
    _FURTHEST.before(due)
    return due


def checked_zone(zone: object, day: date) -> tzinfo:
    """``zone`` once checked to be a tzinfo that gives the midnight of ``day`` an offset (:class:`InvalidZone`)."""
    if not isinstance(zone, tzinfo):
        raise InvalidZone(zone)
    try:
        offset = _midnight(day, zone).utcoffset()
    except Exception:  # a tzinfo of the caller's that fails on its own: refused as unusable, not propagated
        offset = None
    if offset is None:
        raise InvalidZone(zone)
    return zone
