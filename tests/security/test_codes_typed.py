"""A backup code or a kAuth temporary code is the same code whatever keyboard types it, and no other code.

The codes are issued in ASCII, but a phone set to Japanese types full-width digits (``１２３``), one set to Arabic
types Arabic-Indic ones (``١٢٣``), and a person copying a code may paste it with a no-break space. A password is
compared in NFKC for the same reason; these forms read as the code they show, and nothing else matches.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.security import AuthenticationFailed, BackupCodeMismatch, KAuthCodeMismatch, hashing
from infomanager_core.security.passwords import MAX_PRESENTED_LENGTH
from infomanager_core.security.two_factor import BACKUP_CODE_ALPHABET, MAX_TYPED_CODE, code_as_typed, normal_backup_code

from .support import MONDAY, new_account, state_of

#: The zero of other scripts' decimal digits, by script.
ZEROS = {"arabic-indic": 0x0660, "persian": 0x06F0, "devanagari": 0x0966, "bengali": 0x09E6, "thai": 0x0E50}
SCRIPTS_ZEROS = tuple(ZEROS.values())


def full_width(code: str) -> str:
    return "".join(chr(ord(character) + 0xFEE0) for character in code)


def in_script(code: str, zero: int) -> str:
    return "".join(chr(zero + int(character)) if character.isdigit() else character for character in code)


def test_a_kauth_code_typed_in_full_width_digits_recovers_the_account() -> None:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    [recovered] = account.recover_with_kauth_code(full_width(new.secret), at=MONDAY + timedelta(minutes=1))
    assert recovered.subject == new.id


@pytest.mark.parametrize("zero", SCRIPTS_ZEROS, ids=tuple(ZEROS))
def test_a_kauth_code_typed_in_another_scripts_digits_recovers_the_account(zero: int) -> None:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    typed = in_script(new.secret[:4], zero) + "\u00a0" + in_script(new.secret[4:], zero)
    [recovered] = account.recover_with_kauth_code(typed, at=MONDAY + timedelta(minutes=1))
    assert recovered.subject == new.id


def test_a_kauth_code_typed_on_another_keyboard_is_still_used_once() -> None:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    account.recover_with_kauth_code(full_width(new.secret), at=MONDAY)
    with pytest.raises(KAuthCodeMismatch):
        account.recover_with_kauth_code(in_script(new.secret, 0x0660), at=MONDAY)


def test_a_backup_code_typed_in_full_width_letters_and_digits_is_used() -> None:
    account = new_account()
    [code] = account.generate_backup_codes(at=MONDAY, count=1).codes
    account.use_backup_code(full_width(code.upper()), at=MONDAY)
    assert account.backup_codes is not None
    assert account.backup_codes.remaining == 0


@given(zero=st.sampled_from(SCRIPTS_ZEROS), code=st.text(BACKUP_CODE_ALPHABET, min_size=8, max_size=8))
def test_a_backup_code_reads_the_same_typed_in_any_scripts_digits(zero: int, code: str) -> None:
    assert normal_backup_code(in_script(code, zero)) == code


@given(shift=st.integers(1, 9))
def test_a_kauth_code_typed_on_another_keyboard_matches_no_other_code(shift: int) -> None:
    """Reading other keyboards' forms widens nothing: each typed form stands for one code, the one it shows."""
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    other = "".join(str((int(digit) + shift) % 10) for digit in new.secret)
    before = state_of(account)
    for typed in (full_width(other), in_script(other, 0x0660), other):
        with pytest.raises(KAuthCodeMismatch):
            account.recover_with_kauth_code(typed, at=MONDAY)
    assert state_of(account) == before


@given(shift=st.integers(1, 30))
def test_a_backup_code_typed_on_another_keyboard_matches_no_other_code(shift: int) -> None:
    account = new_account()
    [code] = account.generate_backup_codes(at=MONDAY, count=1).codes
    alphabet = BACKUP_CODE_ALPHABET
    other = "".join(alphabet[(alphabet.index(c) + shift) % len(alphabet)] if c != "-" else c for c in code)
    before = state_of(account)
    for typed in (full_width(other), in_script(other, 0x0660), other.upper()):
        with pytest.raises(BackupCodeMismatch):
            account.use_backup_code(typed, at=MONDAY)
    assert state_of(account) == before


def test_text_longer_than_any_code_is_not_read_and_matches_nothing() -> None:
    """Reading a code costs in proportion to what is typed: text past the bound is left as it is, unread."""
    long = "１" * (MAX_TYPED_CODE + 1)
    assert code_as_typed(long) == long
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    with pytest.raises(KAuthCodeMismatch):
        account.recover_with_kauth_code(new.secret + " " * MAX_TYPED_CODE, at=MONDAY)


def test_text_of_exactly_the_bound_is_read_and_a_code_padded_to_it_recovers_the_account() -> None:
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    new = account.issue_kauth_code(at=MONDAY)
    padded = new.secret + " " * (MAX_TYPED_CODE - len(new.secret))
    assert code_as_typed(padded) == new.secret
    account.recover_with_kauth_code(padded, at=MONDAY)


def test_the_bound_is_on_the_text_as_typed_not_as_it_reads() -> None:
    """A circled ten is typed as one character and reads as two: typed within the bound, it is read."""
    typed = "\u2469" + " " * (MAX_TYPED_CODE - 1)
    assert code_as_typed(typed) == "10"


@pytest.mark.parametrize(
    "present",
    [
        lambda a: a.recover_with_kauth_code("1" * (MAX_TYPED_CODE + 1), at=MONDAY),
        lambda a: a.recover_with_kauth_code("1" * MAX_TYPED_CODE + "２", at=MONDAY),
        lambda a: a.use_backup_code("a" * (MAX_TYPED_CODE + 1), at=MONDAY),
        lambda a: a.verify_api_token(a.api_tokens[0].id + "." + "A" * MAX_TYPED_CODE, at=MONDAY),
        lambda a: a.verify_password("x" * (MAX_PRESENTED_LENGTH + 1), at=MONDAY),
    ],
    ids=["kAuth code", "kAuth code reading shorter", "backup code", "API token", "password"],
)
def test_a_secret_presented_past_its_bound_is_refused_without_being_hashed(present, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What a client may make the server hash stays small: past its bound a presented secret is wrong unhashed."""
    account = new_account()
    account.add_kauth("iphone-carl", at=MONDAY)
    account.issue_kauth_code(at=MONDAY)
    account.generate_backup_codes(at=MONDAY)
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    hashed: list[bytes] = []
    scrypt = hashing._scrypt
    monkeypatch.setattr(
        hashing, "_scrypt", lambda secret, salt, cost: hashed.append(secret) or scrypt(secret, salt, cost)
    )
    with pytest.raises(AuthenticationFailed):
        present(account)
    assert hashed == []
    assert state_of(account) == before
