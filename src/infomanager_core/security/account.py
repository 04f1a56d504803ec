"""A user account's security: its password and the credentials it hands out, changed only through commands.

:class:`Account` holds the account password's hash, the application passwords and API tokens. Every command takes an
explicit timezone-aware moment ``at``; the account keeps its latest moment and refuses a command dated before it
(the same moment is fine). A command checks its moment and every argument first, then changes state, and returns
:class:`~infomanager_core.security.events.SecurityEvent` values; a refused command — bad input or a secret that does
not check out — leaves the account exactly as it was.

No secret is kept in clear: the account password, application passwords and tokens are kept as
:class:`~infomanager_core.security.hashing.SecretHash` values made with the account's ``cost``.

>>> from datetime import UTC, datetime
>>> from infomanager_core.security import ScryptCost
>>> at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
>>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
>>> new = account.create_application_password("Thunderbird", at=at)
>>> account.verify_application_password(new.secret, at=at).name
'Thunderbird'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

import attrs

from ..access.checks import typed
from ..access.errors import BackdatedCommand, InvalidMoment
from ..errors import InvalidInput
from ..text import printable_identifier
from .credentials import (
    ApiToken,
    ApplicationPassword,
    CredentialKind,
    CredentialStatus,
    NewSecret,
    credential_name,
    credential_status,
    idle_from,
    token_scopes,
)
from .errors import (
    CredentialExpired,
    CredentialIdle,
    CredentialRevoked,
    InvalidExpiry,
    ScopeNotGranted,
    SecretMismatch,
    UnknownCredential,
    WrongPassword,
)
from .events import SecurityEvent, SecurityEventKind
from .hashing import DEFAULT_COST, ScryptCost, SecretHash, hash_secret, needs_rehash, new_secret, verify_secret
from .passwords import PasswordPolicy, password_text

__all__ = ["Account"]

Events = tuple[SecurityEvent, ...]
_Credential = TypeVar("_Credential", ApplicationPassword, ApiToken)

#: Bytes of randomness in an application password or token (256 bits).
_CREDENTIAL_BYTES = 32


def _moment(at: object, field: str = "at") -> datetime:
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise InvalidMoment(field, at)
    return at


def _aware(_instance: Any, attribute: Any, value: Any) -> None:
    _moment(value, attribute.alias)


def _account_id(_instance: Any, _attribute: Any, value: Any) -> None:
    printable_identifier(value, field="account")


@attrs.define
class Account:
    """The security of one user account: ``id``, its password hash, credentials, all dated by an explicit clock.

    Open one with :meth:`open` (which hashes the password); the constructor takes a hash already made, as a store
    reading an account back would.
    """

    id: str = attrs.field(validator=_account_id, on_setattr=attrs.setters.frozen)
    _password: SecretHash = attrs.field(
        alias="password", validator=typed("password", SecretHash, "a SecretHash (see Account.open)")
    )
    _latest: datetime = attrs.field(alias="opened_at", validator=_aware)
    cost: ScryptCost = attrs.field(
        default=DEFAULT_COST, validator=typed("cost", ScryptCost, "a ScryptCost"), on_setattr=attrs.setters.frozen
    )
    policy: PasswordPolicy = attrs.field(
        factory=PasswordPolicy,
        validator=typed("policy", PasswordPolicy, "a PasswordPolicy"),
        on_setattr=attrs.setters.frozen,
    )
    _application_passwords: dict[str, ApplicationPassword] = attrs.field(factory=dict, init=False)
    _tokens: dict[str, ApiToken] = attrs.field(factory=dict, init=False)
    _issued: int = attrs.field(default=0, init=False)

    @classmethod
    def open(
        cls,
        id: str,
        *,
        password: str,
        at: datetime,
        cost: ScryptCost = DEFAULT_COST,
        policy: PasswordPolicy | None = None,
    ) -> Account:
        """A new account whose password (checked against ``policy``) is hashed with ``cost``.

        >>> from datetime import UTC, datetime
        >>> Account.open("carl", password="hunter2", at=datetime(2026, 1, 5, tzinfo=UTC))
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.PasswordTooShort: password: '<hidden, 7 characters>' must have at least 12 characters
        """
        policy = PasswordPolicy() if policy is None else policy
        if not isinstance(policy, PasswordPolicy):
            raise InvalidInput("policy", policy, "must be a PasswordPolicy")
        if not isinstance(cost, ScryptCost):
            raise InvalidInput("cost", cost, "must be a ScryptCost")
        printable_identifier(id, field="account")
        _moment(at)
        text = password_text(password, policy)
        return cls(id, password=hash_secret(text, cost), opened_at=at, cost=cost, policy=policy)

    # -- queries ----------------------------------------------------------------------------------------------------

    @property
    def latest(self) -> datetime:
        """The moment of the account's latest command: no command may be dated before it."""
        return self._latest

    @property
    def password_hash(self) -> SecretHash:
        """The account password's hash (to store it; never the password)."""
        return self._password

    @property
    def application_passwords(self) -> tuple[ApplicationPassword, ...]:
        """Every application password, revoked ones included, in creation order."""
        return tuple(self._application_passwords.values())

    @property
    def api_tokens(self) -> tuple[ApiToken, ...]:
        """Every API token, revoked ones included, in creation order."""
        return tuple(self._tokens.values())

    def application_password(self, id: str) -> ApplicationPassword:
        """The application password ``id`` (``UnknownCredential`` otherwise)."""
        return _known(self._application_passwords, id, CredentialKind.APPLICATION_PASSWORD)

    def api_token(self, id: str) -> ApiToken:
        """The API token ``id`` (``UnknownCredential`` otherwise)."""
        return _known(self._tokens, id, CredentialKind.API_TOKEN)

    def live_credentials(self, at: datetime) -> tuple[ApplicationPassword | ApiToken, ...]:
        """The application passwords and tokens that would verify at ``at`` (not revoked, expired or idle).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> _ = account.create_api_token("CI", scopes={"mail"}, at=at)
        >>> [c.name for c in account.live_credentials(at)], account.live_credentials(datetime(2027, 1, 5, tzinfo=UTC))
        (['CI'], ())
        """
        _moment(at)
        every: list[ApplicationPassword | ApiToken] = [*self._application_passwords.values(), *self._tokens.values()]
        return tuple(c for c in every if credential_status(c, at) is CredentialStatus.ACTIVE)

    # -- the account password ---------------------------------------------------------------------------------------

    def verify_password(self, password: str, *, at: datetime) -> None:
        """Check the account password (``WrongPassword`` otherwise); a hash made with an older cost is redone.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> account.verify_password("correct horse battery", at=at)
        >>> account.verify_password("wrong horse battery", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.WrongPassword: password: not the account password
        """
        self._in_order(at)
        self._check_password(password, "password")
        if needs_rehash(self._password, self.cost):
            self._password = hash_secret(password_text(password, self.policy), self.cost)
        self._latest = at

    # -- application passwords --------------------------------------------------------------------------------------

    def create_application_password(self, name: str, *, at: datetime) -> NewSecret:
        """A new application password named ``name``: its secret is in the result, and only there.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> new = account.create_application_password(" Thunderbird ", at=at)
        >>> new.id, new.secret.startswith("app-password-1."), account.application_password(new.id).name
        ('app-password-1', True, 'Thunderbird')
        """
        self._in_order(at)
        name = credential_name(name)
        id, secret = self._new_credential("app-password")
        self._application_passwords[id] = ApplicationPassword(
            id=id, name=name, hash=hash_secret(secret, self.cost), created_at=at
        )
        self._latest = at
        return NewSecret(
            id=id, secret=secret, events=(self._event(SecurityEventKind.APPLICATION_PASSWORD_CREATED, at, id),)
        )

    def verify_application_password(self, secret: str, *, at: datetime) -> ApplicationPassword:
        """The application password ``secret`` is, its use recorded at ``at``; ``AuthenticationFailed`` otherwise.

        ``SecretMismatch`` when it is not an application password of the account, ``CredentialRevoked`` when it was
        revoked. Whether a credential was revoked is told only to whoever presents its secret.
        """
        self._in_order(at)
        found = self._presented(secret, self._application_passwords, CredentialKind.APPLICATION_PASSWORD)
        self._refuse_unusable(found, at)
        used = attrs.evolve(found, last_used_at=at)
        self._application_passwords[found.id] = used
        self._latest = at
        return used

    def revoke_application_password(self, id: str, *, at: datetime) -> Events:
        """Revoke one application password; revoking it again changes nothing.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> new = account.create_application_password("Thunderbird", at=at)
        >>> [revoked] = account.revoke_application_password(new.id, at=at)
        >>> revoked.what.value, account.revoke_application_password(new.id, at=at)
        ('application password revoked', ())
        """
        self._in_order(at)
        found = self.application_password(id)
        return self._revoke([found], at)

    def revoke_all_application_passwords(self, *, at: datetime) -> Events:
        """Revoke every application password not yet revoked (one event each)."""
        self._in_order(at)
        return self._revoke(self._application_passwords.values(), at)

    # -- API tokens -------------------------------------------------------------------------------------------------

    def create_api_token(
        self, name: str, *, scopes: Iterable[str], at: datetime, expires_at: datetime | None = None
    ) -> NewSecret:
        """A new API token named ``name`` for ``scopes``, expiring at ``expires_at`` if given (after ``at``).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> new = account.create_api_token("Backups", scopes=["drive:read"], at=at,
        ...     expires_at=datetime(2026, 7, 1, tzinfo=UTC))
        >>> token = account.api_token(new.id)
        >>> token.name, sorted(token.scopes), token.expires_at.date()
        ('Backups', ['drive:read'], datetime.date(2026, 7, 1))
        """
        self._in_order(at)
        name = credential_name(name)
        granted = token_scopes(scopes)
        if expires_at is not None:
            _moment(expires_at, "expires_at")
            if expires_at <= at:
                raise InvalidExpiry("expires_at", expires_at, f"must be after the token's creation at {at}")
        id, secret = self._new_credential("api-token")
        self._tokens[id] = ApiToken(
            id=id, name=name, scopes=granted, hash=hash_secret(secret, self.cost), created_at=at, expires_at=expires_at
        )
        self._latest = at
        return NewSecret(id=id, secret=secret, events=(self._event(SecurityEventKind.API_TOKEN_CREATED, at, id),))

    def verify_api_token(self, secret: str, *, at: datetime, scope: str | None = None) -> ApiToken:
        """The API token ``secret`` is, its use recorded at ``at``; ``AuthenticationFailed`` otherwise.

        Refused when the secret does not match (``SecretMismatch``), or the token is revoked, expired, switched off
        after a year without use (``CredentialRevoked``, ``CredentialExpired``, ``CredentialIdle``) or does not carry
        ``scope`` (``ScopeNotGranted``).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1))
        >>> new = account.create_api_token("CI", scopes=["mail"], at=at)
        >>> account.verify_api_token(new.secret, at=at, scope="mail").last_used_at == at
        True
        >>> account.verify_api_token(new.secret, at=datetime(2027, 1, 5, tzinfo=UTC))
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.CredentialIdle: API token 'api-token-1' was switched off at 2027-01-05 00:00:00+00:00, after a year without use
        """
        self._in_order(at)
        if scope is not None and not isinstance(scope, str):
            raise InvalidInput("scope", scope, "must be a scope name or None")
        found = self._presented(secret, self._tokens, CredentialKind.API_TOKEN)
        self._refuse_unusable(found, at)
        if scope is not None and scope not in found.scopes:
            raise ScopeNotGranted(found.id, scope, found.scopes)
        used = attrs.evolve(found, last_used_at=at)
        self._tokens[found.id] = used
        self._latest = at
        return used

    def revoke_api_token(self, id: str, *, at: datetime) -> Events:
        """Revoke one API token; revoking it again changes nothing."""
        self._in_order(at)
        found = self.api_token(id)
        return self._revoke([found], at)

    def revoke_all_api_tokens(self, *, at: datetime) -> Events:
        """Revoke every API token not yet revoked (one event each)."""
        self._in_order(at)
        return self._revoke(self._tokens.values(), at)

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Every secret is a hash; credentials are filed under their id, dated no later than the account's clock.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import ScryptCost
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> Account.open("carl", password="correct horse battery", at=at, cost=ScryptCost(n=16, r=1, p=1)).check_invariants()
        """
        assert isinstance(self._password, SecretHash)
        for kind, credentials in (("app-password", self._application_passwords), ("api-token", self._tokens)):
            for id, credential in credentials.items():
                assert credential.id == id, id
                assert id.startswith(f"{kind}-"), id
                assert isinstance(credential.hash, SecretHash), id
                assert int(id.rsplit("-", 1)[1]) <= self._issued, id
                for moment in (credential.created_at, credential.last_used_at, credential.revoked_at):
                    assert moment is None or moment <= self._latest, id
                if credential.revoked_at is not None:
                    assert credential.created_at <= credential.revoked_at, id

    # -- private helpers --------------------------------------------------------------------------------------------

    def _in_order(self, at: object) -> datetime:
        moment = _moment(at)
        if moment < self._latest:
            raise BackdatedCommand("at", at, f"account {self.id!r}", self._latest)
        return moment

    def _check_password(self, password: object, field: str) -> None:
        if not isinstance(password, str):
            raise InvalidInput(field, type(password).__name__, "must be a string")
        try:
            text = password_text(password, self.policy, field=field)
        except InvalidInput:
            raise WrongPassword(field) from None
        if not verify_secret(text, self._password):
            raise WrongPassword(field)

    def _new_credential(self, prefix: str) -> tuple[str, str]:
        self._issued += 1
        id = f"{prefix}-{self._issued}"
        return id, f"{id}.{new_secret(_CREDENTIAL_BYTES)}"

    def _presented(self, secret: object, credentials: dict[str, _Credential], kind: CredentialKind) -> _Credential:
        if not isinstance(secret, str):
            raise InvalidInput("secret", type(secret).__name__, "must be a string")
        id, dot, _ = secret.partition(".")
        found = credentials.get(id) if dot else None
        if found is None:
            raise SecretMismatch(kind.value, None)
        if not verify_secret(secret, found.hash):
            raise SecretMismatch(kind.value, id)
        return found

    def _refuse_unusable(self, credential: ApplicationPassword | ApiToken, at: datetime) -> None:
        status = credential_status(credential, at)
        if status is CredentialStatus.REVOKED:
            assert credential.revoked_at is not None
            raise CredentialRevoked(credential.kind.value, credential.id, credential.revoked_at)
        if status is CredentialStatus.EXPIRED:
            assert isinstance(credential, ApiToken)
            assert credential.expires_at is not None
            raise CredentialExpired(credential.id, credential.expires_at)
        if status is CredentialStatus.IDLE:
            raise CredentialIdle(credential.id, idle_from(credential.created_at, credential.last_used_at))

    def _revoke(self, credentials: Iterable[ApplicationPassword | ApiToken], at: datetime) -> Events:
        events = []
        for credential in list(credentials):
            if credential.revoked_at is not None:
                continue
            if isinstance(credential, ApiToken):
                self._tokens[credential.id] = attrs.evolve(credential, revoked_at=at)
                what = SecurityEventKind.API_TOKEN_REVOKED
            else:
                self._application_passwords[credential.id] = attrs.evolve(credential, revoked_at=at)
                what = SecurityEventKind.APPLICATION_PASSWORD_REVOKED
            events.append(self._event(what, at, credential.id))
        if events:
            self._latest = at
        return tuple(events)

    def _event(self, what: SecurityEventKind, at: datetime, subject: str | None = None, **more: Any) -> SecurityEvent:
        return SecurityEvent(what=what, account=self.id, at=at, by=more.pop("by", self.id), subject=subject, **more)


def _known(credentials: dict[str, _Credential], id: object, kind: CredentialKind) -> _Credential:
    try:
        return credentials[id]  # type: ignore[index]
    except (KeyError, TypeError):
        raise UnknownCredential(kind.name.lower(), id, kind) from None
