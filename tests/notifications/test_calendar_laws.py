"""Laws of the billing notifications' clock at the calendar's edges: due dates at a month's end, on 29 February and
around Zurich's clock changes, asked about at one instant written in any zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.checks import instant
from infomanager_core.notifications import (
    AutoRenewalTooLate,
    BillingNotifications,
    ProductPreferences,
    auto_renewal_deadline,
    notification_schedule,
    start_of_day,
)
from tests import strategies as s
from tests.notifications.strategies import product_preferences

SECOND = timedelta(seconds=1)
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


@st.composite
def near_notifications(draw: st.DrawFn, due: date, zone: tzinfo) -> datetime:
    """An instant within a few seconds of the start of a day from 62 days before ``due`` to ``due``, in UTC."""
    day = due - timedelta(days=draw(st.integers(0, 62)))
    return start_of_day(day, zone).astimezone(UTC) + draw(st.integers(-2, 2)) * SECOND


@given(data=st.data(), due=due_dates(), zone=organisation_zones(), preferences=product_preferences())
def test_a_schedule_asked_at_one_instant_is_the_same_whatever_zone_writes_it(
    data: st.DataObject, due: date, zone: tzinfo, preferences: ProductPreferences
) -> None:
    moment = data.draw(near_notifications(due, zone), label="instant")
    schedules = {
        notification_schedule("web-1", due, preferences, at=written, zone=zone)
        for written in [moment, *(moment.astimezone(other) for other in s.WRITING_ZONES)]
    }
    assert len(schedules) == 1
    [schedule] = schedules
    assert all(instant(start_of_day(n.day, zone)) >= moment for n in schedule)


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
        assert registry.switch_auto_renewal("web-1", True, by="carl", at=at)
    else:
        with pytest.raises(AutoRenewalTooLate):
            registry.switch_auto_renewal("web-1", True, by="carl", at=at)


@given(data=st.data(), due=due_dates(), zone=organisation_zones(), hours=st.integers(1, 72))
def test_a_sending_window_gives_the_same_notifications_whatever_zones_write_its_ends(
    data: st.DataObject, due: date, zone: tzinfo, hours: int
) -> None:
    registry = BillingNotifications()
    start = data.draw(near_notifications(due, zone), label="window start")
    registry.add_organisation("bakery", zone=zone, by="carl", at=start - timedelta(days=90))
    registry.add_product("web-1", organisation="bakery", due=due, by="carl", at=start - timedelta(days=90))
    registry.switch_auto_renewal("web-1", True, by="carl", at=start - timedelta(days=90))
    end = start + timedelta(hours=hours)
    expected = registry.due_between(start, end)
    written_start = data.draw(s.written_in_any_zone(start), label="start written")
    written_end = data.draw(s.written_in_any_zone(end), label="end written")
    assert registry.due_between(written_start, written_end) == expected
    assert expected == tuple(
        n for n in registry.schedule("web-1", at=start) if instant(start_of_day(n.day, zone)) < end
    )
