"""Payout destinations: IBANs checked by country length (every country of the SWIFT registry, by its own example) and
mod-97, PayPal by e-mail syntax; an IBAN that is not text, and an address with an invisible or control character, are
refused as bad input.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.ledger import IBAN_LENGTHS, Iban, InvalidIban, InvalidPaypalAddress, PaypalAddress
from tests import strategies as s
from tests.tags.test_lookalike_names import DEFAULT_IGNORABLE


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


#: The example IBAN of every country entry of the SWIFT IBAN registry, in print form, as the registry publishes it.
REGISTRY_EXAMPLES = (
    "AD12 0001 2030 2003 5910 0100",
    "AE07 0331 2345 6789 0123 456",
    "AL47 2121 1009 0000 0002 3569 8741",
    "AT61 1904 3002 3457 3201",
    "AZ21 NABZ 0000 0000 1370 1000 1944",
    "BA39 1290 0794 0102 8494",
    "BE68 5390 0754 7034",
    "BG80 BNBG 9661 1020 3456 78",
    "BH67 BMAG 0000 1299 1234 56",
    "BI42 1000 0100 0100 0033 2045 181",
    "BR18 0036 0305 0000 1000 9795 493C 1",
    "BY13 NBRB 3600 9000 0000 2Z00 AB00",
    "CH93 0076 2011 6238 5295 7",
    "CR05 0152 0200 1026 2840 66",
    "CY17 0020 0128 0000 0012 0052 7600",
    "CZ65 0800 0000 1920 0014 5399",
    "DE89 3704 0044 0532 0130 00",
    "DJ21 0001 0000 0001 5400 0100 186",
    "DK50 0040 0440 1162 43",
    "DO28 BAGR 0000 0001 2124 5361 1324",
    "EE38 2200 2210 2014 5685",
    "EG38 0019 0005 0000 0000 2631 8000 2",
    "ES91 2100 0418 4502 0005 1332",
    "FI21 1234 5600 0007 85",
    "FK88 SC12 3456 7890 12",
    "FO62 6460 0001 6316 34",
    "FR14 2004 1010 0505 0001 3M02 606",
    "GB29 NWBK 6016 1331 9268 19",
    "GE29 NB00 0000 0101 9049 17",
    "GI75 NWBK 0000 0000 7099 453",
    "GL89 6471 0001 0002 06",
    "GR16 0110 1250 0000 0001 2300 695",
    "GT82 TRAJ 0102 0000 0012 1002 9690",
    "HR12 1001 0051 8630 0016 0",
    "HU42 1177 3016 1111 1018 0000 0000",
    "IE29 AIBK 9311 5212 3456 78",
    "IL62 0108 0000 0009 9999 999",
    "IQ98 NBIQ 8501 2345 6789 012",
    "IS14 0159 2600 7654 5510 7303 39",
    "IT60 X054 2811 1010 0000 0123 456",
    "JO94 CBJO 0010 0000 0000 0131 0003 02",
    "KW81 CBKU 0000 0000 0000 1234 5601 01",
    "KZ86 125K ZT50 0410 0100",
    "LB62 0999 0000 0001 0019 0122 9114",
    "LC55 HEMM 0001 0001 0012 0012 0002 3015",
    "LI21 0881 0000 2324 013A A",
    "LT12 1000 0111 0100 1000",
    "LU28 0019 4006 4475 0000",
    "LV80 BANK 0000 4351 9500 1",
    "LY83 0020 4800 0020 1001 2036 1",
    "MC58 1122 2000 0101 2345 6789 030",
    "MD24 AG00 0225 1000 1310 4168",
    "ME25 5050 0001 2345 6789 51",
    "MK07 2501 2000 0058 984",
    "MN12 1234 1234 5678 9123",
    "MR13 0002 0001 0100 0012 3456 753",
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    "MU17 BOMM 0101 1010 3030 0200 000M UR",
    "NI45 BAPR 0000 0013 0000 0355 8124",
    "NL91 ABNA 0417 1643 00",
    "NO93 8601 1117 947",
    "OM81 0180 0000 0129 9123 456",
    "PK36 SCBL 0000 0011 2345 6702",
    "PL61 1090 1014 0000 0712 1981 2874",
    "PS92 PALS 0000 0000 0400 1234 5670 2",
    "PT50 0002 0123 1234 5678 9015 4",
    "QA58 DOHB 0000 1234 5678 90AB CDEF G",
    "RO49 AAAA 1B31 0075 9384 0000",
    "RS35 2600 0560 1001 6113 79",
    "RU02 0445 2560 0407 0281 0412 3456 7890 1",
    "SA03 8000 0000 6080 1016 7519",
    "SC18 SSCB 1101 0000 0000 0000 1497 USD",
    "SD21 2901 0501 2340 01",
    "SE45 5000 0000 0583 9825 7466",
    "SI56 2633 0001 2039 086",
    "SK31 1200 0000 1987 4263 7541",
    "SM86 U032 2509 8000 0000 0270 100",
    "SO21 1000 0010 0100 0100 141",
    "ST23 0001 0001 0051 8453 1014 6",
    "SV62 CENR 0000 0000 0000 0070 0025",
    "TL38 0080 0123 4567 8910 157",
    "TN59 1000 6035 1835 9847 8831",
    "TR33 0006 1005 1978 6457 8413 26",
    "UA21 3223 1300 0002 6007 2335 6600 1",
    "VA59 0011 2300 0012 3456 78",
    "VG96 VPVG 0000 0123 4567 8901",
    "XK05 1212 0123 4567 8906",
    "YE15 CBYE 0001 0188 6123 4567 8912 34",
)


def test_every_country_of_the_table_has_its_registry_example_here_and_no_other() -> None:
    assert sorted(example[:2] for example in REGISTRY_EXAMPLES) == sorted(IBAN_LENGTHS)


@pytest.mark.parametrize("example", REGISTRY_EXAMPLES)
def test_each_countrys_registry_example_is_accepted_and_one_character_more_or_less_is_not(example: str) -> None:
    electronic = example.replace(" ", "")
    assert Iban(example).value == electronic
    for wrong_length in (electronic[:-1], electronic + "0"):
        with pytest.raises(InvalidIban) as raised:
            Iban(wrong_length)
        assert raised.value.rule == (
            f"must have {len(electronic)} characters for {electronic[:2]}, not {len(wrong_length)}"
        )


@pytest.mark.parametrize("value", [None, 9300762011623852957, b"CH9300762011623852957", ["CH9300762011623852957"]])
def test_an_iban_that_is_not_text_is_refused_as_bad_input_not_with_a_python_error(value: object) -> None:
    with pytest.raises(InvalidIban) as raised:
        Iban(value)  # type: ignore[arg-type]
    assert isinstance(raised.value, InvalidInput)
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("iban", value, "must be a string")


@pytest.mark.parametrize(
    "address",
    [
        "bill\u200bing@acme.ch",  # a zero-width space: the address reads "billing@acme.ch" but is another one
        "billing@acme\u200d.ch",  # a zero-width joiner in the domain
        "\u202ebilling@acme.ch",  # a right-to-left override: the address is displayed reversed
        "bill\x07ing@acme.ch",  # a control character (bell)
        "billing\x7f@acme.ch",  # delete
        "billing@ac\x00me.ch",  # a NUL, which ends a C string in a log or an export
    ],
)
def test_a_paypal_address_with_an_invisible_or_control_character_is_refused(address: str) -> None:
    with pytest.raises(InvalidPaypalAddress) as raised:
        PaypalAddress(address)
    assert (raised.value.field, raised.value.value) == ("paypal", address)
    assert raised.value.rule == "must not contain control, format or line-breaking characters"


@pytest.mark.parametrize(
    "address",
    [
        "\u3164billing@acme.ch",  # a Hangul filler before it: shown as Acme's address, and another one
        "billing@acme.ch\u2800",  # a blank braille pattern after it
        "billing@acme.\u3164",  # a domain whose last label draws nothing
        "bill\uffa0ing@acme.ch",  # a half-width Hangul filler inside
        "billing@acme.ch\ufe0f",  # a variation selector after it: shown as Acme's address, and another one
    ],
)
def test_a_paypal_address_with_a_character_that_draws_nothing_is_refused_not_trimmed(address: str) -> None:
    with pytest.raises(InvalidPaypalAddress) as raised:
        PaypalAddress(address)
    assert (raised.value.field, raised.value.value) == ("paypal", address)
    assert raised.value.rule.startswith("must not contain a character that draws nothing (found U+")


@pytest.mark.parametrize(
    ("filler", "code_point"),
    [
        ("\u115f", "U+115F"),  # Hangul choseong filler
        ("\u1160", "U+1160"),  # Hangul jungseong filler
        ("\u3164", "U+3164"),  # Hangul filler
        ("\uffa0", "U+FFA0"),  # half-width Hangul filler
        ("\u2800", "U+2800"),  # blank braille pattern
        # Unicode's default-ignorable code points that are not format characters: drawn as nothing where they are
        # not understood, and not refused as unprintable
        ("\u034f", "U+034F"),  # combining grapheme joiner
        ("\ufe0f", "U+FE0F"),  # variation selector 16 (emoji presentation)
        ("\ufe00", "U+FE00"),  # variation selector 1
        ("\U000e0100", "U+E0100"),  # variation selector 17, in the supplement
        ("\u180b", "U+180B"),  # Mongolian free variation selector one
        ("\u17b4", "U+17B4"),  # Khmer vowel inherent aq
        ("\ufff0", "U+FFF0"),  # reserved by Unicode as default-ignorable, unassigned
    ],
)
def test_each_character_that_draws_nothing_is_refused_in_a_paypal_address_naming_its_code_point(
    filler: str, code_point: str
) -> None:
    """Written out one by one, not read from the library's own list: a filler dropped from it is a filler let through."""
    address = f"bill{filler}ing@acme.ch"
    with pytest.raises(InvalidPaypalAddress) as raised:
        PaypalAddress(address)
    assert raised.value.rule == f"must not contain a character that draws nothing (found {code_point})"


def test_every_default_ignorable_code_point_is_refused_in_a_paypal_address() -> None:
    """Unicode's whole list, as the tags' tests write it out, not the library's: a range dropped from
    ``text.DRAWS_NOTHING`` is an address that shows as Acme's let through. The format characters among them are
    refused as unprintable, the others as drawing nothing."""
    accepted = []
    for ignorable in DEFAULT_IGNORABLE:
        try:
            PaypalAddress(f"billing@acme.ch{ignorable}")
        except InvalidPaypalAddress:
            continue
        accepted.append(f"U+{ord(ignorable):04X}")
    assert accepted == []
