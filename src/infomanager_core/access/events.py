"""Domain events: what each accepted command changed, for e-mails and an audit log.

An :class:`AccessEvent` says who (a person id, or ``None`` when no person acted: the operator's own system registering
a person, an organisation or a product without naming one), what (:class:`EventKind`), when, about
which thing (``subject``: an organisation, invitation or partnership id), the value before and after, and which
organisations should hear of it (``notify``). Events are facts: frozen, never edited.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

__all__ = ["AccessEvent", "EventKind"]


class EventKind(enum.Enum):
    """Every kind of change the access area can report."""

    ORGANISATION_REGISTERED = "organisation registered"
    PERSON_REGISTERED = "person registered"
    MEMBER_ADDED = "member added"
    ROLE_CHANGED = "role changed"
    MEMBER_REMOVED = "member removed"
    PRODUCT_ADDED = "product added"
    INVITATION_SENT = "invitation sent"
    INVITATION_ACCEPTED = "invitation accepted"
    INVITATION_REFUSED = "invitation refused"
    INVITATION_CANCELLED = "invitation cancelled"
    PARTNERSHIP_STARTED = "partnership started"
    ACCESS_CHANGED = "access changed"
    CLIENT_ASSIGNED = "client assigned"
    CLIENT_UNASSIGNED = "client unassigned"
    PARTNERSHIP_ENDED = "partnership ended"


@attrs.frozen(kw_only=True)
class AccessEvent:
    """One change: who did what, when, to which subject, with the value before and after."""

    what: EventKind
    by: str | None
    at: datetime
    subject: str
    before: object = None
    after: object = None
    notify: frozenset[str] = frozenset()
