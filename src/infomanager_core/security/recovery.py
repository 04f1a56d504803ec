"""Recovery when the kAuth device is lost: a kAuth temporary code, a backup code, or an identity verification.

* **A kAuth temporary code.** The kAuth app shows a temporary code for the account even when its sign-in notifications
  no longer arrive. The account issues it (:meth:`~infomanager_core.security.account.Account.issue_kauth_code`) for the
  application to deliver to the kAuth device: eight digits, valid 10 minutes, usable once, stored hashed; a new code
  replaces the previous one, and removing the kAuth app withdraws it.
* **A backup code**, one of the set generated with two-factor authentication (each works once).
* **An identity verification request**: identity documents and a selfie, referenced by opaque ids (the files live in
  the application's storage), handled by a person of the support team who approves or rejects it. Approving it turns
  two-factor authentication off, so that the person signs in with their password and sets it up again (as the source
  advises after recovering). Its data is deleted as soon as it is processed, and data not processed is deleted 72
  hours after submission (:meth:`~infomanager_core.security.account.Account.purge_verification_data`, driven by the
  explicit clock). A request past those 72 hours can no longer be approved.

>>> from datetime import UTC, datetime
>>> submitted = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
>>> deletion_due(submitted)
datetime.datetime(2026, 1, 8, 9, 0, tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime, timedelta

import attrs

from ..access.checks import aware_moment, instant
from ..errors import InvalidInput
from .hashing import SecretHash

__all__ = [
    "KAUTH_CODE_DIGITS",
    "KAUTH_CODE_VALIDITY",
    "MAX_DOCUMENTS",
    "VERIFICATION_RETENTION",
    "DeletedVerificationData",
    "IdentityVerification",
    "KAuthCode",
    "RecoveryRoute",
    "VerificationStatus",
    "deletion_due",
    "new_kauth_code",
]

#: How long a kAuth temporary code may be used after it is issued.
KAUTH_CODE_VALIDITY = timedelta(minutes=10)
#: Digits in a kAuth temporary code.
KAUTH_CODE_DIGITS = 8
#: How long the data of an identity verification request not yet processed is kept.
VERIFICATION_RETENTION = timedelta(hours=72)
#: The most identity documents one request may reference.
MAX_DOCUMENTS = 10


class RecoveryRoute(enum.Enum):
    """The ways back into an account whose kAuth device is lost."""

    KAUTH_CODE = "kAuth temporary code"
    BACKUP_CODE = "backup code"
    IDENTITY_VERIFICATION = "identity verification"


class VerificationStatus(enum.Enum):
    """Where an identity verification request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "deleted unprocessed after 72 hours"


@attrs.frozen(kw_only=True)
class KAuthCode:
    """A kAuth temporary code issued at ``issued_at`` for ``device``: its hash, usable until ``expires_at``."""

    id: str
    device: str
    hash: SecretHash
    issued_at: datetime
    expires_at: datetime


@attrs.frozen(kw_only=True)
class IdentityVerification:
    """An identity verification request: ``documents`` and ``selfie`` (opaque ids, emptied once deleted), its status
    and, once processed, who decided when and why."""

    id: str
    submitted_at: datetime
    documents: tuple[str, ...]
    selfie: str | None
    status: VerificationStatus = VerificationStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    reason: str | None = None
    deleted_at: datetime | None = None

    @property
    def deletion_due(self) -> datetime:
        """When the data of this request is deleted if it is not processed before."""
        return deletion_due(self.submitted_at)


@attrs.frozen(kw_only=True)
class DeletedVerificationData:
    """What was deleted of a request: the application deletes these files from its storage."""

    verification: str
    documents: tuple[str, ...]
    selfie: str | None


def deletion_due(submitted_at: datetime) -> datetime:
    """When the data of a request submitted at ``submitted_at`` is deleted if not processed: 72 hours later.

    >>> from datetime import UTC
    >>> deletion_due(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    datetime.datetime(2026, 1, 8, 9, 0, tzinfo=datetime.timezone.utc)
    """
    aware_moment(submitted_at, "submitted_at")
    try:
        return instant(submitted_at) + VERIFICATION_RETENTION  # 72 hours of time, whatever the clocks do
    except OverflowError:
        raise InvalidInput(
            "submitted_at", submitted_at, "leaves no room for 72 hours before the end of the calendar"
        ) from None


def new_kauth_code() -> str:
    """A new kAuth temporary code: eight random digits.

    >>> code = new_kauth_code()
    >>> len(code), code.isdigit()
    (8, True)
    """
    return "".join(secrets.choice("0123456789") for _ in range(KAUTH_CODE_DIGITS))
