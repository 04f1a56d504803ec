"""The laws of a schedule where the calendar and the clock are least kind: zones whose clocks change at midnight
(Santiago, Beirut, Havana), by half an hour (Lord Howe), or that skipped a whole day (Apia, 30 December 2011), with due
dates whose notification days fall on those changes, at a month's end or on 29 February.

Each law is checked against what a billing team can compute by hand: calendar months counted on the fingers, a day's
start converted to UTC, a sending job that runs again and again.
"""

from __future__ import annotations

import calendar
import itertools
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.notifications import (
    BillingNotifications,
    LeadTime,
    Notification,
    NotificationKind,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    notification_schedule,
)
from tests.notifications.reference import due_in_window
from tests.notifications.strategies import notification_rules, product_preferences, reminder_preferences

SANTIAGO = ZoneInfo("America/Santiago")
BEIRUT = ZoneInfo("Asia/Beirut")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
HAVANA = ZoneInfo("America/Havana")
APIA = ZoneInfo("Pacific/Apia")
ZURICH = ZoneInfo("Europe/Zurich")
ZONES: tuple[tzinfo, ...] = (SANTIAGO, BEIRUT, LORD_HOWE, HAVANA, APIA, ZURICH)

#: Days the zones above change their clocks on: Santiago skips its midnight (6 Sep 2026) and lives 23:00 twice
#: (5 Apr 2026); Beirut jumps at midnight (29 Mar 2026) and goes back to 23:00 (25 Oct 2026); Havana skips its
#: midnight (8 Mar 2026) and lives it twice (1 Nov 2026); Lord Howe moves by half an hour (4 Oct, 5 Apr 2026); Apia
#: has no 30 December 2011; Zurich changes at night (29 Mar, 25 Oct 2026).
CHANGE_DAYS = (
    date(2026, 9, 6),
    date(2026, 4, 5),
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2026, 3, 8),
    date(2026, 11, 1),
    date(2026, 10, 4),
    date(2011, 12, 30),
)
#: Due dates whose months-before land past a shorter month's end, on 29 February, or on 1 March.
MONTH_ENDS = (
    date(2027, 3, 31),
    date(2027, 3, 29),
    date(2028, 3, 29),
    date(2028, 3, 30),
    date(2028, 4, 30),
    date(2028, 2, 29),
    date(2027, 5, 31),
    date(2027, 3, 1),
    date(2027, 1, 31),
)
#: Zones a moment is written in, besides the organisation's own: UTC and offsets far either way.
WRITTEN_IN: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=13, minutes=45)),
    timezone(timedelta(hours=-9, minutes=-30)),
)


def due_dates() -> st.SearchStrategy[date]:
    """A due date whose notifications may fall on a clock change (1 to 62 days after one), or a month-end one."""
    near_change = st.builds(lambda day, n: day + timedelta(days=n), st.sampled_from(CHANGE_DAYS), st.integers(1, 62))
    return near_change | st.sampled_from(MONTH_ENDS)


def months_before(day: date, months: int) -> date:
    """``months`` calendar months before ``day``, counted by hand: the same day of the month, or the month's last."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def utc_start(day: date, zone: tzinfo) -> datetime:
    """When ``day`` begins in ``zone``, in UTC: its midnight, or where the clocks jump over it, the jump."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def moments(due: date, zone: tzinfo) -> st.SearchStrategy[datetime]:
    """A UTC instant at, or a microsecond or a few hours either side of, a start of day of the 65 days before ``due``."""
    starts = st.integers(-1, 64).map(lambda n: utc_start(due - timedelta(days=n), zone))
    shifts = st.sampled_from((0, 1, -1)).map(lambda n: timedelta(microseconds=n)) | st.integers(-5, 5).map(
        lambda n: timedelta(minutes=30 * n)
    )
    return st.builds(lambda moment, shift: moment + shift, starts, shifts)


def schedule(
    due: date, preferences: ProductPreferences, at: datetime, zone: tzinfo, rules: NotificationRules
) -> tuple[Notification, ...]:
    return notification_schedule("web-1", due, preferences, at=at, zone=zone, rules=rules)


@st.composite
def situations(draw: st.DrawFn) -> tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules]:
    due, zone = draw(due_dates()), draw(st.sampled_from(ZONES))
    return due, draw(product_preferences()), draw(moments(due, zone)), zone, draw(notification_rules())


@given(situations())
def test_a_schedule_is_sorted_by_day_then_kind_each_once_and_due_in_that_order(
    situation: tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules],
) -> None:
    due, preferences, at, zone, rules = situation
    found = schedule(due, preferences, at, zone, rules)
    keys = [(n.day, n.kind.rank) for n in found]
    assert keys == sorted(set(keys))
    starts = [utc_start(n.day, zone) for n in found]
    assert starts == sorted(starts)


@given(situations())
def test_each_notification_is_its_lead_time_before_the_due_date_counted_by_hand(
    situation: tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules],
) -> None:
    due, preferences, at, zone, rules = situation
    found = schedule(due, preferences, at, zone, rules)
    for n in found:
        assert n.day == months_before(due, n.lead.months) - timedelta(days=n.lead.days)
    # and every lead time still ahead gives its day, none missing
    expected = set()
    if preferences.reminders.enabled:
        for lead in preferences.reminders.lead_times:
            expected.add((NotificationKind.RENEWAL_REMINDER, months_before(due, lead.months) - timedelta(lead.days)))
    if preferences.auto_renewal:
        debit_day = due - timedelta(days=rules.auto_renewal_days)
        expected |= {(kind, debit_day) for kind in NotificationKind if kind is not NotificationKind.RENEWAL_REMINDER}
    assert {(n.kind, n.day) for n in found} == {(kind, day) for kind, day in expected if utc_start(day, zone) >= at}


@given(situations(), st.integers(0, 70 * 24).map(lambda n: timedelta(minutes=30 * n)))
def test_asked_later_a_schedule_is_the_tail_of_the_earlier_one_with_nothing_new(
    situation: tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules], wait: timedelta
) -> None:
    due, preferences, at, zone, rules = situation
    earlier = schedule(due, preferences, at, zone, rules)
    later = schedule(due, preferences, at + wait, zone, rules)
    assert later == earlier[len(earlier) - len(later) :]
    assert all(utc_start(n.day, zone) < at + wait for n in earlier[: len(earlier) - len(later)])


@given(situations(), st.sampled_from(WRITTEN_IN))
def test_a_schedule_is_the_same_whatever_zone_its_moment_is_written_in(
    situation: tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules], other: tzinfo
) -> None:
    """In the organisation's own zone the moment may be on the second pass of an hour lived twice (``fold=1``)."""
    due, preferences, at, zone, rules = situation
    own = at.astimezone(zone)
    expected = schedule(due, preferences, at, zone, rules)
    assert schedule(due, preferences, own, zone, rules) == expected
    assert schedule(due, preferences, at.astimezone(other), zone, rules) == expected


#: How often a sending job runs: hourly (the first run is a multiple of half an hour off a day's start, so runs meet
#: days' starts and Lord Howe's half-hour changes), daily, or a day and an hour apart (drifting across the day).
CADENCES = st.sampled_from((timedelta(hours=1), timedelta(days=1), timedelta(hours=25)))
#: Extra runs, a microsecond or minutes into the period, so that some come exactly on, or just off, a day's start.
EXTRA_RUNS = st.lists(
    st.integers(0, 66 * 24 * 60).map(lambda n: timedelta(minutes=n)) | st.sampled_from((timedelta(microseconds=1),)),
    max_size=10,
)
PERIOD = timedelta(days=66)


@st.composite
def registries(draw: st.DrawFn) -> tuple[BillingNotifications, list[tuple[str, date, ProductPreferences, tzinfo]]]:
    """Two organisations in zones of :data:`ZONES` and up to four products, as the registry and as the reference
    reads them."""
    registry = BillingNotifications(draw(notification_rules()))
    setup = datetime(2011, 1, 1, tzinfo=UTC)
    for organisation in ("org-a", "org-b"):
        registry.add_organisation(
            organisation, zone=draw(st.sampled_from(ZONES)), by="carl", at=setup, reminders=draw(reminder_preferences())
        )
    products = []
    for n in range(draw(st.integers(1, 4))):
        product, organisation = f"web-{n}", draw(st.sampled_from(("org-a", "org-b")))
        registry.add_product(product, organisation=organisation, due=draw(due_dates()), by="carl", at=setup)
        if draw(st.booleans()):
            registry.switch_auto_renewal(product, True, by="carl", at=setup)
        zone = registry.zone(organisation)
        products.append((product, registry.due_date(product), registry.preferences(product), zone))
    return registry, products


@given(registries(), st.data())
def test_a_sending_job_run_again_and_again_sends_each_notification_of_its_period_exactly_once(
    made: tuple[BillingNotifications, list[tuple[str, date, ProductPreferences, tzinfo]]], data: st.DataObject
) -> None:
    registry, products = made
    _, due, _, zone = products[0]
    first, cadence = data.draw(moments(due, zone), label="first run"), data.draw(CADENCES, label="cadence")
    regular = [first + n * cadence for n in range(PERIOD // cadence + 1)]
    runs = sorted({*regular, *(first + extra for extra in data.draw(EXTRA_RUNS, label="extra runs"))})
    # each run asks from the previous one, written in a zone of its own: the zones take turns
    writers = itertools.cycle((UTC, zone, *WRITTEN_IN))
    sent: list[Notification] = []
    for (start, end), written in zip(itertools.pairwise(runs), writers, strict=False):
        sent.extend(registry.due_between(start.astimezone(written), end.astimezone(written)))
    expected = due_in_window(products, runs[0], runs[-1], registry.rules)
    assert Counter(sent) == Counter(expected)
    assert all(count == 1 for count in Counter(sent).values())


def test_a_day_the_zone_skipped_begins_when_the_next_one_does_and_its_notifications_come_first() -> None:
    """Apia went from 29 to 31 December 2011: a debit due 13 January 2012 fell on the day that did not exist. It is
    due when the calendar jumped, with the next day's reminder, and comes before it."""
    reminders = ProductPreferences(auto_renewal=True, reminders=ReminderPreferences(lead_times=[LeadTime(days=13)]))
    found = notification_schedule(
        "web-1", date(2012, 1, 13), reminders, at=datetime(2011, 12, 1, tzinfo=UTC), zone=APIA
    )
    assert [(str(n.day), n.kind.name) for n in found][:2] == [
        ("2011-12-30", "AUTO_RENEWAL_REMINDER"),
        ("2011-12-30", "DEBIT_ATTEMPT"),
    ]
    assert found[-1].day == date(2011, 12, 31)
    assert utc_start(date(2011, 12, 30), APIA) == utc_start(date(2011, 12, 31), APIA)
    after_jump = datetime(2011, 12, 30, 10, tzinfo=UTC)
    assert notification_schedule("web-1", date(2012, 1, 13), reminders, at=after_jump, zone=APIA) == found
    assert (
        notification_schedule(
            "web-1", date(2012, 1, 13), reminders, at=after_jump + timedelta(microseconds=1), zone=APIA
        )
        == ()
    )
