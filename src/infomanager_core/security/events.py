"""Security events: every change to an account, as frozen facts an application turns into e-mails, device
notifications or an audit log. An event never carries a secret."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

__all__ = ["SecurityEvent", "SecurityEventKind"]


class SecurityEventKind(enum.Enum):
    """Every kind of change to an account's security."""

    ACCOUNT_OPENED = "account opened"
    PASSWORD_CHANGED = "password changed"
    APPLICATION_PASSWORD_CREATED = "application password created"
    APPLICATION_PASSWORD_REVOKED = "application password revoked"
    API_TOKEN_CREATED = "API token created"
    API_TOKEN_REVOKED = "API token revoked"
    TWO_FACTOR_METHOD_ADDED = "two-factor method added"
    TWO_FACTOR_METHOD_REMOVED = "two-factor method removed"
    TWO_FACTOR_ON = "two-factor authentication on"
    TWO_FACTOR_OFF = "two-factor authentication off"
    DEVICE_NOTIFIED = "device notified"
    BACKUP_CODES_GENERATED = "backup codes generated"
    BACKUP_CODE_USED = "backup code used"
    BACKUP_CODES_EXHAUSTED = "backup codes exhausted"
    PROFILE_CHANGED = "profile changed"
    AVATAR_CHANGED = "avatar changed"
    AVATAR_REMOVED = "avatar removed"
    KAUTH_CODE_ISSUED = "kAuth code issued"
    RECOVERED = "account recovered"
    VERIFICATION_SUBMITTED = "identity verification submitted"
    VERIFICATION_APPROVED = "identity verification approved"
    VERIFICATION_REJECTED = "identity verification rejected"
    VERIFICATION_DATA_DELETED = "verification data deleted"
    PROCEDURE_STARTED = "compromised-account procedure started"
    PROCEDURE_STEP_DONE = "procedure step done"
    PROCEDURE_COMPLETED = "compromised-account procedure completed"


@attrs.frozen(kw_only=True)
class SecurityEvent:
    """What happened to ``account`` at ``at``; ``subject`` is the id of what it happened to (a credential, a method…),
    ``by`` who did it (the account holder unless a person of the support team acted; ``None`` when no person did: the
    application's scheduled purge of verification data), ``detail`` what more an
    application needs to tell people (a device to notify, what was deleted…). A change of the profile or the avatar
    also holds the value ``before`` and ``after`` it, as every other area's events do, and the opening of the account
    the profile it opened with (``after``); no event holds a secret."""

    what: SecurityEventKind
    account: str
    at: datetime
    by: str | None
    subject: str | None = None
    detail: object = None
    before: object = None
    after: object = None
