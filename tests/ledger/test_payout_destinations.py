"""Payout destinations: IBANs checked by country length and mod-97, PayPal by e-mail syntax."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.ledger import IBAN_LENGTHS, Iban, InvalidIban, InvalidPaypalAddress, PaypalAddress
from tests import strategies as s


def test_the_iban_lengths_cannot_be_changed_through_the_exported_table() -> None:
    """The table is public; shortening a country's length in it would make every Iban check accept wrong lengths."""
    with pytest.raises(TypeError):
        IBAN_LENGTHS["CH"] = 5  # type: ignore[index]
    assert IBAN_LENGTHS["CH"] == 21


@pytest.mark.parametrize(
    "text",
    [
        "CH93 0076 2011 6238 5295 7",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NO93 8601 1117 947",
        "li21 0881 0000 2324 013a a",
    ],
)
def test_published_example_ibans_are_accepted_in_electronic_form(text: str) -> None:
    iban = Iban(text)
    assert iban.value == "".join(text.split()).upper()
    assert len(iban.value) == IBAN_LENGTHS[iban.value[:2]]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("CH93 0076 2011 6238 5295 8", "mod-97"),
        ("CH93 0076 2011 6238 5295", "must have 21 characters"),
        ("ZZ93 0076 2011 6238 5295 7", "has no IBAN"),
        ("CH93-0076-2011-6238-5295-7", "letters or digits"),
        ("", "country code"),
    ],
)
def test_bad_ibans_are_refused_naming_the_rule(text: str, rule: str) -> None:
    with pytest.raises(InvalidIban) as raised:
        Iban(text)
    assert rule in raised.value.rule


@given(s.ibans())
def test_generated_ibans_are_valid(text: str) -> None:
    assert Iban(text).value == text


@given(s.ibans(), st.data())
def test_changing_one_digit_of_an_iban_breaks_its_check(text: str, data: st.DataObject) -> None:
    digits = [index for index, character in enumerate(text) if character.isdigit() and index >= 2]
    index = data.draw(st.sampled_from(digits))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != text[index]]))
    with pytest.raises(InvalidIban):
        Iban(text[:index] + replacement + text[index + 1 :])


@pytest.mark.parametrize("address", ["billing@acme.ch", "first.last+payouts@mail.example.co.uk"])
def test_plausible_email_addresses_are_paypal_destinations(address: str) -> None:
    assert PaypalAddress(address).address == address


@pytest.mark.parametrize("address", ["", "billing", "billing@", "@acme.ch", "bill ing@acme.ch", "a@b@c.ch", "a@acme"])
def test_implausible_addresses_are_refused(address: str) -> None:
    with pytest.raises(InvalidPaypalAddress):
        PaypalAddress(address)
