"""The sending job's question: every notification of every product due in a window of moments ``[start, end)``.

Windows that follow one another give each notification once; moments are compared as instants, so an hour a zone
lives twice neither reorders nor repeats anything; preferences and due dates count as they stand when the job asks.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.access import InvalidMoment
from infomanager_core.notifications import (
    AUTO_RENEWAL_KINDS,
    BillingNotifications,
    LeadTime,
    Notification,
    NotificationKind,
    ReminderPreferences,
    WindowEndsBeforeStart,
    notification_schedule,
    start_of_day,
)
from infomanager_core.notifications.schedule import may_be_due_between
from tests.notifications.reference import due_in_window
from tests.notifications.strategies import (
    ZONES,
    due_dates,
    moments_around,
    notification_rules,
    product_preferences,
    reminder_preferences,
    zones,
)
from tests.refusals import assert_names_field_and_rule

ZURICH = ZoneInfo("Europe/Zurich")
HAVANA = ZoneInfo("America/Havana")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")
SETUP = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def registry_of(*products: tuple[str, str, tzinfo, date]) -> BillingNotifications:
    """A registry with default preferences: each product of its organisation (registered in ``zone`` at first sight)."""
    registry = BillingNotifications()
    for product, organisation, zone, due in products:
        try:
            registry.zone(organisation)
        except InfomanagerError:
            registry.add_organisation(organisation, zone=zone, by="carl", at=SETUP)
        registry.add_product(product, organisation=organisation, due=due, by="carl", at=SETUP)
    return registry


def days_of(notifications: tuple[Notification, ...]) -> list[tuple[str, date, NotificationKind]]:
    return [(n.product, n.day, n.kind) for n in notifications]


# -- examples --------------------------------------------------------------------------------------------------------


def test_a_window_holds_the_notifications_of_every_organisation_due_in_it_ordered_by_instant() -> None:
    """In Kiritimati (UTC+14) 23 April begins at 10:00 UTC on the 22nd, an hour before 22 April begins in Pago Pago
    (UTC−11): the later day comes first, because it is due first."""
    registry = registry_of(
        ("web-k", "atoll", KIRITIMATI, date(2027, 4, 30)),
        ("web-p", "harbour", PAGO_PAGO, date(2027, 4, 29)),
        ("web-z", "bakery", ZURICH, date(2027, 5, 30)),
    )
    due = registry.due_between(datetime(2027, 4, 22, tzinfo=UTC), datetime(2027, 4, 23, tzinfo=UTC))
    assert days_of(due) == [
        ("web-k", date(2027, 4, 23), NotificationKind.RENEWAL_REMINDER),
        ("web-p", date(2027, 4, 22), NotificationKind.RENEWAL_REMINDER),
    ]
    assert [n.why for n in due] == [
        "renewal reminder, 1 week before the due date 2027-04-30",
        "renewal reminder, 1 week before the due date 2027-04-29",
    ]
    assert registry.organisation("web-k") == "atoll"


def test_a_window_across_the_spring_change_in_zurich_holds_the_days_that_begin_in_it() -> None:
    """27 March 2027 begins at 00:00+01:00, 29 March at 00:00+02:00: 47 hours apart, and the window holds the
    notifications of the 27th and 28th, not of the 29th (the end is excluded)."""
    registry = registry_of(
        ("web-27", "bakery", ZURICH, date(2027, 4, 27)),
        ("web-28", "bakery", ZURICH, date(2027, 4, 28)),
        ("web-29", "bakery", ZURICH, date(2027, 4, 29)),
    )
    start, end = datetime(2027, 3, 27, tzinfo=ZURICH), datetime(2027, 3, 29, tzinfo=ZURICH)
    assert end - start == timedelta(hours=48)  # the wall clock's difference
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=47)
    assert days_of(registry.due_between(start, end)) == [
        ("web-27", date(2027, 3, 27), NotificationKind.RENEWAL_REMINDER),
        ("web-28", date(2027, 3, 28), NotificationKind.RENEWAL_REMINDER),
    ]
    assert days_of(registry.due_between(end, end + timedelta(days=1))) == [
        ("web-29", date(2027, 3, 29), NotificationKind.RENEWAL_REMINDER)
    ]


def test_a_window_that_ends_on_the_second_pass_of_zurich_s_autumn_hour_is_later_than_one_starting_on_the_first() -> (
    None
):
    """02:15 on the second pass (01:15 UTC) is after 02:30 on the first (00:30 UTC), though it reads earlier: the
    window between is an hour of instants, not refused, and the windows around it join up."""
    registry = registry_of(
        ("web-1", "bakery", ZURICH, date(2027, 11, 30)), ("web-2", "bakery", ZURICH, date(2027, 11, 7))
    )
    first_pass, second_pass = (
        datetime(2027, 10, 31, 2, 30, tzinfo=ZURICH),
        datetime(2027, 10, 31, 2, 15, fold=1, tzinfo=ZURICH),
    )
    assert registry.due_between(first_pass, second_pass) == ()
    before, after = datetime(2027, 10, 31, tzinfo=ZURICH), datetime(2027, 11, 1, tzinfo=ZURICH)
    joined = registry.due_between(before, first_pass) + registry.due_between(first_pass, second_pass)
    joined += registry.due_between(second_pass, after)
    assert joined == registry.due_between(before, after)
    assert days_of(joined) == [("web-2", date(2027, 10, 31), NotificationKind.RENEWAL_REMINDER)]


def test_in_havana_s_hour_lived_twice_a_midnight_notification_belongs_to_the_first_pass_only() -> None:
    """7 November 2027 begins at 00:00−04:00 (04:00 UTC); an hour later the clocks read 00:00 again (−05:00). A
    notification of that day is due at the first midnight: before a window that starts at the second, once."""
    registry = registry_of(("web-1", "cigars", HAVANA, date(2027, 11, 14)))
    second_midnight = datetime(2027, 11, 7, 0, 0, fold=1, tzinfo=HAVANA)
    assert registry.due_between(second_midnight, second_midnight + timedelta(days=1)) == ()
    [reminder] = registry.due_between(datetime(2027, 11, 6, 12, 0, tzinfo=HAVANA), second_midnight)
    assert (reminder.day, reminder.lead) == (date(2027, 11, 7), LeadTime.weeks(1))
    first_midnight_in_utc = datetime(2027, 11, 7, 4, 0, tzinfo=UTC)
    assert registry.due_between(first_midnight_in_utc, first_midnight_in_utc + timedelta(microseconds=1)) == (reminder,)


def test_a_two_month_reminder_due_just_before_a_window_ends_written_a_day_behind_is_in_the_window() -> None:
    """The furthest a notification can sit from its window's written end: 1 September 2027's two-month reminder falls
    on 1 July, 62 days before (July and August). In Kiritimati (UTC+14) 1 July begins at 10:00 UTC on 30 June; a
    window that ends a second later, written in Pago Pago's time (UTC−11), ends on 29 June 23:00:01 by its own date —
    64 days before the due date. The reminder is in that window, and not in one that ends at its moment."""
    registry = registry_of(("web-k", "atoll", KIRITIMATI, date(2027, 9, 1)))
    registry.set_reminders("atoll", ReminderPreferences(lead_times=[LeadTime(months=2)]), by="carl", at=SETUP)
    moment = start_of_day(date(2027, 7, 1), KIRITIMATI)
    assert moment == datetime(2027, 6, 30, 10, 0, tzinfo=UTC)
    end = (moment + timedelta(seconds=1)).astimezone(PAGO_PAGO)
    assert (end.date(), date(2027, 9, 1) - end.date()) == (date(2027, 6, 29), timedelta(days=64))
    [reminder] = registry.due_between(moment - timedelta(hours=1), end)
    assert (reminder.day, reminder.lead) == (date(2027, 7, 1), LeadTime(months=2))
    assert registry.due_between(moment - timedelta(hours=1), moment.astimezone(PAGO_PAGO)) == ()


def test_a_one_day_reminder_is_in_a_window_that_begins_at_its_moment_written_on_the_due_date() -> None:
    """The closest a notification can sit to its due date, seen from the window's written start: the one-day reminder
    of 30 April 2027 falls on 29 April, which begins in Pago Pago (UTC−11) at 11:00 UTC. Written in Kiritimati's time
    (UTC+14) that moment is 30 April 01:00 — the due date itself — and a window starting then holds the reminder."""
    registry = registry_of(("web-p", "harbour", PAGO_PAGO, date(2027, 4, 30)))
    registry.set_reminders("harbour", ReminderPreferences(lead_times=[LeadTime(days=1)]), by="carl", at=SETUP)
    start = start_of_day(date(2027, 4, 29), PAGO_PAGO).astimezone(KIRITIMATI)
    assert start == datetime(2027, 4, 30, 1, 0, tzinfo=KIRITIMATI)
    [reminder] = registry.due_between(start, start + timedelta(hours=1))
    assert (reminder.day, reminder.lead) == (date(2027, 4, 29), LeadTime(days=1))
    assert registry.due_between(start + timedelta(microseconds=1), start + timedelta(hours=1)) == ()


def test_a_window_follows_a_due_date_as_it_stands() -> None:
    registry = registry_of(("web-1", "bakery", ZURICH, date(2027, 4, 30)))
    spring = (datetime(2027, 3, 1, tzinfo=ZURICH), datetime(2027, 5, 1, tzinfo=ZURICH))
    assert [n.day for n in registry.due_between(*spring)] == [date(2027, 3, 30), date(2027, 4, 23)]
    registry.set_due_date("web-1", date(2027, 5, 31), by="billing", at=datetime(2027, 2, 1, tzinfo=ZURICH))
    assert [n.day for n in registry.due_between(*spring)] == [date(2027, 4, 30)]
    assert {n.due for n in registry.due_between(*spring)} == {date(2027, 5, 31)}


def test_a_window_on_the_debit_day_holds_auto_renewal_s_notifications_while_it_is_on() -> None:
    registry = registry_of(
        ("web-1", "bakery", ZURICH, date(2027, 4, 30)), ("web-2", "bakery", ZURICH, date(2027, 4, 30))
    )
    debit_day = (datetime(2027, 4, 16, tzinfo=ZURICH), datetime(2027, 4, 17, tzinfo=ZURICH))
    assert registry.due_between(*debit_day) == ()
    registry.switch_auto_renewal("web-2", True, by="carl", at=SETUP)
    registry.switch_auto_renewal("web-1", True, by="carl", at=SETUP)
    due = registry.due_between(*debit_day)
    assert [(n.kind, n.product) for n in due] == [
        (kind, product) for kind in AUTO_RENEWAL_KINDS for product in ("web-1", "web-2")
    ]
    registry.switch_auto_renewal("web-1", False, by="carl", at=datetime(2027, 4, 10, tzinfo=ZURICH))
    assert {n.product for n in registry.due_between(*debit_day)} == {"web-2"}


def test_an_empty_registry_has_nothing_due() -> None:
    assert BillingNotifications().due_between(datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)) == ()


def test_an_empty_window_holds_nothing_even_at_a_notification_s_moment() -> None:
    registry = registry_of(("web-1", "bakery", ZURICH, date(2027, 4, 30)))
    moment = start_of_day(date(2027, 4, 23), ZURICH)
    assert registry.due_between(moment, moment) == ()
    assert registry.due_between(moment.astimezone(UTC), moment) == ()  # one instant, written two ways
    assert [n.day for n in registry.due_between(moment, moment + timedelta(microseconds=1))] == [date(2027, 4, 23)]
    assert registry.due_between(moment - timedelta(microseconds=1), moment) == ()


def test_a_window_may_begin_before_an_organisation_s_latest_change_which_counts_and_no_clock_moves() -> None:
    """The one-week reminder is due at midnight on 23 April; the job asks at 10:00 for the day so far. The bakery's
    change of lead times at 08:00 keeps that reminder; the product's reminders switched off at 08:00 drop it: what
    counts is what stands when the job asks, and the query moves no organisation's clock."""
    registry = registry_of(("web-1", "bakery", ZURICH, date(2027, 4, 30)))
    day = datetime(2027, 4, 23, tzinfo=ZURICH)
    changed = datetime(2027, 4, 23, 8, 0, tzinfo=ZURICH)
    registry.set_reminders(
        "bakery", ReminderPreferences(lead_times=[LeadTime.weeks(2), LeadTime.weeks(1)]), by="carl", at=changed
    )
    assert [n.day for n in registry.due_between(day, datetime(2027, 4, 23, 10, 0, tzinfo=ZURICH))] == [day.date()]
    registry.set_product_reminders("web-1", ReminderPreferences(enabled=False), by="carl", at=changed)
    assert registry.due_between(day, datetime(2027, 4, 23, 10, 0, tzinfo=ZURICH)) == ()
    before = copy.deepcopy(registry)
    registry.due_between(datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
    assert registry == before
    registry.set_product_reminders("web-1", None, by="carl", at=changed)  # the clock still reads 08:00


@pytest.mark.parametrize(
    ("start", "end", "error", "field"),
    [
        (datetime(2027, 4, 23), datetime(2027, 4, 24, tzinfo=UTC), InvalidMoment, "start"),
        (datetime(2027, 4, 23, tzinfo=UTC), "2027-04-24", InvalidMoment, "end"),
        (date(2027, 4, 23), date(2027, 4, 24), InvalidMoment, "start"),
        (datetime(2027, 4, 24, tzinfo=UTC), datetime(2027, 4, 23, tzinfo=UTC), WindowEndsBeforeStart, "end"),
        (datetime(2027, 4, 23, 1, 0, tzinfo=UTC), datetime(2027, 4, 23, 2, 30, tzinfo=ZURICH), WindowEndsBeforeStart, "end"),
        (datetime(2027, 10, 31, 2, 15, fold=1, tzinfo=ZURICH), datetime(2027, 10, 31, 2, 30, tzinfo=ZURICH), WindowEndsBeforeStart, "end"),
    ],
)  # fmt: skip
def test_a_window_that_is_not_one_is_refused_naming_the_field(
    start: object, end: object, error: type[InvalidInput], field: str
) -> None:
    registry = registry_of(("web-1", "bakery", ZURICH, date(2027, 4, 30)))
    before = copy.deepcopy(registry)
    with pytest.raises(error) as raised:
        registry.due_between(start, end)  # type: ignore[arg-type]
    assert (raised.value.field, registry) == (field, before)
    assert_names_field_and_rule(raised.value)
    if isinstance(raised.value, WindowEndsBeforeStart):
        assert (raised.value.start, raised.value.end) == (start, end)


# -- properties ------------------------------------------------------------------------------------------------------

#: Due dates from October 2027 to early January 2028: their notifications cross Zurich's and Havana's autumn hours.
FIRST_DUE = date(2027, 10, 1)
#: Zones of the properties: the notification strategies' zones, Havana, and a fixed offset near the +24 h limit.
WINDOW_ZONES: tuple[tzinfo, ...] = (*ZONES, HAVANA, timezone(timedelta(hours=23, minutes=59)))
#: Moments in the hours Zurich and Havana live twice, on each pass.
TWICE_LIVED = tuple(
    datetime(2027, month, day, hour, minute, fold=fold, tzinfo=zone)
    for zone, month, day, hour in ((ZURICH, 10, 31, 2), (HAVANA, 11, 7, 0))
    for minute in (0, 30)
    for fold in (0, 1)
)


@st.composite
def registries(draw: st.DrawFn) -> tuple[BillingNotifications, list[str]]:
    """Up to three organisations and eight products, each with its preferences, auto-renewal, sometimes its own
    reminders and a due date moved once; with the products' ids."""
    registry = BillingNotifications(draw(notification_rules()))
    organisations = [f"org-{n}" for n in range(draw(st.integers(0, 3)))]
    for organisation in organisations:
        zone, reminders = draw(st.sampled_from(WINDOW_ZONES)), draw(reminder_preferences())
        registry.add_organisation(organisation, zone=zone, by="carl", at=SETUP, reminders=reminders)
    products = [f"web-{n}" for n in range(draw(st.integers(0, 8)) if organisations else 0)]
    dues = st.integers(0, 100).map(lambda days: FIRST_DUE + timedelta(days=days))
    for product in products:
        registry.add_product(
            product, organisation=draw(st.sampled_from(organisations)), due=draw(dues), by="carl", at=SETUP
        )
        if draw(st.booleans()):
            registry.switch_auto_renewal(product, True, by="carl", at=SETUP)
        if draw(st.booleans()):
            registry.set_product_reminders(product, draw(reminder_preferences()), by="carl", at=SETUP)
        if draw(st.booleans()):
            registry.set_due_date(product, draw(dues), by="carl", at=SETUP)
    return registry, products


def window_moments() -> st.SearchStrategy[datetime]:
    """Moments from mid-July 2027 to mid-January 2028: often a zone's midnight (where notifications are due) or a
    microsecond either side, sometimes written in UTC, sometimes on the second pass of an hour lived twice."""
    midnights = st.builds(
        lambda days, zone: start_of_day(date(2027, 7, 15) + timedelta(days=days), zone),
        st.integers(0, 185),
        st.sampled_from(WINDOW_ZONES),
    )
    nudged = st.builds(
        lambda moment, micro: moment + timedelta(microseconds=micro), midnights, st.sampled_from((-1, 1))
    )
    anywhere = st.builds(lambda moment, seconds: moment + timedelta(seconds=seconds), midnights, st.integers(0, 86399))
    near = st.one_of(midnights, nudged, anywhere, st.sampled_from(TWICE_LIVED))
    return st.one_of(
        near, near.map(lambda moment: moment.astimezone(UTC)), near.map(lambda moment: moment.replace(fold=1))
    )


def microseconds_since_year_one(moment: datetime) -> int:
    """``moment`` as an instant, in whole microseconds counted in UTC: a plain key that never leaves the integers."""
    offset = moment.utcoffset()
    assert offset is not None
    wall = ((moment.toordinal() * 24 + moment.hour) * 60 + moment.minute) * 60 + moment.second
    return wall * 1_000_000 + moment.microsecond - offset // timedelta(microseconds=1)


def by_instant(*moments: datetime) -> list[datetime]:
    return sorted(moments, key=microseconds_since_year_one)


def products_of(registry: BillingNotifications, products: list[str]) -> list[tuple[str, date, object, tzinfo]]:
    return [
        (p, registry.due_date(p), registry.preferences(p), registry.zone(registry.organisation(p))) for p in products
    ]


@given(registries(), window_moments(), window_moments())
def test_a_window_holds_exactly_each_product_s_schedule_filtered_to_it(
    made: tuple[BillingNotifications, list[str]], one: datetime, other: datetime
) -> None:
    registry, products = made
    start, end = by_instant(one, other)
    expected = due_in_window(products_of(registry, products), start, end, registry.rules)  # type: ignore[arg-type]
    assert registry.due_between(start, end) == expected


@given(registries(), window_moments(), window_moments(), window_moments())
def test_a_window_split_anywhere_gives_the_same_notifications_in_the_same_order_each_once(
    made: tuple[BillingNotifications, list[str]], one: datetime, two: datetime, three: datetime
) -> None:
    registry, _ = made
    start, split, end = by_instant(one, two, three)
    whole = registry.due_between(start, end)
    assert registry.due_between(start, split) + registry.due_between(split, end) == whole
    assert len(set(whole)) == len(whole)


refused_values = (
    window_moments()
    | st.just(datetime(2027, 10, 31, 2, 30))
    | st.just(date(2027, 10, 31))
    | st.none()
    | st.text(max_size=5)
    | st.integers()
    | st.just(timedelta(days=1))
    | st.just(datetime.max.replace(tzinfo=timezone(timedelta(hours=-23))))
    | st.just(datetime.min.replace(tzinfo=timezone(timedelta(hours=23))))
)


@given(registries(), refused_values, refused_values)
def test_a_window_is_answered_or_refused_naming_the_field_and_the_registry_is_unchanged(
    made: tuple[BillingNotifications, list[str]], start: object, end: object
) -> None:
    registry, _ = made
    before = copy.deepcopy(registry)
    refused: InvalidInput | None = None
    try:
        answer = registry.due_between(start, end)  # type: ignore[arg-type]
    except InvalidInput as error:
        refused = error
    if not isinstance(start, datetime) or start.utcoffset() is None:
        assert isinstance(refused, InvalidMoment)
        assert refused.field == "start"
    elif not isinstance(end, datetime) or end.utcoffset() is None:
        assert isinstance(refused, InvalidMoment)
        assert refused.field == "end"
    elif microseconds_since_year_one(end) < microseconds_since_year_one(start):
        assert isinstance(refused, WindowEndsBeforeStart)
        assert (refused.field, refused.start, refused.end) == ("end", start, end)
    else:
        assert refused is None
        assert isinstance(answer, tuple)
    assert_names_field_and_rule(refused)
    assert registry == before
    registry.check_invariants()


def windows_around(due: date, zone: tzinfo) -> st.SearchStrategy[datetime]:
    """Moments near ``due``'s notification days (in ``zone``, UTC or a zone almost a day away), and near the edges of
    the bound: a little more than two months before ``due``, or a few days after it."""
    far = st.sampled_from((timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))))
    edges = st.builds(
        lambda days, seconds, edge_zone: (
            start_of_day(due - timedelta(days=days), edge_zone) + timedelta(seconds=seconds)
        ),
        st.sampled_from((-3, -2, -1, 0, 1, 2, 59, 60, 61, 62, 63, 64, 65, 66)),
        st.integers(-86400, 86400),
        far | st.sampled_from(WINDOW_ZONES),
    )
    return moments_around(due, zone) | edges


@given(st.data())
def test_a_product_the_cheap_bound_skips_has_nothing_due_in_the_window(data: st.DataObject) -> None:
    due, zone = data.draw(due_dates()), data.draw(zones() | st.sampled_from(WINDOW_ZONES))
    start, end = by_instant(data.draw(windows_around(due, zone)), data.draw(windows_around(due, zone)))
    preferences, rules = data.draw(product_preferences()), data.draw(notification_rules())
    expected = due_in_window([("web-1", due, preferences, zone)], start, end, rules)
    if not may_be_due_between(due, start, end):
        assert expected == ()
    long_before = start_of_day(due - timedelta(days=70), zone)
    every_day = {
        n.day for n in notification_schedule("web-1", due, preferences, at=long_before, zone=zone, rules=rules)
    }
    assert all(due - timedelta(days=62) <= day < due for day in every_day)  # the fact the bound rests on


def test_among_thousands_of_products_a_day_s_window_holds_exactly_those_due_a_week_or_a_month_later() -> None:
    """5,000 products due over three years: a day's window holds each of those due a week or a month later, once."""
    registry = BillingNotifications()
    registry.add_organisation("host", zone=ZURICH, by="carl", at=SETUP)
    for n in range(5000):
        registry.add_product(f"web-{n}", organisation="host", due=date(2027, 3, 1) + timedelta(days=n % 1000), by="carl", at=SETUP)  # fmt: skip
    start = datetime(2027, 6, 1, tzinfo=ZURICH)
    due = registry.due_between(start, start + timedelta(days=1))
    assert {n.due for n in due} == {date(2027, 7, 1), date(2027, 6, 8)}
    assert len(due) == len({n.product for n in due}) == 10
