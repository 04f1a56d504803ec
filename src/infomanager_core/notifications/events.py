"""Preference events: every change to billing-notification preferences, as frozen facts for an audit log."""

from __future__ import annotations

import enum
from datetime import datetime, tzinfo

import attrs

from .preferences import ReminderPreferences

__all__ = ["PreferenceEvent", "PreferenceEventKind", "RegisteredOrganisation"]


class PreferenceEventKind(enum.Enum):
    """Every kind of change the registry records."""

    ORGANISATION_ADDED = "organisation added"
    PRODUCT_ADDED = "product added"
    REMINDERS_CHANGED = "reminder preferences changed"
    PRODUCT_REMINDERS_CHANGED = "product reminder preferences changed"
    AUTO_RENEWAL_SWITCHED_ON = "auto-renewal switched on"
    AUTO_RENEWAL_SWITCHED_OFF = "auto-renewal switched off"
    DUE_DATE_CHANGED = "due date changed"


@attrs.frozen(kw_only=True)
class PreferenceEvent:
    """Who (a person id) changed what for which organisation (and ``product``), when, with the value ``before`` and
    ``after`` (``None`` when there was none: a product without its own reminder preferences, a new registration)."""

    what: PreferenceEventKind
    by: str
    at: datetime
    organisation: str
    product: str | None = None
    before: object = None
    after: object = None


@attrs.frozen(kw_only=True)
class RegisteredOrganisation:
    """What an "organisation added" event records: the time zone whose calendar days date the organisation's
    notifications, and the reminder preferences it starts with — so that an audit log tells which day a reminder was
    due on without asking the registry.

    >>> from datetime import UTC, datetime
    >>> from zoneinfo import ZoneInfo
    >>> from infomanager_core.notifications import BillingNotifications
    >>> [event] = BillingNotifications().add_organisation("bakery", zone=ZoneInfo("Europe/Zurich"), by="carl",
    ...                                                    at=datetime(2027, 1, 4, tzinfo=UTC))
    >>> str(event.after.zone), [str(lead) for lead in event.after.reminders.lead_times]
    ('Europe/Zurich', ['1 month', '1 week'])
    """

    zone: tzinfo
    reminders: ReminderPreferences
