"""The account aggregate: :class:`Account`, how one is opened (:meth:`Account.open`), and what opening returns
(:class:`OpenedAccount`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from ...access.checks import aware_moment, instant, looked_up
from ...errors import InvalidInput, id_or_hidden
from ...text import printable_identifier, printable_text
from .. import invariants
from ..compromise import CompromiseProcedure, CompromiseStep, SecurityReview
from ..credentials import NewSecret
from ..errors import (
    InvalidVerificationData,
    KAuthCodeExpired,
    KAuthCodeMismatch,
    NoKAuthApp,
    StepOutOfOrder,
    UnknownVerification,
    VerificationExpired,
    VerificationNotPending,
    VerificationPending,
)
from ..events import SecurityEvent, SecurityEventKind
from ..hashing import DEFAULT_COST, ScryptCost, hash_secret, verify_secret
from ..passwords import PasswordPolicy, password_text
from ..profile import Profile
from ..recovery import (
    KAUTH_CODE_VALIDITY,
    MAX_DOCUMENTS,
    VERIFICATION_RETENTION,
    DeletedVerificationData,
    IdentityVerification,
    KAuthCode,
    RecoveryRoute,
    VerificationStatus,
    new_kauth_code,
)
from ..two_factor import TwoFactorKind
from .credentials import AccountCredentials
from .password import AccountPassword
from .profile import AccountProfile
from .state import _MAX_PRESENTED_SECRET, Events
from .two_factor import AccountTwoFactor

__all__ = ["Account", "OpenedAccount"]


class Account(AccountTwoFactor, AccountCredentials, AccountProfile, AccountPassword):
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

    # -- recovery when the device is lost ----------------------------------------------------------------------------

    def issue_kauth_code(self, *, at: datetime) -> NewSecret:
        """A kAuth temporary code, for the application to deliver to the kAuth device (the event names it): valid 10
        minutes, usable once; it replaces any earlier code.

        >>> from datetime import UTC, datetime, timedelta
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> _ = account.add_kauth("iphone-carl", at=at)
        >>> new = account.issue_kauth_code(at=at)
        >>> [(event.what.value, event.detail) for event in new.events]
        [('kAuth code issued', 'iphone-carl')]
        >>> [event.what.value for event in account.recover_with_kauth_code(new.secret, at=at + timedelta(minutes=9))]
        ['account recovered']
        """
        self._in_order(at)
        kauth = self._method_of(TwoFactorKind.KAUTH)
        if kauth is None or kauth.device is None:
            raise NoKAuthApp(self.id)
        expires_at = _within_calendar(at, KAUTH_CODE_VALIDITY, "the code's ten minutes")
        code = new_kauth_code()
        self._issued += 1
        id = f"kauth-code-{self._issued}"
        self._kauth_code = KAuthCode(
            id=id,
            device=kauth.device,
            hash=hash_secret(code, self.cost),
            issued_at=at,
            expires_at=expires_at,
        )
        self._latest = at
        event = self._event(SecurityEventKind.KAUTH_CODE_ISSUED, at, id, detail=kauth.device)
        return NewSecret(id=id, secret=code, events=(event,))

    def recover_with_kauth_code(self, code: str, *, at: datetime) -> Events:
        """Recover with the current kAuth temporary code (spaces ignored); it is then used up."""
        self._in_order(at)
        if not isinstance(code, str):
            raise InvalidInput("code", type(code).__name__, "must be a string")
        current = self._kauth_code
        typed = "".join(code.split())
        if current is None or len(typed) > _MAX_PRESENTED_SECRET or not verify_secret(typed, current.hash):
            raise KAuthCodeMismatch()
        if instant(at) >= current.expires_at:
            raise KAuthCodeExpired(current.expires_at)
        self._kauth_code = None
        self._latest = at
        return (self._event(SecurityEventKind.RECOVERED, at, current.id, detail=RecoveryRoute.KAUTH_CODE),)

    def recover_with_backup_code(self, code: str, *, at: datetime) -> Events:
        """Recover with a backup code (as :meth:`use_backup_code`: each works once).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> codes = account.generate_backup_codes(at=at).codes
        >>> [event.what.value for event in account.recover_with_backup_code(codes[3], at=at)]
        ['backup code used', 'account recovered']
        """
        used = self.use_backup_code(code, at=at)
        return (*used, self._event(SecurityEventKind.RECOVERED, at, detail=RecoveryRoute.BACKUP_CODE))

    @property
    def identity_verifications(self) -> tuple[IdentityVerification, ...]:
        """Every identity verification request, in submission order."""
        return tuple(self._verifications.values())

    def identity_verification(self, id: str) -> IdentityVerification:
        """The request ``id`` (``UnknownVerification`` otherwise)."""
        found = looked_up(self._verifications, id)
        if found is None:
            raise UnknownVerification(id_or_hidden(id))
        return found

    def submit_identity_verification(self, *, documents: Iterable[str], selfie: str, at: datetime) -> Events:
        """Ask the support team to verify the person's identity from ``documents`` and a ``selfie`` (opaque ids of
        files the application keeps); one request at a time. A request left unprocessed for 72 hours no longer holds
        the place: its data is deleted first, as :meth:`purge_verification_data` would, and the events say so.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [submitted] = account.submit_identity_verification(documents=["doc-passport"], selfie="img-selfie", at=at)
        >>> submitted.subject, account.identity_verification(submitted.subject).deletion_due.isoformat()
        ('verification-1', '2026-01-08T00:00:00+00:00')
        """
        self._in_order(at)
        if isinstance(documents, str) or not isinstance(documents, Iterable):
            raise InvalidVerificationData("documents", documents, "must be a collection of document ids")
        files = tuple(documents)
        if not 1 <= len(files) <= MAX_DOCUMENTS:
            raise InvalidVerificationData("documents", files, f"must reference 1 to {MAX_DOCUMENTS} documents")
        for file in files:
            self._file_id(file, "documents")
        self._file_id(selfie, "selfie")
        pending = self._pending_verification()
        if pending is not None and instant(at) < pending.deletion_due:
            raise VerificationPending(pending.id)
        _within_calendar(at, VERIFICATION_RETENTION, "the request's 72 hours")
        purged = () if pending is None else self.purge_verification_data(at=at, by=self.id)  # a lapsed request first
        self._issued += 1
        id = f"verification-{self._issued}"
        self._verifications[id] = IdentityVerification(
            id=id, submitted_at=at, documents=tuple(dict.fromkeys(files)), selfie=selfie
        )
        self._latest = at
        return (*purged, self._event(SecurityEventKind.VERIFICATION_SUBMITTED, at, id))

    def approve_identity_verification(self, id: str, *, by: str, at: datetime) -> Events:
        """A person of the support team (``by``) approves a pending request within 72 hours of its submission: its
        data is deleted, two-factor authentication is turned off and the account is recovered.

        >>> from datetime import UTC, datetime, timedelta
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> _ = account.add_kauth("lost-phone", at=at)
        >>> [submitted] = account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=at)
        >>> events = account.approve_identity_verification(submitted.subject, by="support-ana", at=at + timedelta(hours=5))
        >>> [event.what.value for event in events]  # doctest: +NORMALIZE_WHITESPACE
        ['identity verification approved', 'verification data deleted', 'two-factor method removed', 'device notified',
         'two-factor authentication off', 'account recovered']
        """
        self._in_order(at)
        found = self._decidable(id, by, at)
        decided = attrs.evolve(found, status=VerificationStatus.APPROVED, decided_at=at, decided_by=by)
        approved = self._event(SecurityEventKind.VERIFICATION_APPROVED, at, id, by=by)
        deleted = self._delete_verification_data(decided, at, by)
        off = self._remove_methods(list(self._methods.values()), at, by=by)
        recovered = self._event(SecurityEventKind.RECOVERED, at, id, by=by, detail=RecoveryRoute.IDENTITY_VERIFICATION)
        self._latest = at
        return (approved, deleted, *off, recovered)

    def reject_identity_verification(self, id: str, *, by: str, reason: str, at: datetime) -> Events:
        """A person of the support team (``by``) rejects a pending request, saying why; its data is deleted."""
        self._in_order(at)
        reason = _reason(reason)
        found = self._decidable(id, by, at)
        decided = attrs.evolve(found, status=VerificationStatus.REJECTED, decided_at=at, decided_by=by, reason=reason)
        rejected = self._event(SecurityEventKind.VERIFICATION_REJECTED, at, id, by=by, detail=reason)
        deleted = self._delete_verification_data(decided, at, by)
        self._latest = at
        return (rejected, deleted)

    def purge_verification_data(self, *, at: datetime, by: str | None = None) -> Events:
        """Delete the data of every request not processed within 72 hours of its submission; the events say what
        was deleted (a :class:`DeletedVerificationData` each), for the application to delete the files.

        The application's scheduled job runs it: its events name nobody (``by`` is ``None``), unless ``by`` names the
        person who ran it (a person of the support team, by hand).

        >>> from datetime import UTC, datetime, timedelta
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> _ = account.submit_identity_verification(documents=["doc-1", "doc-2"], selfie="img-1", at=at)
        >>> account.purge_verification_data(at=at + timedelta(hours=71))
        ()
        >>> [(event.detail.documents, event.detail.selfie, event.by) for event in account.purge_verification_data(at=at + timedelta(hours=72))]
        [(('doc-1', 'doc-2'), 'img-1', None)]
        """
        self._in_order(at)
        if by is not None:
            printable_identifier(by, field="by")
        events = []
        for found in list(self._verifications.values()):
            if found.status is VerificationStatus.PENDING and instant(at) >= found.deletion_due:
                expired = attrs.evolve(found, status=VerificationStatus.EXPIRED)
                events.append(self._delete_verification_data(expired, at, by))
        if events:
            self._latest = at
        return tuple(events)

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

    @staticmethod
    def _file_id(value: object, field: str) -> str:
        try:
            return printable_identifier(value, field=field)
        except InvalidInput:
            raise InvalidVerificationData(field, value, "must be a non-empty printable file id") from None

    def _pending_verification(self) -> IdentityVerification | None:
        return next((v for v in self._verifications.values() if v.status is VerificationStatus.PENDING), None)

    def _decidable(self, id: str, by: object, at: datetime) -> IdentityVerification:
        """The request ``id``, if ``by`` (not the account's owner) may decide it at ``at``."""
        if printable_identifier(by, field="by") == self.id:
            raise InvalidInput("by", by, "must be a person of the support team, not the account's owner")
        found = self.identity_verification(id)
        if found.status is not VerificationStatus.PENDING:
            raise VerificationNotPending(found.id, found.status.value)
        if instant(at) >= found.deletion_due:
            raise VerificationExpired(found.id, found.deletion_due)
        return found

    def _delete_verification_data(
        self, verification: IdentityVerification, at: datetime, by: str | None
    ) -> SecurityEvent:
        deleted = DeletedVerificationData(
            verification=verification.id, documents=verification.documents, selfie=verification.selfie
        )
        self._verifications[verification.id] = attrs.evolve(verification, documents=(), selfie=None, deleted_at=at)
        return self._event(SecurityEventKind.VERIFICATION_DATA_DELETED, at, verification.id, by=by, detail=deleted)


@attrs.frozen(kw_only=True, hash=False)
class OpenedAccount:
    """What :meth:`Account.open` returns: the new ``account`` and the ``events`` of its opening (``account opened``).

    It is unhashable, as the account it hands over is: an aggregate changes, so it has no lasting hash.
    """

    account: Account
    events: tuple[SecurityEvent, ...]


def _within_calendar(at: datetime, period: timedelta, what: str) -> datetime:
    """The instant ``period`` after ``at`` (time, not a wall clock's reading); ``InvalidInput`` on ``at`` when the
    calendar ends before it."""
    try:
        return instant(at) + period
    except OverflowError:
        raise InvalidInput("at", at, f"leaves no room for {what} before the end of the calendar") from None


def _reason(value: object) -> str:
    """A rejection reason: the library's text rule, 1 to 500 characters once trimmed."""
    reason = printable_text(value, field="reason")
    if not reason or len(reason) > 500:
        raise InvalidInput("reason", value, "must have 1 to 500 characters once trimmed")
    return reason
