"""Counts are capped (MAX_QUANTITY, MAX_PERIODS, MAX_TIER_COUNT) and a line amount stays within the money bound."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidAmount, InvalidInput
from infomanager_core.money import currency
from infomanager_core.money.rounding import MAX_AMOUNT
from infomanager_core.pricing import (
    MAX_PERIODS,
    MAX_QUANTITY,
    MAX_TIER_COUNT,
    InvalidQuantity,
    OrderLine,
    PriceList,
    Product,
    Tier,
    price_lines,
    quote,
    quote_line,
)

PRICES = example_price_list()


@pytest.mark.parametrize(
    "call",
    [
        lambda: quote_line(PRICES, "web-hosting", 10**60, currency="CHF", partner=True),
        lambda: quote_line(PRICES, "web-hosting", MAX_QUANTITY + 1, currency="CHF", partner=True),
        lambda: quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=True, periods=MAX_PERIODS + 1),
        lambda: quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=True, tier_count=MAX_TIER_COUNT + 1),
        lambda: OrderLine(product="web-hosting", quantity=MAX_QUANTITY + 1),
        lambda: OrderLine(product="web-hosting", quantity=1, periods=MAX_PERIODS + 1),
        lambda: OrderLine(product="web-hosting", quantity=1, tier_count=MAX_TIER_COUNT + 1),
        lambda: PRICES.tier_rate("web-hosting", MAX_TIER_COUNT + 1),
        lambda: Tier(MAX_TIER_COUNT + 1, "0.5"),
    ],
    ids=[
        "quantity-1e60",
        "quantity",
        "periods",
        "tier-count",
        "line-quantity",
        "line-periods",
        "line-tier",
        "rate",
        "tier",
    ],
)
def test_a_count_above_its_cap_is_refused(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidQuantity):
        call()


def test_the_caps_themselves_are_accepted() -> None:
    line = quote_line(
        PRICES,
        "web-hosting",
        MAX_QUANTITY,
        currency="CHF",
        partner=True,
        periods=MAX_PERIODS,
        tier_count=MAX_TIER_COUNT,
    )
    assert line.public == Money("9.92", "CHF") * MAX_QUANTITY * MAX_PERIODS


@pytest.mark.parametrize(("product", "period"), [("web-hosting", "month"), ("domain", "year")])
def test_an_order_whose_units_of_a_family_pass_the_tier_count_cap_is_refused_naming_the_line_that_passes_it(
    product: str, period: str
) -> None:
    # 1001 lines of a million units: the web hostings were refused as "tier_count: 1001000000", a count no caller gave
    # and no line named, and the domains were quoted with that tier count on every line, which no OrderLine may hold
    line = OrderLine(product=product, quantity=MAX_QUANTITY, period=period)
    at_the_cap = quote(PRICES, [line] * (MAX_TIER_COUNT // MAX_QUANTITY), currency="CHF", partner=True)
    assert {quoted.tier_count for quoted in at_the_cap.lines} == {MAX_TIER_COUNT}
    lines = [line] * (MAX_TIER_COUNT // MAX_QUANTITY + 1)
    with pytest.raises(InvalidQuantity) as refused:
        quote(PRICES, lines, currency="CHF", partner=True)
    assert (refused.value.field, refused.value.value) == (f"lines[{len(lines) - 1}].quantity", MAX_QUANTITY)
    assert f"to {MAX_TIER_COUNT + MAX_QUANTITY}, above the largest tier count {MAX_TIER_COUNT}" in refused.value.rule


def _dear_price_list() -> PriceList:
    dear = Product(
        code="dear",
        family="dear",
        name="Dear",
        prices={("CHF", "month"): Money("99999999999.99", "CHF")},
        partner_discount="0.1",
        degressive=False,
    )
    return PriceList(name="dear", products=[dear])


@pytest.mark.parametrize(
    "call",
    [
        lambda: quote_line(_dear_price_list(), "dear", MAX_QUANTITY, currency="CHF", partner=True),
        lambda: list(
            price_lines(
                _dear_price_list(), [OrderLine(product="dear", quantity=MAX_QUANTITY)], currency="CHF", partner=True
            )
        ),
    ],
    ids=["quote_line", "price_lines"],
)
def test_a_line_amount_beyond_the_money_bound_is_refused_naming_the_line_s_public_amount(
    call: Callable[[], object],
) -> None:
    """Both paths name the figure the caller knows (the line's public amount, in CHF), not Money's minor units."""
    with pytest.raises(InvalidAmount) as raised:
        call()
    assert isinstance(raised.value, InvalidInput)
    assert (raised.value.field, raised.value.value) == ("public", Decimal("99999999999990000.00"))
    assert raised.value.rule == (
        "is out of range: a line's public amount (product 'dear') must lie below 10**14 CHF (MAX_AMOUNT), "
        "as any amount must"
    )


def _one_product_at(price: Money) -> PriceList:
    item = Product(
        code="item",
        family="item",
        name="Item",
        prices={(price.currency, "month"): price},
        partner_discount="0",
        degressive=False,
    )
    return PriceList(name="edge", products=[item])


@pytest.mark.parametrize("code", ["CHF", "JPY", "BHD"])
def test_bulk_and_single_quotes_part_at_the_same_minor_unit_of_the_money_bound(code: str) -> None:
    """A line just below 10**14 major units is priced by both paths; a line exactly at it is refused by both."""
    bound = MAX_AMOUNT * 10 ** currency(code).minor_digits  # the bound in minor units: 10**16 rappen, 10**14 yen
    largest = _one_product_at(Money.from_minor_units(bound - 1, code))
    [priced] = price_lines(largest, [OrderLine(product="item", quantity=1)], currency=code, partner=True)
    assert priced.final == bound - 1
    assert quote_line(largest, "item", 1, currency=code, partner=True).final.minor_units() == bound - 1

    half = _one_product_at(Money.from_minor_units(bound // 2, code))  # two of them are exactly the bound
    with pytest.raises(InvalidAmount):
        list(price_lines(half, [OrderLine(product="item", quantity=2)], currency=code, partner=True))
    with pytest.raises(InvalidAmount):
        quote_line(half, "item", 2, currency=code, partner=True)


@pytest.mark.parametrize("code", ["CHF", "JPY", "BHD"])
@pytest.mark.parametrize("path", ["quote_line", "price_lines"])
def test_a_line_at_the_money_bound_is_named_in_its_currency_s_major_units(code: str, path: str) -> None:
    """10**14 yen are 10**14 minor units, 10**14 dinars 10**17: the refusal shows the amount, not a count of units."""
    bound = MAX_AMOUNT * 10 ** currency(code).minor_digits
    half = _one_product_at(Money.from_minor_units(bound // 2, code))  # two of them are exactly the bound
    calls = {
        "quote_line": lambda: quote_line(half, "item", 2, currency=code, partner=True),
        "price_lines": lambda: list(
            price_lines(half, [OrderLine(product="item", quantity=2)], currency=code, partner=True)
        ),
    }
    with pytest.raises(InvalidAmount) as raised:
        calls[path]()
    assert raised.value.field == "public"
    assert raised.value.value == Decimal(MAX_AMOUNT)
    assert raised.value.value.as_tuple().exponent == -currency(code).minor_digits  # 100000000000000.000 dinars
    assert f"must lie below 10**14 {code} (MAX_AMOUNT)" in raised.value.rule
