"""Billing-notification preferences: renewal reminders (on or off, and their lead times) and auto-renewal.

* :class:`ReminderPreferences` — the organisation's choice, or one product's own: renewal reminder e-mails ``enabled``
  or not, and the ``lead_times`` at which they are sent. Lead times are kept in canonical order, furthest first,
  without duplicates; they are kept while reminders are off, so switching them on again restores the same frequency.
  By default reminders are on, one month and one week before the due date (:data:`DEFAULT_LEAD_TIMES`).
* :class:`ProductPreferences` — what applies to one product: its reminder preferences and whether it renews
  automatically (off by default: switching it on is what allows the debit).
* :class:`NotificationRules` — the operator's rule: auto-renewal's reminder and first debit attempt come
  :data:`AUTO_RENEWAL_DAYS` (14) days before the due date, and auto-renewal cannot be switched on later than that.

>>> preferences = ReminderPreferences(lead_times=[LeadTime.weeks(1), LeadTime(months=2), LeadTime(days=7)])
>>> [str(lead) for lead in preferences.lead_times]
['2 months', '1 week']
>>> ReminderPreferences(lead_times=[])
Traceback (most recent call last):
...
infomanager_core.notifications.errors.NoLeadTime: lead_times: () must name at least one lead time while reminders are on
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..access.checks import typed
from ..errors import InvalidInput
from .errors import InvalidNotificationRules, NoLeadTime
from .lead_time import SHORTEST_TWO_MONTHS, LeadTime

__all__ = [
    "AUTO_RENEWAL_DAYS",
    "DEFAULT_LEAD_TIMES",
    "NotificationRules",
    "ProductPreferences",
    "ReminderPreferences",
    "lead_times",
]

#: Auto-renewal's reminder and first debit attempt come this many days before the due date [public: J-14].
AUTO_RENEWAL_DAYS = 14

#: Renewal reminders by default: one month, then one week, before the due date [decision].
DEFAULT_LEAD_TIMES: tuple[LeadTime, ...] = (LeadTime(months=1), LeadTime.weeks(1))


def lead_times(value: object) -> tuple[LeadTime, ...]:
    """``value`` — any iterable of :class:`LeadTime` — in canonical order: furthest first, each once.

    >>> [str(lead) for lead in lead_times([LeadTime(days=1), LeadTime(months=1), LeadTime(days=1)])]
    ['1 month', '1 day']
    """
    if isinstance(value, str | bytes | LeadTime) or not isinstance(value, Iterable):
        raise InvalidInput("lead_times", value, "must be an iterable of LeadTime values")
    items = tuple(value)
    for item in items:
        if not isinstance(item, LeadTime):
            raise InvalidInput("lead_times", items, f"must hold LeadTime values only (found {item!r})")
    return tuple(sorted(set(items), key=LeadTime.sort_key, reverse=True))


def _check_reminders(preferences: ReminderPreferences, _attribute: object, _value: object) -> None:
    if preferences.enabled and not preferences.lead_times:
        raise NoLeadTime


@attrs.frozen(kw_only=True)
class ReminderPreferences:
    """Renewal reminder e-mails: ``enabled`` or not, sent at each of ``lead_times`` before the due date.

    >>> ReminderPreferences(lead_times=[LeadTime(days=14)]).lead_times
    (LeadTime(months=0, days=14),)
    """

    enabled: bool = attrs.field(default=True, validator=typed("enabled", bool, "a bool"))
    lead_times: tuple[LeadTime, ...] = attrs.field(
        default=DEFAULT_LEAD_TIMES, converter=lead_times, validator=_check_reminders
    )


@attrs.frozen(kw_only=True)
class ProductPreferences:
    """What applies to one product: its renewal ``reminders`` and whether it has ``auto_renewal``.

    >>> preferences = ProductPreferences(auto_renewal=True)
    >>> preferences.auto_renewal, preferences.reminders.enabled
    (True, True)
    """

    reminders: ReminderPreferences = attrs.field(
        factory=ReminderPreferences, validator=typed("reminders", ReminderPreferences, "a ReminderPreferences")
    )
    auto_renewal: bool = attrs.field(default=False, validator=typed("auto_renewal", bool, "a bool"))


def _check_days(_rules: object, _attribute: object, days: object) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= SHORTEST_TWO_MONTHS:
        raise InvalidNotificationRules(
            "auto_renewal_days", days, f"must be a whole number of days from 1 to {SHORTEST_TWO_MONTHS}"
        )


@attrs.frozen(kw_only=True)
class NotificationRules:
    """The operator's rules: auto-renewal's reminder, first debit attempt and switch-on deadline come
    ``auto_renewal_days`` before the due date (14 by default; at most 59, so within two months of any due date).

    >>> str(NotificationRules().auto_renewal_lead)
    '2 weeks'
    """

    auto_renewal_days: int = attrs.field(default=AUTO_RENEWAL_DAYS, validator=_check_days)

    @property
    def auto_renewal_lead(self) -> LeadTime:
        """``auto_renewal_days`` as a lead time."""
        return LeadTime(days=self.auto_renewal_days)
