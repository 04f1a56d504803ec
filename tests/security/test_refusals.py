"""Whatever a caller passes, an account command either does what it says or raises the library's own error — naming
the field, the value and the rule when it is bad input — and leaves the account exactly as it was; a command it
accepts leaves an account every later command still works on. The public functions of the area hold to the same."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.security import (
    Account,
    Avatar,
    BackupCodes,
    CompromiseProcedure,
    CompromiseStep,
    PasswordPolicy,
    Profile,
    ScryptCost,
    SecretHash,
    avatar_warnings,
    credential_name,
    credential_status,
    deletion_due,
    hash_secret,
    hash_secret_set,
    idle_from,
    initials,
    login_email,
    matching_secret,
    needs_rehash,
    password_text,
    person_name,
    phone_number,
    phone_numbers,
    sms_country,
    token_scopes,
    verify_secret,
)
from infomanager_core.security.examples import example_profile
from infomanager_core.security.hashing import new_secret
from infomanager_core.security.passwords import password_normal_form
from infomanager_core.security.two_factor import normal_backup_code, shown_backup_code
from tests.refusals import assert_names_field_and_rule, quietly

from .support import CHEAP, MONDAY, PASSWORD, new_account, state_of

NEW = "purple monkey dishwasher"
EDGE = datetime.max.replace(tzinfo=UTC)

garbage = (
    st.none()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.binary(max_size=8)
    | st.text(max_size=12)
    | st.sampled_from(("x" * 5000, "\x00", "a\ud800", "\u200b", " ", "carl"))
    | st.just(date(2026, 1, 5))
    | st.just(datetime(2026, 1, 5, 9))
)
moments = (
    st.sampled_from(
        (
            MONDAY,
            MONDAY + timedelta(minutes=5),
            MONDAY + timedelta(hours=80),
            MONDAY + timedelta(days=400),
            MONDAY - timedelta(hours=1),
            MONDAY.astimezone(timezone(timedelta(hours=-11))),
        )
    )
    | st.sampled_from((EDGE, EDGE - timedelta(minutes=5), EDGE - timedelta(hours=1), EDGE - timedelta(days=100)))
    | st.datetimes(timezones=st.sampled_from((UTC, ZoneInfo("Europe/Zurich"))))
    | garbage
)
passwords = st.sampled_from((PASSWORD, NEW, PASSWORD.encode())) | garbage
names = st.sampled_from(("Laptop", " CI ")) | garbage
ids = (
    st.sampled_from(("app-password-1", "api-token-2", "method-3", "method-4", "method-5", "verification-6", "nowhere"))
    | garbage
)
scope_sets = st.sampled_from((["mail"], {"mail", "drive:read"}, [], ["Mail"], "mail")) | garbage
people = st.sampled_from(("support-ana", "carl")) | garbage


def prepared() -> tuple[Account, dict[str, str]]:
    """An account with an application password, a token, kAuth, backup codes and a pending verification."""
    account = new_account()
    clear = {
        "app": account.create_application_password("Laptop", at=MONDAY).secret,
        "token": account.create_api_token("CI", scopes=["mail"], at=MONDAY).secret,
    }
    account.add_kauth("iphone-carl", at=MONDAY)
    clear["backup"] = account.generate_backup_codes(at=MONDAY, count=2).codes[0]
    clear["kauth"] = account.issue_kauth_code(at=MONDAY).secret
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=MONDAY)
    return account, clear


@st.composite
def commands(draw: st.DrawFn, account: Account, clear: dict[str, str]) -> Callable[[], object]:
    at = draw(moments)
    secrets_ = st.sampled_from(sorted(clear.values())) | garbage
    kind = draw(st.integers(0, 33))
    a = account
    if kind == 0:
        password = draw(passwords)
        return lambda: a.verify_password(password, at=at)
    if kind in (1, 2):
        current, new, confirmation = draw(passwords), draw(passwords), draw(passwords)
        change = a.change_password if kind == 1 else a.compromise_change_password
        return lambda: change(current, new, confirmation, at=at)
    if kind == 3:
        return lambda: a.compromise_revoke_credentials(at=at)
    if kind == 4:
        return lambda: a.compromise_review_settings(at=at)
    if kind == 5:
        fields = draw(
            st.dictionaries(
                st.sampled_from(("first_name", "last_name", "email", "phones")),
                st.sampled_from(("Carla", "c@d.example", ["+41 79 000 00 00"])) | garbage,
                max_size=2,
            )
        )
        return lambda: a.update_profile(at=at, **fields)
    if kind == 6:
        avatar = draw(st.just(Avatar(image="img-9", media_type="image/png", width=64, height=64)) | garbage)
        return lambda: a.set_avatar(avatar, at=at)
    if kind == 7:
        return lambda: a.remove_avatar(at=at)
    if kind == 8:
        name = draw(names)
        return lambda: a.create_application_password(name, at=at)
    if kind == 9:
        secret = draw(secrets_)
        return lambda: a.verify_application_password(secret, at=at)
    if kind in (10, 11):
        id = draw(ids)
        revoke = a.revoke_application_password if kind == 10 else a.revoke_api_token
        return lambda: revoke(id, at=at)
    if kind == 12:
        return lambda: a.revoke_all_application_passwords(at=at)
    if kind == 13:
        return lambda: a.revoke_all_api_tokens(at=at)
    if kind == 14:
        name, scopes, expires = draw(names), draw(scope_sets), draw(st.none() | moments)
        return lambda: a.create_api_token(name, scopes=scopes, at=at, expires_at=expires)
    if kind == 15:
        secret, scope = draw(secrets_), draw(st.none() | st.just("mail") | garbage)
        return lambda: a.verify_api_token(secret, at=at, scope=scope)
    if kind == 16:
        device = draw(st.just("ipad-carl") | garbage)
        return lambda: a.add_kauth(device, at=at)
    if kind == 17:
        label = draw(names)
        return lambda: a.add_otp_app(label, at=at)
    if kind == 18:
        key, label = draw(st.just("key-1") | garbage), draw(names)
        return lambda: a.add_security_key(key, label=label, at=at)
    if kind == 19:
        phone = draw(st.sampled_from(("+41 79 123 45 67", "+44 20 7946 0958")) | garbage)
        return lambda: a.add_sms(phone, at=at)
    if kind == 20:
        count = draw(st.integers(-1, 25) | garbage)
        return lambda: a.generate_backup_codes(at=at, count=count)
    if kind in (21, 22):
        code = draw(secrets_)
        use = a.use_backup_code if kind == 21 else a.recover_with_backup_code
        return lambda: use(code, at=at)
    if kind == 23:
        method, password = draw(ids), draw(st.none() | passwords)
        return lambda: a.remove_two_factor_method(method, at=at, password=password)
    if kind == 24:
        password = draw(passwords)
        return lambda: a.turn_two_factor_off(password=password, at=at)
    if kind == 25:
        return lambda: a.issue_kauth_code(at=at)
    if kind == 26:
        code = draw(secrets_)
        return lambda: a.recover_with_kauth_code(code, at=at)
    if kind == 27:
        documents = draw(st.sampled_from((["doc-2"], [], "doc-2")) | st.lists(garbage, max_size=2) | garbage)
        selfie = draw(st.just("img-2") | garbage)
        return lambda: a.submit_identity_verification(documents=documents, selfie=selfie, at=at)
    if kind == 28:
        id, by = draw(ids), draw(people)
        return lambda: a.approve_identity_verification(id, by=by, at=at)
    if kind == 29:
        id, by, reason = draw(ids), draw(people), draw(st.just("Blurred photo") | garbage)
        return lambda: a.reject_identity_verification(id, by=by, reason=reason, at=at)
    if kind == 30:
        return lambda: a.purge_verification_data(at=at)
    if kind == 31:
        return lambda: (a.live_credentials(at), a.security_review(at))
    if kind == 32:
        id = draw(ids)
        return lambda: (
            quietly(a.application_password, id),
            quietly(a.api_token, id),
            quietly(a.two_factor_method, id),
            quietly(a.identity_verification, id),
        )
    id, password, profile = draw(ids), draw(passwords), draw(st.just(example_profile()) | garbage)
    cost, policy = draw(st.just(CHEAP) | garbage), draw(st.none() | st.just(PasswordPolicy()) | garbage)
    return lambda: Account.open(id, password=password, profile=profile, at=at, cost=cost, policy=policy)


def _refusal(command: Callable[[], object], account: Account) -> InfomanagerError | None:
    before = state_of(account)
    refused: InfomanagerError | None = None
    try:
        command()
    except InfomanagerError as error:
        refused = error
    if refused is not None:
        assert state_of(account) == before, refused
        assert_names_field_and_rule(refused)
    return refused


@given(st.data())
def test_a_command_is_done_or_refused_with_a_named_rule_and_nothing_changed(data: st.DataObject) -> None:
    account, clear = prepared()
    for _ in range(data.draw(st.integers(1, 3))):
        _refusal(data.draw(commands(account, clear)), account)
        account.check_invariants()
    for secret in clear.values():
        assert secret not in repr(account)


some_hash = hash_secret("s3cret", CHEAP)
functions: dict[str, Callable[[Any], object]] = {
    "hash_secret": lambda value: hash_secret(value, CHEAP),
    "hash_secret cost": lambda value: hash_secret("s3cret", value),
    "hash_secret_set": lambda value: hash_secret_set(value, CHEAP),
    "hash_secret_set cost": lambda value: hash_secret_set(("s3cret",), value),
    "verify_secret": lambda value: verify_secret(value, some_hash),
    "verify_secret stored": lambda value: verify_secret("s3cret", value),
    "matching_secret": lambda value: matching_secret(value, (some_hash,)),
    "matching_secret stored": lambda value: matching_secret("s3cret", value),
    "needs_rehash": lambda value: needs_rehash(value),
    "needs_rehash cost": lambda value: needs_rehash(some_hash, value),
    "new_secret": lambda value: new_secret(value),
    "SecretHash.parse": lambda value: SecretHash.parse(value),
    "ScryptCost": lambda value: ScryptCost(n=value),
    "password_text": lambda value: password_text(value, PasswordPolicy()),
    "password_text policy": lambda value: password_text(NEW, value),
    "credential_name": lambda value: credential_name(value),
    "token_scopes": lambda value: token_scopes(value),
    "credential_status": lambda value: credential_status(value, MONDAY),
    "idle_from": lambda value: idle_from(value, None),
    "deletion_due": lambda value: deletion_due(value),
    "normal_backup_code": lambda value: normal_backup_code(value),
    "phone_number": lambda value: phone_number(value),
    "phone_numbers": lambda value: phone_numbers(value),
    "person_name": lambda value: person_name(value, field="first_name"),
    "login_email": lambda value: login_email(value),
    "Profile": lambda value: Profile(first_name=value, last_name="Martin", email="carl@bakery.ch"),
    "password_normal_form": lambda value: password_normal_form(value),
    "sms_country": lambda value: sms_country(value),
    "initials": lambda value: initials(value, value),
    "avatar_warnings": lambda value: avatar_warnings(value),
    "shown_backup_code": lambda value: shown_backup_code(value),
    "Avatar": lambda value: Avatar(image="img-1", media_type="image/png", width=value, height=value),
}


@given(name=st.sampled_from(sorted(functions)), value=garbage | moments)
def test_a_public_function_given_a_wrong_value_raises_the_library_s_own_error(name: str, value: object) -> None:
    refused: InvalidInput | None = None
    try:
        functions[name](value)
    except InvalidInput as error:
        refused = error
    assert_names_field_and_rule(refused)


@pytest.mark.parametrize("name", sorted(functions))
def test_every_public_function_given_none_raises_the_library_s_own_error(name: str) -> None:
    refused: InvalidInput | None = None
    try:
        functions[name](None)
    except InvalidInput as error:
        refused = error
    assert_names_field_and_rule(refused)


@pytest.mark.parametrize("index", [True, 0.0, "0", [0], None], ids=repr)
def test_used_at_refuses_what_is_no_int_position_saying_so(index: object) -> None:
    codes = BackupCodes(generated_at=MONDAY, hashes=())
    with pytest.raises(InvalidInput) as raised:
        codes.used_at(index)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "index",
        index,
        "must be the int position of a backup code",
    )


@pytest.mark.parametrize("step", [next(iter(CompromiseStep)).value, None, 1], ids=repr)
def test_a_compromise_procedure_refuses_what_is_no_step_saying_so(step: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        CompromiseProcedure(started_at=MONDAY).take(step, MONDAY)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("step", step, "must be a CompromiseStep")
