"""format_money and parse_money keep their laws in every locale babel ships and for every currency the library accepts.

Hypothesis draws the locale from all of them (``babel.localedata.locale_identifiers()``, some 1,100: Arabic and
Persian with bidi marks, Indian grouping, narrow no-break spaces, symbols such as ``US$`` or ``￥``) and the currency
from all billing currencies (0, 2, 3 and 4 minor digits); the sweep walks every locale with one currency of each
number of minor digits. The laws, for a valid amount and locale:

* formatting never raises;
* the text shows its currency, by a symbol or a code a reader can see;
* the text shows the rounded amount's digits, every minor digit included, in Latin digits (``docs/formatting.md``:
  "Latin digits in every locale"), and no digit of another script;
* a negative amount is visibly negative: without its invisible marks (U+200E, U+200F…) its text still differs from
  the text of its opposite;
* the same amount gives the same text, whatever was formatted before and however the locale is spelled (``de-CH``);
* ``parse_money`` reads the text back to the rounded amount, with the symbol or with the code, and also without its
  invisible marks, which a reader cannot type.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_05UP, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, Context, localcontext

from babel import Locale
from babel.numbers import get_currency_symbol
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.formatting import CurrencyDisplay, format_money, parse_money
from tests import strategies as s

LATIN_DIGITS = "0123456789"
DISPLAYS: tuple[CurrencyDisplay, ...] = ("symbol", "code")


def visible(text: str) -> str:
    """The text without its format characters (bidi marks), which a reader does not see."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def shown_currency(text: str, code: str, locale: str, display: CurrencyDisplay) -> str:
    """The symbol or the code that ``text`` shows its currency by; the test fails if a reader cannot see one."""
    symbol = get_currency_symbol(code, Locale.parse(locale))
    units = (code, symbol) if display == "code" else (symbol, code)
    unit = next((unit for unit in units if visible(unit) and unit in text), None)
    assert unit is not None, f"{text!r} shows no currency a reader can see in {locale}"
    return unit


def assert_the_laws_hold(money: Money, locale: str) -> None:
    rounded = money.rounded()
    plain_digits = f"{rounded.amount.copy_abs():f}".replace(".", "")  # 1234.50 -> '123450': every minor digit
    for display in DISPLAYS:
        text = format_money(money, locale, currency_display=display)
        unit = shown_currency(text, money.currency, locale, display)
        number = text.replace(unit, "", 1)
        assert "".join(char for char in number if char in LATIN_DIGITS) == plain_digits, (text, locale)
        assert not [char for char in text if char.isdigit() and char not in LATIN_DIGITS], (text, locale)
        opposite = format_money(-money, locale, currency_display=display)
        assert (visible(text) == visible(opposite)) == rounded.is_zero(), (text, opposite, locale)
        assert parse_money(text, money.currency, locale) == rounded, (text, locale)
        assert parse_money(visible(text), money.currency, locale) == rounded, (text, locale)  # as a reader types it


@given(st.sampled_from(s.ALL_LOCALES), s.unrounded_amounts())
def test_every_locale_writes_any_amount_of_any_currency_by_the_laws(locale: str, money: Money) -> None:
    assert_the_laws_hold(money, locale)


@given(st.sampled_from(s.ALL_LOCALES), s.payable_amounts())
def test_every_locale_writes_a_payable_amount_by_the_laws(locale: str, money: Money) -> None:
    assert_the_laws_hold(money, locale)


@given(st.sampled_from(s.ALL_LOCALES), st.sampled_from(s.ALL_LOCALES), s.payable_amounts(), s.payable_amounts())
def test_the_same_amount_gives_the_same_text_whatever_was_written_before(
    locale: str, other_locale: str, money: Money, other: Money
) -> None:
    first = format_money(money, locale)
    format_money(other, other_locale, currency_display="code")
    assert format_money(money, locale) == format_money(money, locale.replace("_", "-")) == first


#: One amount of each number of minor digits (JPY 0, CHF 2, KWD 3, CLF 4), each rounded on the way, one to zero.
SWEPT = [
    Money(amount, code)
    for amount, code in [
        ("1234567.5", "JPY"),
        ("-0.4", "JPY"),
        ("-1234567.891250", "CHF"),
        ("1234567.891250", "KWD"),
        ("-1234567.891250", "CLF"),
    ]
]


#: A caller's decimal context as an embedding program may set it for its own sums: few digits, another rounding.
callers_contexts = st.builds(
    lambda prec, rounding: Context(prec=prec, rounding=rounding),
    st.integers(min_value=1, max_value=12),
    st.sampled_from([ROUND_DOWN, ROUND_FLOOR, ROUND_CEILING, ROUND_HALF_EVEN, ROUND_05UP]),
)


@given(st.sampled_from(s.ALL_LOCALES), s.unrounded_amounts(), callers_contexts)
def test_the_callers_decimal_context_changes_no_text_and_no_amount_read_back(
    locale: str, money: Money, context: Context
) -> None:
    text = format_money(money, locale)
    with localcontext(context):
        assert format_money(money, locale) == text
        assert parse_money(text, money.currency, locale) == money.rounded()


def test_every_locale_writes_every_number_of_minor_digits_by_the_laws() -> None:
    """The sweep: each of the some 1,100 locales (and the opposite of each amount, inside the laws)."""
    assert {money.currency for money in SWEPT} == set(s.ONE_CURRENCY_PER_MINOR_DIGITS)
    for locale in s.ALL_LOCALES:
        for money in SWEPT:
            assert_the_laws_hold(money, locale)


def test_every_symbol_of_every_locale_is_written_so_that_a_reader_sees_it() -> None:
    """The sweep of symbols: each currency a locale has its own symbol for (CLDR gives the Cape Verdean escudo an
    invisible one in pt_CV and kea: its cifrão is the decimal separator there, which babel does not ship)."""
    for locale in s.ALL_LOCALES:
        for code in sorted(set(Locale.parse(locale).currency_symbols) & set(s.BILLING_CODES)):
            shown_currency(format_money(Money.from_minor_units(-123456, code), locale), code, locale, "symbol")
