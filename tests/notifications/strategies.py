"""Hypothesis strategies of the billing-notifications tests (only they use them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from infomanager_core.notifications import (
    LeadTime,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    start_of_day,
)

#: Zones far apart, with and without summer time (Santiago changes at midnight, Kiritimati is UTC+14).
ZONES: tuple[tzinfo, ...] = (
    UTC,
    ZoneInfo("Europe/Zurich"),
    ZoneInfo("America/Santiago"),
    ZoneInfo("Pacific/Kiritimati"),
    ZoneInfo("Pacific/Pago_Pago"),
    timezone(timedelta(hours=-3, minutes=-30)),
)


def zones() -> st.SearchStrategy[tzinfo]:
    return st.sampled_from(ZONES)


def due_dates() -> st.SearchStrategy[date]:
    """Due dates over centuries, leap years (2000, 2028) and a common century year (2100) included."""
    return st.dates(min_value=date(1899, 1, 1), max_value=date(2401, 12, 31))


def accepted_lead_times() -> st.SearchStrategy[LeadTime]:
    """Every lead time the two-month rule accepts."""
    return st.one_of(
        st.just(LeadTime(months=2)),
        st.builds(lambda days: LeadTime(months=1, days=days), st.integers(0, 28)),
        st.builds(lambda days: LeadTime(days=days), st.integers(1, 59)),
    )


def reminder_preferences() -> st.SearchStrategy[ReminderPreferences]:
    on = st.builds(ReminderPreferences, enabled=st.just(True), lead_times=st.lists(accepted_lead_times(), min_size=1))
    off = st.builds(ReminderPreferences, enabled=st.just(False), lead_times=st.lists(accepted_lead_times()))
    return on | off


def product_preferences() -> st.SearchStrategy[ProductPreferences]:
    return st.builds(ProductPreferences, reminders=reminder_preferences(), auto_renewal=st.booleans())


def notification_rules() -> st.SearchStrategy[NotificationRules]:
    return st.just(NotificationRules()) | st.builds(NotificationRules, auto_renewal_days=st.integers(1, 59))


def moments_around(due: date, zone: tzinfo) -> st.SearchStrategy[datetime]:
    """Moments from 70 days before the start of ``due`` to 3 days after it, to the second, in ``zone`` or UTC;
    often exactly a midnight of ``zone`` (the edge of a notification day)."""
    days = st.sampled_from(range(-3, 71))
    midnights = days.map(lambda n: start_of_day(due - timedelta(days=n), zone))
    anywhere = st.builds(
        lambda midnight, seconds: midnight + timedelta(seconds=seconds), midnights, st.integers(0, 86399)
    )
    return st.one_of(midnights, anywhere, anywhere.map(lambda moment: moment.astimezone(UTC)))
