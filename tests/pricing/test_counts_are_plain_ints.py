"""A count given as a subclass of int is checked and priced as the plain int it holds.

An int subclass is an int to ``isinstance``, so quantities, periods and tier counts accepted one and kept it: a class
whose ``__mul__`` or ``__lt__`` answers otherwise than int's priced 35 Web hostings at 0.01 CHF under a breakdown that
says 35, passed -5 as "at least 1", and chose a tier by its own comparison. Money already keeps an ``IntEnum`` of
minor units as the plain int it holds (docs/decisions.md, Money).
"""

from __future__ import annotations

import enum
from collections.abc import Callable

import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import (
    MAX_PERIODS,
    MAX_QUANTITY,
    MAX_TIER_COUNT,
    InvalidQuantity,
    LineQuote,
    OrderLine,
    price_lines,
    price_order_line,
    quote_line,
)

PRICES = example_price_list()


class Lying(int):
    """An int whose arithmetic and comparisons answer for themselves."""

    def __mul__(self, other: object) -> int:
        return 1

    __rmul__ = __mul__

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __gt__(self, other: object) -> bool:
        return False

    def __ge__(self, other: object) -> bool:
        return True


class Hostings(enum.IntEnum):
    THIRTY_FIVE = 35


def by_quote_line(quantity: int, tier_count: int | None = None, periods: int = 1) -> LineQuote:
    return quote_line(
        PRICES, "web-hosting", quantity, currency="CHF", partner=True, tier_count=tier_count, periods=periods
    )


def by_order_line(quantity: int, tier_count: int | None = None, periods: int = 1) -> LineQuote:
    line = OrderLine(product="web-hosting", quantity=quantity, tier_count=tier_count, periods=periods)
    return price_order_line(PRICES, line, currency="CHF", partner=True)


@pytest.mark.parametrize("price", [by_quote_line, by_order_line], ids=["quote_line", "OrderLine"])
@pytest.mark.parametrize("count", [Lying(35), Hostings.THIRTY_FIVE], ids=["lying", "IntEnum"])
def test_a_count_given_as_an_int_subclass_is_priced_as_its_int(price: Callable[..., LineQuote], count: int) -> None:
    for quoted in (price(count), price(1, tier_count=count), price(1, periods=count)):
        assert type(quoted.quantity) is type(quoted.tier_count) is type(quoted.periods) is int
        assert quoted.public == Money("9.92", "CHF") * quoted.quantity * quoted.periods
    assert price(count).final == Money("208.32", "CHF")
    assert price(1, tier_count=count).final == Money("5.96", "CHF")  # the 35 tier: 9.92 × 0.8 × 0.75


def test_a_streamed_line_counted_by_an_int_subclass_is_priced_as_its_int() -> None:
    line = OrderLine(product="web-hosting", quantity=Lying(35), tier_count=Lying(35), periods=Lying(1))
    assert type(line.quantity) is type(line.tier_count) is type(line.periods) is int
    [priced] = price_lines(PRICES, [line], currency="CHF", partner=True)
    assert (priced.public, priced.final) == (34720, 20832)


@pytest.mark.parametrize(
    "call",
    [
        lambda: by_quote_line(Lying(-5)),
        lambda: by_quote_line(1, periods=Lying(0)),
        lambda: by_quote_line(1, tier_count=Lying(-5)),
        lambda: OrderLine(product="web-hosting", quantity=Lying(-5)),
        lambda: OrderLine(product="web-hosting", quantity=1, tier_count=Lying(0)),
        lambda: PRICES.tier_rate("web-hosting", Lying(-5)),
    ],
    ids=["quantity", "periods", "tier_count", "line-quantity", "line-tier-count", "tier-rate"],
)
def test_a_count_below_one_is_refused_whatever_its_comparisons_say(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidQuantity):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: by_quote_line(Lying(MAX_QUANTITY + 1)),
        lambda: by_quote_line(1, periods=Lying(MAX_PERIODS + 1)),
        lambda: by_quote_line(1, tier_count=Lying(MAX_TIER_COUNT + 1)),
    ],
    ids=["quantity", "periods", "tier_count"],
)
def test_a_count_above_its_maximum_is_refused_whatever_its_comparisons_say(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidQuantity, match="at most"):
        call()


def test_a_tier_is_chosen_by_the_int_a_count_holds() -> None:
    assert PRICES.tier_rate("web-hosting", Lying(34)) == 0
    assert PRICES.tier_rate("web-hosting", Lying(35)) == PRICES.tier_rate("web-hosting", 35)
