"""The password policy: 12 to 256 characters of NFKC text without control characters, never echoed in an error."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    MAX_PRESENTED_LENGTH,
    Account,
    InvalidPasswordPolicy,
    PasswordPolicy,
    PasswordTooLong,
    PasswordTooShort,
    UnusablePassword,
    password_text,
)
from infomanager_core.security.errors import hidden
from infomanager_core.security.examples import example_profile

from .support import CHEAP, MONDAY, PASSWORD, POLICY, passwords


@given(password=passwords)
def test_a_password_within_the_policy_is_kept_in_nfkc_and_not_trimmed(password: str) -> None:
    assert password_text(password, POLICY) == unicodedata.normalize("NFKC", password)


def test_the_length_is_counted_on_the_nfkc_form() -> None:
    assert password_text("000000000\u00bc", POLICY) == "0000000001\u20444"  # ¼ is three characters in NFKC


def test_one_password_typed_two_ways_is_one_password() -> None:
    assert password_text("cafe\u0301 au lait!", POLICY) == password_text("caf\u00e9 au lait!", POLICY)
    assert password_text("  spaces count  ", POLICY) == "  spaces count  "


@pytest.mark.parametrize(
    ("password", "error", "rule"),
    [
        ("eleven char", PasswordTooShort, "at least 12"),
        ("x" * 257, PasswordTooLong, "at most 256"),
        ("twelve chars\n", UnusablePassword, "character 13 is one"),
        ("twelve chars\ud800", UnusablePassword, "character 13 is one"),
        (b"bytes password", UnusablePassword, "string"),
    ],
)
def test_a_password_outside_the_policy_is_refused_naming_the_rule(
    password: object, error: type[Exception], rule: str
) -> None:
    with pytest.raises(error) as refused:
        password_text(password, POLICY)
    assert refused.value.field == "password"  # type: ignore[attr-defined]
    assert rule in refused.value.rule  # type: ignore[attr-defined]


_RULES = re.compile(
    r"must have at least \d+ characters|must have at most \d+ characters"
    r"|must not contain a control character or surrogate \(character \d+ is one\)"
)


def _outside_policy(text: str) -> bool:
    return not 12 <= len(unicodedata.normalize("NFKC", text)) <= 256


@given(password=(st.text(max_size=11) | st.text(min_size=257, max_size=300)).filter(_outside_policy))
def test_a_refused_password_never_appears_in_the_error(password: str) -> None:
    with pytest.raises((PasswordTooShort, PasswordTooLong, UnusablePassword)) as refused:
        password_text(password, POLICY)
    # The message is made of the field, the hidden value and a rule that says only lengths and positions: no part
    # of the password can be in it (a bare substring check would trip on "pas" in "password").
    assert refused.value.value == hidden(password)
    assert str(refused.value) == f"password: {hidden(password)!r} {refused.value.rule}"
    assert _RULES.fullmatch(refused.value.rule), refused.value.rule


def test_the_policy_is_configurable_and_checked() -> None:
    assert password_text("short pass", PasswordPolicy(min_length=8)) == "short pass"
    with pytest.raises(InvalidPasswordPolicy) as refused:
        PasswordPolicy(min_length=0)
    assert refused.value.field == "min_length"
    with pytest.raises(InvalidPasswordPolicy):
        PasswordPolicy(min_length=20, max_length=12)


@pytest.mark.parametrize("encoded", [b"correct horse battery staple", bytearray(b"correct horse battery staple")])
def test_a_password_passed_as_bytes_is_refused_without_echoing_them(encoded: object) -> None:
    with pytest.raises(UnusablePassword) as refused:
        password_text(encoded, POLICY)
    assert "correct horse" not in str(refused.value)
    assert "correct horse" not in repr(refused.value.value)
    assert "must be a string" in refused.value.rule


@given(st.text(min_size=12, max_size=40).filter(lambda text: any(unicodedata.category(c) == "Cc" for c in text)))
def test_a_refused_password_is_not_named_even_by_one_of_its_characters(password: str) -> None:
    with pytest.raises(UnusablePassword) as refused:
        password_text(password, POLICY)
    offending = next(c for c in unicodedata.normalize("NFKC", password) if unicodedata.category(c) in ("Cc", "Cs"))
    assert f"U+{ord(offending):04X}" not in str(refused.value)
    assert repr(password) not in str(refused.value)


def test_a_policy_never_allows_a_password_longer_than_what_is_ever_checked() -> None:
    with pytest.raises(InvalidPasswordPolicy) as refused:
        PasswordPolicy(max_length=4097)
    assert (refused.value.field, refused.value.value) == ("max_length", 4097)
    assert PasswordPolicy(max_length=4096).max_length == MAX_PRESENTED_LENGTH == 4096


@pytest.mark.parametrize("length", [12, 256])
def test_a_password_of_exactly_the_least_or_the_most_characters_is_kept(length: int) -> None:
    assert password_text("x" * length, POLICY) == "x" * length


def test_a_policy_may_ask_for_one_exact_length() -> None:
    exact = PasswordPolicy(min_length=20, max_length=20)
    assert password_text("x" * 20, exact) == "x" * 20
    for wrong in ("x" * 19, "x" * 21):
        with pytest.raises(InvalidInput):
            password_text(wrong, exact)


def test_a_password_typed_longer_than_what_is_ever_checked_is_refused_even_when_nfkc_shortens_it() -> None:
    composed = "\u1100\u1161\u11a8" * 1400  # Hangul jamo: 4200 characters typed, 1400 syllables in NFKC
    assert len(unicodedata.normalize("NFKC", composed)) == 1400
    with pytest.raises(PasswordTooLong) as refused:
        password_text(composed, PasswordPolicy(max_length=MAX_PRESENTED_LENGTH))
    assert refused.value.maximum == MAX_PRESENTED_LENGTH


@pytest.mark.parametrize(
    "password",
    ["x" * MAX_PRESENTED_LENGTH, "\u1100\u1161\u11a8" * (MAX_PRESENTED_LENGTH // 3)],
    ids=["the longest password", "the longest typed jamo"],
)
def test_every_password_the_policy_accepts_verifies_afterwards(password: str) -> None:
    policy = PasswordPolicy(max_length=MAX_PRESENTED_LENGTH)
    account = Account.open(
        "carl", password=password, profile=example_profile(), at=MONDAY, cost=CHEAP, policy=policy
    ).account
    account.verify_password(password, at=MONDAY)
    account.change_password(password, PASSWORD, PASSWORD, at=MONDAY)
    account.change_password(PASSWORD, password, password, at=MONDAY)
    account.verify_password(password, at=MONDAY)


def test_the_loosest_policy_takes_a_single_character() -> None:
    assert password_text("x", PasswordPolicy(min_length=1, max_length=1)) == "x"


def test_the_most_characters_are_counted_on_the_nfkc_form_too() -> None:
    at_most_twelve = PasswordPolicy(min_length=1, max_length=12)
    jamo = "\u1100\u1161\u11a8" * 4  # 12 characters typed, 4 syllables in NFKC
    assert password_text(jamo + "x" * 8, at_most_twelve) == "\uac01" * 4 + "x" * 8
    with pytest.raises(PasswordTooLong) as refused:
        password_text("\ufb03" * 5, at_most_twelve)  # 5 ligatures typed, 15 letters in NFKC
    assert refused.value.maximum == 12
