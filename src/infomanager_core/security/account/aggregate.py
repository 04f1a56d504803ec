"""The account aggregate: :class:`Account`, how one is opened (:meth:`Account.open`), and what opening returns
(:class:`OpenedAccount`)."""

from __future__ import annotations

from datetime import datetime

import attrs

from ...access.checks import aware_moment
from ...errors import InvalidInput
from ...text import printable_identifier
from .. import invariants
from ..events import SecurityEvent, SecurityEventKind
from ..hashing import DEFAULT_COST, ScryptCost, hash_secret
from ..passwords import PasswordPolicy, password_text
from ..profile import Profile
from .compromise import AccountCompromise
from .credentials import AccountCredentials
from .password import AccountPassword
from .profile import AccountProfile
from .recovery import AccountRecovery
from .two_factor import AccountTwoFactor

__all__ = ["Account", "OpenedAccount"]


class Account(
    AccountCompromise, AccountRecovery, AccountTwoFactor, AccountPassword, AccountCredentials, AccountProfile
):
    """One user account: ``id``, its profile, password hash, credentials, two-factor methods, compromised-account
    procedure and recovery requests, all dated by an explicit clock.

    Open one with :meth:`open` (which hashes the password and returns the ``account opened`` event with it); the
    constructor takes a hash already made and a profile, as a store reading an account back would (credentials and
    methods are then added through commands).

    Its fields are :class:`~infomanager_core.security.account.state.AccountState`'s; its commands stand one concept a
    module and are gathered here: the account password (:mod:`.password`), the profile (:mod:`.profile`),
    application passwords and API tokens (:mod:`.credentials`), two-factor methods and backup codes
    (:mod:`.two_factor`), recovery (:mod:`.recovery`) and the compromised-account procedure (:mod:`.compromise`).

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

    def check_invariants(self) -> None:
        """Every secret is a hash; credentials are filed under their id, dated no later than the account's clock.

        The laws, and the order they are checked in, are :mod:`~infomanager_core.security.invariants`'s.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> example_account(at).check_invariants()
        """
        invariants.check_invariants(self)


@attrs.frozen(kw_only=True, hash=False)
class OpenedAccount:
    """What :meth:`Account.open` returns: the new ``account`` and the ``events`` of its opening (``account opened``).

    It is unhashable, as the account it hands over is: an aggregate changes, so it has no lasting hash.
    """

    account: Account
    events: tuple[SecurityEvent, ...]
