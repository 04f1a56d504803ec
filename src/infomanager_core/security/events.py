"""Security events: every change to an account, as frozen facts an application turns into e-mails, device
notifications or an audit log. An event never carries a secret."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

__all__ = ["SecurityEvent", "SecurityEventKind"]


class SecurityEventKind(enum.Enum):
    """Every kind of change to an account's security."""

    PASSWORD_CHANGED = "password changed"
    APPLICATION_PASSWORD_CREATED = "application password created"
    APPLICATION_PASSWORD_REVOKED = "application password revoked"
    API_TOKEN_CREATED = "API token created"
    API_TOKEN_REVOKED = "API token revoked"


@attrs.frozen(kw_only=True)
class SecurityEvent:
    """What happened to ``account`` at ``at``; ``subject`` is the id of what it happened to (a credential, a method…),
    ``by`` who did it (the account holder unless a person of the support team acted), ``detail`` what more an
    application needs to tell people (a device to notify, what was deleted…)."""

    what: SecurityEventKind
    account: str
    at: datetime
    by: str
    subject: str | None = None
    detail: object = None
