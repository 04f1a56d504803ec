"""No secret the account is given or issues is ever shown, and no hash's salt, digest or text form either.

A secret — a password, an application password, an API token, a backup code, a kAuth temporary code — is presented
to every entry point that takes one, right and wrong, in its own parameter and in the place of another (a password
given as its hash, a token given as its id), and then looked for on every surface an embedding service may log: the
error's message, ``repr``, ``args``, attributes, pickled bytes, chained errors and printed traceback; the value
returned and its events (as an audit table stores them); and the ``repr`` of the account after the call. An error
shows a secret only as :func:`~infomanager_core.errors.hidden` writes it: ``<hidden, N characters>``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput, hidden
from infomanager_core.security import (
    Account,
    MalformedSecretHash,
    NewBackupCodes,
    NewSecret,
    SecretHash,
    UnknownCredential,
    credential_status,
    hash_secret,
    hash_secret_set,
    matching_secret,
    password_text,
    verify_secret,
)
from infomanager_core.security.examples import example_profile
from tests.secret_support import MARK, assert_never_shown, marked_secrets, outcome_of, parts_of

from .support import CHEAP, MONDAY, PASSWORD, POLICY, new_account, state_of

NEW_PASSWORD = "purple monkey dishwasher"


@attrs.define
class Issued:
    """An account holding one secret of each kind, and the secrets it handed out (each shown once)."""

    account: Account
    app: NewSecret
    token: NewSecret
    codes: NewBackupCodes
    kauth: NewSecret


def _issued() -> Issued:
    account = new_account()
    app = account.create_application_password("Thunderbird", at=MONDAY)
    token = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    account.add_kauth("iphone-carl", at=MONDAY)
    codes = account.generate_backup_codes(at=MONDAY, count=3)
    kauth = account.issue_kauth_code(at=MONDAY)
    return Issued(account=account, app=app, token=token, codes=codes, kauth=kauth)


def _kauth_method(issued: Issued) -> str:
    return issued.account.two_factor_methods[0].id


#: Every entry point that takes a secret, fed ``secret`` in the secret's own parameter or where a caller may put it
#: by mistake (in another parameter's place, as an id).
PRESENTED: dict[str, Callable[[Issued, str], object]] = {
    "password_text": lambda _, secret: bool(password_text(secret, POLICY)),  # its result is the password, by contract
    "password_text, given in the policy's place": lambda _, secret: password_text(POLICY, secret),  # type: ignore[arg-type]
    "hash_secret": lambda _, secret: hash_secret(secret, CHEAP),
    "hash_secret, given in the cost's place": lambda _, secret: hash_secret(CHEAP, secret),  # type: ignore[arg-type]
    "hash_secret_set": lambda _, secret: hash_secret_set((secret, "other"), CHEAP),
    "verify_secret": lambda issued, secret: verify_secret(secret, issued.account.password_hash),
    "verify_secret, given in the hash's place": lambda issued, secret: verify_secret(
        issued.account.password_hash,  # type: ignore[arg-type]
        secret,  # type: ignore[arg-type]
    ),
    "matching_secret": lambda issued, secret: matching_secret(secret, issued.account.backup_codes.hashes),  # type: ignore[union-attr]
    "matching_secret, given in the hashes' place": lambda _, secret: matching_secret("x", secret),  # type: ignore[arg-type]
    "SecretHash.parse, given as the stored hash": lambda _, secret: SecretHash.parse(secret),
    "Account.open": lambda _, secret: Account.open(
        "dora", password=secret, profile=example_profile(), at=MONDAY, cost=CHEAP
    ),
    "Account, given in the hash's place": lambda _, secret: Account(
        "dora",
        password=secret,  # type: ignore[arg-type]
        opened_at=MONDAY,
        profile=example_profile(),
    ),
    "verify_password": lambda issued, secret: issued.account.verify_password(secret, at=MONDAY),
    "remove_two_factor_method": lambda issued, secret: issued.account.remove_two_factor_method(
        _kauth_method(issued), password=secret, at=MONDAY
    ),
    "turn_two_factor_off": lambda issued, secret: issued.account.turn_two_factor_off(password=secret, at=MONDAY),
    "verify_application_password": lambda issued, secret: issued.account.verify_application_password(secret, at=MONDAY),
    "verify_application_password, after a known id": lambda issued, secret: issued.account.verify_application_password(
        f"{issued.app.id}.{secret}", at=MONDAY
    ),
    "verify_api_token": lambda issued, secret: issued.account.verify_api_token(secret, at=MONDAY, scope="mail"),
    "verify_api_token, after a known id": lambda issued, secret: issued.account.verify_api_token(
        f"{issued.token.id}.{secret}", at=MONDAY
    ),
    "use_backup_code": lambda issued, secret: issued.account.use_backup_code(secret, at=MONDAY),
    "recover_with_backup_code": lambda issued, secret: issued.account.recover_with_backup_code(secret, at=MONDAY),
    "recover_with_kauth_code": lambda issued, secret: issued.account.recover_with_kauth_code(secret, at=MONDAY),
    "application_password, given as the id": lambda issued, secret: issued.account.application_password(
        f"{issued.app.id}.{secret}"
    ),
    "api_token, given as the id": lambda issued, secret: issued.account.api_token(f"{issued.token.id}.{secret}"),
    "revoke_application_password, given as the id": lambda issued, secret: issued.account.revoke_application_password(
        f"{issued.app.id}.{secret}", at=MONDAY
    ),
    "revoke_api_token, given as the id": lambda issued, secret: issued.account.revoke_api_token(
        f"{issued.token.id}.{secret}", at=MONDAY
    ),
    "two_factor_method, given as the id": lambda issued, secret: issued.account.two_factor_method(
        f"{issued.app.id}.{secret}"
    ),
    "remove_two_factor_method, given as the method": lambda issued, secret: issued.account.remove_two_factor_method(
        f"{issued.app.id}.{secret}", password=PASSWORD, at=MONDAY
    ),
    "identity_verification, given as the id": lambda issued, secret: issued.account.identity_verification(
        f"{issued.token.id}.{secret}"
    ),
    "credential_status, given as the credential": lambda issued, secret: credential_status(
        f"{issued.token.id}.{secret}",  # type: ignore[arg-type]
        MONDAY,
    ),
}


#: The three passwords a change of password takes — current, new, confirmation — with the secret in each place.
PASSWORD_PLACES: dict[str, Callable[[str], tuple[str, str, str]]] = {
    "current": lambda secret: (secret, NEW_PASSWORD, NEW_PASSWORD),
    "new and confirmed": lambda secret: (PASSWORD, secret, secret),
    "new unconfirmed": lambda secret: (PASSWORD, secret, NEW_PASSWORD),
    "confirmation": lambda secret: (PASSWORD, NEW_PASSWORD, secret),
}


def _changing(command: str, place: str) -> Callable[[Issued, str], object]:
    return lambda issued, secret: getattr(issued.account, command)(*PASSWORD_PLACES[place](secret), at=MONDAY)


PRESENTED |= {
    f"{command}, {place}": _changing(command, place)
    for command in ("change_password", "compromise_change_password")
    for place in PASSWORD_PLACES
}


def _as_bytes(command: str, **more: object) -> Callable[[Issued, str], object]:
    return lambda issued, secret: getattr(issued.account, command)(secret.encode(), at=MONDAY, **more)


#: A secret given as bytes (read from a request body and not decoded) or, for a set, alone instead of in a collection:
#: refused as bad input, by its type, never by its value.
PRESENTED |= {
    "hash_secret_set, given one secret alone": lambda _, secret: hash_secret_set(secret, CHEAP),  # type: ignore[arg-type]
    **{
        f"{command}, as bytes": _as_bytes(command)
        for command in (
            "verify_password",
            "verify_application_password",
            "verify_api_token",
            "use_backup_code",
            "recover_with_backup_code",
            "recover_with_kauth_code",
        )
    },
    "turn_two_factor_off, as bytes": lambda issued, secret: issued.account.turn_two_factor_off(
        password=secret.encode(),  # type: ignore[arg-type]
        at=MONDAY,
    ),
}


@pytest.mark.parametrize("entry", sorted(PRESENTED))
@given(secret=marked_secrets)
def test_a_secret_presented_anywhere_is_shown_nowhere(entry: str, secret: str) -> None:
    issued = _issued()
    outcome = outcome_of(lambda: PRESENTED[entry](issued, secret))
    assert_never_shown([MARK], outcome, issued.account)


@pytest.mark.parametrize("entry", sorted(PRESENTED))
def test_every_issued_secret_presented_in_the_wrong_place_is_shown_nowhere(entry: str) -> None:
    issued = _issued()
    handed_out = [issued.app.secret, issued.token.secret, issued.kauth.secret, *issued.codes.codes]
    for secret in handed_out:
        outcome = outcome_of(lambda: PRESENTED[entry](issued, secret))  # noqa: B023 - called at once
        assert_never_shown([part for each in handed_out for part in parts_of(each)], outcome, issued.account)


# -- a life of an account: whatever is done, in whatever order, nothing issued shows --------------------------------


@attrs.define
class Life:
    """An account, the secrets it was given or issued so far (with what each is), and a clock moving forward."""

    account: Account
    passwords: list[str] = attrs.field(factory=lambda: [PASSWORD])
    apps: list[str] = attrs.field(factory=list)
    tokens: list[str] = attrs.field(factory=list)
    codes: list[str] = attrs.field(factory=list)
    kauth_codes: list[str] = attrs.field(factory=list)
    at: datetime = MONDAY

    @property
    def secrets(self) -> list[str]:
        every = [*self.passwords, *self.apps, *self.tokens, *self.codes, *self.kauth_codes]
        return [part for secret in every for part in parts_of(secret)]

    def handed(self, kept: list[str], new: NewSecret) -> NewSecret:
        kept.append(new.secret)
        return new


def _newest(secrets: list[str]) -> str:
    return secrets[-1] if secrets else "none.yet-none-yet"


def _change_password(life: Life, *, compromise: bool = False) -> object:
    new = f"new pass phrase number {len(life.passwords)}"
    change = life.account.compromise_change_password if compromise else life.account.change_password
    events = change(life.passwords[-1], new, new, at=life.at)
    life.passwords.append(new)
    return events


def _generate_codes(life: Life) -> NewBackupCodes:
    new = life.account.generate_backup_codes(at=life.at, count=2)
    life.codes += new.codes
    return new


ACTIONS: dict[str, Callable[[Life], object]] = {
    "create an application password": lambda life: life.handed(
        life.apps, life.account.create_application_password("Laptop", at=life.at)
    ),
    "create an API token": lambda life: life.handed(
        life.tokens,
        life.account.create_api_token("CI", scopes=["mail"], at=life.at, expires_at=life.at + timedelta(days=90)),
    ),
    "verify the newest application password": lambda life: life.account.verify_application_password(
        _newest(life.apps), at=life.at
    ),
    "verify the newest API token": lambda life: life.account.verify_api_token(
        _newest(life.tokens), at=life.at, scope="mail"
    ),
    "verify the newest API token for a scope it lacks": lambda life: life.account.verify_api_token(
        _newest(life.tokens), at=life.at, scope="billing"
    ),
    "present an application password as a token": lambda life: life.account.verify_api_token(
        _newest(life.apps), at=life.at
    ),
    "look up the newest token by its secret": lambda life: life.account.api_token(_newest(life.tokens)),
    "revoke every application password": lambda life: life.account.revoke_all_application_passwords(at=life.at),
    "revoke every API token": lambda life: life.account.revoke_all_api_tokens(at=life.at),
    "generate backup codes": _generate_codes,
    "use the first backup code": lambda life: life.account.use_backup_code(_newest(life.codes[:1]), at=life.at),
    "recover with the newest backup code": lambda life: life.account.recover_with_backup_code(
        _newest(life.codes), at=life.at
    ),
    "add the kAuth app": lambda life: life.account.add_kauth("iphone-carl", at=life.at),
    "issue a kAuth code": lambda life: life.handed(life.kauth_codes, life.account.issue_kauth_code(at=life.at)),
    "recover with the newest kAuth code": lambda life: life.account.recover_with_kauth_code(
        _newest(life.kauth_codes), at=life.at
    ),
    "verify the password": lambda life: life.account.verify_password(life.passwords[-1], at=life.at),
    "verify an old password": lambda life: life.account.verify_password(life.passwords[0], at=life.at),
    "change the password": _change_password,
    "change the password, step 1": lambda life: _change_password(life, compromise=True),
    "revoke every credential, step 2": lambda life: life.account.compromise_revoke_credentials(at=life.at),
    "review the settings, step 3": lambda life: life.account.compromise_review_settings(at=life.at),
    "turn two-factor authentication off": lambda life: life.account.turn_two_factor_off(
        password=life.passwords[-1], at=life.at
    ),
    "review the security settings": lambda life: life.account.security_review(life.at),
    "check the invariants": lambda life: life.account.check_invariants(),
}


def _hash_texts(account: Account) -> list[str]:
    """The salt and digest of every hash the account holds, as its text form writes them and as ``repr`` of bytes."""
    hashes = [account.password_hash, *(c.hash for c in (*account.application_passwords, *account.api_tokens))]
    hashes += account.backup_codes.hashes if account.backup_codes is not None else ()
    texts = []
    for stored in hashes:
        texts += str(stored).split("$")[2:]
        texts += [repr(stored.salt)[2:18], repr(stored.digest)[2:18]]
    return texts


@given(
    steps=st.lists(st.tuples(st.sampled_from(sorted(ACTIONS)), st.integers(min_value=0, max_value=60 * 24 * 200))),
)
def test_whatever_happens_to_an_account_no_secret_it_was_given_or_issued_shows(steps: list[tuple[str, int]]) -> None:
    life = Life(account=new_account())
    for action, minutes in steps:
        life.at += timedelta(minutes=minutes)
        outcome = outcome_of(lambda: ACTIONS[action](life))  # noqa: B023 - called at once
        assert_never_shown(life.secrets, outcome, life.account)
        assert_never_shown(_hash_texts(life.account), outcome, life.account)


def test_the_secret_handed_over_is_in_the_value_that_hands_it_over_and_in_no_repr_of_it() -> None:
    issued = _issued()
    assert issued.app.secret.startswith(f"{issued.app.id}.")
    assert len(issued.codes.codes) == 3
    for new, secrets in (
        (issued.app, [issued.app.secret]),
        (issued.token, [issued.token.secret]),
        (issued.kauth, [issued.kauth.secret]),
        (issued.codes, list(issued.codes.codes)),
    ):
        assert_never_shown([part for secret in secrets for part in parts_of(secret)], new, issued.account)


# -- hashes: what an attacker would brute-force offline is not shown either ------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


STORED = hash_secret("correct horse battery staple", CHEAP)
SALT, DIGEST = str(STORED).split("$")[2:]

#: Ways a stored hash's text goes wrong while it still holds its salt and digest (a column cut short, a cost edited).
SPOILED_HASH_TEXTS = {
    "digest cut short": lambda text: text[:-2],
    "digest one character longer": lambda text: text + "A",
    "digest two characters longer": lambda text: text + "AA",
    "salt cut short": lambda text: text.replace(f"${SALT}$", f"${SALT[:-3]}$"),
    "n not a power of two": lambda text: text.replace("n=16", "n=15"),
    "r of zero": lambda text: text.replace("r=1", "r=0"),
    "another scheme's name": lambda text: text.replace("scrypt$", "bcrypt$"),
    "no cost": lambda text: text.replace("$n=16,r=1,p=1", ""),
    "surrounded by spaces": lambda text: f" {text} ",
}


@pytest.mark.parametrize("spoil", sorted(SPOILED_HASH_TEXTS))
def test_a_malformed_stored_hash_shows_neither_its_salt_nor_its_digest(spoil: str) -> None:
    with pytest.raises(MalformedSecretHash) as refused:
        SecretHash.parse(SPOILED_HASH_TEXTS[spoil](str(STORED)))
    assert refused.value.field == "hash"
    assert_never_shown([SALT[:16], DIGEST[:16]], refused.value)


@given(salt_size=st.integers(min_value=0, max_value=40), digest_size=st.integers(min_value=0, max_value=40))
def test_a_hash_built_with_a_salt_or_digest_of_the_wrong_size_shows_neither(salt_size: int, digest_size: int) -> None:
    salt, digest = (STORED.salt * 3)[:salt_size], (STORED.digest * 2)[:digest_size]
    outcome = outcome_of(lambda: SecretHash(cost=CHEAP, salt=salt, digest=digest))
    if isinstance(outcome, SecretHash):
        assert (salt_size, digest_size) == (16, 32)
        return
    assert isinstance(outcome, MalformedSecretHash)
    assert_never_shown([repr(part)[2:12] for part in (salt, digest) if len(part) >= 4], outcome)
    assert_never_shown([_b64(part)[:8] for part in (salt, digest) if len(part) >= 6], outcome)


def test_a_hash_shows_its_cost_only() -> None:
    assert repr(STORED) == "SecretHash(cost=ScryptCost(n=16, r=1, p=1))"
    assert_never_shown([SALT, DIGEST], STORED.cost, new_account())


def test_an_account_damaged_to_hold_a_password_in_clear_is_reported_without_it() -> None:
    account = new_account()
    object.__setattr__(account, "_password", f"{MARK} in clear")
    assert_never_shown([MARK], outcome_of(account.check_invariants))


# -- the form of a hidden secret ---------------------------------------------------------------------------------------


def test_a_hidden_secret_shows_its_length_only_in_characters_or_bytes() -> None:
    assert [hidden("hunter2"), hidden(""), hidden(b"\x00" * 31), hidden(bytearray(3)), hidden(None)] == [
        "<hidden, 7 characters>",
        "<hidden, 0 characters>",
        "<hidden, 31 bytes>",
        "<hidden, 3 bytes>",
        "<hidden, ? characters>",
    ]


def test_a_refused_secret_keeps_its_field_and_rule_and_shows_the_placeholder_as_its_value() -> None:
    account = new_account()
    before = state_of(account)
    with pytest.raises(InvalidInput) as refused:
        account.change_password(PASSWORD, f"{MARK}!", f"{MARK}!", at=MONDAY)
    assert (refused.value.field, refused.value.value) == ("new_password", "<hidden, 7 characters>")
    assert str(refused.value) == "new_password: '<hidden, 7 characters>' must have at least 12 characters"
    assert state_of(account) == before


def test_a_secret_given_as_an_id_is_refused_by_its_field_with_the_placeholder() -> None:
    issued = _issued()
    with pytest.raises(UnknownCredential) as refused:
        issued.account.api_token(issued.token.secret)
    assert refused.value.field == "api_token"
    assert refused.value.value == hidden(issued.token.secret)
    assert refused.value.__context__ is None, "no chained KeyError repeats the secret"
