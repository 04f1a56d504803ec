"""``Account.check_invariants`` catches every kind of damage it promises to catch, each on its own.

The tests lean on ``check_invariants`` after every step: a law that could be deleted unseen would let a broken account
pass. Each case below damages a fully set-up account by hand, through its private state, so that exactly one law of
:mod:`infomanager_core.security.invariants` breaks, and ``check_invariants`` must then raise ``InvariantViolation``
stating that law and naming the culprit, never a secret — under ``python -O`` too. The same account, undamaged, passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from infomanager_core.security import MAX_SECURITY_KEYS, Account, TwoFactorKind, TwoFactorMethod
from infomanager_core.security.examples import example_account

from ..auditors import assert_caught, assert_refused_under_optimisation

AT = datetime(2026, 1, 5, 9, tzinfo=UTC)
LATER = AT + timedelta(days=1)

# Damage is done behind the account's back, as only a bug in the account itself could; ``object.__setattr__``
# reaches into a frozen value (or past a validator) the same way.


def set_up_account() -> Account:
    """An account with one of everything: credentials (one token revoked), every kind of two-factor method, a backup
    code used, a kAuth code issued, and identity verifications decided and pending."""
    account = example_account(AT)
    account.create_application_password("Thunderbird", at=AT)
    account.create_api_token("CI", scopes={"mail"}, at=AT)
    account.create_api_token("Old CI", scopes={"mail"}, at=AT)
    account.revoke_api_token(account.api_tokens[-1].id, at=AT)
    account.add_kauth("phone-1", at=AT)
    account.add_otp_app("Authenticator", at=AT)
    account.add_sms("+41 79 123 45 67", at=AT)
    account.add_security_key("key-1", label="desk", at=AT)
    account.add_security_key("key-2", label="travel", at=AT)
    codes = account.generate_backup_codes(at=AT)
    account.use_backup_code(codes.codes[0], at=AT)
    account.issue_kauth_code(at=AT)
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=AT)
    account.reject_identity_verification(account.identity_verifications[0].id, by="support", reason="blurred", at=AT)
    account.submit_identity_verification(documents=["doc-2"], selfie="img-2", at=AT)
    return account


def method(account: Account, kind: TwoFactorKind) -> TwoFactorMethod:
    return next(m for m in account._methods.values() if m.kind is kind)


def password_kept_in_clear(account: Account) -> None:
    object.__setattr__(account, "_password", "correct horse battery")


def profile_not_in_its_tidy_form(account: Account) -> None:
    object.__setattr__(account._profile, "first_name", "  Carl ")


def profile_field_its_rules_refuse(account: Account) -> None:
    object.__setattr__(account._profile, "email", "carl at bakery")


def credential_filed_under_another_id(account: Account) -> None:
    [(id, credential)] = account._application_passwords.items()
    del account._application_passwords[id]
    account._application_passwords["app-password-2"] = credential  # a number issued, to another credential


def credential_id_of_another_kind(account: Account) -> None:
    id = next(iter(account._tokens))
    account._tokens[f"key-{id}"] = attrs.evolve(account._tokens.pop(id), id=f"key-{id}")


def credential_secret_kept_in_clear(account: Account) -> None:
    object.__setattr__(next(iter(account._tokens.values())), "hash", "secret")


def credential_numbered_beyond_the_last_issued(account: Account) -> None:
    account._issued = 1


def credential_used_after_the_accounts_clock(account: Account) -> None:
    id = next(iter(account._application_passwords))
    account._application_passwords[id] = attrs.evolve(account._application_passwords[id], last_used_at=LATER)


def credential_revoked_before_it_was_created(account: Account) -> None:
    revoked = account.api_tokens[-1]
    account._tokens[revoked.id] = attrs.evolve(revoked, revoked_at=AT - timedelta(days=1))


def two_sms_methods(account: Account) -> None:
    account._methods["method-99"] = attrs.evolve(method(account, TwoFactorKind.SMS), id="method-99")


def one_security_key_twice(account: Account) -> None:
    first, second = (m for m in account._methods.values() if m.kind is TwoFactorKind.SECURITY_KEY)
    object.__setattr__(second, "key", first.key)


def backup_codes_without_their_method(account: Account) -> None:
    del account._methods[method(account, TwoFactorKind.BACKUP_CODES).id]


def method_filed_under_another_id(account: Account) -> None:
    otp = method(account, TwoFactorKind.OTP_APP)
    del account._methods[otp.id]
    account._methods["method-99"] = otp


def method_added_after_the_accounts_clock(account: Account) -> None:
    object.__setattr__(method(account, TwoFactorKind.OTP_APP), "added_at", LATER)


def sms_method_without_a_phone(account: Account) -> None:
    object.__setattr__(method(account, TwoFactorKind.SMS), "phone", None)


def sms_method_recording_another_country(account: Account) -> None:
    object.__setattr__(method(account, TwoFactorKind.SMS), "country", "FR")


def two_verifications_pending(account: Account) -> None:
    pending = account.identity_verifications[-1]
    account._verifications["verification-99"] = attrs.evolve(pending, id="verification-99")


def verification_filed_under_another_id(account: Account) -> None:
    decided = account.identity_verifications[0]
    del account._verifications[decided.id]
    account._verifications["verification-99"] = decided


def pending_verification_without_documents(account: Account) -> None:
    object.__setattr__(account.identity_verifications[-1], "documents", ())


def pending_verification_without_a_selfie(account: Account) -> None:
    object.__setattr__(account.identity_verifications[-1], "selfie", None)


def pending_verification_whose_data_was_deleted(account: Account) -> None:
    object.__setattr__(account.identity_verifications[-1], "deleted_at", AT)


def decided_verification_keeping_documents(account: Account) -> None:
    object.__setattr__(account.identity_verifications[0], "documents", ("doc-1",))


def decided_verification_keeping_a_selfie(account: Account) -> None:
    object.__setattr__(account.identity_verifications[0], "selfie", "img-1")


def decided_verification_never_deleted(account: Account) -> None:
    object.__setattr__(account.identity_verifications[0], "deleted_at", None)


def kauth_code_without_the_kauth_app(account: Account) -> None:
    del account._methods[method(account, TwoFactorKind.KAUTH).id]


def kauth_code_for_another_device(account: Account) -> None:
    object.__setattr__(method(account, TwoFactorKind.KAUTH), "device", "phone-2")


def backup_code_used_twice(account: Account) -> None:
    codes = account._backup_codes
    assert codes is not None
    object.__setattr__(codes, "used", (*codes.used, codes.used[0]))


def backup_code_used_that_was_never_generated(account: Account) -> None:
    codes = account._backup_codes
    assert codes is not None
    object.__setattr__(codes, "used", (*codes.used, (len(codes.hashes), AT)))


def backup_code_kept_in_clear(account: Account) -> None:
    codes = account._backup_codes
    assert codes is not None
    object.__setattr__(codes, "hashes", ("ABCD2345", *codes.hashes[1:]))


#: Each damage, with the law it breaks as the auditor states it and the culprit it names (never a secret).
DAMAGE: dict[str, tuple[Callable[[Account], None], str, object]] = {
    damage.__name__: (damage, law, culprit)
    for damage, law, culprit in (
        (password_kept_in_clear, "the account password is kept as a hash", "str"),
        (profile_not_in_its_tidy_form, "the profile is in its tidy form", ["first_name"]),
        (profile_field_its_rules_refuse, "the profile is in its tidy form", ["email"]),
        (
            credential_filed_under_another_id,
            "a credential is filed under its own id",
            ("app-password-2", "app-password-1"),
        ),
        (credential_id_of_another_kind, "a credential's id names its kind (api-token-<n>)", "key-api-token-2"),
        (credential_secret_kept_in_clear, "a credential's secret is kept as a hash", "api-token-2"),
        (
            credential_numbered_beyond_the_last_issued,
            "a credential is numbered no later than the last issued",
            ("api-token-2", 1),
        ),
        (
            credential_used_after_the_accounts_clock,
            "a credential's moments are no later than the account's clock",
            ("app-password-1", LATER),
        ),
        (
            credential_revoked_before_it_was_created,
            "a credential is revoked no earlier than it was created",
            "api-token-3",
        ),
        (two_sms_methods, "at most one two-factor method of each single kind", "SMS"),
        (one_security_key_twice, "security keys are distinct, at most 10", ["key-1", "key-1"]),
        (
            backup_codes_without_their_method,
            "backup codes are kept exactly when their method is set up",
            {"method set up": False, "codes kept": True},
        ),
        (method_filed_under_another_id, "a two-factor method is filed under its own id", ("method-99", "method-5")),
        (
            method_added_after_the_accounts_clock,
            "a two-factor method is added no later than the account's clock",
            "method-5",
        ),
        (sms_method_without_a_phone, "an SMS method has a phone number", "method-6"),
        (
            sms_method_recording_another_country,
            "an SMS method's phone is in a country SMS reaches, and the method records that country",
            ("method-6", "FR"),
        ),
        (
            two_verifications_pending,
            "at most one identity verification is pending",
            ["verification-12", "verification-99"],
        ),
        (
            verification_filed_under_another_id,
            "an identity verification is filed under its own id",
            ("verification-99", "verification-11"),
        ),
        (
            pending_verification_without_documents,
            "a pending identity verification keeps its documents",
            "verification-12",
        ),
        (pending_verification_without_a_selfie, "a pending identity verification keeps its selfie", "verification-12"),
        (
            pending_verification_whose_data_was_deleted,
            "a pending identity verification's data is not yet deleted",
            "verification-12",
        ),
        (
            decided_verification_keeping_documents,
            "a decided identity verification has had its documents deleted",
            "verification-11",
        ),
        (
            decided_verification_keeping_a_selfie,
            "a decided identity verification has had its selfie deleted",
            "verification-11",
        ),
        (
            decided_verification_never_deleted,
            "a decided identity verification says when its data was deleted",
            "verification-11",
        ),
        (kauth_code_without_the_kauth_app, "a kAuth code is only issued with the kAuth app set up", "phone-1"),
        (kauth_code_for_another_device, "a kAuth code is issued for the kAuth app's device", ("phone-1", "phone-2")),
        (backup_code_used_twice, "a backup code is used at most once", [0]),
        (backup_code_used_that_was_never_generated, "each used backup code is one of the codes", [10]),
        (backup_code_kept_in_clear, "every backup code is kept as a hash", [0]),
    )
}


def test_the_undamaged_account_passes() -> None:
    set_up_account().check_invariants()


def test_an_account_with_as_many_security_keys_as_allowed_passes() -> None:
    """The law's bound is inclusive: the tenth key is allowed, so an account holding ten is sound."""
    account = set_up_account()
    for number in range(3, MAX_SECURITY_KEYS + 1):
        account.add_security_key(f"key-{number}", label=f"spare {number}", at=AT)
    assert len([m for m in account.two_factor_methods if m.kind is TwoFactorKind.SECURITY_KEY]) == MAX_SECURITY_KEYS
    account.check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught_as_the_law_it_breaks_naming_the_culprit(damage: str) -> None:
    spoil, law, culprit = DAMAGE[damage]
    account = set_up_account()
    spoil(account)
    assert_caught(account, law, culprit)


def test_a_damaged_account_is_refused_under_python_o_too() -> None:
    """Asserts vanish under ``-O``: the account's laws are plain checks that stay."""
    assert_refused_under_optimisation(
        "tests.security.test_invariants",
        "set_up_account",
        "backup_code_kept_in_clear",
        "every backup code is kept as a hash",
    )
