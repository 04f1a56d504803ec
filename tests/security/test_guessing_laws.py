"""Laws of guessing at an account: a wrong guess changes nothing and keeps no one out; a used code stays used.

The account keeps no count of failures (limiting guesses is the application's, which sees their source): so no run
of wrong guesses, of any secret, may change the account, and the owner's right secrets all work after it. A
single-use code, once used, never works again, whatever the account does next and through pickling and copying.
"""

from __future__ import annotations

import contextlib
import copy
import pickle
import unicodedata
from collections.abc import Callable
from datetime import timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.security import Account, AuthenticationFailed
from infomanager_core.security.two_factor import code_as_typed, normal_backup_code

from .support import MONDAY, PASSWORD, new_account, presented_text, state_of

GUESSED = ("password", "kauth code", "backup code", "application password", "api token")


@attrs.frozen
class Owner:
    """An account with one secret of every kind, and those secrets in clear (what its owner holds)."""

    account: Account
    kauth_code: str
    backup_codes: tuple[str, ...]
    application_password: str
    api_token: str


def owned_account() -> Owner:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    kauth = account.issue_kauth_code(at=MONDAY)
    codes = account.generate_backup_codes(at=MONDAY).codes
    app = account.create_application_password("Thunderbird", at=MONDAY)
    token = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    return Owner(account, kauth.secret, codes, app.secret, token.secret)


def is_right(owner: Owner, kind: str, text: str) -> bool:
    """Whether ``text`` is the owner's secret of ``kind`` as the account reads it (a guess that happens to be right)."""
    if kind == "password":
        return unicodedata.normalize("NFKC", text) == PASSWORD
    if kind == "kauth code":
        return "\x00" not in text and code_as_typed(text) == owner.kauth_code
    if kind == "backup code":
        return normal_backup_code(text) in {normal_backup_code(code) for code in owner.backup_codes}
    return text in (owner.application_password, owner.api_token)


def guess(account: Account, kind: str, text: str) -> None:
    at = MONDAY + timedelta(minutes=1)
    commands: dict[str, Callable[[], object]] = {
        "password": lambda: account.verify_password(text, at=at),
        "kauth code": lambda: account.recover_with_kauth_code(text, at=at),
        "backup code": lambda: account.use_backup_code(text, at=at),
        "application password": lambda: account.verify_application_password(text, at=at),
        "api token": lambda: account.verify_api_token(text, at=at),
    }
    commands[kind]()


#: Guesses of every kind: any text, and text shaped like the secret guessed at (eight digits; the id of one of
#: :func:`owned_account`'s credentials, then anything).
guesses = st.lists(
    st.tuples(
        st.sampled_from(GUESSED),
        st.one_of(
            presented_text,
            st.text("0123456789", min_size=8, max_size=8),
            st.builds(lambda rest: f"app-password-4.{rest}", presented_text),
            st.builds(lambda rest: f"api-token-5.{rest}", presented_text),
        ),
    ),
    min_size=1,
    max_size=12,
)


@given(guesses=guesses)
def test_no_run_of_wrong_guesses_changes_the_account_or_keeps_its_owner_out(guesses: list[tuple[str, str]]) -> None:
    owner = owned_account()
    account = owner.account
    before = state_of(account)
    for kind, text in guesses:
        if is_right(owner, kind, text):
            continue
        with pytest.raises(AuthenticationFailed):
            guess(account, kind, text)
        assert state_of(account) == before, (kind, text)
    later = MONDAY + timedelta(minutes=2)
    account.verify_password(PASSWORD, at=later)
    assert account.verify_application_password(owner.application_password, at=later).name == "Thunderbird"
    assert account.verify_api_token(owner.api_token, scope="mail", at=later).name == "CI"
    account.use_backup_code(owner.backup_codes[0], at=later)
    account.recover_with_kauth_code(owner.kauth_code, at=later)


#: What an account may do after a code was used: nothing of it brings the code back.
AFTERWARDS = (
    "pickle and load",
    "copy",
    "use another backup code",
    "verify the password",
    "a wrong guess",
    "a new set of backup codes",
    "add a method",
)


def afterwards(account: Account, step: str, other_code: str) -> Account:
    at = MONDAY + timedelta(minutes=1)
    if step == "pickle and load":
        return pickle.loads(pickle.dumps(account))  # type: ignore[no-any-return]
    if step == "copy":
        return copy.copy(account)
    if step == "use another backup code":
        with contextlib.suppress(AuthenticationFailed):  # used before in this run, or the set was replaced
            account.use_backup_code(other_code, at=at)
    elif step == "verify the password":
        account.verify_password(PASSWORD, at=at)
    elif step == "a wrong guess":
        with pytest.raises(AuthenticationFailed):
            account.use_backup_code("zzzz-zzzz", at=at)
    elif step == "a new set of backup codes":
        account.generate_backup_codes(at=at)
    elif step == "add a method" and not any(method.label == "Aegis" for method in account.two_factor_methods):
        account.add_otp_app("Aegis", at=at)
    return account


@given(steps=st.lists(st.sampled_from(AFTERWARDS), max_size=8), other=st.integers(1, 9))
def test_a_used_code_never_works_again_whatever_the_account_does_next(steps: list[str], other: int) -> None:
    owner = owned_account()
    account = owner.account
    account.use_backup_code(owner.backup_codes[0], at=MONDAY)
    account.recover_with_kauth_code(owner.kauth_code, at=MONDAY)
    for step in ("as it is", *steps):
        account = afterwards(account, step, owner.backup_codes[other])
        with pytest.raises(AuthenticationFailed):
            account.use_backup_code(owner.backup_codes[0], at=MONDAY + timedelta(minutes=1))
        with pytest.raises(AuthenticationFailed):
            account.recover_with_kauth_code(owner.kauth_code, at=MONDAY + timedelta(minutes=1))
