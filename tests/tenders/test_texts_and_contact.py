"""The texts of a call and the client's contact details: stored tidy, within their limits, refused by name."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.errors import UnprintableText
from infomanager_core.tenders import (
    CONTACT_NAME_LENGTH,
    BlankText,
    Contact,
    InvalidEmail,
    InvalidPhone,
    InvalidPrice,
    InvalidTenderRules,
    TenderRules,
    TextTooLong,
    UnprintableTenderText,
    one_line_text,
    proposal_price,
    several_lines_text,
    summary,
)
from infomanager_core.text import UNPRINTABLE_CATEGORIES
from tests.tenders.support import descriptions

any_text = st.text(max_size=60)


def stored_or_refused(
    rule: Callable[..., str], value: str, field: str, maximum: int
) -> tuple[str, InvalidInput | None]:
    """What ``rule`` stores of ``value``, or the refusal."""
    try:
        return rule(value, field=field, maximum=maximum), None
    except InvalidInput as refusal:
        return "", refusal


class TestStoredTexts:
    @given(any_text)
    def test_a_title_is_stored_in_a_form_the_rule_leaves_as_it_is(self, value: str) -> None:
        title, refusal = stored_or_refused(one_line_text, value, "title", 120)
        if refusal is not None:
            assert refusal.field == "title"
            return
        assert one_line_text(title, field="title", maximum=120) == title
        assert title == unicodedata.normalize("NFC", title) == title.strip()
        assert 1 <= len(title) <= 120
        assert not any(unicodedata.category(c) in UNPRINTABLE_CATEGORIES for c in title)

    @given(st.text(max_size=80) | descriptions.map(lambda text: text.replace("\n", "\r\n")))
    def test_a_description_keeps_its_line_breaks_as_newlines_and_nothing_else_invisible(self, value: str) -> None:
        text, refusal = stored_or_refused(several_lines_text, value, "description", 5000)
        if refusal is not None:
            assert refusal.field == "description"
            return
        assert several_lines_text(text, field="description", maximum=5000) == text
        assert "\r" not in text
        assert text == text.strip()
        assert all(line == line.rstrip() for line in text.split("\n"))
        assert not any(c != "\n" and unicodedata.category(c) in UNPRINTABLE_CATEGORIES for c in text)

    @given(descriptions)
    def test_a_typed_description_is_accepted_with_all_its_lines(self, text: str) -> None:
        stored = several_lines_text(text, field="description", maximum=5000)
        assert stored.count("\n") == text.count("\n")
        assert stored == unicodedata.normalize("NFC", stored)

    @given(descriptions, st.integers(2, 300))
    def test_a_summary_is_one_line_no_longer_than_asked_and_begins_the_text(self, text: str, length: int) -> None:
        flat = " ".join(text.split())
        short = summary(text, length)
        assert len(short) <= length
        assert "\n" not in short
        if len(flat) <= length:
            assert short == flat
        else:
            assert short.endswith("…")
            assert flat.startswith(short[:-1])

    @pytest.mark.parametrize(
        ("value", "error", "rule"),
        [
            ("   ", BlankText, "must not be blank once trimmed"),
            ("x" * 121, TextTooLong, "must have at most 120 characters once trimmed"),
            ("Shop\u200b", UnprintableTenderText, "must not contain control, format or line-breaking characters"),
            ("Two\nlines", UnprintableTenderText, "must not contain control, format or line-breaking characters"),
            (42, InvalidInput, "must be a string"),
        ],
    )
    def test_a_bad_title_is_refused_naming_field_value_and_rule(
        self, value: object, error: type[InvalidInput], rule: str
    ) -> None:
        with pytest.raises(error) as raised:
            one_line_text(value, field="title", maximum=120)
        assert raised.value.field == "title"
        assert rule in raised.value.rule
        assert rule in str(raised.value)
        assert repr(raised.value.value)[:20] in str(raised.value)

    def test_an_unprintable_character_in_a_description_is_named_and_is_an_unprintable_text(self) -> None:
        with pytest.raises(UnprintableText) as raised:
            several_lines_text("Hello\u2028world", field="description", maximum=5000)
        assert (raised.value.field, raised.value.character) == ("description", "U+2028")
        assert isinstance(raised.value, UnprintableTenderText)

    def test_an_unprintable_character_is_reported_with_the_description_as_given_not_as_tidied(self) -> None:
        given = "Our shop  \r\n\tonline \n"
        with pytest.raises(UnprintableTenderText) as raised:
            several_lines_text(given, field="description", maximum=5000)
        assert (raised.value.value, raised.value.character) == (given, "U+0009")

    def test_a_text_too_long_is_reported_as_it_would_be_stored_since_that_is_what_is_counted(self) -> None:
        with pytest.raises(TextTooLong) as raised:
            several_lines_text(" Line one   \r\nline two \n", field="text", maximum=16)
        assert (raised.value.value, raised.value.maximum) == ("Line one\nline two", 16)


class TestContact:
    def test_contact_details_are_stored_trimmed(self) -> None:
        stored = Contact(name="  Carl\u0301 ", email=" carl@bakery.example\n", phone=" 021 555 01 23 ")
        assert (stored.name, stored.email, stored.phone) == ("Carĺ", "carl@bakery.example", "021 555 01 23")

    def test_the_phone_is_optional_and_the_email_is_not(self) -> None:
        assert Contact(name="Carl", email="carl@bakery.example").phone is None
        with pytest.raises(TypeError):
            Contact(name="Carl")  # type: ignore[call-arg]

    @given(st.from_regex(r"[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,20}(\.[a-z]{2,6}){1,2}", fullmatch=True))
    def test_an_ordinary_email_address_is_accepted_as_typed(self, address: str) -> None:
        assert Contact(name="Carl", email=address).email == address

    @given(st.lists(st.sampled_from("0123456789"), min_size=6, max_size=15).map("".join), st.booleans())
    def test_a_number_of_six_to_fifteen_digits_is_a_phone(self, digits: str, international: bool) -> None:
        number = ("+" if international else "") + digits
        assert Contact(name="Carl", email="c@b.example", phone=number).phone == number

    @pytest.mark.parametrize(
        ("fields", "error", "field"),
        [
            ({"name": " "}, BlankText, "name"),
            ({"name": "x" * (CONTACT_NAME_LENGTH + 1)}, TextTooLong, "name"),
            ({"name": "Carl\x00"}, UnprintableTenderText, "name"),
            ({"email": "carl.bakery.example"}, InvalidEmail, "email"),
            ({"email": "carl@bakery"}, InvalidEmail, "email"),
            ({"email": "carl @bakery.example"}, InvalidEmail, "email"),
            ({"email": "carl@bak\u200bery.example"}, UnprintableTenderText, "email"),
            ({"email": None}, InvalidEmail, "email"),
            ({"phone": "12345"}, InvalidPhone, "phone"),
            ({"phone": "1" * 16}, InvalidPhone, "phone"),
            ({"phone": "+41 21 555 01 23 ext"}, InvalidPhone, "phone"),
            ({"phone": "41+21555"}, InvalidPhone, "phone"),
            ({"phone": 41215550123}, InvalidPhone, "phone"),
        ],
    )
    def test_bad_contact_details_are_refused_naming_the_field(
        self, fields: dict[str, object], error: type[InvalidInput], field: str
    ) -> None:
        given_fields: dict[str, object] = {"name": "Carl", "email": "carl@bakery.example", **fields}
        with pytest.raises(error) as raised:
            Contact(**given_fields)  # type: ignore[arg-type]
        assert raised.value.field == field
        assert raised.value.value == fields[field]
        assert field in str(raised.value)
        assert raised.value.rule in str(raised.value)


class TestPriceAndRules:
    @given(st.integers(0, 10**9), st.sampled_from(("CHF", "EUR", "JPY")))
    def test_a_payable_amount_of_zero_or_more_is_a_price(self, units: int, code: str) -> None:
        price = Money.from_minor_units(units, code)
        assert proposal_price(price) == price

    @pytest.mark.parametrize(
        ("price", "rule"),
        [
            (Money("-0.05", "CHF"), "must not be negative"),
            (Money("10.005", "CHF"), "must be a whole number of minor units of CHF"),
            (Money("10.5", "JPY"), "must be a whole number of minor units of JPY"),
            (Decimal("100"), "must be a Money or None"),
            ("100 CHF", "must be a Money or None"),
        ],
    )
    def test_a_price_that_is_not_payable_is_refused(self, price: object, rule: str) -> None:
        with pytest.raises(InvalidPrice) as raised:
            proposal_price(price)
        assert (raised.value.field, raised.value.value, raised.value.rule) == ("price", price, rule)

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"validity": 30}, "validity"),
            ({"validity": timedelta(0)}, "validity"),
            ({"title_length": 0}, "title_length"),
            ({"description_length": True}, "description_length"),
            ({"proposal_length": "5000"}, "proposal_length"),
            ({"excerpt_length": 1}, "excerpt_length"),
        ],
    )
    def test_rules_that_cannot_work_are_refused(self, fields: dict[str, object], field: str) -> None:
        with pytest.raises(InvalidTenderRules) as raised:
            TenderRules(**fields)  # type: ignore[arg-type]
        assert (raised.value.field, raised.value.value) == (field, fields[field])

    @pytest.mark.parametrize("length", ["80", 2.5, True])
    def test_an_excerpt_length_that_is_not_a_whole_number_is_refused_as_one(self, length: object) -> None:
        with pytest.raises(InvalidTenderRules) as raised:
            TenderRules(excerpt_length=length)  # type: ignore[arg-type]
        assert (raised.value.field, raised.value.value, raised.value.rule) == (
            "excerpt_length",
            length,
            "must be an int of at least 1",
        )
