"""A worker that times out retries: a credential created again under the caller's key is the first one, with a new secret.

Each ``create_application_password`` and ``create_api_token`` makes a new credential. With ``key``, the id of the
request the caller keeps, the same request again (at once or later) answers with the credential made first and its
events, and a new secret for it: the account keeps only hashes, so the first secret cannot be shown again, and it stops
working — nobody holds it, its answer was lost. Once the credential has been used or revoked the retry is refused
(``CredentialNotReissued``): the first secret reached someone, or the credential is gone. Another request under a used
key is ``KeyReused``.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput, InvariantViolation, KeyReused
from infomanager_core.access import InvalidMoment
from infomanager_core.security import Account, CredentialNotReissued, NewSecret, SecretMismatch
from tests.security.support import MONDAY, new_account

LATER = MONDAY + timedelta(days=30)
EXPIRY = MONDAY + timedelta(days=90)


def _password(account: Account, *, key: str | None = "req-1", at: datetime = MONDAY, name: str = "Mail") -> NewSecret:
    return account.create_application_password(name, at=at, key=key)


def _token(
    account: Account, *, key: str | None = "req-2", at: datetime = MONDAY, scopes: tuple[str, ...] = ("read",)
) -> NewSecret:
    return account.create_api_token("Deploy", scopes=scopes, at=at, expires_at=EXPIRY, key=key)


def _hashes_aside(account: Account) -> Account:
    """The account as a retry must leave it: a credential's retry changes its hash, and nothing else."""
    kept = copy.deepcopy(account)
    for credentials in (kept._application_passwords, kept._tokens):
        for id, credential in credentials.items():
            credentials[id] = attrs.evolve(credential, hash=kept._password)
    return kept


def _refused_and_unchanged(
    account: Account, command: Callable[[], object], error: type[InfomanagerError]
) -> InfomanagerError:
    before = pickle.dumps(account)
    with pytest.raises(error) as raised:
        command()
    assert pickle.dumps(account) == before
    return raised.value


def test_an_application_password_retried_under_its_key_is_the_first_with_a_new_secret() -> None:
    account = new_account()
    first = _password(account)
    once = _hashes_aside(account)
    again = _password(account)
    assert (again.id, again.events) == (first.id, first.events)
    assert again.secret != first.secret
    assert [credential.id for credential in account.application_passwords] == [first.id]
    assert _hashes_aside(account) == once


def test_the_new_secret_verifies_and_the_first_no_longer_does() -> None:
    account = new_account()
    first = _password(account)
    again = _password(account)
    _refused_and_unchanged(
        account, lambda: account.verify_application_password(first.secret, at=MONDAY), SecretMismatch
    )
    assert account.verify_application_password(again.secret, at=MONDAY).id == first.id


def test_an_api_token_retried_later_is_answered_after_other_commands_and_moves_no_clock() -> None:
    account = new_account()
    first = _token(account)
    account.add_otp_app("phone", at=MONDAY + timedelta(days=1))
    latest = account.latest
    again = _token(account, at=LATER)
    assert (again.id, again.events) == (first.id, first.events)
    assert _token(account, at=MONDAY).id == first.id  # the worker's own moment, now behind the account's clock
    assert account.latest == latest
    assert [token.id for token in account.api_tokens] == [first.id]


def test_a_retry_after_the_credential_was_used_is_refused_and_the_secret_in_use_keeps_working() -> None:
    account = new_account()
    first = _password(account)
    account.verify_application_password(first.secret, at=MONDAY)
    refused = _refused_and_unchanged(account, lambda: _password(account, at=LATER), CredentialNotReissued)
    assert isinstance(refused, CredentialNotReissued)
    assert (refused.key, refused.credential, refused.since) == ("req-1", first.id, "used")
    assert account.verify_application_password(first.secret, at=LATER).id == first.id


def test_a_retry_after_the_credential_was_revoked_is_refused() -> None:
    account = new_account()
    first = _token(account)
    account.revoke_api_token(first.id, at=MONDAY)
    refused = _refused_and_unchanged(account, lambda: _token(account), CredentialNotReissued)
    assert isinstance(refused, CredentialNotReissued)
    assert refused.since == "revoked"


def test_a_key_used_for_another_request_is_refused_naming_what_it_made() -> None:
    account = new_account()
    first = _password(account)
    refused = _refused_and_unchanged(account, lambda: _password(account, name="Calendar"), KeyReused)
    assert isinstance(refused, KeyReused)
    assert (refused.field, refused.value, refused.first) == ("key", "req-1", first.id)
    _refused_and_unchanged(account, lambda: _token(account, key="req-1"), KeyReused)
    _token(account)
    _refused_and_unchanged(account, lambda: _token(account, scopes=("read", "write")), KeyReused)


def test_without_a_key_each_creation_is_a_credential() -> None:
    account = new_account()
    _password(account, key=None)
    _password(account, key=None)
    _token(account, key=None)
    _token(account, key=None)
    assert (len(account.application_passwords), len(account.api_tokens)) == (2, 2)


def test_the_auditor_finds_a_key_that_names_no_credential() -> None:
    account = new_account()
    first = _password(account)
    del account._application_passwords[first.id]
    with pytest.raises(InvariantViolation, match="every caller's key names a credential of the account"):
        account.check_invariants()


def test_a_retry_whose_expiry_has_no_time_zone_is_refused_as_that_expiry_not_as_another_request() -> None:
    account = new_account()
    _token(account)

    def naive_expiry() -> object:
        return account.create_api_token(
            "Deploy", scopes=("read",), at=MONDAY, expires_at=EXPIRY.replace(tzinfo=None), key="req-2"
        )

    refused = _refused_and_unchanged(account, naive_expiry, InvalidMoment)
    assert (refused.field, refused.value) == ("expires_at", EXPIRY.replace(tzinfo=None))  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["", " req-1", "req\u200b1", 5])
def test_a_key_that_is_no_id_is_refused_by_name_and_makes_nothing(key: object) -> None:
    account = new_account()
    refused = _refused_and_unchanged(account, lambda: _password(account, key=key), InvalidInput)  # type: ignore[arg-type]
    assert (refused.field, refused.value) == ("key", key)  # type: ignore[attr-defined]


def test_a_retry_at_a_moment_without_a_time_zone_is_refused_as_any_command_is() -> None:
    account = new_account()
    _password(account)
    _refused_and_unchanged(account, lambda: _password(account, at=MONDAY.replace(tzinfo=None)), InvalidMoment)


# -- the law --------------------------------------------------------------------------------------------------------

retry_after = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))


@given(token=st.booleans(), name=st.sampled_from(["Mail", " Thunderbird ", "CI"]), after=retry_after)
def test_law_creating_twice_under_one_key_leaves_what_creating_once_leaves(
    token: bool, name: str, after: timedelta
) -> None:
    base = new_account()
    once, twice = copy.deepcopy(base), copy.deepcopy(base)

    def create(account: Account, at: datetime) -> NewSecret:
        if token:
            return account.create_api_token(name, scopes=["read"], at=at, key="k")
        return account.create_application_password(name, at=at, key="k")

    create(once, MONDAY)
    first = create(twice, MONDAY)
    again = create(twice, MONDAY + after)
    assert (again.id, again.events) == (first.id, first.events)
    assert _hashes_aside(twice) == _hashes_aside(once)
    twice.check_invariants()
