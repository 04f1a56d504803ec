"""The account's application passwords and API tokens: creating, verifying and revoking them.

A credential's secret reads ``<id>.<random>`` and is shown once, in the :class:`~infomanager_core.security.credentials.NewSecret`
that creates it; the account keeps its hash, so a presented secret is checked against one hash only. A verification
that fails changes nothing; one that succeeds records the credential's use. Revoked credentials stay on file, and
revoking one again changes nothing. A creation retried under the caller's ``key`` is answered with the credential it
made and a new secret, the first one void: nobody holds it, its answer was lost (``docs/security.md``). The
credentials' own rules (names, scopes, status from dates) are :mod:`~infomanager_core.security.credentials`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

import attrs

from ..._retries import Answered, first_answer
from ...access.checks import aware_moment, instant, looked_up
from ...errors import InvalidInput, id_or_hidden
from ..credentials import (
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
from ..errors import (
    CredentialExpired,
    CredentialIdle,
    CredentialNotReissued,
    CredentialRevoked,
    InvalidExpiry,
    ScopeNotGranted,
    SecretMismatch,
    UnknownCredential,
)
from ..events import SecurityEventKind
from ..hashing import hash_secret, new_secret, verify_secret
from .state import _MAX_PRESENTED_SECRET, AccountState, Events

__all__ = ["AccountCredentials"]

_Credential = TypeVar("_Credential", ApplicationPassword, ApiToken)

#: Bytes of randomness in an application password or token (256 bits).
_CREDENTIAL_BYTES = 32


class AccountCredentials(AccountState):
    """The application passwords' and API tokens' commands, and the queries that list and find them."""

    __slots__ = ()

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
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> _ = account.create_api_token("CI", scopes={"mail"}, at=at)
        >>> [c.name for c in account.live_credentials(at)], account.live_credentials(datetime(2027, 1, 5, tzinfo=UTC))
        (['CI'], ())
        """
        aware_moment(at)
        every: list[ApplicationPassword | ApiToken] = [*self._application_passwords.values(), *self._tokens.values()]
        return tuple(c for c in every if credential_status(c, at) is CredentialStatus.ACTIVE)

    # -- application passwords -----------------------------------------------------------------------------------------

    def create_application_password(self, name: str, *, at: datetime, key: str | None = None) -> NewSecret:
        """A new application password named ``name``: its secret is in the result, and only there.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> new = account.create_application_password(" Thunderbird ", at=at)
        >>> new.id, new.secret.startswith("app-password-1."), account.application_password(new.id).name
        ('app-password-1', True, 'Thunderbird')

        With ``key``, the caller's id of the request, a retry makes no second one: the same key and name answer with
        the application password made first and a new secret for it (the first no longer verifies), and the same
        events; refused (:class:`~infomanager_core.security.errors.CredentialNotReissued`) once it has been used or
        revoked. Another request under the key is :class:`~infomanager_core.errors.KeyReused`.

        >>> first = account.create_application_password("Outlook", at=at, key="req-5")
        >>> again = account.create_application_password("Outlook", at=at, key="req-5")
        >>> again.id, again.events == first.events, len(account.application_passwords)
        ('app-password-2', True, 2)
        """
        if key is not None:
            first = first_answer(self._answered, key, ("application password", credential_name(name)), at)
            if first is not None:
                return self._reissued(key, first, self._application_passwords)
        self._in_order(at)
        name = credential_name(name)
        id, secret = self._new_credential("app-password")
        self._application_passwords[id] = ApplicationPassword(
            id=id, name=name, hash=hash_secret(secret, self.cost), created_at=at
        )
        self._latest = at
        events = (self._event(SecurityEventKind.APPLICATION_PASSWORD_CREATED, at, id),)
        if key is not None:
            self._answered[key] = Answered(content=("application password", name), made=id, events=events)
        return NewSecret(id=id, secret=secret, events=events)

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
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
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

    # -- API tokens ----------------------------------------------------------------------------------------------------

    def create_api_token(
        self,
        name: str,
        *,
        scopes: Iterable[str],
        at: datetime,
        expires_at: datetime | None = None,
        key: str | None = None,
    ) -> NewSecret:
        """A new API token named ``name`` for ``scopes``, expiring at ``expires_at`` if given (after ``at``). ``key``
        makes a retry safe, as for :meth:`create_application_password`: the same name, scopes and expiry under it
        answer with the token made first and a new secret for it.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> new = account.create_api_token("Backups", scopes=["drive:read"], at=at,
        ...     expires_at=datetime(2026, 7, 1, tzinfo=UTC))
        >>> token = account.api_token(new.id)
        >>> token.name, sorted(token.scopes), token.expires_at.date()
        ('Backups', ['drive:read'], datetime.date(2026, 7, 1))
        """
        if key is not None:
            request = ("API token", credential_name(name), token_scopes(scopes), _expiry(expires_at))
            first = first_answer(self._answered, key, request, at)
            if first is not None:
                return self._reissued(key, first, self._tokens)
        self._in_order(at)
        name = credential_name(name)
        granted = token_scopes(scopes)
        expiry = _expiry(expires_at)
        if expiry is not None and instant(expiry) <= instant(at):
            raise InvalidExpiry("expires_at", expires_at, f"must be after the token's creation at {at}")
        id, secret = self._new_credential("api-token")
        self._tokens[id] = ApiToken(
            id=id, name=name, scopes=granted, hash=hash_secret(secret, self.cost), created_at=at, expires_at=expires_at
        )
        self._latest = at
        events = (self._event(SecurityEventKind.API_TOKEN_CREATED, at, id),)
        if key is not None:
            self._answered[key] = Answered(content=("API token", name, granted, expires_at), made=id, events=events)
        return NewSecret(id=id, secret=secret, events=events)

    def verify_api_token(self, secret: str, *, at: datetime, scope: str | None = None) -> ApiToken:
        """The API token ``secret`` is, its use recorded at ``at``; ``AuthenticationFailed`` otherwise.

        Refused when the secret does not match (``SecretMismatch``), or the token is revoked, expired, switched off
        after a year without use (``CredentialRevoked``, ``CredentialExpired``, ``CredentialIdle``) or does not carry
        ``scope`` (``ScopeNotGranted``).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
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

    # -- private helpers -----------------------------------------------------------------------------------------------

    def _new_credential(self, prefix: str) -> tuple[str, str]:
        id = self._next_id(prefix)
        return id, _secret_of(id)

    def _reissued(self, key: str, first: Answered, credentials: dict[str, _Credential]) -> NewSecret:
        """The credential ``key`` made, with a new secret in place of the first — which nobody holds while the
        credential was never used — and the first answer's events; no clock moves, nothing else changes."""
        credential = credentials[first.made]
        if credential.revoked_at is not None or credential.last_used_at is not None:
            since = "revoked" if credential.revoked_at is not None else "used"
            raise CredentialNotReissued(key, credential=credential.id, since=since)
        secret = _secret_of(credential.id)
        credentials[credential.id] = attrs.evolve(credential, hash=hash_secret(secret, self.cost))
        return NewSecret(id=credential.id, secret=secret, events=first.events)

    def _presented(self, secret: object, credentials: dict[str, _Credential], kind: CredentialKind) -> _Credential:
        if not isinstance(secret, str):
            raise InvalidInput("secret", type(secret).__name__, "must be a string")
        id, dot, _ = secret.partition(".")
        found = credentials.get(id) if dot and len(secret) <= _MAX_PRESENTED_SECRET else None
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


def _secret_of(id: str) -> str:
    return f"{id}.{new_secret(_CREDENTIAL_BYTES)}"


def _expiry(expires_at: object) -> datetime | None:
    return None if expires_at is None else aware_moment(expires_at, "expires_at")


def _known(credentials: dict[str, _Credential], id: object, kind: CredentialKind) -> _Credential:
    found = looked_up(credentials, id)
    if found is None:
        raise UnknownCredential(kind.name.lower(), id_or_hidden(id), kind)
    return found
