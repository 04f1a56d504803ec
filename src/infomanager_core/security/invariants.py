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
10. a backup code is used at most once, each used index is one of the codes, and every code is kept as a hash.

A broken law fails as an ``AssertionError``, with a message where one names the culprit. Tests call it after every
step, through :meth:`Account.check_invariants <infomanager_core.security.account.Account.check_invariants>`.

>>> from datetime import UTC, datetime
>>> from infomanager_core.security.examples import example_account
>>> check_invariants(example_account(datetime(2026, 1, 5, tzinfo=UTC)))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..access.checks import instant
from .hashing import SecretHash
from .phones import sms_country
from .profile import Profile
from .recovery import VerificationStatus
from .two_factor import MAX_SECURITY_KEYS, TwoFactorKind

if TYPE_CHECKING:
    from .account import Account

__all__ = ["check_invariants"]


def check_invariants(account: Account) -> None:
    """Check every law of ``account``'s state; fail on the first law broken.

    >>> from datetime import UTC, datetime
    >>> from infomanager_core.security.examples import example_account
    >>> check_invariants(example_account(datetime(2026, 1, 5, tzinfo=UTC)))
    """
    _password_and_profile(account)
    _credentials(account)
    _two_factor_methods(account)
    _identity_verifications(account)
    _kauth_code(account)
    _backup_codes(account)


def _password_and_profile(account: Account) -> None:
    """Laws 1 and 2."""
    assert isinstance(account._password, SecretHash)
    profile = account._profile
    assert profile == Profile(
        first_name=profile.first_name,
        last_name=profile.last_name,
        email=profile.email,
        phones=profile.phones,
        avatar=profile.avatar,
    ), "the profile is not in its tidy form"


def _credentials(account: Account) -> None:
    """Law 3, application passwords first, then tokens, each in creation order."""
    for kind, credentials in (("app-password", account._application_passwords), ("api-token", account._tokens)):
        for id, credential in credentials.items():
            assert credential.id == id, id
            assert id.startswith(f"{kind}-"), id
            assert isinstance(credential.hash, SecretHash), id
            assert int(id.rsplit("-", 1)[1]) <= account._issued, id
            for moment in (credential.created_at, credential.last_used_at, credential.revoked_at):
                assert moment is None or instant(moment) <= instant(account._latest), id
            if credential.revoked_at is not None:
                assert instant(credential.created_at) <= instant(credential.revoked_at), id


def _two_factor_methods(account: Account) -> None:
    """Laws 4–6."""
    kinds = [method.kind for method in account._methods.values()]
    for single in (TwoFactorKind.KAUTH, TwoFactorKind.OTP_APP, TwoFactorKind.SMS, TwoFactorKind.BACKUP_CODES):
        assert kinds.count(single) <= 1, single
    keys = [m.key for m in account._methods.values() if m.kind is TwoFactorKind.SECURITY_KEY]
    assert len(keys) == len(set(keys)) <= MAX_SECURITY_KEYS
    assert (TwoFactorKind.BACKUP_CODES in kinds) == (account._backup_codes is not None)
    for id, method in account._methods.items():
        assert method.id == id
        assert instant(method.added_at) <= instant(account._latest)
        if method.kind is TwoFactorKind.SMS:
            assert method.phone is not None
            assert method.country == sms_country(method.phone) is not None


def _identity_verifications(account: Account) -> None:
    """Laws 7 and 8."""
    pending = [v for v in account._verifications.values() if v.status is VerificationStatus.PENDING]
    assert len(pending) <= 1, "two identity verifications pending"
    for id, verification in account._verifications.items():
        assert verification.id == id
        if verification.status is VerificationStatus.PENDING:
            assert verification.documents, id
            assert verification.selfie is not None, id
            assert verification.deleted_at is None, id
        else:
            assert verification.documents == (), id
            assert verification.selfie is None, id
            assert verification.deleted_at is not None, id


def _kauth_code(account: Account) -> None:
    """Law 9."""
    if account._kauth_code is not None:
        kauth = account._method_of(TwoFactorKind.KAUTH)
        assert kauth is not None, "a kAuth code without the kAuth app"
        assert kauth.device == account._kauth_code.device


def _backup_codes(account: Account) -> None:
    """Law 10."""
    if account._backup_codes is not None:
        used = [index for index, _ in account._backup_codes.used]
        assert len(used) == len(set(used))
        assert all(0 <= index < len(account._backup_codes.hashes) for index in used)
        assert all(isinstance(code, SecretHash) for code in account._backup_codes.hashes)
