"""Errors of the accounts-and-security area: one leaf per broken rule, carrying its data; nothing was changed.

Bad input derives from :class:`~infomanager_core.errors.InvalidInput`. A secret that does not check out, or a
credential that may no longer be used, derives from :class:`AuthenticationFailed`; a step taken out of turn from
:class:`SecurityError`. Either way the command that raised left the account as it was.

An error never carries a secret: where the value would be a password, token or code, ``value`` is a placeholder that
says only how long it was (:func:`hidden`).

>>> try:
...     raise PasswordTooShort("password", hidden("hunter2"), 12)
... except InvalidInput as error:
...     print(error.field, "|", error.value, "|", error.minimum)
password | <hidden, 7 characters> | 12
"""

from __future__ import annotations

from ..errors import InfomanagerError, InvalidInput

__all__ = [
    "AuthenticationFailed",
    "InvalidPasswordPolicy",
    "InvalidScryptCost",
    "MalformedSecretHash",
    "PasswordTooLong",
    "PasswordTooShort",
    "SecurityError",
    "UnusablePassword",
    "hidden",
]


def hidden(secret: object) -> str:
    """What an error shows in place of a secret: its length only.

    >>> hidden("hunter2")
    '<hidden, 7 characters>'
    """
    size = len(secret) if isinstance(secret, str) else "?"
    return f"<hidden, {size} characters>"


class SecurityError(InfomanagerError):
    """A command the account's security rules refuse (not bad input): nothing was changed."""


class AuthenticationFailed(SecurityError):
    """A presented secret does not check out, or the credential it names may not be used (any more)."""


# -- secrets and passwords ---------------------------------------------------------------------------------------


class InvalidScryptCost(InvalidInput):
    """scrypt cost parameters that OpenSSL cannot use (``n`` a power of two, at least 2; ``r``, ``p`` at least 1; at
    most :data:`~infomanager_core.security.hashing.MAX_SCRYPT_MEMORY` bytes)."""


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
