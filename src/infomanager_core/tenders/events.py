"""Tender events: every change on the board, as frozen facts an application turns into e-mails or an audit log.

No event carries a client's contact details or a cancellation token, so an event log can be kept and shown freely: the
details reach a partner only in what :meth:`~infomanager_core.tenders.TenderBoard.open` returns.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from .call import CallExcerpt

__all__ = ["TenderEvent", "TenderEventKind"]


class TenderEventKind(enum.Enum):
    """Every kind of change on the tender board."""

    OPTED_IN = "partner opted in"
    OPTED_OUT = "partner opted out"
    SUBMITTED = "call submitted"
    EXCERPT_SENT = "excerpt sent"
    OPENED = "call opened"
    CANCELLED = "call cancelled"
    ANSWERED = "proposal made"
    ACCEPTED = "proposal accepted"
    DECLINED = "proposal declined"


@attrs.frozen(kw_only=True)
class TenderEvent:
    """What happened, when, done by which ``organisation`` (the client or the partner) and by whom in it (``by``, a
    person id; ``None`` when the command named nobody: a cancellation by whoever held the token); to be told to
    ``recipient``.

    ``recipient`` is whom an application notifies: the partner an excerpt is sent to, the client a proposal is made
    to, the partner whose proposal was decided; ``None`` when nobody is to be told. ``excerpt`` is set for a
    submission and each excerpt sent: it is what a partner is sent, not the event, whose ``organisation`` names the
    client for the audit log.
    """

    what: TenderEventKind
    by: str | None = None
    at: datetime
    organisation: str
    call: str | None = None
    proposal: str | None = None
    recipient: str | None = None
    excerpt: CallExcerpt | None = None
