"""The shared text rule: the edges that mutation testing of ``text.py`` found unpinned.

Each case here once passed the suite with its check changed: a non-string given as free text escaped as a bare
``TypeError``/``AttributeError``, the longest e-mail address could shrink by one character, and an accented id could
lose its fast path unnoticed.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput
from infomanager_core.text import (
    MAX_EMAIL_LENGTH,
    is_email_address,
    is_plain_identifier,
    printable,
    printable_identifier,
    printable_text,
)


@pytest.mark.parametrize("check", [printable_text, printable], ids=["printable_text", "printable"])
@pytest.mark.parametrize("value", [None, 5, b"name", ["name"]], ids=repr)
def test_text_that_is_not_a_string_is_refused_naming_field_and_value(check: object, value: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        check(value, field="name")  # type: ignore[operator]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("name", value, "must be a string")


def test_an_address_of_exactly_the_longest_length_is_accepted_and_one_character_more_is_not() -> None:
    domain = ".ch"
    longest = "c@" + "b" * (MAX_EMAIL_LENGTH - 2 - len(domain)) + domain
    assert (len(longest), is_email_address(longest)) == (254, True)
    longer = "c@" + "b" * (MAX_EMAIL_LENGTH - 1 - len(domain)) + domain
    assert (len(longer), is_email_address(longer)) == (255, False)


@pytest.mark.parametrize("value", ["café", "Zürich-1", "日本", "acme\u00e9"])
def test_an_accented_id_already_in_nfc_is_plain_and_accepted_as_given(value: str) -> None:
    assert is_plain_identifier(value) is True
    assert printable_identifier(value, field="organisation") == value


@given(st.text(min_size=1, max_size=20))
def test_a_plain_identifier_is_always_accepted_unchanged(value: str) -> None:
    """The fast path never accepts what the full rule would refuse."""
    if is_plain_identifier(value):
        assert printable_identifier(value, field="id") is value
