"""The registry of preferences: changes take effect at once, auto-renewal has a deadline, refusals change nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AlreadyRegistered,
    BackdatedCommand,
    InvalidMoment,
    UnknownOrganisation,
    UnknownProduct,
)
from infomanager_core.notifications import (
    AutoRenewalTooLate,
    BillingNotifications,
    DueDateOutOfRange,
    InvalidZone,
    LeadTime,
    NoLeadTime,
    NotificationKind,
    NotificationRules,
    PreferenceEventKind,
    ProductPreferences,
    RegisteredOrganisation,
    ReminderPreferences,
    auto_renewal_deadline,
)
from tests.notifications.strategies import due_dates, moments_around, reminder_preferences, zones

ZURICH = ZoneInfo("Europe/Zurich")
START = datetime(2027, 1, 4, 9, 0, tzinfo=ZURICH)
DUE = date(2027, 4, 30)


def bakery(zone: tzinfo = ZURICH, due: date = DUE, at: datetime = START) -> BillingNotifications:
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=zone, by="carl", at=at)
    registry.add_product("web-1", organisation="bakery", due=due, by="carl", at=at)
    registry.add_product("mail-1", organisation="bakery", due=date(2027, 6, 30), by="carl", at=at)
    return registry


@given(zone=zones(), reminders=st.none() | reminder_preferences())
def test_the_registration_event_records_the_zone_that_dates_every_notification(
    zone: tzinfo, reminders: ReminderPreferences | None
) -> None:
    """An audit log that kept only the events can tell on which day each reminder was due: the zone is in them."""
    registry = BillingNotifications()
    [added] = registry.add_organisation("bakery", zone=zone, by="carl", at=START, reminders=reminders)
    assert added.what is PreferenceEventKind.ORGANISATION_ADDED
    assert added.after == RegisteredOrganisation(zone=zone, reminders=reminders or ReminderPreferences())
    assert added.after.zone is registry.zone("bakery")


def refused_and_unchanged(
    registry: BillingNotifications, command: Callable[[], object], error: type[Exception]
) -> Exception:
    before = copy.deepcopy(registry)
    with pytest.raises(error) as raised:
        command()
    assert registry == before
    registry.check_invariants()
    return raised.value


def test_a_product_follows_its_organisation_s_reminders_until_it_has_its_own() -> None:
    registry = bakery()
    weekly = ReminderPreferences(lead_times=[LeadTime.weeks(n) for n in (1, 2, 3, 4)])
    [changed] = registry.set_reminders("bakery", weekly, by="carl", at=START)
    assert (changed.what, changed.before, changed.after) == (
        PreferenceEventKind.REMINDERS_CHANGED,
        ReminderPreferences(),
        weekly,
    )
    assert registry.preferences("web-1") == registry.preferences("mail-1") == ProductPreferences(reminders=weekly)
    off = ReminderPreferences(enabled=False)
    [own] = registry.set_product_reminders("mail-1", off, by="carl", at=START)
    assert (own.product, own.before, own.after) == ("mail-1", None, off)
    assert (registry.own_reminders("mail-1"), registry.own_reminders("web-1")) == (off, None)
    assert registry.schedule("mail-1", at=START) == ()
    assert len(registry.schedule("web-1", at=START)) == 4
    [back] = registry.set_product_reminders("mail-1", None, by="carl", at=START)
    assert (back.before, back.after, registry.own_reminders("mail-1")) == (off, None, None)
    assert registry.preferences("mail-1").reminders == weekly


def test_a_change_takes_effect_at_once_for_every_notification_not_yet_due() -> None:
    """Reminders one month and one week before 30 April; on 1 April, a day after the first went out, the bakery asks
    for two weeks and one week instead: the one-month reminder stays in the past, the two-week one is now to come."""
    registry = bakery()
    first_of_april = datetime(2027, 4, 1, 8, 0, tzinfo=ZURICH)
    assert [n.day for n in registry.schedule("web-1", at=START)] == [date(2027, 3, 30), date(2027, 4, 23)]
    assert [n.day for n in registry.schedule("web-1", at=first_of_april)] == [date(2027, 4, 23)]
    registry.set_reminders(
        "bakery", ReminderPreferences(lead_times=[LeadTime.weeks(2), LeadTime.weeks(1)]), by="carl", at=first_of_april
    )
    assert [n.day for n in registry.schedule("web-1", at=first_of_april)] == [date(2027, 4, 16), date(2027, 4, 23)]


def test_a_change_to_what_already_holds_records_nothing() -> None:
    registry = bakery()
    later = START + timedelta(hours=1)
    assert registry.set_reminders("bakery", ReminderPreferences(), by="carl", at=later) == ()
    assert registry.switch_auto_renewal("web-1", False, by="carl", at=later) == ()
    assert registry.set_due_date("web-1", DUE, by="carl", at=later) == ()
    assert registry.set_product_reminders("web-1", None, by="carl", at=later) == ()
    registry.set_reminders("bakery", ReminderPreferences(enabled=False), by="carl", at=START)  # the clock did not move


def test_auto_renewal_may_be_switched_on_until_the_first_debit_day_begins_and_off_at_any_time() -> None:
    registry = bakery()
    deadline = datetime(2027, 4, 16, tzinfo=ZURICH)
    error = refused_and_unchanged(
        registry,
        lambda: registry.switch_auto_renewal("web-1", True, by="carl", at=deadline + timedelta(microseconds=1)),
        AutoRenewalTooLate,
    )
    assert isinstance(error, AutoRenewalTooLate)
    assert (error.field, error.product, error.due, error.deadline, error.days) == ("at", "web-1", DUE, deadline, 14)
    assert "not within 14 days of its due date 2027-04-30" in str(error)
    registry = bakery()
    [on] = registry.switch_auto_renewal("web-1", True, by="carl", at=deadline)
    assert (on.what, on.before, on.after) == (PreferenceEventKind.AUTO_RENEWAL_SWITCHED_ON, False, True)
    assert NotificationKind.DEBIT_ATTEMPT in [n.kind for n in registry.schedule("web-1", at=deadline)]
    [off] = registry.switch_auto_renewal("web-1", False, by="carl", at=datetime(2027, 4, 29, tzinfo=ZURICH))
    assert off.what is PreferenceEventKind.AUTO_RENEWAL_SWITCHED_OFF


def test_an_operator_may_set_another_auto_renewal_lead() -> None:
    registry = BillingNotifications(NotificationRules(auto_renewal_days=30))
    registry.add_organisation("bakery", zone=UTC, by="carl", at=datetime(2027, 4, 5, tzinfo=UTC))
    registry.add_product("web-1", organisation="bakery", due=DUE, by="carl", at=datetime(2027, 4, 5, tzinfo=UTC))
    with pytest.raises(AutoRenewalTooLate) as raised:
        registry.switch_auto_renewal("web-1", True, by="carl", at=datetime(2027, 4, 5, tzinfo=UTC))
    assert (raised.value.deadline, raised.value.days) == (datetime(2027, 3, 31, tzinfo=UTC), 30)


@given(st.data())
def test_auto_renewal_is_switched_on_exactly_when_its_first_debit_attempt_is_still_ahead(data: st.DataObject) -> None:
    due, zone = data.draw(due_dates()), data.draw(zones())
    at = data.draw(moments_around(due, zone))
    registry = bakery(zone=zone, due=due, at=min(at, START))
    if at <= auto_renewal_deadline(due, zone=zone):
        registry.switch_auto_renewal("web-1", True, by="carl", at=at)
        kinds = [n.kind for n in registry.schedule("web-1", at=at)]
        assert NotificationKind.DEBIT_ATTEMPT in kinds
    else:
        refused_and_unchanged(
            registry, lambda: registry.switch_auto_renewal("web-1", True, by="carl", at=at), AutoRenewalTooLate
        )


def test_after_a_renewal_the_due_date_moves_and_the_schedule_follows() -> None:
    registry = bakery()
    registry.switch_auto_renewal("web-1", True, by="carl", at=START)
    renewed = datetime(2027, 4, 16, 10, 0, tzinfo=ZURICH)
    [moved] = registry.set_due_date("web-1", date(2028, 4, 30), by="billing", at=renewed)
    assert (moved.what, moved.before, moved.after, moved.by) == (
        PreferenceEventKind.DUE_DATE_CHANGED, DUE, date(2028, 4, 30), "billing"
    )  # fmt: skip
    schedule = registry.schedule("web-1", at=renewed)
    assert schedule[0].day == date(2028, 3, 30)
    assert {n.day for n in schedule if n.kind is NotificationKind.DEBIT_ATTEMPT} == {date(2028, 4, 16)}


def test_a_command_or_a_schedule_dated_before_the_organisation_s_latest_change_is_refused() -> None:
    registry = bakery()
    later = START + timedelta(days=1)
    registry.set_reminders("bakery", ReminderPreferences(enabled=False), by="carl", at=later)
    for command in (
        lambda: registry.set_reminders("bakery", ReminderPreferences(), by="carl", at=START),
        lambda: registry.switch_auto_renewal("web-1", True, by="carl", at=START),
        lambda: registry.set_due_date("web-1", date(2027, 5, 1), by="carl", at=START),
        lambda: registry.set_product_reminders("web-1", ReminderPreferences(), by="carl", at=START),
        lambda: registry.add_product("web-2", organisation="bakery", due=DUE, by="carl", at=START),
        lambda: registry.schedule("web-1", at=START),
    ):
        error = refused_and_unchanged(registry, command, BackdatedCommand)
        assert isinstance(error, BackdatedCommand)
        assert (error.subject, error.latest) == ("organisation 'bakery'", later)
    [added] = registry.add_organisation("florist", zone=UTC, by="fay", at=START)  # each organisation has its clock
    assert added.at == START


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [
        (lambda r: r.add_organisation("bakery", zone=UTC, by="carl", at=START), AlreadyRegistered, "organisation"),
        (lambda r: r.add_organisation("", zone=UTC, by="carl", at=START), InvalidInput, "organisation"),
        (lambda r: r.add_organisation("florist", zone="UTC", by="carl", at=START), InvalidZone, "zone"),
        (lambda r: r.add_organisation("florist", zone=UTC, by="carl", at=START, reminders=True), InvalidInput, "reminders"),
        (lambda r: r.add_organisation("florist", zone=UTC, by=" ", at=START), InvalidInput, "by"),
        (lambda r: r.add_organisation("florist", zone=UTC, by="carl", at=datetime(2027, 1, 5)), InvalidMoment, "at"),
        (lambda r: r.add_product("web-1", organisation="bakery", due=DUE, by="carl", at=START), AlreadyRegistered, "product"),
        (lambda r: r.add_product("web-2", organisation="florist", due=DUE, by="carl", at=START), UnknownOrganisation, "organisation"),
        (lambda r: r.add_product("web-2", organisation="bakery", due=START, by="carl", at=START), InvalidInput, "due"),
        (lambda r: r.add_product("web-2", organisation="bakery", due=date(1, 1, 1), by="carl", at=START), DueDateOutOfRange, "due"),
        (lambda r: r.add_product("web\u200b2", organisation="bakery", due=DUE, by="carl", at=START), InvalidInput, "product"),
        (lambda r: r.set_reminders("florist", ReminderPreferences(), by="carl", at=START), UnknownOrganisation, "organisation"),
        (lambda r: r.set_reminders("bakery", ProductPreferences(), by="carl", at=START), InvalidInput, "reminders"),
        (lambda r: r.set_reminders("bakery", [LeadTime(days=1)], by="carl", at=START), InvalidInput, "reminders"),
        (lambda r: r.set_product_reminders("web-9", None, by="carl", at=START), UnknownProduct, "product"),
        (lambda r: r.set_product_reminders("web-1", False, by="carl", at=START), InvalidInput, "reminders"),
        (lambda r: r.switch_auto_renewal("web-1", "on", by="carl", at=START), InvalidInput, "on"),
        (lambda r: r.switch_auto_renewal("web-1", 1, by="carl", at=START), InvalidInput, "on"),
        (lambda r: r.switch_auto_renewal(["web-1"], True, by="carl", at=START), UnknownProduct, "product"),
        (lambda r: r.set_due_date("web-1", "2027-05-01", by="carl", at=START), InvalidInput, "due"),
        (lambda r: r.set_due_date("web-1", date(2027, 5, 1), by=None, at=START), InvalidInput, "by"),
        (lambda r: r.schedule("web-1", at="now"), InvalidMoment, "at"),
        (lambda r: r.reminders({}), UnknownOrganisation, "organisation"),
        (lambda r: r.due_date("web-9"), UnknownProduct, "product"),
        (lambda r: r.products("florist"), UnknownOrganisation, "organisation"),
        (lambda r: r.products(["bakery"]), UnknownOrganisation, "organisation"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(
    command: Callable[[BillingNotifications], object], error: type[InvalidInput], field: str
) -> None:
    registry = bakery()
    refused = refused_and_unchanged(registry, lambda: command(registry), error)
    assert isinstance(refused, InvalidInput)
    assert refused.field == field


def test_preferences_that_cannot_be_built_never_reach_the_registry() -> None:
    with pytest.raises(NoLeadTime):
        ReminderPreferences(lead_times=[])
    with pytest.raises(InvalidInput):
        BillingNotifications(rules=14)  # type: ignore[arg-type]


def test_the_rules_of_a_registry_cannot_be_swapped_afterwards() -> None:
    registry = bakery()
    with pytest.raises(AttributeError):
        registry.rules = NotificationRules(auto_renewal_days=1)  # type: ignore[misc]


@pytest.mark.parametrize("state", ["organisations", "products", "latest"])
def test_a_registry_starts_empty_and_takes_no_state_but_through_its_commands(state: str) -> None:
    """Organisations, products and clocks get in only through the checked commands, never handed to the constructor."""
    assert (BillingNotifications().organisations(), BillingNotifications().products()) == ((), ())
    with pytest.raises(TypeError):
        BillingNotifications(**{state: {}})  # type: ignore[arg-type]
