"""Preferences: lead times in canonical order without duplicates, reminders kept while off, operator rules bounded."""

from __future__ import annotations

from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.notifications import (
    AUTO_RENEWAL_DAYS,
    DEFAULT_LEAD_TIMES,
    InvalidNotificationRules,
    LeadTime,
    NoLeadTime,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    lead_times,
)
from tests.notifications.strategies import accepted_lead_times


@given(st.lists(accepted_lead_times(), min_size=1), st.randoms())
def test_lead_times_are_kept_furthest_first_each_once_whatever_order_they_are_given_in(
    given_leads: list[LeadTime], random: Random
) -> None:
    shuffled = list(given_leads)
    random.shuffle(shuffled)
    canonical = ReminderPreferences(lead_times=given_leads).lead_times
    assert ReminderPreferences(lead_times=shuffled).lead_times == canonical
    assert set(canonical) == set(given_leads)
    assert len(set(canonical)) == len(canonical)
    keys = [lead.sort_key() for lead in canonical]
    assert keys == sorted(keys, reverse=True)


def test_equal_lead_times_written_differently_count_once() -> None:
    preferences = ReminderPreferences(lead_times=[LeadTime.weeks(2), LeadTime(days=14), LeadTime(months=1)])
    assert preferences.lead_times == (LeadTime(months=1), LeadTime(days=14))


def test_by_default_reminders_are_on_one_month_and_one_week_before_and_auto_renewal_is_off() -> None:
    assert ReminderPreferences() == ReminderPreferences(enabled=True, lead_times=DEFAULT_LEAD_TIMES)
    assert [str(lead) for lead in DEFAULT_LEAD_TIMES] == ["1 month", "1 week"]
    assert ProductPreferences() == ProductPreferences(reminders=ReminderPreferences(), auto_renewal=False)
    assert NotificationRules().auto_renewal_days == AUTO_RENEWAL_DAYS == 14


def test_switching_reminders_off_keeps_their_lead_times_for_when_they_are_switched_on_again() -> None:
    chosen = ReminderPreferences(lead_times=[LeadTime(months=2), LeadTime(days=3)])
    off = attrs.evolve(chosen, enabled=False)
    assert off.lead_times == chosen.lead_times
    assert attrs.evolve(off, enabled=True) == chosen


def test_reminders_switched_on_need_a_lead_time_but_off_they_may_have_none() -> None:
    with pytest.raises(NoLeadTime) as raised:
        ReminderPreferences(enabled=True, lead_times=())
    assert raised.value.field == "lead_times"
    assert ReminderPreferences(enabled=False, lead_times=()).lead_times == ()


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"enabled": 1}, "enabled"),
        ({"enabled": "yes"}, "enabled"),
        ({"lead_times": LeadTime(days=1)}, "lead_times"),
        ({"lead_times": "1 month"}, "lead_times"),
        ({"lead_times": 7}, "lead_times"),
        ({"lead_times": [LeadTime(days=1), 7]}, "lead_times"),
        ({"lead_times": [{"months": 1}]}, "lead_times"),
    ],
)
def test_reminder_preferences_of_the_wrong_type_are_refused_naming_the_field(
    arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        ReminderPreferences(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_lead_times_accept_any_iterable() -> None:
    assert lead_times(iter([LeadTime(days=1), LeadTime(days=2)])) == (LeadTime(days=2), LeadTime(days=1))
    assert lead_times(frozenset({LeadTime(months=1)})) == (LeadTime(months=1),)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"reminders": None}, "reminders"),
        ({"auto_renewal": 1}, "auto_renewal"),
        ({"auto_renewal": None}, "auto_renewal"),
    ],
)
def test_product_preferences_of_the_wrong_type_are_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        ProductPreferences(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


@pytest.mark.parametrize("days", [0, -14, 60, 90, True, 14.0, "14", None])
def test_the_auto_renewal_lead_is_from_one_day_to_59_days(days: object) -> None:
    with pytest.raises(InvalidNotificationRules) as raised:
        NotificationRules(auto_renewal_days=days)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("auto_renewal_days", days)


def test_an_operator_may_choose_another_auto_renewal_lead() -> None:
    assert NotificationRules(auto_renewal_days=30).auto_renewal_lead == LeadTime(days=30)
    assert NotificationRules(auto_renewal_days=59).auto_renewal_lead == LeadTime(days=59)
