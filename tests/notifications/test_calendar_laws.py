"""Laws of the billing notifications' clock at the calendar's edges: due dates at a month's end, on 29 February and
around Zurich's clock changes, asked about at one instant written in any zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.checks import instant
from infomanager_core.notifications import (
    AUTO_RENEWAL_KINDS,
    AutoRenewalTooLate,
    BillingNotifications,
    NotificationRules,
    ProductPreferences,
    auto_renewal_deadline,
    notification_schedule,
    start_of_day,
)
from tests import strategies as s
from tests.notifications.strategies import product_preferences

SECOND = timedelta(seconds=1)
EARLY = datetime(2025, 1, 1, tzinfo=UTC)  # before every notification of the due dates below
#: Due dates whose notification days fall on Zurich's clock changes (14 days, a week, a month and two months
#: before), at a month's end, and on or around 29 February.
DUE_DATES = (
    date(2026, 4, 12),  # debit day 29 March 2026, the day clocks go forward
    date(2026, 11, 8),  # debit day 25 October 2026, the day clocks go back
    date(2026, 4, 30),  # two months before: 28 February
    date(2028, 4, 30),  # two months before: 29 February
    date(2028, 3, 29),  # a month before: 29 February
    date(2026, 3, 31),  # a month before: 28 February
    date(2027, 1, 1),  # a week before: Christmas; the year's end
    date(2028, 3, 14),  # debit day 29 February
)


def due_dates() -> st.SearchStrategy[date]:
    return st.sampled_from(DUE_DATES)


def organisation_zones() -> st.SearchStrategy[tzinfo]:
    return st.sampled_from(s.WRITING_ZONES)


def near_days(days: list[date], zone: tzinfo) -> st.SearchStrategy[datetime]:
    """An instant (in UTC) exactly at, or within two seconds of, the start in ``zone`` of one of ``days``."""
    shifts = st.just(0) | st.integers(-2, 2)
    return st.builds(lambda day, n: start_of_day(day, zone).astimezone(UTC) + n * SECOND, st.sampled_from(days), shifts)


def near_notifications(due: date, zone: tzinfo, preferences: ProductPreferences) -> st.SearchStrategy[datetime]:
    """An instant near the start of a notification's day, or of any day of the two months before ``due``."""
    days = [n.day for n in notification_schedule("web-1", due, preferences, at=EARLY, zone=zone)]
    any_day = [due - timedelta(days=n) for n in range(63)]
    return (near_days(days, zone) if days else st.nothing()) | near_days(any_day, zone)


@given(data=st.data(), due=due_dates(), zone=organisation_zones(), preferences=product_preferences())
def test_a_schedule_asked_at_one_instant_holds_what_is_due_from_it_on_whatever_zone_writes_it(
    data: st.DataObject, due: date, zone: tzinfo, preferences: ProductPreferences
) -> None:
    moment = data.draw(near_notifications(due, zone, preferences), label="instant")
    schedules = {
        notification_schedule("web-1", due, preferences, at=written, zone=zone)
        for written in [moment, *(moment.astimezone(other) for other in s.WRITING_ZONES)]
    }
    assert len(schedules) == 1
    every = notification_schedule("web-1", due, preferences, at=EARLY, zone=zone)
    # a notification due exactly at the moment asked is still to come
    assert schedules == {tuple(n for n in every if instant(start_of_day(n.day, zone)) >= moment)}


@given(data=st.data(), due=due_dates(), zone=organisation_zones(), shift=st.integers(-2, 2))
def test_auto_renewal_may_be_switched_on_up_to_the_instant_its_debit_day_begins_written_in_any_zone(
    data: st.DataObject, due: date, zone: tzinfo, shift: int
) -> None:
    deadline = instant(auto_renewal_deadline(due, zone=zone))
    assert deadline == instant(start_of_day(due - timedelta(days=14), zone))
    registry = BillingNotifications()
    added = deadline - timedelta(days=30)
    registry.add_organisation("bakery", zone=zone, by="carl", at=added)
    registry.add_product("web-1", organisation="bakery", due=due, by="carl", at=added)
    at = data.draw(s.written_in_any_zone(deadline + shift * SECOND), label="switched on at")
    if shift <= 0:
        registry.switch_auto_renewal("web-1", True, by="carl", at=at)
        assert registry.preferences("web-1").auto_renewal
    else:
        with pytest.raises(AutoRenewalTooLate):
            registry.switch_auto_renewal("web-1", True, by="carl", at=at)


@given(data=st.data(), due=due_dates(), zone=organisation_zones())
def test_a_sending_window_holds_what_is_due_from_its_start_to_before_its_end_whatever_zones_write_them(
    data: st.DataObject, due: date, zone: tzinfo
) -> None:
    on = ProductPreferences(auto_renewal=True)
    start, end = sorted(data.draw(st.lists(near_notifications(due, zone, on), min_size=2, max_size=2), label="window"))
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=zone, by="carl", at=EARLY)
    registry.add_product("web-1", organisation="bakery", due=due, by="carl", at=EARLY)
    registry.switch_auto_renewal("web-1", True, by="carl", at=EARLY)
    expected = tuple(n for n in registry.schedule("web-1", at=start) if instant(start_of_day(n.day, zone)) < end)
    assert registry.due_between(start, end) == expected
    written_start = data.draw(s.written_in_any_zone(start), label="start written")
    written_end = data.draw(s.written_in_any_zone(end), label="end written")
    assert registry.due_between(written_start, written_end) == expected


@given(
    data=st.data(),
    due=due_dates(),
    zone=organisation_zones(),
    days=st.integers(1, 59),
    early=st.sampled_from((timedelta(0), SECOND, timedelta(hours=1), timedelta(days=1))),
)
def test_auto_renewal_switched_on_in_time_misses_none_of_its_notifications_whatever_its_lead(
    data: st.DataObject, due: date, zone: tzinfo, days: int, early: timedelta
) -> None:
    rules = NotificationRules(auto_renewal_days=days)
    deadline = instant(auto_renewal_deadline(due, zone=zone, rules=rules))
    registry = BillingNotifications(rules)
    added = deadline - timedelta(days=30)
    registry.add_organisation("bakery", zone=zone, by="carl", at=added)
    registry.add_product("web-1", organisation="bakery", due=due, by="carl", at=added)
    at = data.draw(s.written_in_any_zone(deadline - early), label="switched on at")
    registry.switch_auto_renewal("web-1", True, by="carl", at=at)
    debit_day = due - timedelta(days=days)
    ahead = [(n.day, n.kind) for n in registry.schedule("web-1", at=at) if n.kind in AUTO_RENEWAL_KINDS]
    assert ahead == [(debit_day, kind) for kind in AUTO_RENEWAL_KINDS]
