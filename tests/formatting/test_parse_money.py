"""parse_money is the exact inverse of format_money: what one writes, the other reads back, and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.formatting import UnparsableMoney, format_money, parse_money
from infomanager_core.money import Money
from tests.strategies import LOCALES, amounts_to_format


@pytest.mark.parametrize("code", ["CHF", "EUR", "JPY"])
@given(data=st.data())
def test_formatting_then_parsing_gives_the_rounded_amount_back(code: str, data: st.DataObject) -> None:
    money = data.draw(amounts_to_format(code))
    locale = data.draw(st.sampled_from(LOCALES))
    display = data.draw(st.sampled_from(["symbol", "code"]))
    assert parse_money(format_money(money, locale, currency_display=display), code, locale) == money.rounded()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("amount", ["1000000000", "-1000000000", "999999999.99", "-0.01", "0", "1234", "-12345.67"])
def test_round_trips_at_the_edges_in_every_locale(locale: str, amount: str) -> None:
    for code in ("CHF", "EUR"):
        money = Money(amount, code).rounded()
        assert parse_money(format_money(money, locale), code, locale) == money


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("CHF 1'234'567.50", "de_CH", Money("1234567.50", "CHF")),  # a plain space for the no-break space
        ("CHF 1’234’567.50", "de_CH", Money("1234567.50", "CHF")),  # CLDR's typographic apostrophe
        ("CHF-1'234.50", "de_CH", Money("-1234.50", "CHF")),
        ("-1 234 567,50 €", "fr_FR", Money("-1234567.50", "EUR")),
        ("-1.234.567,50 EUR", "de_DE", Money("-1234567.50", "EUR")),
    ],
)
def test_what_a_reader_types_is_read(text: str, locale: str, expected: Money) -> None:
    assert parse_money(text, expected.currency, locale) == expected


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("CHF 1234567.50", "de_CH"),  # babel's ungrouped million: not how the locale writes it
        ("CHF 1'234'56.50", "de_CH"),  # misplaced group separator
        ("CHF 1'234.5", "de_CH"),  # a missing minor digit
        ("CHF 1'234.505", "de_CH"),  # more digits than the minor unit
        ("EUR 1'234.50", "de_CH"),  # another currency
        ("1'234'567,50 CHF", "fr_CH"),  # babel's comma; fr_CH writes money with a point
        ("1,234.50", "en_GB"),  # no currency at all
        ("", "de_CH"),
        ("CHF", "de_CH"),
        ("CHF 1'234.50 extra", "de_CH"),
        (" CHF 1'234.50", "de_CH"),  # spaces around the text: the one rule for amounts as text
        ("CHF 1'234.50\n", "de_CH"),
        ("CHF \u0661'234.50", "de_CH"),  # an Arabic-Indic digit
        ("CHF \uff11'234.50", "de_CH"),  # a full-width digit
        ("CHF 1_234.50", "de_CH"),
    ],
)
def test_text_format_money_would_not_write_is_refused(text: str, locale: str) -> None:
    with pytest.raises(UnparsableMoney) as caught:
        parse_money(text, "CHF", locale)
    assert caught.value.field == "text"
    assert caught.value.value == text
    assert "CHF" in caught.value.rule


def test_a_refusal_shows_how_the_locale_writes_an_amount() -> None:
    with pytest.raises(UnparsableMoney, match=r"write it like \"CHF-1'234'567.50\""):
        parse_money("CHF 1234567.50", "CHF", "de_CH")


def test_parsing_something_other_than_text_is_refused() -> None:
    with pytest.raises(UnparsableMoney):
        parse_money(1234, "CHF", "de_CH")  # type: ignore[arg-type]


#: Digits of other scripts (Arabic-Indic, Devanagari, full-width) and the whitespace ``str.strip()`` removes.
_FOREIGN_DIGITS = "\u0661\u0969\uff17"
_WHITESPACE = " \t\n\xa0\u202f"


@given(data=st.data())
def test_what_format_money_wrote_with_a_foreign_digit_or_padded_with_spaces_is_refused(data: st.DataObject) -> None:
    code = data.draw(st.sampled_from(["CHF", "EUR"]))
    money, locale = data.draw(amounts_to_format(code)), data.draw(st.sampled_from(LOCALES))
    written = format_money(money, locale)
    index = data.draw(st.sampled_from([i for i, character in enumerate(written) if character.isdigit()]))
    pad = data.draw(st.text(st.sampled_from(_WHITESPACE), min_size=1, max_size=2))
    loose = data.draw(
        st.sampled_from(
            [
                written[:index] + data.draw(st.sampled_from(_FOREIGN_DIGITS)) + written[index + 1 :],
                pad + written,
                written + pad,
            ]
        )
    )
    with pytest.raises(UnparsableMoney):
        parse_money(loose, code, locale)
