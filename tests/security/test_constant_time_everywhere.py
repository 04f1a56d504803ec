"""Every command of the account that checks a presented secret compares digests in constant time.

SPEC §8 asks for secrets "compared in constant time". ``test_spec_secrets`` watches the hashing functions; this watches
the account's own commands — each way a password, a code or a credential is presented — so that none of them ever
compares a secret, or a digest, another way: each check of a presented secret reaches :func:`hmac.compare_digest`
with a stored digest, whether the secret is right or wrong.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core.security import Account, AuthenticationFailed, hashing

from .support import MONDAY, PASSWORD, new_account

Check = Callable[[Account, dict[str, str], bool], object]


def presented_account() -> tuple[Account, dict[str, str]]:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    secrets = {
        "kauth": account.issue_kauth_code(at=MONDAY).secret,
        "backup": account.generate_backup_codes(at=MONDAY).codes[0],
        "app": account.create_application_password("Thunderbird", at=MONDAY).secret,
        "token": account.create_api_token("CI", scopes=["mail"], at=MONDAY).secret,
    }
    account.add_otp_app("Aegis", at=MONDAY)
    return account, secrets


def wrong(secret: str) -> str:
    return secret[:-1] + ("3" if secret[-1] != "3" else "4")


AT = MONDAY + timedelta(minutes=1)
CHECKS: dict[str, Check] = {
    "verify_password": lambda a, s, right: a.verify_password(PASSWORD if right else wrong(PASSWORD), at=AT),
    "change_password": lambda a, s, right: a.change_password(
        PASSWORD if right else wrong(PASSWORD), "a new pass phrase", "a new pass phrase", at=AT
    ),
    "turn_two_factor_off": lambda a, s, right: a.turn_two_factor_off(
        password=PASSWORD if right else wrong(PASSWORD), at=AT
    ),
    "remove_two_factor_method": lambda a, s, right: a.remove_two_factor_method(
        a.two_factor_methods[0].id, password=PASSWORD if right else wrong(PASSWORD), at=AT
    ),
    "recover_with_kauth_code": lambda a, s, right: a.recover_with_kauth_code(
        s["kauth"] if right else wrong(s["kauth"]), at=AT
    ),
    "use_backup_code": lambda a, s, right: a.use_backup_code(s["backup"] if right else wrong(s["backup"]), at=AT),
    "verify_application_password": lambda a, s, right: a.verify_application_password(
        s["app"] if right else wrong(s["app"]), at=AT
    ),
    "verify_api_token": lambda a, s, right: a.verify_api_token(s["token"] if right else wrong(s["token"]), at=AT),
}


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The stored side of every comparison made through ``hmac.compare_digest`` while the test runs."""
    seen: list[bytes] = []
    compare = hmac.compare_digest

    def watched(a: bytes, b: bytes) -> bool:
        seen.append(b)
        return compare(a, b)

    monkeypatch.setattr(hashing.hmac, "compare_digest", watched)
    return seen


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("command", sorted(CHECKS))
def test_each_check_of_a_presented_secret_compares_a_stored_digest_in_constant_time(
    command: str, right: bool, compared: list[bytes]
) -> None:
    account, secrets = presented_account()
    compared.clear()
    if right:
        CHECKS[command](account, secrets, right)
    else:
        with pytest.raises(AuthenticationFailed):
            CHECKS[command](account, secrets, right)
    assert compared, f"{command} checked a secret without hmac.compare_digest"
    assert all(len(digest) == hashing.DIGEST_BYTES for digest in compared)
