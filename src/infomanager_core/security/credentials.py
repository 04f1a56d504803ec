"""Application passwords and API tokens: secrets an account hands out to programs, each shown once.

An **application password** lets a mail client or another program sign in without the account password or two-factor
authentication; it has a name and lives until it is revoked. An **API token** lets a program call the API within its
``scopes``; it may expire, and it is switched off after a year without use.

Both are created by the :class:`~infomanager_core.security.account.Account`, which returns the clear secret once
(:class:`NewSecret`) and keeps only its hash. The secret reads ``<id>.<random>``: the id says which credential is
presented, so one hash is checked, not every one the account holds; the random part (32 bytes from :mod:`secrets`)
is the secret. A credential is never edited, only replaced by a new value (its last use, its revocation).

"A year without use" is a calendar year, counted from the last use or, for a token never used, from its creation: a
token last used on 10 March 2026 is switched off from 10 March 2027 (``relativedelta(years=1)``; from 29 February,
the year ends on 28 February). A token used in the calendar's last year is switched off at its last moment.

>>> from datetime import UTC, datetime
>>> created = datetime(2026, 3, 10, tzinfo=UTC)
>>> idle_from(created, None)
datetime.datetime(2027, 3, 10, 0, 0, tzinfo=datetime.timezone.utc)
>>> sorted(token_scopes(["mail", "domain:read", "mail"]))
['domain:read', 'mail']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import datetime

import attrs
from dateutil.relativedelta import relativedelta

from ..access.checks import aware_moment, instant
from ..errors import InvalidInput
from ..text import printable_text
from .errors import (
    CredentialNameTooLong,
    EmptyCredentialName,
    InvalidScope,
    NoScope,
    UnprintableCredentialName,
)
from .hashing import SecretHash

__all__ = [
    "IDLE_AFTER",
    "MAX_NAME_LENGTH",
    "MAX_SCOPES",
    "ApiToken",
    "ApplicationPassword",
    "CredentialKind",
    "CredentialStatus",
    "NewSecret",
    "credential_name",
    "credential_status",
    "idle_from",
    "token_scopes",
]

#: How long an API token may go unused before it is switched off: a calendar year.
IDLE_AFTER = relativedelta(years=1)
#: The longest name of an application password or API token, in characters once trimmed.
MAX_NAME_LENGTH = 64
#: The most scopes one API token may carry.
MAX_SCOPES = 64

_SCOPE = re.compile(r"[a-z][a-z0-9_.:-]{0,63}")


class CredentialKind(enum.Enum):
    """The two kinds of credentials an account hands out to programs."""

    APPLICATION_PASSWORD = "application password"
    API_TOKEN = "API token"


class CredentialStatus(enum.Enum):
    """Whether a credential may be used at a moment, and if not, why (revoked first, then expired, then idle)."""

    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"
    IDLE = "switched off after a year without use"


@attrs.frozen(kw_only=True)
class ApplicationPassword:
    """A named application password: its hash, when it was created, last used and revoked (``None``: not yet)."""

    id: str
    name: str
    hash: SecretHash
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    kind = CredentialKind.APPLICATION_PASSWORD


@attrs.frozen(kw_only=True)
class ApiToken:
    """A named API token: its ``scopes``, its hash, creation, optional expiry, last use and revocation."""

    id: str
    name: str
    scopes: frozenset[str]
    hash: SecretHash
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    kind = CredentialKind.API_TOKEN


@attrs.frozen(kw_only=True)
class NewSecret:
    """A credential just created: its ``id``, the clear ``secret`` — shown this once, kept nowhere — and the events.

    The secret is left out of the ``repr``, so that logging the result does not log the secret.
    """

    id: str
    secret: str = attrs.field(repr=False)
    events: tuple[object, ...]


def idle_from(created_at: datetime, last_used_at: datetime | None) -> datetime:
    """The moment a token created at ``created_at`` and last used at ``last_used_at`` is switched off.

    >>> from datetime import UTC, datetime
    >>> idle_from(datetime(2026, 1, 5, tzinfo=UTC), datetime(2028, 2, 29, tzinfo=UTC)).date()
    datetime.date(2029, 2, 28)
    """
    aware_moment(created_at, "created_at")
    if last_used_at is not None:
        aware_moment(last_used_at, "last_used_at")
    last = last_used_at or created_at
    try:
        idle: datetime = last + IDLE_AFTER
    except (OverflowError, ValueError):  # a year after the calendar's last one
        return datetime.max.replace(tzinfo=last.tzinfo)
    return idle


def credential_status(credential: ApplicationPassword | ApiToken, at: datetime) -> CredentialStatus:
    """Whether ``credential`` may be used at ``at``: revoked, then expired, then idle (tokens only), else active.

    >>> from datetime import UTC, datetime
    >>> from infomanager_core.security import ScryptCost, hash_secret
    >>> token = ApiToken(id="token-1", name="CI", scopes=frozenset({"mail"}),
    ...     hash=hash_secret("x", ScryptCost(n=16, r=1, p=1)), created_at=datetime(2026, 1, 5, tzinfo=UTC))
    >>> credential_status(token, datetime(2026, 6, 1, tzinfo=UTC)).value
    'active'
    >>> credential_status(token, datetime(2027, 1, 5, tzinfo=UTC)).value
    'switched off after a year without use'
    """
    if not isinstance(credential, ApplicationPassword | ApiToken):  # named by its type: its secret is not repeated
        raise InvalidInput("credential", type(credential).__name__, "must be an ApplicationPassword or an ApiToken")
    aware_moment(at)
    if credential.revoked_at is not None:
        return CredentialStatus.REVOKED
    if isinstance(credential, ApiToken):
        if credential.expires_at is not None and instant(at) >= instant(credential.expires_at):
            return CredentialStatus.EXPIRED
        if instant(at) >= instant(idle_from(credential.created_at, credential.last_used_at)):
            return CredentialStatus.IDLE
    return CredentialStatus.ACTIVE


def credential_name(value: object, *, field: str = "name") -> str:
    """The name of an application password or token: the library's text rule, 1 to 64 characters once trimmed.

    >>> credential_name("  Thunderbird (laptop) ")
    'Thunderbird (laptop)'
    """
    name = printable_text(value, field=field, error=UnprintableCredentialName)
    if not name:
        raise EmptyCredentialName(field, value)
    if len(name) > MAX_NAME_LENGTH:
        raise CredentialNameTooLong(field, name, MAX_NAME_LENGTH)
    return name


def token_scopes(value: object) -> frozenset[str]:
    """A token's scopes: at least one, at most 64, each lower-case ``[a-z][a-z0-9_.:-]*`` of up to 64 characters.

    >>> token_scopes(("mail", "mail"))
    frozenset({'mail'})
    >>> token_scopes(["Mail"])
    Traceback (most recent call last):
    ...
    infomanager_core.security.errors.InvalidScope: scopes: 'Mail' must be a lower-case letter then up to 63 of a-z 0-9 _ . : -
    """
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidScope("scopes", value, "must be a collection of scope names, not a single string")
    scopes = tuple(value)
    for scope in scopes:
        if not isinstance(scope, str) or not _SCOPE.fullmatch(scope):
            raise InvalidScope("scopes", scope, "must be a lower-case letter then up to 63 of a-z 0-9 _ . : -")
    found = frozenset(scopes)
    if not found:
        raise NoScope("scopes", value, "must name at least one scope")
    if len(found) > MAX_SCOPES:
        raise InvalidScope("scopes", value, f"must name at most {MAX_SCOPES} scopes")
    return found
