"""Text a person types is read exactly or refused by name: ``UnparsableMoney`` on the field ``text``, with the text as
typed and the rule it breaks — never another error, never another amount.

The law is drawn over every locale babel ships and every currency the library accepts: what ``format_money`` wrote,
then changed as a person might change it (a character left out, doubled or replaced by a space of another kind, a
minus of another form, a parenthesis, a separator of another locale, digits added in front), and any text at all.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.formatting import UnparsableMoney, format_money, parse_money
from tests import strategies as s
from tests.formatting.test_formatting_laws import seen

#: What a person may type in place of, or next to, what format_money wrote.
TYPED = [*"0123456789-\u2212\u2013()+'\u2019.,_ \xa0\u202f\u2009\t\u200e\u200f", "CHF", "€", "$", "EUR"]


def read_alike(first: str, second: str) -> bool:
    """Whether a reader sees the same text, as ``parse_money`` folds it (and nothing more)."""
    return seen(first) == seen(second)


@st.composite
def typed_texts(draw: st.DrawFn) -> tuple[str, str, str]:
    """(text, currency, locale): an amount format_money wrote, changed by up to three typing slips, or any text."""
    locale = draw(st.sampled_from(s.ALL_LOCALES))
    money = draw(s.payable_amounts() | s.unrounded_amounts())
    written = format_money(money, locale, currency_display=draw(st.sampled_from(["symbol", "code"])))
    text = list(written)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        slip = draw(st.sampled_from(["leave out", "add", "replace", "more digits"]))
        if slip == "leave out" and at < len(text):
            del text[at]
        elif slip == "add":
            text.insert(at, draw(st.sampled_from(TYPED)))
        elif slip == "replace" and at < len(text):
            text[at] = draw(st.sampled_from(TYPED))
        elif slip == "more digits":  # in front of the first digit: a larger amount, up to far past the bound
            first = next((i for i, char in enumerate(text) if char.isdigit()), 0)
            size = draw(st.sampled_from([1, 2, 8, 15, 30]))
            text.insert(first, draw(st.text("0123456789", min_size=size, max_size=size)))
    typed = draw(st.just("".join(text)) | st.text(max_size=40))
    return typed, money.currency, locale


@given(typed_texts())
def test_typed_text_is_read_as_the_amount_it_shows_or_refused_by_name(typed: tuple[str, str, str]) -> None:
    text, code, locale = typed
    try:
        money = parse_money(text, code, locale)
    except UnparsableMoney as error:  # any other error fails the test
        refused = error
    else:
        assert money.currency == code
        assert read_alike(text, format_money(money, locale)) or read_alike(
            text, format_money(money, locale, currency_display="code")
        ), (text, money)
        return
    assert (refused.field, refused.value) == ("text", text)
    assert (code in refused.rule and locale in refused.rule) or "out of range" in refused.rule, refused.rule


@pytest.mark.parametrize(
    ("text", "code", "locale"),
    [
        ("CHF 100'000'000'000'000.00", "CHF", "de_CH"),  # the bound itself, grouped as the locale groups
        ("CHF-100'000'000'000'000.00", "CHF", "de_CH"),
        ("1\u202f000\u202f000\u202f000\u202f000\u202f000,00\xa0€", "EUR", "fr_FR"),
        ("CHF 99999999999999999999999999999999999999.00", "CHF", "de_CH"),  # ungrouped, past any bound
        ("¥-100'000'000'000'000", "JPY", "de_CH"),
    ],
)
def test_an_amount_past_the_money_bound_is_refused_as_text(text: str, code: str, locale: str) -> None:
    """format_money never writes an amount of 10**14 or more, so such text is not an amount as it writes them: it is
    refused as the text the person typed, with the bound as the rule, not as an amount they never wrote."""
    with pytest.raises(UnparsableMoney) as refused:
        parse_money(text, code, locale)
    assert (refused.value.field, refused.value.value) == ("text", text)
    assert "out of range" in refused.value.rule


@pytest.mark.parametrize(
    ("text", "code", "locale"),
    [
        ("-1 234,50 kr", "SEK", "sv"),  # Swedish writes CLDR's minus sign, U+2212; a keyboard types the hyphen
        ("-1'234.50 CHF", "CHF", "gsw_CH"),
        ("\u22121.234,50 €", "EUR", "de_DE"),  # and the other way: the minus sign where the locale writes a hyphen
        ("CHF\u22121'234.50", "CHF", "de_CH"),
    ],
)
def test_either_minus_is_read_as_the_minus(text: str, code: str, locale: str) -> None:
    assert parse_money(text, code, locale) == Money("-1234.50", code)


@given(st.sampled_from(s.ALL_LOCALES), s.payable_amounts())
def test_an_amount_typed_with_the_other_minus_is_read_in_every_locale(locale: str, money: Money) -> None:
    written = format_money(money, locale)
    for typed in (written.replace("\u2212", "-"), written.replace("-", "\u2212")):
        assert parse_money(typed, money.currency, locale) == money, (typed, locale)


@pytest.mark.parametrize(
    ("text", "code", "locale", "read"),
    [
        ("CHF 1.234", "CHF", "de_CH", None),  # a German thousands point in Switzerland, where money has a decimal point
        ("1.234 €", "EUR", "fr_FR", None),  # France groups with a space and has a decimal comma
        ("1.234\xa0€", "EUR", "de_DE", None),  # a grouped thousand without its cents
        ("1.234,00 €", "EUR", "de_DE", "1234.00"),
        ("BHD 1.234", "BHD", "de_CH", "1.234"),  # three minor digits: Swiss money's decimal point
        ("1.234 BHD", "BHD", "de_DE", None),  # …which in Germany groups thousands: 1.234,000 BHD
        ("1,234 BHD", "BHD", "de_DE", "1.234"),
        ("BHD 1,234", "BHD", "en_GB", None),  # an English thousand without its three decimals
        ("¥ 1.234", "JPY", "de_CH", None),  # the yen has no decimals
        ("1.234 ¥", "JPY", "de_DE", "1234"),
    ],
)
def test_a_separator_of_another_locale_is_never_read_as_another_amount(
    text: str, code: str, locale: str, read: str | None
) -> None:
    if read is None:
        with pytest.raises(UnparsableMoney):
            parse_money(text, code, locale)
    else:
        assert parse_money(text, code, locale) == Money(read, code)


@pytest.mark.parametrize(
    ("text", "code", "locale"),
    [
        ("CHF-0.00", "CHF", "de_CH"),
        ("-0,00\xa0€", "EUR", "fr_FR"),
        ("\u22120\xa0Ikr", "ISK", "sv"),
        ("-JP¥0", "JPY", "en_GB"),
    ],
)
def test_a_minus_on_zero_is_refused(text: str, code: str, locale: str) -> None:
    """format_money writes no minus on zero (an amount that rounds to zero included): a signed zero is no amount it
    writes, and read back it would print as one (Decimal('-0.00'))."""
    with pytest.raises(UnparsableMoney):
        parse_money(text, code, locale)
