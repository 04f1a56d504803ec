"""format_money writes what CLDR prescribes, at every magnitude and sign, in every listed locale.

Every expected string below was written by hand from the locale's CLDR data: its currency pattern (prefix, suffix and
negative sub-pattern), its group and decimal symbols (``currencyDecimal`` where the locale has one), the currency's
symbol, CLDR's currency spacing and ``minimumGroupingDigits``. None is copied from the function's output.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given

from infomanager_core.formatting import UnknownCurrencyDisplay, format_money
from infomanager_core.money import Money
from tests.strategies import SWISS_LOCALES, amounts_to_format

NBSP = "\xa0"  # no-break space: between number and currency
NNBSP = "\u202f"  # narrow no-break space: fr_FR's group separator

CASES = [
    # Swiss locales: apostrophe groups at every magnitude, a point before the rappen (fr_CH's currencyDecimal).
    ("fr_CH", "1234.5", "CHF", f"1'234.50{NBSP}CHF"),
    ("fr_CH", "1234567.5", "CHF", f"1'234'567.50{NBSP}CHF"),
    ("fr_CH", "1234567890", "CHF", f"1'234'567'890.00{NBSP}CHF"),
    ("fr_CH", "-1234567.5", "CHF", f"-1'234'567.50{NBSP}CHF"),
    ("fr_CH", "-1234567.5", "EUR", f"-1'234'567.50{NBSP}€"),
    ("fr_CH", "1234567", "JPY", f"1'234'567{NBSP}JPY"),
    ("de_CH", "1234.5", "CHF", f"CHF{NBSP}1'234.50"),
    ("de_CH", "1234567.5", "CHF", f"CHF{NBSP}1'234'567.50"),
    ("de_CH", "1234567890", "CHF", f"CHF{NBSP}1'234'567'890.00"),
    ("de_CH", "-1234.5", "CHF", "CHF-1'234.50"),
    ("de_CH", "-1234567.5", "CHF", "CHF-1'234'567.50"),
    ("de_CH", "1234567.5", "EUR", f"EUR{NBSP}1'234'567.50"),
    ("de_CH", "-1234567.5", "EUR", "EUR-1'234'567.50"),
    ("de_CH", "-1234567", "JPY", "¥-1'234'567"),
    ("it_CH", "1234567.5", "CHF", f"CHF{NBSP}1'234'567.50"),
    ("it_CH", "-1234567.5", "CHF", "CHF-1'234'567.50"),
    ("it_CH", "-1234567.5", "EUR", "€-1'234'567.50"),
    ("it_CH", "1234567", "JPY", f"JPY{NBSP}1'234'567"),
    ("en_CH", "1234567.5", "CHF", f"CHF{NBSP}1'234'567.50"),
    ("en_CH", "-1234567.5", "CHF", "CHF-1'234'567.50"),
    ("en_CH", "1234567.5", "EUR", f"€{NBSP}1'234'567.50"),
    ("en_CH", "1234567", "JPY", f"JP¥{NBSP}1'234'567"),
    # Neighbouring locales.
    ("fr_FR", "1234567.5", "EUR", f"1{NNBSP}234{NNBSP}567,50{NBSP}€"),
    ("fr_FR", "-1234567.5", "CHF", f"-1{NNBSP}234{NNBSP}567,50{NBSP}CHF"),
    ("fr_FR", "1234567", "JPY", f"1{NNBSP}234{NNBSP}567{NBSP}JPY"),
    ("de_DE", "1234567.5", "EUR", f"1.234.567,50{NBSP}€"),
    ("de_DE", "-1234567.5", "CHF", f"-1.234.567,50{NBSP}CHF"),
    ("de_DE", "1234567", "JPY", f"1.234.567{NBSP}¥"),
    # it_IT, like es_ES below: CLDR's minimumGroupingDigits is 2, so four-digit integer parts are not grouped.
    ("it_IT", "1234.5", "EUR", f"1234,50{NBSP}€"),
    ("it_IT", "-12345.5", "EUR", f"-12.345,50{NBSP}€"),
    ("it_IT", "1234567.5", "EUR", f"1.234.567,50{NBSP}€"),
    ("it_IT", "-1234567.5", "CHF", f"-1.234.567,50{NBSP}CHF"),
    ("it_IT", "-1234567", "JPY", f"-1.234.567{NBSP}JPY"),
    # en_GB: the symbol touches the number; a code gets CLDR's currency spacing, a symbol such as € does not.
    ("en_GB", "1234567.5", "EUR", "€1,234,567.50"),
    ("en_GB", "-1234567.5", "EUR", "-€1,234,567.50"),
    ("en_GB", "1234567.5", "CHF", f"CHF{NBSP}1,234,567.50"),
    ("en_GB", "-1234567.5", "CHF", f"-CHF{NBSP}1,234,567.50"),
    ("en_GB", "1234567", "JPY", "JP¥1,234,567"),
    # es_ES: minimumGroupingDigits 2 as well.
    ("es_ES", "1234.5", "EUR", f"1234,50{NBSP}€"),
    ("es_ES", "12345.5", "EUR", f"12.345,50{NBSP}€"),
    ("es_ES", "1234567.5", "EUR", f"1.234.567,50{NBSP}€"),
    ("es_ES", "-1234567.5", "CHF", f"-1.234.567,50{NBSP}CHF"),
    ("es_ES", "-1234", "JPY", f"-1234{NBSP}JPY"),
]


@pytest.mark.parametrize(("locale", "amount", "code", "expected"), CASES)
def test_amounts_are_written_as_cldr_prescribes(locale: str, amount: str, code: str, expected: str) -> None:
    assert format_money(Money(amount, code), locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fr_CH", f"1'234.50{NBSP}CHF"),
        ("de_CH", f"CHF{NBSP}1'234.50"),
        ("it_CH", f"CHF{NBSP}1'234.50"),
        ("en_CH", f"CHF{NBSP}1'234.50"),
    ],
)
def test_every_swiss_locale_groups_from_the_thousands_up(locale: str, expected: str) -> None:
    assert format_money(Money("1234.5", "CHF"), locale) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("2.675", "€2.68"), ("2.665", "€2.67"), ("0.125", "€0.13"), ("-2.675", "-€2.68"), ("-0.125", "-€0.13")],
)
def test_amounts_are_rounded_half_up_not_half_even(amount: str, expected: str) -> None:
    assert format_money(Money(amount, "EUR"), "en_GB") == expected


def test_yen_are_rounded_half_up_to_whole_yen() -> None:
    assert format_money(Money("2.5", "JPY"), "en_GB") == "JP¥3"


@pytest.mark.parametrize(("amount", "expected"), [("208.3", f"CHF{NBSP}208.30"), ("5", f"CHF{NBSP}5.00")])
def test_every_minor_digit_is_printed(amount: str, expected: str) -> None:
    assert format_money(Money(amount, "CHF"), "de_CH") == expected


def test_a_negative_amount_that_rounds_to_zero_is_written_without_a_sign() -> None:
    assert format_money(Money("-0.004", "CHF"), "de_CH") == f"CHF{NBSP}0.00"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("de_CH", "EUR-1'234.50"), ("en_CH", "EUR-1'234.50"), ("fr_FR", f"-1{NNBSP}234,50{NBSP}EUR")],
)
def test_the_iso_code_can_replace_the_symbol(locale: str, expected: str) -> None:
    assert format_money(Money("-1234.5", "EUR"), locale, currency_display="code") == expected


def test_an_iso_code_touching_the_number_gets_a_no_break_space() -> None:
    assert format_money(Money("-1234.5", "EUR"), "en_GB", currency_display="code") == f"-EUR{NBSP}1,234.50"


def test_an_unknown_currency_display_is_refused() -> None:
    with pytest.raises(UnknownCurrencyDisplay) as caught:
        format_money(Money("1", "CHF"), "de_CH", currency_display="name")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("currency_display", "name")


def test_a_bcp47_tag_with_a_hyphen_reads_like_the_babel_identifier() -> None:
    money = Money("-1234567.5", "CHF")
    assert format_money(money, "de-CH") == format_money(money, "de_CH")


@pytest.mark.parametrize("locale", SWISS_LOCALES)
@given(money=amounts_to_format("CHF", max_major=10**12))
def test_swiss_amounts_are_grouped_in_threes_at_every_magnitude(locale: str, money: Money) -> None:
    digits = re.search(r"[0-9][0-9'.]*[0-9]", format_money(money, locale))
    assert digits is not None
    whole = digits.group().rpartition(".")[0]
    assert re.fullmatch(r"[0-9]{1,3}(?:'[0-9]{3})*", whole), whole
    assert Decimal(whole.replace("'", "")) == abs(money.rounded().amount).to_integral_value(rounding="ROUND_DOWN")
