"""A quote whose lines each lie within the money bound but whose total does not is refused naming its total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core import Money
from infomanager_core.errors import InvalidAmount
from infomanager_core.money import currency
from infomanager_core.money.rounding import MAX_AMOUNT
from infomanager_core.pricing import OrderLine, PriceList, Product, quote
from tests.pricing.test_bounds import _one_product_at


@pytest.mark.parametrize("code", ["CHF", "JPY", "BHD"])
def test_a_total_beyond_the_money_bound_is_refused_naming_the_total_its_value_and_the_rule(code: str) -> None:
    bound = MAX_AMOUNT * 10 ** currency(code).minor_digits  # in minor units
    half = _one_product_at(Money.from_minor_units(bound // 2, code))
    lines = [OrderLine(product="item", quantity=1), OrderLine(product="item", quantity=1)]
    with pytest.raises(InvalidAmount) as raised:
        quote(half, lines, currency=code, partner=False)
    total = Decimal(MAX_AMOUNT).quantize(Money.from_minor_units(1, code).amount)
    assert raised.value.field == "total"
    assert raised.value.value == total
    assert str(raised.value).startswith(
        f"total: {total!r} is out of range: a quote's total must lie below 10**14 {code}"
    )


def test_a_total_just_within_the_bound_is_quoted() -> None:
    bound = MAX_AMOUNT * 100
    lines = [OrderLine(product="item", quantity=1), OrderLine(product="item", quantity=1)]
    priced = quote(_one_product_at(Money.from_minor_units(bound // 2 - 1, "CHF")), lines, currency="CHF", partner=False)
    assert priced.totals["CHF"] == Money.from_minor_units(bound - 2, "CHF")


def test_a_total_beyond_the_bound_after_the_partner_discount_is_named_as_the_sum_of_the_final_amounts() -> None:
    """The total is what the lines cost after their steps: 2 × 60 trillion less 10% is 108 trillion, not the 120
    trillion of their public amounts."""
    discounted = Product(
        code="item",
        family="item",
        name="Item",
        prices={("CHF", "month"): Money(6 * 10**13, "CHF")},
        partner_discount="0.1",
        degressive=False,
    )
    lines = [OrderLine(product="item", quantity=1), OrderLine(product="item", quantity=1)]
    with pytest.raises(InvalidAmount) as raised:
        quote(PriceList(name="edge", products=[discounted]), lines, currency="CHF", partner=True)
    assert (raised.value.field, raised.value.value) == ("total", Decimal("108000000000000.00"))
