"""A notification: one thing a product's billing calendar says happens on one day, and why.

Renewal reminders go out at the organisation's lead times. Auto-renewal adds, all on its first debit attempt's day
(14 days before the due date): a reminder, the debit attempt itself, and — expected once that debit succeeds — the
confirmation of renewal and debit, and the notice that the invoice is issued. Notifications of one day come in the
order of :class:`NotificationKind`.

>>> from datetime import date
>>> from infomanager_core.notifications import LeadTime
>>> notification = Notification(kind=NotificationKind.RENEWAL_REMINDER, day=date(2027, 3, 30), product="web-1",
...     due=date(2027, 4, 30), lead=LeadTime(months=1))
>>> notification.why
'renewal reminder, 1 month before the due date 2027-04-30'
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from .lead_time import LeadTime

__all__ = ["AUTO_RENEWAL_KINDS", "Notification", "NotificationKind"]


class NotificationKind(enum.Enum):
    """Every kind of billing notification, in the order they come on one day."""

    RENEWAL_REMINDER = "renewal reminder"
    AUTO_RENEWAL_REMINDER = "auto-renewal reminder"
    DEBIT_ATTEMPT = "first debit attempt"
    RENEWAL_CONFIRMATION = "renewal and debit confirmation"
    INVOICE_ISSUED = "invoice issued"

    @property
    def rank(self) -> int:
        """The position of this kind among the notifications of one day."""
        return _RANKS[self]


_RANKS = {kind: rank for rank, kind in enumerate(NotificationKind)}

#: What auto-renewal adds to a product's schedule, all on its first debit attempt's day.
AUTO_RENEWAL_KINDS: tuple[NotificationKind, ...] = (
    NotificationKind.AUTO_RENEWAL_REMINDER,
    NotificationKind.DEBIT_ATTEMPT,
    NotificationKind.RENEWAL_CONFIRMATION,
    NotificationKind.INVOICE_ISSUED,
)

_EXPECTED = (NotificationKind.RENEWAL_CONFIRMATION, NotificationKind.INVOICE_ISSUED)


@attrs.frozen(kw_only=True)
class Notification:
    """A notification of ``kind`` for ``product`` on ``day``, ``lead`` before its ``due`` date."""

    kind: NotificationKind
    day: date
    product: str
    due: date
    lead: LeadTime

    @property
    def why(self) -> str:
        """Why this notification is on this day, for a person."""
        when = f"{self.lead} before the due date {self.due.isoformat()}"
        if self.kind in _EXPECTED:
            return f"{self.kind.value}, expected on the first debit attempt, {when}"
        return f"{self.kind.value}, {when}"

    def sort_key(self) -> tuple[date, int, str]:
        """The order of a schedule: by day, then kind (see :class:`NotificationKind`), then product."""
        return (self.day, self.kind.rank, self.product)
