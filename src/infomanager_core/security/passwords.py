"""The password policy: what an account password (or a new one) must be before it is hashed.

A password is text, taken as typed: it is not trimmed (a space may be part of it) but put in Unicode NFKC, so the
same password typed on two keyboards (a precomposed "é" or "e" and a combining accent, a full-width digit) is one
password (NIST SP 800-63B §5.1.1.2). It must then have between ``min_length`` and ``max_length`` characters — 12 and
256 by default — and no control character (a newline pasted with it) nor surrogate (not text, cannot be hashed).
There is no rule on character classes: length is what makes a password hard to guess.

No policy goes past :data:`MAX_PRESENTED_LENGTH`, nor does a password as typed (NFKC may shorten it): a presented
password longer than that is wrong unhashed, so a longer one could be set and then never verify.

The upper bound keeps what a client may make the server hash small; scrypt's cost hardly depends on the length.

Errors about a password never carry it: their ``value`` says how long it was, not what it was.

>>> policy = PasswordPolicy()
>>> password_text("correct horse battery staple", policy)
'correct horse battery staple'
>>> password_text("short", policy)
Traceback (most recent call last):
...
infomanager_core.security.errors.PasswordTooShort: password: '<hidden, 5 characters>' must have at least 12 characters
"""

from __future__ import annotations

import unicodedata

import attrs

from .errors import InvalidPasswordPolicy, PasswordTooLong, PasswordTooShort, UnusablePassword, hidden

__all__ = ["MAX_PRESENTED_LENGTH", "PasswordPolicy", "password_normal_form", "password_text"]

#: The longest text checked against a stored password: longer text is wrong without being hashed. It is well above
#: any policy's maximum, so that tightening the policy never locks an existing password out.
MAX_PRESENTED_LENGTH = 4096

_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})


def _check_policy(policy: PasswordPolicy, _attribute: object, _value: object) -> None:
    for name in ("min_length", "max_length"):
        value = getattr(policy, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidPasswordPolicy(name, value, "must be an int of at least 1")
    if policy.max_length < policy.min_length:
        raise InvalidPasswordPolicy(
            "max_length", policy.max_length, f"must be at least min_length ({policy.min_length})"
        )
    if policy.max_length > MAX_PRESENTED_LENGTH:  # a longer password could be set, and then never verify
        raise InvalidPasswordPolicy("max_length", policy.max_length, f"must be at most {MAX_PRESENTED_LENGTH}")


@attrs.frozen(kw_only=True)
class PasswordPolicy:
    """How long a password must be, in characters of its NFKC form: 12 to 256 by default.

    >>> PasswordPolicy(min_length=20, max_length=10)
    Traceback (most recent call last):
    ...
    infomanager_core.security.errors.InvalidPasswordPolicy: max_length: 10 must be at least min_length (20)
    """

    min_length: int = 12
    max_length: int = attrs.field(default=256, validator=_check_policy)


def password_normal_form(value: str) -> str:
    """The form in which a presented password is compared with the stored hash: NFKC, nothing else.

    The policy's length rules are not applied here: a password set under an older, looser policy still verifies.

    >>> password_normal_form("ｓｅｃｒｅｔ")
    'secret'
    """
    if not isinstance(value, str):
        raise UnusablePassword("password", type(value).__name__, "must be a string")
    return unicodedata.normalize("NFKC", value)


def password_text(value: object, policy: PasswordPolicy, *, field: str = "password") -> str:
    """``value`` in NFKC once checked against ``policy``: the text that is hashed and compared.

    >>> password_text("ｃｏｒｒｅｃｔ ｈｏｒｓｅ", PasswordPolicy())
    'correct horse'
    """
    if not isinstance(policy, PasswordPolicy):  # named by its type: a password given in its place is not repeated
        raise InvalidPasswordPolicy("policy", type(policy).__name__, "must be a PasswordPolicy")
    if not isinstance(value, str):
        raise UnusablePassword(field, type(value).__name__, "must be a string")  # bytes would echo the password
    if len(value) > MAX_PRESENTED_LENGTH:  # as typed: NFKC may shorten it, but this is what will be presented
        raise PasswordTooLong(field, hidden(value), MAX_PRESENTED_LENGTH)
    text = password_normal_form(value)
    for position, character in enumerate(text, start=1):
        if unicodedata.category(character) in _REFUSED_CATEGORIES:
            raise UnusablePassword(  # where, not which: even one character of a password stays out of the logs
                field,
                hidden(value),
                f"must not contain a control character or surrogate (character {position} is one)",
            )
    if len(text) < policy.min_length:
        raise PasswordTooShort(field, hidden(value), policy.min_length)
    if len(text) > policy.max_length:
        raise PasswordTooLong(field, hidden(value), policy.max_length)
    return text
