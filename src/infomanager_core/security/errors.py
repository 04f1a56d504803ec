"""Errors of the accounts-and-security area: one leaf per broken rule, carrying its data; nothing was changed.

Bad input derives from :class:`~infomanager_core.errors.InvalidInput`. A secret that does not check out, or a
credential that may no longer be used, derives from :class:`AuthenticationFailed`; a step taken out of turn from
:class:`SecurityError`. Either way the command that raised left the account as it was.

An error never carries a secret: where the value would be a password, token or code, ``value`` is a placeholder that
says only how long it was (:func:`~infomanager_core.errors.hidden`, re-exported here).

>>> try:
...     raise PasswordTooShort("password", hidden("hunter2"), 12)
... except InvalidInput as error:
...     print(error.field, "|", error.value, "|", error.minimum)
password | <hidden, 7 characters> | 12
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import InfomanagerError, InvalidInput, UnprintableText, hidden

if TYPE_CHECKING:
    from .compromise import CompromiseStep
    from .credentials import CredentialKind
    from .two_factor import TwoFactorKind

__all__ = [
    "AuthenticationFailed",
    "BackupCodeAlreadyUsed",
    "BackupCodeMismatch",
    "CredentialExpired",
    "CredentialIdle",
    "CredentialNameTooLong",
    "CredentialNotReissued",
    "CredentialRevoked",
    "EmptyCredentialName",
    "InvalidAvatar",
    "InvalidBackupCodeCount",
    "InvalidEmail",
    "InvalidExpiry",
    "InvalidPasswordPolicy",
    "InvalidPersonName",
    "InvalidPhoneNumber",
    "InvalidScope",
    "InvalidScryptCost",
    "InvalidVerificationData",
    "KAuthCodeExpired",
    "KAuthCodeMismatch",
    "MalformedSecretHash",
    "MethodAlreadySet",
    "NoBackupCodes",
    "NoKAuthApp",
    "NoScope",
    "PasswordConfirmationMismatch",
    "PasswordRequired",
    "PasswordTooLong",
    "PasswordTooShort",
    "PasswordUnchanged",
    "ScopeNotGranted",
    "SecretMismatch",
    "SecurityError",
    "SmsCountryNotSupported",
    "StepOutOfOrder",
    "TooManyPhoneNumbers",
    "TooManySecurityKeys",
    "UnhashableSecret",
    "UnknownCredential",
    "UnknownMethod",
    "UnknownVerification",
    "UnprintableCredentialName",
    "UnprintablePersonName",
    "UnusablePassword",
    "VerificationExpired",
    "VerificationNotPending",
    "VerificationPending",
    "WrongPassword",
    "hidden",
]


class SecurityError(InfomanagerError):
    """A command the account's security rules refuse (not bad input): nothing was changed."""


class AuthenticationFailed(SecurityError):
    """A presented secret does not check out, or the credential it names may not be used (any more)."""


# -- secrets and passwords ---------------------------------------------------------------------------------------


class InvalidScryptCost(InvalidInput):
    """scrypt cost parameters that OpenSSL cannot use (``n`` a power of two, at least 2; ``r``, ``p`` at least 1; at
    most :data:`~infomanager_core.security.hashing.MAX_SCRYPT_MEMORY` bytes)."""


class UnhashableSecret(InvalidInput):
    """A secret that may not be hashed: not text, or with a NUL or a lone surrogate (its value is hidden)."""


class MalformedSecretHash(InvalidInput):
    """A stored hash that is not one this library writes (its text form, its salt or digest size)."""


class InvalidPasswordPolicy(InvalidInput):
    """A password policy that cannot work (a length below 1, a maximum below the minimum)."""


class UnusablePassword(InvalidInput):
    """A password that is not a string, or holds a control character or surrogate."""


class PasswordTooShort(InvalidInput):
    """A password shorter than the policy's minimum (12 characters by default)."""

    def __init__(self, field: str, value: str, minimum: int) -> None:
        self.minimum = minimum
        super().__init__(field, value, f"must have at least {minimum} characters")


class PasswordTooLong(InvalidInput):
    """A password longer than the policy's maximum (256 characters by default)."""

    def __init__(self, field: str, value: str, maximum: int) -> None:
        self.maximum = maximum
        super().__init__(field, value, f"must have at most {maximum} characters")


# -- credentials -------------------------------------------------------------------------------------------------


class EmptyCredentialName(InvalidInput):
    """An application password or token needs a name of at least one character once trimmed."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must have at least 1 character once trimmed")


class CredentialNameTooLong(InvalidInput):
    """A credential name, trimmed, has at most 64 characters."""

    def __init__(self, field: str, value: str, maximum: int) -> None:
        self.maximum = maximum
        super().__init__(field, value, f"must have at most {maximum} characters once trimmed")


class UnprintableCredentialName(UnprintableText):
    """A credential name follows the library's text rule (:mod:`infomanager_core.text`)."""


class NoScope(InvalidInput):
    """An API token carries at least one scope."""


class InvalidScope(InvalidInput):
    """A scope name that is not lower-case ``[a-z][a-z0-9_.:-]*`` of up to 64 characters, or too many scopes."""


class InvalidExpiry(InvalidInput):
    """A token's expiry is a timezone-aware moment after its creation."""


class UnknownCredential(InvalidInput):
    """No application password or token of the account has this id."""

    def __init__(self, field: str, value: object, kind: CredentialKind) -> None:
        self.kind = kind
        super().__init__(field, value, f"is not an {kind.value} of this account")


class SecretMismatch(AuthenticationFailed):
    """The presented secret is not the one of the credential it names (``credential``), or names none (``None``).

    The message never shows what was presented.
    """

    def __init__(self, kind: str, credential: str | None) -> None:
        self.kind = kind
        self.credential = credential
        named = "names no credential" if credential is None else f"does not match {credential!r}"
        super().__init__(f"{kind}: the secret presented {named}")


class CredentialRevoked(AuthenticationFailed):
    """The credential was revoked at ``revoked_at``; it never verifies again."""

    def __init__(self, kind: str, credential: str, revoked_at: datetime) -> None:
        self.kind = kind
        self.credential = credential
        self.revoked_at = revoked_at
        super().__init__(f"{kind} {credential!r} was revoked at {revoked_at}")


class CredentialExpired(AuthenticationFailed):
    """The token expired at ``expires_at``."""

    def __init__(self, credential: str, expires_at: datetime) -> None:
        self.credential = credential
        self.expires_at = expires_at
        super().__init__(f"API token {credential!r} expired at {expires_at}")


class CredentialIdle(AuthenticationFailed):
    """The token went a year without use and was switched off at ``idle_from``."""

    def __init__(self, credential: str, idle_from: datetime) -> None:
        self.credential = credential
        self.idle_from = idle_from
        super().__init__(f"API token {credential!r} was switched off at {idle_from}, after a year without use")


class ScopeNotGranted(AuthenticationFailed):
    """The token is valid but does not carry the ``scope`` asked for."""

    def __init__(self, credential: str, scope: str, scopes: frozenset[str]) -> None:
        self.credential = credential
        self.scope = scope
        self.scopes = scopes
        super().__init__(f"API token {credential!r} does not carry scope {scope!r} (it carries {sorted(scopes)})")


class WrongPassword(AuthenticationFailed):
    """The account password given (to confirm a sensitive change) is not the account's password."""

    def __init__(self, field: str = "password") -> None:
        self.field = field
        super().__init__(f"{field}: not the account password")


# -- two-factor authentication -----------------------------------------------------------------------------------


class InvalidPhoneNumber(InvalidInput):
    """A phone number not in international (E.164) form."""


class SmsCountryNotSupported(InvalidInput):
    """SMS codes are sent only to numbers of the countries in ``supported`` (CH, FR, BE, DE)."""

    def __init__(self, field: str, value: str, supported: tuple[str, ...]) -> None:
        self.supported = supported
        super().__init__(field, value, f"is not a number of a country SMS codes are sent to ({', '.join(supported)})")


class UnknownMethod(InvalidInput):
    """No two-factor method of the account has this id."""

    def __init__(self, value: object) -> None:
        super().__init__("method", value, "is not a two-factor method of this account")


class MethodAlreadySet(InvalidInput):
    """The account already has this method (one kAuth app, one OTP app, one SMS number; a security key once)."""

    def __init__(self, field: str, value: object, kind: TwoFactorKind, existing: str) -> None:
        self.kind = kind
        self.existing = existing
        super().__init__(field, value, f"is already set up as {kind.value} {existing!r}")


class TooManySecurityKeys(InvalidInput):
    """An account registers at most ``maximum`` security keys."""

    def __init__(self, value: object, maximum: int) -> None:
        self.maximum = maximum
        super().__init__("key", value, f"would be more than {maximum} security keys")


class InvalidBackupCodeCount(InvalidInput):
    """A set of backup codes has between 1 and the maximum (20) codes."""


class PasswordRequired(InvalidInput):
    """Removing the kAuth app or the last method, or turning two-factor authentication off, needs the account
    password."""

    def __init__(self, action: str) -> None:
        self.action = action
        super().__init__("password", None, f"is required to {action}")


class NoBackupCodes(SecurityError):
    """The account has no backup codes to check a code against."""

    def __init__(self, account: str) -> None:
        self.account = account
        super().__init__(f"account {account!r} has no backup codes")


class BackupCodeMismatch(AuthenticationFailed):
    """The presented code is none of the account's backup codes (it is not shown)."""

    def __init__(self) -> None:
        super().__init__("backup code: the code presented is not one of this account's backup codes")


class BackupCodeAlreadyUsed(AuthenticationFailed):
    """The presented backup code was used at ``used_at``: each works once."""

    def __init__(self, used_at: datetime) -> None:
        self.used_at = used_at
        super().__init__(f"backup code: the code presented was already used at {used_at}")


# -- changing the password and the compromised-account procedure ----------------------------------------------------


class PasswordConfirmationMismatch(InvalidInput):
    """The new password and its confirmation differ (compared in NFKC); neither is shown."""

    def __init__(self, value: str) -> None:
        super().__init__("confirmation", value, "must repeat the new password exactly")


class PasswordUnchanged(InvalidInput):
    """A new password must differ from the current one."""

    def __init__(self, value: str) -> None:
        super().__init__("new_password", value, "must differ from the current password")


class CredentialNotReissued(SecurityError):
    """A retry under the key that made a credential finds it used or revoked since (``since``): the first secret
    reached someone, whom a new one would cut off, or the credential is gone; no secret is handed over again.
    ``key`` and ``credential`` name the request and what it made."""

    def __init__(self, key: str, *, credential: str, since: str) -> None:
        self.key = key
        self.credential = credential
        self.since = since
        super().__init__(
            f"key {key!r} made {credential}, which has been {since} since: its secret is not handed over again "
            "(revoke it and create another)"
        )


class StepOutOfOrder(SecurityError):
    """A step of the compromised-account procedure taken out of turn: ``expected`` comes next (``None``: the run is
    complete and no step is due)."""

    def __init__(self, attempted: CompromiseStep, expected: CompromiseStep | None) -> None:
        self.attempted = attempted
        self.expected = expected
        after = "the procedure is complete" if expected is None else f"{expected.value} comes next"
        super().__init__(f"cannot {attempted.value} now: {after}")


# -- the profile -------------------------------------------------------------------------------------------------


class InvalidPersonName(InvalidInput):
    """A first or last name has 1 to 128 characters once trimmed."""


class UnprintablePersonName(UnprintableText):
    """A first or last name follows the library's text rule (:mod:`infomanager_core.text`)."""


class InvalidEmail(InvalidInput):
    """A login e-mail address that does not look like one (one ``@``, a dotted domain, no spaces, 254 characters)."""


class TooManyPhoneNumbers(InvalidInput):
    """A profile keeps a collection of at most 5 phone numbers."""


class InvalidAvatar(InvalidInput):
    """An avatar image that is not one: an image id, a PNG/JPEG/GIF/WebP type, 1 to 4096 px a side."""


# -- recovery ----------------------------------------------------------------------------------------------------


class NoKAuthApp(SecurityError):
    """A kAuth temporary code needs the kAuth app set up on the account."""

    def __init__(self, account: str) -> None:
        self.account = account
        super().__init__(f"account {account!r} has no kAuth app to show a temporary code")


class KAuthCodeMismatch(AuthenticationFailed):
    """The presented code is not the account's current kAuth temporary code (or none is current)."""

    def __init__(self) -> None:
        super().__init__("kAuth code: the code presented is not a current temporary code of this account")


class KAuthCodeExpired(AuthenticationFailed):
    """The kAuth temporary code expired at ``expires_at``."""

    def __init__(self, expires_at: datetime) -> None:
        self.expires_at = expires_at
        super().__init__(f"kAuth code: the temporary code expired at {expires_at}")


class InvalidVerificationData(InvalidInput):
    """An identity verification request references 1 to 10 documents and one selfie, by printable ids."""


class UnknownVerification(InvalidInput):
    """No identity verification request of the account has this id."""

    def __init__(self, value: object) -> None:
        super().__init__("verification", value, "is not an identity verification request of this account")


class VerificationPending(SecurityError):
    """A request is already waiting for the support team (``existing``): one at a time."""

    def __init__(self, existing: str) -> None:
        self.existing = existing
        super().__init__(f"identity verification {existing!r} is still pending")


class VerificationNotPending(SecurityError):
    """The request was already processed or deleted (``status``)."""

    def __init__(self, verification: str, status: str) -> None:
        self.verification = verification
        self.status = status
        super().__init__(f"identity verification {verification!r} is not pending: {status}")


class VerificationExpired(SecurityError):
    """The request was not processed within 72 hours: its data is due for deletion at ``deletion_due``."""

    def __init__(self, verification: str, deletion_due: datetime) -> None:
        self.verification = verification
        self.deletion_due = deletion_due
        super().__init__(
            f"identity verification {verification!r} was not processed in time: its data is deleted from {deletion_due}"
        )
