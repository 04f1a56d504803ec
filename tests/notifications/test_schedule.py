"""The schedule of a product's notifications: its laws, and how a notification day meets a moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access import InvalidMoment
from infomanager_core.notifications import (
    AUTO_RENEWAL_KINDS,
    DueDateOutOfRange,
    InvalidZone,
    LeadTime,
    Notification,
    NotificationKind,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    auto_renewal_deadline,
    notification_schedule,
    start_of_day,
)
from tests.notifications.strategies import (
    due_dates,
    moments_around,
    notification_rules,
    product_preferences,
    zones,
)

ZURICH = ZoneInfo("Europe/Zurich")
DUE = date(2027, 4, 30)
REMINDER = NotificationKind.RENEWAL_REMINDER


#: A due date, preferences, a moment, a zone and operator rules.
Situation = tuple[date, ProductPreferences, datetime, tzinfo, NotificationRules]


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    """A due date, preferences, a moment around the due date, a zone and operator rules."""
    due = draw(due_dates())
    zone = draw(zones())
    return due, draw(product_preferences()), draw(moments_around(due, zone)), zone, draw(notification_rules())


def schedule_of(
    due: date, preferences: ProductPreferences, at: datetime, zone: tzinfo, rules: NotificationRules
) -> tuple[Notification, ...]:
    return notification_schedule("web-1", due, preferences, at=at, zone=zone, rules=rules)


def from_moment(schedule: tuple[Notification, ...], at: datetime, zone: tzinfo) -> tuple[Notification, ...]:
    return tuple(n for n in schedule if start_of_day(n.day, zone) >= at)


# -- laws -------------------------------------------------------------------------------------------------------------


@given(situations())
def test_every_notification_is_due_at_or_after_the_moment_and_before_the_due_date(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    for notification in schedule_of(due, preferences, at, zone, rules):
        assert start_of_day(notification.day, zone) >= at
        assert notification.day < due
        assert (notification.due, notification.product) == (due, "web-1")


@given(situations())
def test_no_notification_comes_earlier_than_two_months_before_the_due_date(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    for notification in schedule_of(due, preferences, at, zone, rules):
        assert notification.day >= due - relativedelta(months=2)


@given(situations())
def test_a_schedule_is_sorted_by_day_then_kind_with_at_most_one_notification_of_a_kind_a_day(
    situation: Situation,
) -> None:
    due, preferences, at, zone, rules = situation
    schedule = schedule_of(due, preferences, at, zone, rules)
    keys = [(n.day, n.kind.rank) for n in schedule]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@given(situations())
def test_each_notification_is_its_lead_time_before_the_due_date(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    for notification in schedule_of(due, preferences, at, zone, rules):
        assert notification.day == notification.lead.before(due)
        if notification.kind is REMINDER:
            assert notification.lead in preferences.reminders.lead_times
        else:
            assert notification.lead == LeadTime(days=rules.auto_renewal_days)


@given(situations())
def test_reminders_come_at_each_lead_time_still_ahead_one_a_day_citing_the_furthest(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    reminders = [n for n in schedule_of(due, preferences, at, zone, rules) if n.kind is REMINDER]
    expected: dict[date, LeadTime] = {}
    if preferences.reminders.enabled:
        for lead in preferences.reminders.lead_times:  # furthest first
            expected.setdefault(lead.before(due), lead)
    ahead = {day: lead for day, lead in expected.items() if start_of_day(day, zone) >= at}
    assert {n.day: n.lead for n in reminders} == ahead


@given(situations())
def test_switching_reminders_off_removes_exactly_the_reminders(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    off = attrs.evolve(preferences, reminders=attrs.evolve(preferences.reminders, enabled=False))
    on = attrs.evolve(preferences, reminders=attrs.evolve(off.reminders, enabled=bool(off.reminders.lead_times)))
    with_reminders = schedule_of(due, on, at, zone, rules)
    assert schedule_of(due, off, at, zone, rules) == tuple(n for n in with_reminders if n.kind is not REMINDER)


@given(situations())
def test_switching_auto_renewal_off_removes_exactly_its_four_notifications(situation: Situation) -> None:
    due, preferences, at, zone, rules = situation
    on = schedule_of(due, attrs.evolve(preferences, auto_renewal=True), at, zone, rules)
    off = schedule_of(due, attrs.evolve(preferences, auto_renewal=False), at, zone, rules)
    assert off == tuple(n for n in on if n.kind not in AUTO_RENEWAL_KINDS)
    auto = [n for n in on if n.kind in AUTO_RENEWAL_KINDS]
    assert [n.kind for n in auto] in ([], list(AUTO_RENEWAL_KINDS))
    assert {n.day for n in auto} <= {due - timedelta(days=rules.auto_renewal_days)}


@given(situations(), st.integers(0, 40 * 86400))
def test_time_passing_only_drops_what_has_become_due(situation: Situation, seconds: int) -> None:
    due, preferences, at, zone, rules = situation
    later = at + timedelta(seconds=seconds)
    assert schedule_of(due, preferences, later, zone, rules) == from_moment(
        schedule_of(due, preferences, at, zone, rules), later, zone
    )


@given(situations(), product_preferences(), st.integers(0, 40 * 86400))
def test_changing_preferences_at_a_moment_never_changes_notifications_due_before_it(
    situation: Situation,
    new: ProductPreferences,
    seconds: int,
) -> None:
    """A sender follows the schedule from ``start``; preferences change at ``at``. What it sent before ``at`` is
    exactly the old schedule's; from ``at`` on, it sends exactly what the new preferences give — as if they had always
    been in force."""
    due, old, start, zone, rules = situation
    at = start + timedelta(seconds=seconds)
    sent_before = tuple(n for n in schedule_of(due, old, start, zone, rules) if start_of_day(n.day, zone) < at)
    sent_after = schedule_of(due, new, at, zone, rules)
    assert all(start_of_day(n.day, zone) < at for n in sent_before)
    assert sent_after == from_moment(schedule_of(due, new, start, zone, rules), at, zone)
    assert sent_before + sent_after == tuple(sorted(sent_before + sent_after, key=Notification.sort_key))


@given(situations())
def test_a_due_date_already_begun_has_nothing_left_to_send(situation: Situation) -> None:
    due, preferences, _, zone, rules = situation
    assert schedule_of(due, preferences, start_of_day(due, zone), zone, rules) == ()


# -- examples ---------------------------------------------------------------------------------------------------------


def test_an_auto_renewing_product_gets_its_reminder_debit_confirmation_and_invoice_notice_14_days_before() -> None:
    schedule = notification_schedule(
        "web-1",
        DUE,
        ProductPreferences(reminders=ReminderPreferences(enabled=False), auto_renewal=True),
        at=datetime(2027, 1, 1, tzinfo=ZURICH),
        zone=ZURICH,
    )
    assert [(n.day, n.kind) for n in schedule] == [(date(2027, 4, 16), kind) for kind in AUTO_RENEWAL_KINDS]
    assert [n.why for n in schedule] == [
        "auto-renewal reminder, 2 weeks before the due date 2027-04-30",
        "first debit attempt, 2 weeks before the due date 2027-04-30",
        "renewal and debit confirmation, expected on the first debit attempt, 2 weeks before the due date 2027-04-30",
        "invoice issued, expected on the first debit attempt, 2 weeks before the due date 2027-04-30",
    ]


def test_two_lead_times_landing_on_one_day_give_one_reminder_citing_the_furthest() -> None:
    """One month and 30 days before 1 May are both 1 April."""
    reminders = ReminderPreferences(lead_times=[LeadTime(days=30), LeadTime(months=1)])
    [reminder] = notification_schedule(
        "web-1",
        date(2027, 5, 1),
        ProductPreferences(reminders=reminders),
        at=datetime(2027, 1, 1, tzinfo=UTC),
        zone=UTC,
    )
    assert (reminder.day, reminder.lead) == (date(2027, 4, 1), LeadTime(months=1))


def test_a_notification_is_due_when_its_day_begins_in_the_organisation_s_time_zone() -> None:
    """The one-week reminder of 30 April 2027 is dated 23 April; in Zurich (UTC+2) that day begins at 22:00 UTC on
    22 April. Asked at that very moment it is still to come; a second later it is past."""
    preferences = ProductPreferences(reminders=ReminderPreferences(lead_times=[LeadTime.weeks(1)]))
    midnight = datetime(2027, 4, 22, 22, 0, tzinfo=UTC)
    assert start_of_day(date(2027, 4, 23), ZURICH) == midnight
    [reminder] = notification_schedule("web-1", DUE, preferences, at=midnight, zone=ZURICH)
    assert reminder.day == date(2027, 4, 23)
    assert notification_schedule("web-1", DUE, preferences, at=midnight + timedelta(seconds=1), zone=ZURICH) == ()
    in_utc = notification_schedule("web-1", DUE, preferences, at=midnight + timedelta(seconds=1), zone=UTC)
    assert [n.day for n in in_utc] == [date(2027, 4, 23)]  # the day has not begun yet in UTC


def test_a_reminder_already_past_when_reminders_are_switched_on_is_not_caught_up() -> None:
    three_weeks_before = datetime(2027, 4, 9, 12, 0, tzinfo=ZURICH)
    schedule = notification_schedule("web-1", DUE, ProductPreferences(), at=three_weeks_before, zone=ZURICH)
    assert [(n.day, str(n.lead)) for n in schedule] == [(date(2027, 4, 23), "1 week")]


def test_the_auto_renewal_deadline_is_the_start_of_the_first_debit_day_in_the_organisation_s_zone() -> None:
    assert auto_renewal_deadline(DUE, zone=ZURICH) == datetime(2027, 4, 16, tzinfo=ZURICH)
    assert auto_renewal_deadline(DUE, zone=UTC, rules=NotificationRules(auto_renewal_days=30)) == datetime(
        2027, 3, 31, tzinfo=UTC
    )


# -- bad input --------------------------------------------------------------------------------------------------------

AT = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: notification_schedule("", DUE, ProductPreferences(), at=AT, zone=UTC), InvalidInput, "product"),
        (lambda: notification_schedule(7, DUE, ProductPreferences(), at=AT, zone=UTC), InvalidInput, "product"),
        (lambda: notification_schedule("web\n", DUE, ProductPreferences(), at=AT, zone=UTC), InvalidInput, "product"),
        (lambda: notification_schedule("web-1", AT, ProductPreferences(), at=AT, zone=UTC), InvalidInput, "due"),
        (lambda: notification_schedule("web-1", "2027-04-30", ProductPreferences(), at=AT, zone=UTC), InvalidInput, "due"),
        (lambda: notification_schedule("web-1", date(1, 2, 1), ProductPreferences(), at=AT, zone=UTC), DueDateOutOfRange, "due"),
        (lambda: notification_schedule("web-1", DUE, ReminderPreferences(), at=AT, zone=UTC), InvalidInput, "preferences"),
        (lambda: notification_schedule("web-1", DUE, ProductPreferences(), at=datetime(2027, 1, 1), zone=UTC), InvalidMoment, "at"),
        (lambda: notification_schedule("web-1", DUE, ProductPreferences(), at=date(2027, 1, 1), zone=UTC), InvalidMoment, "at"),
        (lambda: notification_schedule("web-1", DUE, ProductPreferences(), at=AT, zone="Europe/Zurich"), InvalidZone, "zone"),
        (lambda: notification_schedule("web-1", DUE, ProductPreferences(), at=AT, zone=None), InvalidZone, "zone"),
        (lambda: notification_schedule("web-1", DUE, ProductPreferences(), at=AT, zone=UTC, rules=14), InvalidInput, "rules"),
        (lambda: auto_renewal_deadline(AT, zone=UTC), InvalidInput, "due"),
        (lambda: auto_renewal_deadline(DUE, zone=3), InvalidZone, "zone"),
        (lambda: auto_renewal_deadline(DUE, zone=UTC, rules=None), InvalidInput, "rules"),
    ],
)  # fmt: skip
def test_bad_input_to_the_schedule_is_refused_naming_the_field(call: object, error: type, field: str) -> None:
    with pytest.raises(error) as raised:
        call()  # type: ignore[operator]
    assert raised.value.field == field


def test_a_time_zone_without_an_offset_is_refused() -> None:
    class Nowhere(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta | None:
            return None

    class Broken(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta | None:
            raise RuntimeError("no data")

    for zone in (Nowhere(), Broken()):
        with pytest.raises(InvalidZone):
            notification_schedule("web-1", DUE, ProductPreferences(), at=AT, zone=zone)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: start_of_day(datetime(2027, 4, 23, tzinfo=UTC), UTC), InvalidInput, "day"),
        (lambda: start_of_day("2027-04-23", UTC), InvalidInput, "day"),
        (lambda: start_of_day(date(2027, 4, 23), "UTC"), InvalidZone, "zone"),
        (lambda: LeadTime(days=1).before(datetime(2027, 4, 23, tzinfo=UTC)), InvalidInput, "due"),
        (lambda: LeadTime(days=1).before(None), InvalidInput, "due"),
    ],
)  # fmt: skip
def test_bad_input_to_the_day_helpers_is_refused_naming_the_field(call: object, error: type, field: str) -> None:
    with pytest.raises(error) as raised:
        call()  # type: ignore[operator]
    assert raised.value.field == field
