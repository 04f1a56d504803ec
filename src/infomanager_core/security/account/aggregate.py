"""The account aggregate: :class:`Account`, how one is opened (:meth:`Account.open`), and what opening returns
(:class:`OpenedAccount`)."""

from __future__ import annotations

from datetime import datetime

import attrs

from ...access.checks import aware_moment
from ...errors import InvalidInput
from ...text import printable_identifier
from .. import invariants
from ..compromise import CompromiseProcedure, CompromiseStep, SecurityReview
from ..errors import StepOutOfOrder
from ..events import SecurityEvent, SecurityEventKind
from ..hashing import DEFAULT_COST, ScryptCost, hash_secret
from ..passwords import PasswordPolicy, password_text
from ..profile import Profile
from .credentials import AccountCredentials
from .password import AccountPassword
from .profile import AccountProfile
from .recovery import AccountRecovery
from .state import Events
from .two_factor import AccountTwoFactor

__all__ = ["Account", "OpenedAccount"]


class Account(AccountRecovery, AccountTwoFactor, AccountCredentials, AccountProfile, AccountPassword):
    """One user account: ``id``, its profile, password hash, credentials, two-factor methods, compromised-account
    procedure and recovery requests, all dated by an explicit clock.

    Open one with :meth:`open` (which hashes the password and returns the ``account opened`` event with it); the
    constructor takes a hash already made and a profile, as a store reading an account back would (credentials and
    methods are then added through commands).

    >>> from datetime import UTC, datetime
    >>> from infomanager_core.security.examples import EXAMPLE_COST, example_profile
    >>> at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    >>> account = Account.open("carl", password="correct horse battery", profile=example_profile(), at=at,
    ...                        cost=EXAMPLE_COST).account  # examples only: production keeps the default cost
    >>> account.verify_password("correct horse battery", at=at)
    >>> account.id, account.two_factor_enabled, account.api_tokens
    ('carl', False, ())
    """

    __slots__ = ()

    @classmethod
    def open(
        cls,
        id: str,
        *,
        password: str,
        profile: Profile,
        at: datetime,
        cost: ScryptCost = DEFAULT_COST,
        policy: PasswordPolicy | None = None,
        by: str | None = None,
    ) -> OpenedAccount:
        """A new account with ``profile``, whose password (checked against ``policy``) is hashed with ``cost``, and
        the ``account opened`` event, like every other change: ``by`` the account's own person unless ``by`` names
        another (a person of the support team opening it for them), holding the ``profile`` it opened with.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import EXAMPLE_COST, example_profile
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> opened = Account.open("carl", password="correct horse battery", profile=example_profile(), at=at,
        ...                       cost=EXAMPLE_COST, by="support-ana")
        >>> [(event.what.value, event.account, event.by, event.after.email) for event in opened.events]
        [('account opened', 'carl', 'support-ana', 'carl@bakery.ch')]
        >>> Account.open("carl", password="hunter2", profile=example_profile(), at=datetime(2026, 1, 5, tzinfo=UTC))
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
        if not isinstance(profile, Profile):
            raise InvalidInput("profile", profile, "must be a Profile")
        aware_moment(at)
        by = id if by is None else printable_identifier(by, field="by")
        text = password_text(password, policy)
        account = cls(id, password=hash_secret(text, cost), opened_at=at, profile=profile, cost=cost, policy=policy)
        return OpenedAccount(
            account=account, events=(account._event(SecurityEventKind.ACCOUNT_OPENED, at, by=by, after=profile),)
        )

    # -- the compromised-account procedure ------------------------------------------------------------------------

    @property
    def compromise_procedure(self) -> CompromiseProcedure | None:
        """The latest run of the compromised-account procedure (complete or not), or ``None``."""
        return self._procedure

    @property
    def next_compromise_step(self) -> CompromiseStep:
        """The step to take now: changing the password unless a run is under way."""
        procedure = self._procedure
        if procedure is None or procedure.next_step is None:
            return CompromiseStep.CHANGE_PASSWORD
        return procedure.next_step

    def compromise_change_password(self, current: str, new: str, confirmation: str, *, at: datetime) -> Events:
        """Step 1 of the compromised-account procedure: change the password (as :meth:`change_password`).

        It starts a run, unless one is under way, where it is out of turn once done.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> events = account.compromise_change_password(
        ...     "correct horse battery", "purple monkey dishwasher", "purple monkey dishwasher", at=at)
        >>> [(event.what.value, event.detail) for event in events]  # doctest: +NORMALIZE_WHITESPACE
        [('compromised-account procedure started', None), ('password changed', None),
         ('procedure step done', 'change the password')]
        >>> account.next_compromise_step.value
        'revoke every application password and API token'
        """
        self._in_order(at)
        procedure = self._step(CompromiseStep.CHANGE_PASSWORD)
        text = self._new_password(current, new, confirmation)
        started = procedure is None or procedure.complete
        if started:
            procedure = CompromiseProcedure(started_at=at)
        assert procedure is not None
        events = [self._event(SecurityEventKind.PROCEDURE_STARTED, at)] if started else []
        events += self._replace_password(text, at)
        self._procedure = procedure.take(CompromiseStep.CHANGE_PASSWORD, at)
        events.append(self._step_event(CompromiseStep.CHANGE_PASSWORD, at))
        return tuple(events)

    def compromise_revoke_credentials(self, *, at: datetime) -> Events:
        """Step 2: revoke every application password and API token (one event each), then the step is done."""
        self._in_order(at)
        procedure = self._step(CompromiseStep.REVOKE_CREDENTIALS)
        assert procedure is not None
        revoked = (*self._revoke(self._application_passwords.values(), at), *self._revoke(self._tokens.values(), at))
        self._procedure = procedure.take(CompromiseStep.REVOKE_CREDENTIALS, at)
        self._latest = at
        return (*revoked, self._step_event(CompromiseStep.REVOKE_CREDENTIALS, at))

    def compromise_review_settings(self, *, at: datetime) -> Events:
        """Step 3: review the security settings; the last event carries the :class:`SecurityReview` to show."""
        self._in_order(at)
        procedure = self._step(CompromiseStep.REVIEW_SETTINGS)
        assert procedure is not None
        review = self.security_review(at)
        self._procedure = procedure.take(CompromiseStep.REVIEW_SETTINGS, at)
        self._latest = at
        return (
            self._step_event(CompromiseStep.REVIEW_SETTINGS, at),
            self._event(SecurityEventKind.PROCEDURE_COMPLETED, at, detail=review),
        )

    def security_review(self, at: datetime) -> SecurityReview:
        """The account's security settings as a person reviews them at ``at`` (a query: nothing changes)."""
        aware_moment(at)
        codes = self._backup_codes
        return SecurityReview(
            account=self.id,
            at=at,
            email=self._profile.email,
            phones=self._profile.phones,
            password_changed_at=self._password_changed_at,
            two_factor_enabled=self.two_factor_enabled,
            two_factor_methods=self.two_factor_methods,
            backup_codes_remaining=None if codes is None else codes.remaining,
            live_credentials=self.live_credentials(at),
        )

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Every secret is a hash; credentials are filed under their id, dated no later than the account's clock.

        The laws, and the order they are checked in, are :mod:`~infomanager_core.security.invariants`'s.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> example_account(at).check_invariants()
        """
        invariants.check_invariants(self)

    # -- private helpers --------------------------------------------------------------------------------------------

    def _step(self, step: CompromiseStep) -> CompromiseProcedure | None:
        """The run ``step`` belongs to (``None``: the first step starts one); ``StepOutOfOrder`` if not its turn."""
        if step is not self.next_compromise_step:
            raise StepOutOfOrder(step, self.next_compromise_step)
        return self._procedure

    def _step_event(self, step: CompromiseStep, at: datetime) -> SecurityEvent:
        return self._event(SecurityEventKind.PROCEDURE_STEP_DONE, at, detail=step.value)


@attrs.frozen(kw_only=True, hash=False)
class OpenedAccount:
    """What :meth:`Account.open` returns: the new ``account`` and the ``events`` of its opening (``account opened``).

    It is unhashable, as the account it hands over is: an aggregate changes, so it has no lasting hash.
    """

    account: Account
    events: tuple[SecurityEvent, ...]
