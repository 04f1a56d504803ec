"""The account password: checking it, and changing it.

A presented password is compared in its normal form, without the policy's lengths (a password set under an older
policy still verifies), up to a hard bound on what is hashed; a hash made with an older cost is redone when the
password verifies. A new password follows the account's policy, is typed twice and differs from the current one,
which is checked last (the cheap checks first). Other commands ask for the password through ``_check_password``
(removing a two-factor method) and change it through ``_new_password`` and ``_replace_password`` (the
compromised-account procedure).
"""

from __future__ import annotations

from datetime import datetime

from ...errors import InvalidInput
from ..errors import PasswordConfirmationMismatch, PasswordUnchanged, WrongPassword, hidden
from ..events import SecurityEventKind
from ..hashing import SecretHash, hash_secret, needs_rehash, verify_secret
from ..passwords import MAX_PRESENTED_LENGTH, PasswordPolicy, password_normal_form, password_text
from .state import AccountState, Events

__all__ = ["AccountPassword"]


class AccountPassword(AccountState):
    """The account password's commands: :meth:`verify_password` and :meth:`change_password`."""

    __slots__ = ()

    @property
    def password_hash(self) -> SecretHash:
        """The account password's hash (to store it; never the password)."""
        return self._password

    def verify_password(self, password: str, *, at: datetime) -> None:
        """Check the account password (``WrongPassword`` otherwise); a hash made with an older cost is redone.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> account.verify_password("correct horse battery", at=at)
        >>> account.verify_password("wrong horse battery", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.WrongPassword: password: not the account password
        """
        self._in_order(at)
        self._check_password(password, "password")
        if needs_rehash(self._password, self.cost):
            self._password = hash_secret(password_normal_form(password), self.cost)
        self._latest = at

    def change_password(self, current: str, new: str, confirmation: str, *, at: datetime) -> Events:
        """Replace the password: ``current`` is checked, ``new`` must follow the policy, differ from the current one
        and be typed twice (``confirmation``). Application passwords and tokens are left as they are.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [event.what.value for event in account.change_password(
        ...     "correct horse battery", "purple monkey dishwasher", "purple monkey dishwasher", at=at)]
        ['password changed']
        >>> account.change_password("purple monkey dishwasher", "new pass phrase!", "new pass phrase?", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.PasswordConfirmationMismatch: confirmation: '<hidden, 16 characters>' must repeat the new password exactly
        """
        self._in_order(at)
        text = self._new_password(current, new, confirmation)
        return self._replace_password(text, at)

    @property
    def password_changed_at(self) -> datetime | None:
        """When the password was last changed (``None``: never since the account was opened)."""
        return self._password_changed_at

    # -- private helpers -----------------------------------------------------------------------------------------------

    def _check_password(self, password: object, field: str) -> None:
        """Refuse ``password`` unless it is the account password, in its normal form; the policy's lengths do not apply (a
        password set under an older policy still verifies), only a hard bound on what is hashed."""
        if not isinstance(password, str):
            raise InvalidInput(field, type(password).__name__, "must be a string")
        if len(password) > MAX_PRESENTED_LENGTH or not verify_secret(password_normal_form(password), self._password):
            raise WrongPassword(field)

    def _new_password(self, current: object, new: object, confirmation: object) -> str:
        """The new password's text once every check passed (cheap ones first; the current password last)."""
        text = password_text(new, self.policy, field="new_password")
        if not isinstance(confirmation, str) or _password_text_or_none(confirmation, self.policy) != text:
            raise PasswordConfirmationMismatch(hidden(confirmation))
        self._check_password(current, "current_password")
        if verify_secret(text, self._password):
            raise PasswordUnchanged(hidden(new))
        return text

    def _replace_password(self, text: str, at: datetime) -> Events:
        self._password = hash_secret(text, self.cost)
        self._password_changed_at = at
        self._latest = at
        return (self._event(SecurityEventKind.PASSWORD_CHANGED, at),)


def _password_text_or_none(value: str, policy: PasswordPolicy) -> str | None:
    """``value`` as :func:`password_text` would keep it, or ``None`` where it refuses it."""
    try:
        return password_text(value, policy)
    except InvalidInput:
        return None
