"""The account's auditor: :func:`check_invariants` checks every law of a security account's state.

An :class:`~infomanager_core.security.account.Account` keeps no secret in clear and files everything it issues under
its id, dated by the account's own clock (its latest moment). The laws, checked in this order:

1. the account password is kept as a hash;
2. the profile is in its tidy form (building it again from its fields changes nothing);
3. every application password and API token is filed under its own id, of its kind (``app-password-<n>``,
   ``api-token-<n>``) and numbered no later than the last issued; its secret is a hash; its moments (created, last
   used, revoked) are no later than the account's clock, and it was revoked no earlier than it was created;
4. at most one two-factor method of each single kind (kAuth, OTP app, SMS, backup codes); security keys are
   distinct, at most :data:`~infomanager_core.security.two_factor.MAX_SECURITY_KEYS`;
5. backup codes are kept exactly when their method is set up;
6. every two-factor method is filed under its own id and added no later than the account's clock; an SMS method has
   a phone number, in a country SMS reaches, and records that country;
7. at most one identity verification is pending;
8. every identity verification is filed under its own id; a pending one keeps its documents and selfie, not yet
   deleted; any other has had them deleted, and says when;
9. a kAuth code is only issued with the kAuth app set up, for that app's device;
10. a backup code is used at most once, each used index is one of the codes, and every code is kept as a hash;
11. every caller's key names a credential of the account.

A broken law raises :class:`~infomanager_core.errors.InvariantViolation`, whose ``law`` is the law in words and whose
``detail`` names the culprit (an id, a kind, the values that disagree) and never a secret, whatever flags Python runs
with (``python -O`` included). Tests call it after every step, through :meth:`Account.check_invariants <infomanager_core.security.account.Account.check_invariants>`.

>>> from datetime import UTC, datetime
>>> from infomanager_core.security.examples import example_account
>>> check_invariants(example_account(datetime(2026, 1, 5, tzinfo=UTC)))
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..access.checks import instant
from ..errors import InvalidInput, InvariantViolation
from .hashing import SecretHash
from .phones import sms_country
from .profile import Profile
from .recovery import VerificationStatus
from .two_factor import MAX_SECURITY_KEYS, TwoFactorKind

if TYPE_CHECKING:
    from .account import Account

__all__ = ["check_invariants"]


def check_invariants(account: Account) -> None:
    """Check every law of ``account``'s state; raise :class:`~infomanager_core.errors.InvariantViolation` on the first
    law broken.

    >>> from datetime import UTC, datetime
    >>> from infomanager_core.security.examples import example_account
    >>> account = example_account(datetime(2026, 1, 5, tzinfo=UTC))
    >>> check_invariants(account)
    >>> object.__setattr__(account, "_password", "correct horse battery")  # damage done behind the account's back
    >>> check_invariants(account)
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvariantViolation: invariant broken: the account password is kept as a hash: 'str'
    """
    _password_and_profile(account)
    _credentials(account)
    _two_factor_methods(account)
    _identity_verifications(account)
    _kauth_code(account)
    _backup_codes(account)
    _keys(account)


def _password_and_profile(account: Account) -> None:
    """Laws 1 and 2; a value kept in clear is named by its type, never shown."""
    if not isinstance(account._password, SecretHash):
        raise InvariantViolation("the account password is kept as a hash", type(account._password).__name__)
    profile = account._profile
    fields = ("first_name", "last_name", "email", "phones", "avatar")
    law = "the profile is in its tidy form"
    try:
        tidy = Profile(**{name: getattr(profile, name) for name in fields})
    except InvalidInput as error:  # a field the profile's own rules refuse
        raise InvariantViolation(law, [error.field]) from error
    if profile != tidy:
        raise InvariantViolation(law, [name for name in fields if getattr(profile, name) != getattr(tidy, name)])


def _credentials(account: Account) -> None:
    """Law 3, application passwords first, then tokens, each in creation order."""
    for kind, credentials in (("app-password", account._application_passwords), ("api-token", account._tokens)):
        for id, credential in credentials.items():
            if credential.id != id:
                raise InvariantViolation("a credential is filed under its own id", (id, credential.id))
            if not id.startswith(f"{kind}-"):
                raise InvariantViolation(f"a credential's id names its kind ({kind}-<n>)", id)
            if not isinstance(credential.hash, SecretHash):
                raise InvariantViolation("a credential's secret is kept as a hash", id)
            if int(id.rsplit("-", 1)[1]) > account._issued:
                raise InvariantViolation(
                    "a credential is numbered no later than the last issued", (id, account._issued)
                )
            for moment in (credential.created_at, credential.last_used_at, credential.revoked_at):
                if moment is not None and instant(moment) > instant(account._latest):
                    raise InvariantViolation(
                        "a credential's moments are no later than the account's clock", (id, moment)
                    )
            if credential.revoked_at is not None and instant(credential.created_at) > instant(credential.revoked_at):
                raise InvariantViolation("a credential is revoked no earlier than it was created", id)


def _two_factor_methods(account: Account) -> None:
    """Laws 4–6."""
    kinds = Counter(method.kind for method in account._methods.values())
    for single in (TwoFactorKind.KAUTH, TwoFactorKind.OTP_APP, TwoFactorKind.SMS, TwoFactorKind.BACKUP_CODES):
        if kinds[single] > 1:
            raise InvariantViolation("at most one two-factor method of each single kind", single.value)
    keys = [m.key for m in account._methods.values() if m.kind is TwoFactorKind.SECURITY_KEY]
    if not len(keys) == len(set(keys)) <= MAX_SECURITY_KEYS:
        raise InvariantViolation(f"security keys are distinct, at most {MAX_SECURITY_KEYS}", keys)
    if (TwoFactorKind.BACKUP_CODES in kinds) != (account._backup_codes is not None):
        raise InvariantViolation(
            "backup codes are kept exactly when their method is set up",
            {"method set up": TwoFactorKind.BACKUP_CODES in kinds, "codes kept": account._backup_codes is not None},
        )
    for id, method in account._methods.items():
        if method.id != id:
            raise InvariantViolation("a two-factor method is filed under its own id", (id, method.id))
        if instant(method.added_at) > instant(account._latest):
            raise InvariantViolation("a two-factor method is added no later than the account's clock", id)
        if method.kind is TwoFactorKind.SMS:
            if method.phone is None:
                raise InvariantViolation("an SMS method has a phone number", id)
            if not method.country == sms_country(method.phone) is not None:
                raise InvariantViolation(
                    "an SMS method's phone is in a country SMS reaches, and the method records that country",
                    (id, method.country),
                )


def _identity_verifications(account: Account) -> None:
    """Laws 7 and 8."""
    pending = [v.id for v in account._verifications.values() if v.status is VerificationStatus.PENDING]
    if len(pending) > 1:
        raise InvariantViolation("at most one identity verification is pending", pending)
    for id, verification in account._verifications.items():
        if verification.id != id:
            raise InvariantViolation("an identity verification is filed under its own id", (id, verification.id))
        if verification.status is VerificationStatus.PENDING:
            laws = (
                (bool(verification.documents), "a pending identity verification keeps its documents"),
                (verification.selfie is not None, "a pending identity verification keeps its selfie"),
                (verification.deleted_at is None, "a pending identity verification's data is not yet deleted"),
            )
        else:
            laws = (
                (verification.documents == (), "a decided identity verification has had its documents deleted"),
                (verification.selfie is None, "a decided identity verification has had its selfie deleted"),
                (verification.deleted_at is not None, "a decided identity verification says when its data was deleted"),
            )
        for holds, law in laws:
            if not holds:
                raise InvariantViolation(law, id)


def _kauth_code(account: Account) -> None:
    """Law 9."""
    if account._kauth_code is not None:
        kauth = account._method_of(TwoFactorKind.KAUTH)
        if kauth is None:
            raise InvariantViolation(
                "a kAuth code is only issued with the kAuth app set up", account._kauth_code.device
            )
        if kauth.device != account._kauth_code.device:
            raise InvariantViolation(
                "a kAuth code is issued for the kAuth app's device", (account._kauth_code.device, kauth.device)
            )


def _backup_codes(account: Account) -> None:
    """Law 10; codes are named by their index, never shown."""
    if account._backup_codes is not None:
        used = Counter(index for index, _ in account._backup_codes.used)
        if any(count > 1 for count in used.values()):
            raise InvariantViolation("a backup code is used at most once", sorted(i for i, n in used.items() if n > 1))
        if not all(0 <= index < len(account._backup_codes.hashes) for index in used):
            raise InvariantViolation(
                "each used backup code is one of the codes",
                sorted(i for i in used if not 0 <= i < len(account._backup_codes.hashes)),
            )
        if not all(isinstance(code, SecretHash) for code in account._backup_codes.hashes):
            raise InvariantViolation(
                "every backup code is kept as a hash",
                [i for i, code in enumerate(account._backup_codes.hashes) if not isinstance(code, SecretHash)],
            )


def _keys(account: Account) -> None:
    """Law 11."""
    for key, answered in sorted(account._answered.items()):
        if answered.made not in account._application_passwords and answered.made not in account._tokens:
            raise InvariantViolation("every caller's key names a credential of the account", key)
