"""At the money bound (10**14 major units): the largest amount is written and read back in every locale; an amount
that rounds onto the bound is refused by name, as ``Money.rounded()`` refuses it, rather than printed as an amount
no Money can hold."""

from __future__ import annotations

import pytest

from infomanager_core import Money
from infomanager_core.errors import InvalidAmount
from infomanager_core.formatting import format_money, parse_money
from tests import strategies as s


@pytest.mark.parametrize("code", s.ONE_CURRENCY_PER_MINOR_DIGITS)
def test_the_largest_amounts_are_written_and_read_back_in_every_locale(code: str) -> None:
    largest = Money.from_minor_units(10**14 * 10 ** Money(0, code).currency_info.minor_digits - 1, code)
    for locale in s.ALL_LOCALES:
        for money in (largest, -largest):
            assert parse_money(format_money(money, locale), code, locale) == money, locale


@pytest.mark.parametrize("amount", ["99999999999999.995", "-99999999999999.995", "99999999999999.9999"])
def test_an_amount_that_rounds_onto_the_bound_is_refused_by_name(amount: str) -> None:
    money = Money(amount, "CHF")
    with pytest.raises(InvalidAmount) as refused:
        format_money(money, "de_CH")
    assert (refused.value.field, refused.value.value) == ("amount", money)
    assert "10**14" in refused.value.rule


def test_an_amount_just_short_of_the_half_is_written_rounded_down() -> None:
    assert format_money(Money("99999999999999.994999", "CHF"), "de_CH") == "CHF\xa099'999'999'999'999.99"
