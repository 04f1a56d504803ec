"""Days that begin at an hour other than midnight, and hours lived twice: a notification is due at the instant its day
begins, whatever zone the moment asked about is written in. In Havana, 8 March 2026 begins at 01:00 (clocks jump
from midnight to one), and the hour after midnight on 1 November 2026 is lived twice (clocks go back from one)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from infomanager_core.notifications import (
    BillingNotifications,
    NotificationKind,
    PreferenceEventKind,
    ProductPreferences,
    notification_schedule,
    start_of_day,
)

HAVANA = ZoneInfo("America/Havana")
DAY_WITHOUT_MIDNIGHT = date(2026, 3, 8)
DUE = DAY_WITHOUT_MIDNIGHT + timedelta(days=14)  # the first debit attempt falls on the day without a midnight
DAY_BEGINS = datetime(2026, 3, 8, 1, 0, tzinfo=HAVANA)  # 05:00 UTC, the first instant of the day


def test_the_day_without_a_midnight_begins_at_one_o_clock_which_is_the_instant_start_of_day_names() -> None:
    assert start_of_day(DAY_WITHOUT_MIDNIGHT, HAVANA).astimezone(UTC) == DAY_BEGINS.astimezone(UTC)


def test_asked_as_the_day_begins_the_schedule_is_the_same_in_local_time_and_in_utc() -> None:
    preferences = ProductPreferences(auto_renewal=True)
    local = notification_schedule("web-1", DUE, preferences, at=DAY_BEGINS, zone=HAVANA)
    in_utc = notification_schedule("web-1", DUE, preferences, at=DAY_BEGINS.astimezone(UTC), zone=HAVANA)
    assert local == in_utc
    assert NotificationKind.DEBIT_ATTEMPT in [n.kind for n in local if n.day == DAY_WITHOUT_MIDNIGHT]


def test_auto_renewal_may_be_switched_on_as_the_first_debit_day_begins_written_in_local_time() -> None:
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=HAVANA, by="carl", at=datetime(2026, 1, 5, tzinfo=UTC))
    registry.add_product("web-1", organisation="bakery", due=DUE, by="carl", at=datetime(2026, 1, 5, tzinfo=UTC))
    [event] = registry.switch_auto_renewal("web-1", True, by="carl", at=DAY_BEGINS)
    assert event.what is PreferenceEventKind.AUTO_RENEWAL_SWITCHED_ON


def test_a_change_later_on_the_second_pass_of_the_hour_is_in_order() -> None:
    first_pass = datetime(2026, 11, 1, 0, 45, tzinfo=HAVANA)  # 04:45 UTC
    second_pass = datetime(2026, 11, 1, 0, 15, fold=1, tzinfo=HAVANA)  # 05:15 UTC
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=HAVANA, by="carl", at=first_pass)
    registry.add_product("web-1", organisation="bakery", due=date(2026, 12, 31), by="carl", at=second_pass)
    assert registry.schedule("web-1", at=second_pass)
