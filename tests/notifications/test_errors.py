"""The notification refusals as a caller catches them: each an ``InvalidInput`` (and its documented parents) keeping
its data as attributes; a lead time refused is shown as a person would say it.

These pin the error classes' logic; of their message texts, only how a moment in a rule is written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from infomanager_core.errors import InfomanagerError, InvalidInput
from infomanager_core.notifications import errors
from infomanager_core.notifications.errors import (
    AutoRenewalTooLate,
    DueDateOutOfRange,
    InvalidLeadTime,
    InvalidNotificationRules,
    InvalidZone,
    LeadTimeBeyondTwoMonths,
    NoLeadTime,
    WindowEndsBeforeStart,
)
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

AT = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 6, 17, 0, 0, tzinfo=UTC)
ZURICH_DEADLINE = datetime(2026, 6, 17, 0, 0, tzinfo=ZoneInfo("Europe/Zurich"))

#: Each refusal, with its documented parents besides ``InvalidInput`` and the data it keeps.
REFUSALS: list[tuple[InvalidInput, tuple[type, ...], dict[str, Any]]] = [
    (InvalidLeadTime("lead_time", -1, "must not be negative"), (), {"field": "lead_time", "value": -1}),
    (
        LeadTimeBeyondTwoMonths(months=1, days=30),
        (InvalidLeadTime,),
        {"field": "lead_time", "value": "1 month 30 days", "months": 1, "days": 30},
    ),
    (NoLeadTime(), (), {"field": "lead_times", "value": ()}),
    (InvalidNotificationRules("auto_renewal_days", 0, "must be at least 1"), (), {"field": "auto_renewal_days"}),
    (InvalidZone("Europe/Zurich"), (), {"field": "zone", "value": "Europe/Zurich"}),
    (DueDateOutOfRange(date(1, 1, 2)), (), {"field": "due", "value": date(1, 1, 2)}),
    (
        AutoRenewalTooLate(product="web-1", at=AT, due=date(2026, 7, 1), deadline=DEADLINE, days=14),
        (),
        {"field": "at", "value": AT, "product": "web-1", "due": date(2026, 7, 1), "deadline": DEADLINE, "days": 14},
    ),
    (
        WindowEndsBeforeStart(start=AT, end=DEADLINE),
        (),
        {"field": "end", "value": DEADLINE, "start": AT, "end": DEADLINE},
    ),
]


def test_every_error_the_notifications_area_defines_is_listed_here() -> None:
    assert errors_defined_in(errors) == {type(error) for error, _, _ in REFUSALS}


@pytest.mark.parametrize(("error", "parents", "data"), REFUSALS, ids=[type(e).__name__ for e, _, _ in REFUSALS])
def test_a_notification_refusal_is_invalid_input_and_its_documented_parents_keeping_its_data(
    error: InvalidInput, parents: tuple[type, ...], data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError, *parents))
    assert_keeps_its_data_even_pickled(error, data)


@pytest.mark.parametrize(
    ("months", "days", "said"),
    [
        (1, 0, "1 month"),
        (2, 1, "2 months 1 day"),
        (0, 1, "1 day"),
        (0, 7, "1 week"),
        (0, 63, "9 weeks"),
        (0, 60, "60 days"),
        (1, 28, "1 month 4 weeks"),
        (1, 30, "1 month 30 days"),
        (0, 0, "0 days"),
    ],
)
def test_a_lead_time_beyond_two_months_is_shown_in_months_and_weeks_or_days(months: int, days: int, said: str) -> None:
    assert LeadTimeBeyondTwoMonths(months=months, days=days).value == said


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            AutoRenewalTooLate(product="web-1", at=AT, due=date(2026, 7, 1), deadline=ZURICH_DEADLINE, days=14),
            "at: 2026-06-20 09:00:00+00:00 must be no later than 2026-06-17 00:00:00+02:00 (Europe/Zurich)",
        ),
        (
            WindowEndsBeforeStart(start=ZURICH_DEADLINE, end=DEADLINE),
            "end: 2026-06-17 00:00:00+00:00 must not be earlier than the window's start 2026-06-17 00:00:00+02:00 "
            "(Europe/Zurich)",
        ),
    ],
    ids=["AutoRenewalTooLate", "WindowEndsBeforeStart"],
)
def test_a_moment_in_a_refusal_s_rule_is_written_as_its_value_is_with_its_zone(error: InvalidInput, said: str) -> None:
    assert str(error).startswith(said)
