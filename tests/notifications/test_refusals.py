"""Whatever a caller passes, a registry command or query either does what it says or raises the library's own error —
naming the field, the value and the rule — and leaves the registry exactly as it was; the schedule's functions and
the preference values hold to the same."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.notifications import (
    BillingNotifications,
    LeadTime,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    auto_renewal_deadline,
    lead_times,
    notification_schedule,
    start_of_day,
)
from tests.refusals import assert_names_field_and_rule, quietly

HAVANA = ZoneInfo("America/Havana")
START = datetime(2026, 3, 1, 9, 0, tzinfo=HAVANA)

garbage = (
    st.none()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.binary(max_size=8)
    | st.text(max_size=12)
    | st.sampled_from(("x" * 5000, "\x00", "a\ud800", "\u200b", " ", "bakery"))
    | st.just(timedelta(days=1))
)
moments = (
    st.sampled_from(
        (
            START,
            datetime(2026, 3, 8, 1, 0, tzinfo=HAVANA),
            datetime(2026, 11, 1, 0, 15, fold=1, tzinfo=HAVANA),
            START - timedelta(days=1),
            datetime.max.replace(tzinfo=UTC),
            datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
        )
    )
    | st.datetimes(timezones=st.sampled_from((UTC, HAVANA)))
    | st.just(date(2026, 3, 8))
    | st.just(datetime(2026, 3, 8, 9))
    | garbage
)
days = st.sampled_from((date(2026, 3, 22), date(2026, 2, 28), date(2028, 2, 29), date(1, 1, 1), date.max)) | moments
zones = st.sampled_from((HAVANA, UTC, ZoneInfo("America/Santiago"))) | garbage
names = st.sampled_from(("bakery", "web-1", "mail-1", "dental")) | garbage
reminder_values = (
    st.sampled_from((ReminderPreferences(), ReminderPreferences(enabled=False), ReminderPreferences(lead_times=[LeadTime(months=2)])))
    | garbage
)  # fmt: skip


def registry() -> BillingNotifications:
    made = BillingNotifications()
    made.add_organisation("bakery", zone=HAVANA, by="carl", at=START)
    made.add_product("web-1", organisation="bakery", due=date(2026, 3, 22), by="carl", at=START)
    return made


@st.composite
def commands(draw: st.DrawFn, on: BillingNotifications) -> Callable[[], object]:
    at, by = draw(moments), draw(st.just("carl") | garbage)
    kind = draw(st.integers(0, 8))
    if kind == 0:
        organisation, zone, reminders = draw(names), draw(zones), draw(st.none() | reminder_values)
        return lambda: on.add_organisation(organisation, zone=zone, by=by, at=at, reminders=reminders)
    if kind == 1:
        product, organisation, due = draw(names), draw(names), draw(days)
        return lambda: on.add_product(product, organisation=organisation, due=due, by=by, at=at)
    if kind == 2:
        organisation, reminders = draw(names), draw(reminder_values)
        return lambda: on.set_reminders(organisation, reminders, by=by, at=at)
    if kind == 3:
        product, reminders = draw(names), draw(st.none() | reminder_values)
        return lambda: on.set_product_reminders(product, reminders, by=by, at=at)
    if kind == 4:
        product, switched = draw(names), draw(st.booleans() | garbage)
        return lambda: on.switch_auto_renewal(product, switched, by=by, at=at)
    if kind == 5:
        product, due = draw(names), draw(days)
        return lambda: on.set_due_date(product, due, by=by, at=at)
    if kind == 6:
        product = draw(names)
        return lambda: on.schedule(product, at=at)
    if kind == 7:
        start, end = draw(moments), draw(moments)
        return lambda: on.due_between(start, end)
    name = draw(names)
    return lambda: (quietly(on.reminders, name), quietly(on.zone, name), quietly(on.preferences, name))


@given(st.data())
def test_a_command_is_done_or_refused_with_a_named_rule_and_nothing_changed(data: st.DataObject) -> None:
    on = registry()
    for _ in range(data.draw(st.integers(1, 3))):
        command = data.draw(commands(on))
        before = copy.deepcopy(on)
        refused: InfomanagerError | None = None
        try:
            command()
        except InfomanagerError as error:
            refused = error
        if refused is not None:
            assert on == before
            assert_names_field_and_rule(refused)
        on.check_invariants()


functions: dict[str, Callable[[Any], object]] = {
    "schedule product": lambda v: notification_schedule(v, date(2026, 3, 22), ProductPreferences(), at=START, zone=HAVANA),
    "schedule due": lambda v: notification_schedule("web-1", v, ProductPreferences(), at=START, zone=HAVANA),
    "schedule preferences": lambda v: notification_schedule("web-1", date(2026, 3, 22), v, at=START, zone=HAVANA),
    "schedule at": lambda v: notification_schedule("web-1", date(2026, 3, 22), ProductPreferences(), at=v, zone=HAVANA),
    "schedule zone": lambda v: notification_schedule("web-1", date(2026, 3, 22), ProductPreferences(), at=START, zone=v),
    "schedule rules": lambda v: notification_schedule("web-1", date(2026, 3, 22), ProductPreferences(), at=START, zone=UTC, rules=v),
    "deadline due": lambda v: auto_renewal_deadline(v, zone=HAVANA),
    "deadline zone": lambda v: auto_renewal_deadline(date(2026, 3, 22), zone=v),
    "start_of_day day": lambda v: start_of_day(v, HAVANA),
    "start_of_day zone": lambda v: start_of_day(date(2026, 3, 8), v),
    "LeadTime months": lambda v: LeadTime(months=v),
    "LeadTime days": lambda v: LeadTime(days=v),
    "LeadTime.weeks": lambda v: LeadTime.weeks(v),
    "LeadTime.before": lambda v: LeadTime(months=2).before(v),
    "lead_times": lambda v: lead_times(v),
    "ReminderPreferences enabled": lambda v: ReminderPreferences(enabled=v),
    "ReminderPreferences lead_times": lambda v: ReminderPreferences(lead_times=v),
    "ProductPreferences reminders": lambda v: ProductPreferences(reminders=v),
    "ProductPreferences auto_renewal": lambda v: ProductPreferences(auto_renewal=v),
    "NotificationRules": lambda v: NotificationRules(auto_renewal_days=v),
    "BillingNotifications": lambda v: BillingNotifications(v),
}  # fmt: skip


@given(name=st.sampled_from(sorted(functions)), value=days | zones | st.lists(garbage, max_size=2))
def test_a_public_function_given_a_wrong_value_raises_the_library_s_own_error(name: str, value: object) -> None:
    refused: InvalidInput | None = None
    try:
        functions[name](value)
    except InvalidInput as error:
        refused = error
    assert_names_field_and_rule(refused)
