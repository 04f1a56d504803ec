"""Preference events: every change to billing-notification preferences, as frozen facts for an audit log."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

__all__ = ["PreferenceEvent", "PreferenceEventKind"]


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
