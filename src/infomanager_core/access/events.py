"""Domain events: what each accepted command changed, for e-mails and an audit log.

An :class:`AccessEvent` says who (a person id, or ``None`` when no person acted: the operator's own system registering
a person, an organisation or a product without naming one), what (:class:`EventKind`), when, about
which thing (``subject``: an organisation, invitation or partnership id), the value before and after, and which
organisations should hear of it (``notify``). Events are facts: frozen, never edited.

Together they are the programme's whole story: each event holds what its command needs to be made again, so that
:func:`~infomanager_core.access.replay.replay` rebuilds the programme as it stood at any moment. Two fields say what
``subject`` alone does not: ``organisation``, the organisation a member event's person belongs to and the partner
whose staff an assignment event concerns; and ``cause``, the change a ``client unassigned`` event is part of when no
one unassigned the client by hand (``member removed`` or ``partnership ended``: the command that dropped it).
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
    organisation: str | None = None
    cause: EventKind | None = None
