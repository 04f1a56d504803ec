"""A plain reference for the sending job's window: every product's whole schedule, filtered to ``[start, end)`` by
moments converted to UTC, then sorted — no bound, no shortcut, nothing shared with the registry's own loop."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo

from infomanager_core.notifications import (
    Notification,
    NotificationRules,
    ProductPreferences,
    notification_schedule,
    start_of_day,
)

#: One product as the reference reads it: its id, due date, preferences in force and organisation's zone.
Product = tuple[str, date, ProductPreferences, tzinfo]


def due_in_window(
    products: Iterable[Product], start: datetime, end: datetime, rules: NotificationRules
) -> tuple[Notification, ...]:
    """Every notification of ``products`` whose day begins (in its zone, as a UTC instant) in ``[start, end)``."""
    first, last = start.astimezone(UTC), end.astimezone(UTC)
    found: list[tuple[datetime, Notification]] = []
    for product, due, preferences, zone in products:
        long_before = start_of_day(due - timedelta(days=70), zone)
        for notification in notification_schedule(product, due, preferences, at=long_before, zone=zone, rules=rules):
            moment = start_of_day(notification.day, zone).astimezone(UTC)
            if first <= moment < last:
                found.append((moment, notification))
    return tuple(n for _, n in sorted(found, key=lambda pair: (pair[0], pair[1].sort_key())))
