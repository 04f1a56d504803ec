"""Behaviours of billing notifications that mutation testing showed no test held (review of 2026-11-29).

Each test names a behaviour a caller or a partner relies on, and fails when the library loses it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from infomanager_core.errors import InvalidInput
from infomanager_core.notifications import BillingNotifications, ReminderPreferences, lead_times

SETUP = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", b""], ids=["str", "bytes"])
def test_empty_text_is_refused_as_lead_times_not_read_as_no_lead_time(text: object) -> None:
    """Text is iterable, and an empty one holds no LeadTime to refuse: taken as an iterable, it would be read as no
    lead time at all — reminders switched off would keep none to come back to — instead of refused as the wrong type."""
    with pytest.raises(InvalidInput) as raised:
        lead_times(text)
    assert (raised.value.field, raised.value.value) == ("lead_times", text)
    with pytest.raises(InvalidInput) as raised:
        ReminderPreferences(enabled=False, lead_times=text)  # type: ignore[arg-type]
    assert raised.value.field == "lead_times"


def test_notifications_due_at_one_moment_come_in_product_order_whatever_order_products_were_added_in() -> None:
    """A sending job's window orders notifications of one moment, day and kind by product, as a schedule does: not by
    the order the registry happened to learn of the products."""
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=UTC, by="carl", at=SETUP)
    for product in ("web-3", "mail-1", "web-2", "db-9"):
        registry.add_product(product, organisation="bakery", due=date(2027, 4, 30), by="carl", at=SETUP)
    window = registry.due_between(datetime(2027, 3, 30, tzinfo=UTC), datetime(2027, 3, 31, tzinfo=UTC))
    assert [notification.product for notification in window] == ["db-9", "mail-1", "web-2", "web-3"]
