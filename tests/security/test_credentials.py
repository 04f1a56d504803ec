"""Application passwords and API tokens: shown once, kept hashed, verified by id, refused once revoked, expired or idle."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.errors import BackdatedCommand, InvalidMoment
from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    Account,
    CredentialExpired,
    CredentialIdle,
    CredentialNameTooLong,
    CredentialRevoked,
    CredentialStatus,
    EmptyCredentialName,
    InvalidExpiry,
    InvalidScope,
    MalformedSecretHash,
    NoScope,
    PasswordPolicy,
    ScopeNotGranted,
    ScryptCost,
    SecretMismatch,
    SecurityEventKind,
    UnknownCredential,
    UnprintableCredentialName,
    WrongPassword,
    credential_status,
    hash_secret,
    idle_from,
    matching_secret,
    verify_secret,
)
from infomanager_core.security.examples import example_profile

from .support import CHEAP, MONDAY, PASSWORD, assert_clear_secrets_absent, new_account, state_of


def test_a_new_application_password_is_shown_once_and_verifies_by_its_secret() -> None:
    account = new_account()
    new = account.create_application_password("Thunderbird", at=MONDAY)
    [created] = new.events
    assert created.what is SecurityEventKind.APPLICATION_PASSWORD_CREATED
    assert created.subject == new.id
    assert new.secret not in repr(new)
    later = MONDAY + timedelta(days=3)
    used = account.verify_application_password(new.secret, at=later)
    assert (used.id, used.last_used_at) == (new.id, later)
    assert account.application_password(new.id).last_used_at == later


def test_the_random_part_of_every_secret_handed_out_carries_256_bits() -> None:
    account = new_account()
    handed_out = (
        account.create_application_password("Laptop", at=MONDAY),
        account.create_api_token("CI", scopes=["mail"], at=MONDAY),
    )
    for new in handed_out:
        id, dot, random = new.secret.partition(".")
        assert (id, dot) == (new.id, ".")
        assert len(base64.urlsafe_b64decode(random + "=" * (-len(random) % 4))) == 32


def test_verification_says_which_of_several_credentials_matched() -> None:
    account = new_account()
    laptop = account.create_application_password("Laptop", at=MONDAY)
    phone = account.create_application_password("Phone", at=MONDAY)
    assert account.verify_application_password(phone.secret, at=MONDAY).id == phone.id
    assert account.verify_application_password(laptop.secret, at=MONDAY).name == "Laptop"


def test_a_token_is_not_an_application_password_and_the_other_way_round() -> None:
    account = new_account()
    token = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    password = account.create_application_password("Laptop", at=MONDAY)
    with pytest.raises(SecretMismatch) as refused:
        account.verify_application_password(token.secret, at=MONDAY)
    assert refused.value.credential is None
    assert str(refused.value).endswith("the secret presented names no credential")
    with pytest.raises(SecretMismatch):
        account.verify_api_token(password.secret, at=MONDAY)


def test_a_forged_secret_naming_a_real_credential_is_a_mismatch_for_that_credential() -> None:
    account = new_account()
    new = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    forged = f"{new.id}.{'A' * 43}"
    with pytest.raises(SecretMismatch) as refused:
        account.verify_api_token(forged, at=MONDAY)
    assert refused.value.credential == new.id
    assert str(refused.value).endswith(f"the secret presented does not match {new.id!r}")
    assert forged not in str(refused.value)


def test_revoking_one_application_password_leaves_the_others_working() -> None:
    account = new_account()
    laptop = account.create_application_password("Laptop", at=MONDAY)
    phone = account.create_application_password("Phone", at=MONDAY)
    [revoked] = account.revoke_application_password(laptop.id, at=MONDAY)
    assert (revoked.what, revoked.subject) == (SecurityEventKind.APPLICATION_PASSWORD_REVOKED, laptop.id)
    with pytest.raises(CredentialRevoked) as refused:
        account.verify_application_password(laptop.secret, at=MONDAY)
    assert refused.value.revoked_at == MONDAY
    assert account.verify_application_password(phone.secret, at=MONDAY).id == phone.id


def test_revoking_all_revokes_each_live_one_once() -> None:
    account = new_account()
    first = account.create_application_password("One", at=MONDAY)
    account.create_application_password("Two", at=MONDAY)
    account.revoke_application_password(first.id, at=MONDAY)
    events = account.revoke_all_application_passwords(at=MONDAY)
    assert [event.subject for event in events] == ["app-password-2"]
    assert account.revoke_all_application_passwords(at=MONDAY) == ()
    assert all(p.revoked_at == MONDAY for p in account.application_passwords)


def test_revoking_all_tokens_leaves_application_passwords_alone() -> None:
    account = new_account()
    password = account.create_application_password("Laptop", at=MONDAY)
    token = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    [revoked] = account.revoke_all_api_tokens(at=MONDAY)
    assert (revoked.what, revoked.subject) == (SecurityEventKind.API_TOKEN_REVOKED, token.id)
    assert account.verify_application_password(password.secret, at=MONDAY).id == password.id
    assert account.revoke_api_token(token.id, at=MONDAY) == ()


def test_a_token_expires_at_its_expiry_and_not_before() -> None:
    account = new_account()
    expiry = MONDAY + timedelta(days=30)
    new = account.create_api_token("CI", scopes=["mail"], at=MONDAY, expires_at=expiry)
    account.verify_api_token(new.secret, at=expiry - timedelta(seconds=1))
    with pytest.raises(CredentialExpired) as refused:
        account.verify_api_token(new.secret, at=expiry)
    assert refused.value.expires_at == expiry


def test_a_token_unused_for_a_calendar_year_is_switched_off() -> None:
    account = new_account()
    new = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    used = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    account.verify_api_token(new.secret, at=used)  # a day before its first year without use
    account.verify_api_token(new.secret, at=datetime(2028, 1, 4, 8, 59, tzinfo=UTC))
    with pytest.raises(CredentialIdle) as refused:
        account.verify_api_token(new.secret, at=datetime(2029, 1, 4, 9, 0, tzinfo=UTC))
    assert refused.value.idle_from == datetime(2029, 1, 4, 8, 59, tzinfo=UTC)


def test_a_year_from_the_29th_of_february_ends_on_the_28th() -> None:
    leap = datetime(2028, 2, 29, 12, 0, tzinfo=UTC)
    assert idle_from(MONDAY, leap) == datetime(2029, 2, 28, 12, 0, tzinfo=UTC)


def test_a_naive_last_use_is_refused_by_name_not_counted_on_a_wall_clock() -> None:
    with pytest.raises(InvalidMoment) as refused:
        idle_from(MONDAY, datetime(2026, 6, 1, 12, 0))
    assert refused.value.field == "last_used_at"


def test_a_name_of_64_characters_and_64_scopes_are_accepted() -> None:
    account = new_account()
    scopes = [f"s{i}" for i in range(64)]
    new = account.create_api_token("x" * 64, scopes=scopes, at=MONDAY)
    token = account.api_token(new.id)
    assert (token.name, token.scopes) == ("x" * 64, frozenset(scopes))
    assert account.create_application_password(" " + "y" * 64 + " ", at=MONDAY).id == "app-password-2"


def test_an_application_password_is_never_switched_off_for_lack_of_use() -> None:
    account = new_account()
    new = account.create_application_password("Old NAS", at=MONDAY)
    assert account.verify_application_password(new.secret, at=MONDAY + timedelta(days=3000)).id == new.id


def test_a_token_is_used_only_within_its_scopes() -> None:
    account = new_account()
    new = account.create_api_token("CI", scopes=["mail", "drive:read"], at=MONDAY)
    assert account.verify_api_token(new.secret, at=MONDAY, scope="drive:read").id == new.id
    before = state_of(account)
    with pytest.raises(ScopeNotGranted) as refused:
        account.verify_api_token(new.secret, at=MONDAY + timedelta(days=1), scope="domain")
    assert refused.value.scope == "domain"
    assert state_of(account) == before


@given(
    created=st.integers(0, 400),
    expiry=st.none() | st.integers(1, 500),
    uses=st.lists(st.integers(0, 900), max_size=4),
    revoked=st.none() | st.integers(0, 900),
    probe=st.integers(0, 1200),
)
def test_a_revoked_expired_or_idle_token_never_verifies(
    created: int, expiry: int | None, uses: list[int], revoked: int | None, probe: int
) -> None:
    start = MONDAY + timedelta(days=created)
    account = new_account(start)
    expires_at = None if expiry is None else start + timedelta(days=expiry)
    new = account.create_api_token("CI", scopes=["mail"], at=start, expires_at=expires_at)
    moments = sorted([*(start + timedelta(days=d) for d in uses if d >= created), start + timedelta(days=probe)])
    revoke_at = None if revoked is None else max(start, MONDAY + timedelta(days=revoked))
    for moment in moments:
        if revoke_at is not None and account.api_token(new.id).revoked_at is None and revoke_at <= moment:
            account.revoke_api_token(new.id, at=revoke_at)
        token = account.api_token(new.id)
        status = credential_status(token, moment)
        before = state_of(account)
        if status is CredentialStatus.ACTIVE:
            assert account.verify_api_token(new.secret, at=moment).last_used_at == moment
        else:
            with pytest.raises((CredentialRevoked, CredentialExpired, CredentialIdle)):
                account.verify_api_token(new.secret, at=moment)
            assert state_of(account) == before
        account.check_invariants()


@given(names=st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10), min_size=1, max_size=4))
def test_every_secret_the_account_keeps_is_a_hash_never_the_clear_text(names: list[str]) -> None:
    account = new_account()
    clear = [PASSWORD]
    for name in names:
        clear.append(account.create_application_password(name, at=MONDAY).secret)
        clear.append(account.create_api_token(name, scopes=["mail"], at=MONDAY).secret)
    for secret in clear[1:]:
        assert secret.split(".", 1)[0] in {c.id for c in (*account.application_passwords, *account.api_tokens)}
    assert_clear_secrets_absent(account, clear)


# -- bad input: typed errors, state unchanged -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [
        (lambda a: a.create_application_password("   ", at=MONDAY), EmptyCredentialName, "name"),
        (lambda a: a.create_application_password("x" * 65, at=MONDAY), CredentialNameTooLong, "name"),
        (lambda a: a.create_application_password("Lap\ntop", at=MONDAY), UnprintableCredentialName, "name"),
        (lambda a: a.create_application_password(7, at=MONDAY), InvalidInput, "name"),
        (lambda a: a.create_application_password("Laptop", at=datetime(2026, 1, 5)), InvalidMoment, "at"),
        (lambda a: a.create_application_password("Laptop", at=MONDAY - timedelta(1)), BackdatedCommand, "at"),
        (lambda a: a.create_api_token("CI", scopes=[], at=MONDAY), NoScope, "scopes"),
        (lambda a: a.create_api_token("CI", scopes="mail", at=MONDAY), InvalidScope, "scopes"),
        (lambda a: a.create_api_token("CI", scopes=["Mail"], at=MONDAY), InvalidScope, "scopes"),
        (lambda a: a.create_api_token("CI", scopes=[f"s{i}" for i in range(65)], at=MONDAY), InvalidScope, "scopes"),
        (
            lambda a: a.create_api_token("CI", scopes=["mail"], at=MONDAY, expires_at=MONDAY),
            InvalidExpiry,
            "expires_at",
        ),
        (
            lambda a: a.create_api_token("CI", scopes=["mail"], at=MONDAY, expires_at=datetime(2027, 1, 1)),
            InvalidMoment,
            "expires_at",
        ),
        (lambda a: a.revoke_api_token("api-token-9", at=MONDAY), UnknownCredential, "api_token"),
        (lambda a: a.revoke_api_token("app-password-1", at=MONDAY), UnknownCredential, "api_token"),
        (lambda a: a.revoke_application_password(["x"], at=MONDAY), UnknownCredential, "application_password"),
        (lambda a: a.verify_api_token(b"api-token-2.x", at=MONDAY), InvalidInput, "secret"),
        (lambda a: a.verify_api_token("api-token-2.x", at=MONDAY, scope=3), InvalidInput, "scope"),
    ],
)
def test_bad_input_is_refused_by_name_and_changes_nothing(command, error, field) -> None:  # type: ignore[no-untyped-def]
    account = new_account()
    account.create_application_password("Laptop", at=MONDAY)
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    with pytest.raises(error) as refused:
        command(account)
    assert refused.value.field == field
    assert state_of(account) == before


def test_a_failed_verification_changes_nothing_not_even_the_clock() -> None:
    account = new_account()
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    with pytest.raises(SecretMismatch):
        account.verify_api_token("api-token-1.nope", at=MONDAY + timedelta(days=5))
    assert state_of(account) == before


def test_the_account_password_is_checked_and_never_echoed() -> None:
    account = new_account()
    account.verify_password(PASSWORD, at=MONDAY)
    for wrong in ("wrong horse battery staple", "short", 42):
        with pytest.raises((WrongPassword, InvalidInput)) as refused:
            account.verify_password(wrong, at=MONDAY)  # type: ignore[arg-type]
        assert str(wrong) not in str(refused.value)


def test_a_password_hash_made_with_an_older_cost_is_redone_at_the_next_success() -> None:
    account = new_account()
    stronger = Account(
        account.id,
        password=account.password_hash,
        opened_at=MONDAY,
        profile=account.profile,
        cost=ScryptCost(n=32, r=1, p=1),
    )
    stronger.verify_password(PASSWORD, at=MONDAY)
    assert stronger.password_hash.cost.n == 32
    stronger.verify_password(PASSWORD, at=MONDAY)


def test_an_account_is_built_only_from_checked_parts() -> None:
    with pytest.raises(InvalidInput) as refused:
        Account("carl", password="in clear", opened_at=MONDAY, profile=example_profile())  # type: ignore[arg-type]
    assert refused.value.field == "password"
    with pytest.raises(InvalidInput) as refused:
        Account.open("carl\n", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP)
    assert refused.value.field == "account"
    with pytest.raises(InvalidInput) as refused:
        Account.open("carl", password=PASSWORD, profile={"first_name": "Carl"}, at=MONDAY, cost=CHEAP)  # type: ignore[arg-type]
    assert refused.value.field == "profile"
    with pytest.raises(InvalidMoment):
        Account.open("carl", password=PASSWORD, profile=example_profile(), at=datetime(2026, 1, 5), cost=CHEAP)


def test_a_stricter_policy_later_does_not_lock_out_an_existing_password() -> None:
    account = new_account()
    stricter = Account(
        account.id,
        password=account.password_hash,
        opened_at=MONDAY,
        profile=account.profile,
        cost=CHEAP,
        policy=PasswordPolicy(min_length=40),
    )
    stricter.verify_password(PASSWORD, at=MONDAY)
    with pytest.raises(WrongPassword):
        stricter.verify_password("x" * 5000, at=MONDAY)


def test_an_overlong_secret_matches_nothing() -> None:
    account = new_account()
    new = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    with pytest.raises(SecretMismatch) as refused:
        account.verify_api_token(new.secret + "A" * 300, at=MONDAY)
    assert refused.value.credential is None


def test_a_secret_passed_where_its_id_is_expected_is_not_repeated_in_the_error() -> None:
    account = new_account()
    app = account.create_application_password("Laptop", at=MONDAY)
    token = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    commands = (
        (lambda: account.revoke_application_password(app.secret, at=MONDAY), app.secret),
        (lambda: account.revoke_api_token(token.secret, at=MONDAY), token.secret),
        (lambda: account.application_password(app.secret), app.secret),
        (lambda: account.api_token(token.secret), token.secret),
    )
    for command, secret in commands:
        with pytest.raises(UnknownCredential) as refused:
            command()
        assert secret.partition(".")[2] not in str(refused.value)
    assert state_of(account) == before


def test_a_secret_passed_in_place_of_its_hash_is_not_repeated_in_the_error() -> None:
    stored = hash_secret("x", CHEAP)
    for swapped in (
        lambda: verify_secret(stored, "my clear secret"),
        lambda: matching_secret(stored, "my clear secret"),
    ):  # type: ignore[arg-type]
        with pytest.raises(MalformedSecretHash) as refused:
            swapped()
        assert "my clear secret" not in str(refused.value)


def test_a_scope_name_has_at_most_64_characters() -> None:
    account = new_account()
    longest = "s" + "x" * 63
    new = account.create_api_token("CI", scopes=[longest], at=MONDAY)
    assert account.api_token(new.id).scopes == frozenset({longest})
    before = state_of(account)
    with pytest.raises(InvalidScope) as refused:
        account.create_api_token("CI", scopes=[longest + "x"], at=MONDAY)
    assert (refused.value.field, refused.value.value) == ("scopes", longest + "x")
    assert state_of(account) == before


def test_a_credential_id_presented_without_its_random_part_names_no_credential() -> None:
    account = new_account()
    new = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    with pytest.raises(SecretMismatch) as refused:
        account.verify_api_token(new.id, at=MONDAY)
    assert refused.value.credential is None
    assert state_of(account) == before


def test_a_password_redone_with_a_new_cost_still_verifies_however_it_was_typed() -> None:
    """The hash is redone from the password's normal form, not from the keys the person pressed this time."""
    account = new_account(password="ｃｏｒｒｅｃｔ horse battery")
    stronger = Account(
        account.id,
        password=account.password_hash,
        opened_at=MONDAY,
        profile=account.profile,
        cost=ScryptCost(n=32, r=1, p=1),
    )
    stronger.verify_password("ｃｏｒｒｅｃｔ horse battery", at=MONDAY)  # full-width, as typed on a Japanese keyboard
    assert stronger.password_hash.cost.n == 32
    stronger.verify_password("correct horse battery", at=MONDAY)
    stronger.verify_password("ｃｏｒｒｅｃｔ horse battery", at=MONDAY)


def test_a_password_checked_moves_the_account_s_clock_so_nothing_is_later_dated_before_it() -> None:
    account = new_account()
    later = MONDAY + timedelta(hours=1)
    account.verify_password(PASSWORD, at=later)
    assert account.latest == later
    before = state_of(account)
    with pytest.raises(BackdatedCommand):
        account.create_application_password("Phone", at=later - timedelta(seconds=1))
    assert state_of(account) == before


def test_a_password_presented_longer_than_4096_characters_is_wrong_even_when_its_nfkc_form_is_the_password() -> None:
    syllables = "\uac01" * 1400  # 1400 characters as kept; typed as jamo they are 4200
    account = Account.open(
        "carl",
        password=syllables,
        profile=example_profile(),
        at=MONDAY,
        cost=CHEAP,
        policy=PasswordPolicy(max_length=4096),
    ).account
    account.verify_password(syllables, at=MONDAY)
    before = state_of(account)
    with pytest.raises(WrongPassword):
        account.verify_password("\u1100\u1161\u11a8" * 1400, at=MONDAY)
    assert state_of(account) == before


def test_every_hash_an_account_makes_is_made_with_the_account_s_cost() -> None:
    """The cost is the account's to choose (tests choose a cheap one, an operator a dearer one): no command falls
    back to the default, which would make a hash the account then asks to redo, or cost the server 16 MiB a check."""
    dearer = ScryptCost(n=32, r=1, p=1)
    account = Account.open("carl", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=dearer).account
    account.create_application_password("Laptop", at=MONDAY, key="req-1")
    account.create_application_password("Laptop", at=MONDAY, key="req-1")  # the retry's new secret
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    account.add_kauth("iphone-carl", at=MONDAY)
    account.issue_kauth_code(at=MONDAY)
    account.generate_backup_codes(at=MONDAY)
    account.create_application_password("Phone", at=MONDAY)
    costs = _costs_of_every_hash(state_of(account))
    assert len(costs) == 1 + 3 + 1 + 10  # the password, three credentials, the kAuth code, ten backup codes
    assert all(cost == attrs.asdict(dearer) for cost in costs)
    account.change_password(PASSWORD, "purple monkey dishwasher", "purple monkey dishwasher", at=MONDAY)
    assert account.password_hash.cost == dearer


def _costs_of_every_hash(state: object) -> list[object]:
    """The cost of every hash anywhere in an account's state (as ``state_of`` writes it: a hash is a dict)."""
    if isinstance(state, dict):
        if state.keys() == {"cost", "salt", "digest"}:
            return [state["cost"]]
        return [cost for value in state.values() for cost in _costs_of_every_hash(value)]
    if isinstance(state, list | tuple):
        return [cost for value in state for cost in _costs_of_every_hash(value)]
    return []
