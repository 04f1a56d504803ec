"""The limits docs/tenders.md promises, and the phone's length cap, checked at their edges with the default rules:
the longest text accepted and one character more refused; the default excerpt's length; the loosest rules that still
work; what a token must look like to name a call.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from infomanager_core import Money
from infomanager_core.tenders import Contact, InvalidPhone, TenderRules, TextTooLong
from infomanager_core.tenders.cancellation import call_of
from tests.tenders.support import START, assert_refused_and_unchanged, board, contact


def test_a_title_has_up_to_120_characters() -> None:
    tenders = board()
    submitted = tenders.submit("bakery", title="x" * 120, description="A shop.", contact=contact(), at=START)
    assert submitted.call.title == "x" * 120
    refused = assert_refused_and_unchanged(
        tenders,
        lambda: tenders.submit("bakery", title="x" * 121, description="A shop.", contact=contact(), at=START),
        TextTooLong,
    )
    assert refused.field == "title"


def test_a_description_has_up_to_5000_characters() -> None:
    tenders = board()
    submitted = tenders.submit("bakery", title="Shop", description="x" * 5000, contact=contact(), at=START)
    assert len(submitted.call.description) == 5000
    refused = assert_refused_and_unchanged(
        tenders,
        lambda: tenders.submit("bakery", title="Shop", description="x" * 5001, contact=contact(), at=START),
        TextTooLong,
    )
    assert refused.field == "description"


def test_a_proposal_has_up_to_5000_characters() -> None:
    tenders = board()
    tenders.submit("bakery", title="Shop", description="A shop.", contact=contact(), at=START)
    [event] = tenders.answer("call-1", partner="agency", text="x" * 5000, price=Money("10.00", "EUR"), at=START)
    assert event.proposal == "proposal-1"
    refused = assert_refused_and_unchanged(
        tenders, lambda: tenders.answer("call-1", partner="agency", text="x" * 5001, at=START), TextTooLong
    )
    assert refused.field == "text"


def test_a_contact_name_has_up_to_128_characters_like_a_profile_s_names() -> None:
    assert Contact(name="x" * 128, email="carl@bakery.example").name == "x" * 128
    with pytest.raises(TextTooLong) as raised:
        Contact(name="x" * 129, email="carl@bakery.example")
    assert raised.value.field == "name"


def test_by_default_an_excerpt_keeps_280_characters_the_cut_one_ending_with_an_ellipsis() -> None:
    """Words of 10 letters and a space: the first 279 characters end four letters into the 26th word, so the cut goes
    back to the space before it and keeps 25 words, then ``…``."""
    tenders = board()
    tenders.submit("bakery", title="Shop", description="x" * 280, contact=contact(), at=START)
    tenders.submit("bakery", title="Shop", description="y" * 281, contact=contact(), at=START)
    tenders.submit("bakery", title="Shop", description=" ".join(["abcdefghij"] * 30), contact=contact(), at=START)
    whole, cut, by_word = (excerpt.summary for excerpt in tenders.excerpts_for("agency", at=START))
    assert whole == "x" * 280
    assert cut == "y" * 279 + "…"
    assert by_word == " ".join(["abcdefghij"] * 25) + "…"


def test_the_loosest_rules_that_work_are_accepted() -> None:
    """A validity of one microsecond, texts of one character, an excerpt of one character and ``…``."""
    rules = TenderRules(
        validity=timedelta(microseconds=1), title_length=1, description_length=1, proposal_length=1, excerpt_length=2
    )
    tenders = board(rules)
    tenders.submit("bakery", title="W", description="W", contact=contact(), at=START)
    assert [excerpt.summary for excerpt in tenders.excerpts_for("agency", at=START)] == ["W"]
    assert tenders.excerpts_for("agency", at=START + timedelta(microseconds=1)) == ()


@pytest.mark.parametrize(
    ("token", "call"),
    [
        ("call-1.secret", "call-1"),
        ("call.1.secret", "call.1"),
        ("call-1.", None),
        (".secret", None),
        ("call-1", None),
        ("", None),
        ("call-1.sécret", None),
        (None, None),
    ],
)
def test_a_token_names_its_call_only_when_both_the_call_and_the_secret_are_there(
    token: object, call: str | None
) -> None:
    assert call_of(token) == call


def test_a_phone_number_with_separators_has_at_most_32_characters() -> None:
    """14 digits are a phone number; written with generous separators it may take 32 characters, not 33."""
    longest = "+41 (0) 21 - 555 - 01 - 23 // 45"
    assert (len(longest), Contact(name="Carl", email="carl@bakery.example", phone=longest).phone) == (32, longest)
    with pytest.raises(InvalidPhone) as raised:
        Contact(name="Carl", email="carl@bakery.example", phone=longest.replace("//", "///"))
    assert raised.value.field == "phone"
