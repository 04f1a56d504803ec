"""Recovering an account whose second factor is lost: a kAuth temporary code, a backup code, or an identity
verification decided by a person of the support team.

The account issues the kAuth code for its kAuth app's device (valid 10 minutes, usable once, kept hashed). An
identity verification holds opaque ids of the documents and selfie the application keeps; one is pending at a time,
and its data is deleted once it is decided, or 72 hours after its submission (:meth:`purge_verification_data`, or
the person's next submission). Approving one turns two-factor authentication off (:mod:`.two_factor`). The values
and periods are :mod:`~infomanager_core.security.recovery`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from ...access.checks import instant, looked_up
from ...errors import InvalidInput, id_or_hidden
from ...text import printable_identifier, printable_text
from ..credentials import NewSecret
from ..errors import (
    InvalidVerificationData,
    KAuthCodeExpired,
    KAuthCodeMismatch,
    NoKAuthApp,
    UnknownVerification,
    VerificationExpired,
    VerificationNotPending,
    VerificationPending,
)
from ..events import SecurityEvent, SecurityEventKind
from ..hashing import hash_secret, verify_secret
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
from ..two_factor import TwoFactorKind, code_as_typed
from .state import _MAX_PRESENTED_SECRET, Events
from .two_factor import AccountTwoFactor

__all__ = ["AccountRecovery"]


class AccountRecovery(AccountTwoFactor):
    """The recovery commands, and the queries that list and find the identity verifications."""

    __slots__ = ()

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
        id = self._next_id("kauth-code")
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
        """Recover with the current kAuth temporary code (spaces ignored, typed on any keyboard: full-width or other
        scripts' digits read as ASCII ones); it is then used up."""
        self._in_order(at)
        if not isinstance(code, str):
            raise InvalidInput("code", type(code).__name__, "must be a string")
        current = self._kauth_code
        typed = code_as_typed(code)
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

    # -- identity verification -----------------------------------------------------------------------------------------

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
        id = self._next_id("verification")
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

    # -- private helpers -----------------------------------------------------------------------------------------------

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
