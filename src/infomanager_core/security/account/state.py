"""The account's state: what one account holds, checked as it is set, and the clock its commands keep.

:class:`AccountState` is where every field of an account is declared and checked, as a store reading an account
back builds it; each family of commands (:mod:`.password`, :mod:`.profile`, :mod:`.credentials`, :mod:`.two_factor`,
:mod:`.recovery`, :mod:`.compromise`) derives from it and changes these fields only, and
:class:`~infomanager_core.security.account.Account` gathers them. Every command first checks its moment against the
account's clock (``_in_order``) and reports what it changed as events (``_event``), which are written here once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ..._copies import WholeCopy
from ..._retries import Answered
from ...access.checks import aware_moment, instant, typed
from ...access.errors import BackdatedCommand
from ...errors import InvalidInput
from ...text import printable_identifier
from ..compromise import CompromiseProcedure
from ..credentials import ApiToken, ApplicationPassword
from ..events import SecurityEvent, SecurityEventKind
from ..hashing import DEFAULT_COST, ScryptCost, SecretHash
from ..passwords import PasswordPolicy
from ..profile import Profile
from ..recovery import IdentityVerification, KAuthCode
from ..two_factor import BackupCodes, TwoFactorMethod

__all__ = ["AccountState", "Events"]

Events = tuple[SecurityEvent, ...]

#: The longest secret or code checked against a hash; anything longer matches nothing, unhashed.
_MAX_PRESENTED_SECRET = 256


def _aware(_instance: Any, attribute: Any, value: Any) -> None:
    aware_moment(value, attribute.alias)


def _account_id(_instance: Any, _attribute: Any, value: Any) -> None:
    printable_identifier(value, field="account")


def _password_hash(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, SecretHash):  # named by its type: a password given in its place is not repeated
        raise InvalidInput("password", type(value).__name__, "must be a SecretHash (see Account.open)")


@attrs.define
class AccountState(WholeCopy):
    """What one account holds: ``id``, its password hash and clock (the moment of its latest command), profile, scrypt
    ``cost`` and password ``policy``, and what its commands have issued (credentials, two-factor methods and backup
    codes, the compromised-account procedure, the kAuth code and identity verifications, the count that numbers them,
    and what the caller's keys answered). Its fields are checked when it is built and whenever one is set.
    """

    id: str = attrs.field(validator=_account_id, on_setattr=attrs.setters.frozen)
    _password: SecretHash = attrs.field(alias="password", validator=_password_hash)
    _latest: datetime = attrs.field(alias="opened_at", validator=_aware)
    _profile: Profile = attrs.field(alias="profile", validator=typed("profile", Profile, "a Profile"))
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
    _methods: dict[str, TwoFactorMethod] = attrs.field(factory=dict, init=False)
    _backup_codes: BackupCodes | None = attrs.field(default=None, init=False)
    _password_changed_at: datetime | None = attrs.field(default=None, init=False)
    _procedure: CompromiseProcedure | None = attrs.field(default=None, init=False)
    _kauth_code: KAuthCode | None = attrs.field(default=None, init=False)
    _verifications: dict[str, IdentityVerification] = attrs.field(factory=dict, init=False)
    _issued: int = attrs.field(default=0, init=False)
    _answered: dict[str, Answered] = attrs.field(factory=dict, init=False)  # a caller's key → its first answer

    @property
    def latest(self) -> datetime:
        """The moment of the account's latest command: no command may be dated before it."""
        return self._latest

    def _in_order(self, at: object) -> datetime:
        moment = aware_moment(at)
        if instant(moment) < instant(self._latest):
            raise BackdatedCommand("at", at, f"account {self.id!r}", self._latest)
        return moment

    def _next_id(self, prefix: str) -> str:
        """A fresh id ``<prefix>-<n>``: one count numbers everything the account issues, so no two ids meet."""
        self._issued += 1
        return f"{prefix}-{self._issued}"

    def _event(self, what: SecurityEventKind, at: datetime, subject: str | None = None, **more: Any) -> SecurityEvent:
        return SecurityEvent(what=what, account=self.id, at=at, by=more.pop("by", self.id), subject=subject, **more)
