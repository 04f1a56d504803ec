"""CLDR's ``minimumGroupingDigits`` of 2 holds in every locale the library lists it for, bare languages included.

In Spanish, Italian, Polish and European Portuguese a four-digit whole part is written without a group separator
(``1234,50``) and a five-digit one with it (``12 345,50``); the SPEC's es_ES and it_IT are tested with exact strings in
test_format_money. Here the law is stated for each listed locale: the digits of 1234 stay together, those of 12345 do
not, and an amount with one digit fewer or more than the threshold is grouped like any other locale's.
"""

from __future__ import annotations

import re

import pytest

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
