"""Locale facts babel leaves to the library: ``minimumGroupingDigits`` of 2 and a minus sign other than the hyphen.

In Spanish, Italian, Polish and European Portuguese a four-digit whole part is written without a group separator
(``1234,50``) and a five-digit one with it (``12 345,50``); the SPEC's es_ES and it_IT are tested with exact strings in
test_format_money. Here the law is stated for each listed locale on the runs of digits, and the text is read back.
Swedish, Finnish and Norwegian write a debt with U+2212 MINUS SIGN, which CLDR gives and the pattern's ``-`` stands for.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from babel.numbers import get_currency_symbol

from infomanager_core import Money
from infomanager_core.formatting import format_money, parse_money

#: Every locale with a minimumGroupingDigits of 2 in CLDR 47 that the library lists: languages and their main territory.
TWO_DIGIT_GROUPING = ("es", "es_ES", "it", "it_IT", "pl", "pl_PL", "pt_PT")


def digits_only(text: str) -> str:
    """The runs of ASCII digits in ``text``, as written (a group separator splits a run)."""
    return " ".join(re.findall(r"[0-9]+", text))


@pytest.mark.parametrize("locale", TWO_DIGIT_GROUPING)
def test_four_whole_digits_are_not_grouped_and_five_are(locale: str) -> None:
    four = format_money(Money("1234.50", "EUR"), locale)
    five = format_money(Money("12345.50", "EUR"), locale)
    assert digits_only(four) == "1234 50"
    assert digits_only(five) == "12 345 50"
    assert parse_money(four, "EUR", locale) == Money("1234.50", "EUR")
    assert parse_money(five, "EUR", locale) == Money("12345.50", "EUR")


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR", "en_GB", "it_CH", "de_CH", "fr_CH"])
def test_other_locales_group_from_four_whole_digits(locale: str) -> None:
    assert digits_only(format_money(Money("1234.50", "EUR"), locale)) == "1 234 50"


@pytest.mark.parametrize(("locale", "code"), [("sv_SE", "SEK"), ("fi_FI", "EUR"), ("nb_NO", "NOK")])
def test_a_locale_whose_minus_is_not_the_hyphen_writes_its_own_minus_and_reads_it_back(locale: str, code: str) -> None:
    """Swedish, Finnish and Norwegian write U+2212 MINUS SIGN in front of a debt, not the ASCII hyphen."""
    text = format_money(Money("-1234.50", code), locale)
    assert text.startswith("\u2212")
    assert "-" not in text
    assert parse_money(text, code, locale) == Money("-1234.50", code)


def test_indian_english_groups_lakhs_and_crores_after_the_first_thousand() -> None:
    """en_IN's pattern ``#,##,##0.00``: three digits in the first group, then groups of two (12,34,567)."""
    assert format_money(Money("1234567.50", "INR"), "en_IN") == "₹12,34,567.50"
    assert parse_money("₹12,34,567.50", "INR", "en_IN") == Money("1234567.50", "INR")


@pytest.mark.parametrize("code", ["CHF", "EUR", "USD", "JPY"])
def test_a_currency_written_straight_after_the_digits_is_spaced_only_when_it_begins_with_a_letter(code: str) -> None:
    """CLDR currencySpacing: ``#,##0.00¤`` (Tasawaq, twq_NE) puts the currency against the digits; a no-break space
    goes between them when the currency's first character is not a symbol (``CHF``, ``US$``), and not before ``€``."""
    for display in ("code", "symbol"):
        text = format_money(Money("1234.50", code), "twq_NE", currency_display=display)
        unit = code if display == "code" else get_currency_symbol(code, "twq_NE")
        assert text.endswith(unit), (display, text)
        number = text.removesuffix(unit)
        assert number.rstrip("\xa0")[-1].isdigit()
        spaced = number.endswith("\xa0")
        assert spaced is (unicodedata.category(unit[0])[0] not in "SZ"), (display, text)
        assert parse_money(text, code, "twq_NE") == Money("1234.50", code).rounded()
