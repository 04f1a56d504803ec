"""A quote of several lines chooses each line's tier from every unit of its family ordered in that quote (SPEC §2.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import InvalidQuantity, OrderLine, quote

PRICES = example_price_list()


def test_two_lines_of_one_family_reach_the_tier_their_sum_reaches() -> None:
    order = [
        OrderLine(product="web-hosting", quantity=20),
        OrderLine(product="web-hosting", quantity=20, period="year"),
    ]
    quoted = quote(PRICES, order, currency="CHF", partner=True)
    assert [line.tier_count for line in quoted.lines] == [40, 40]
    assert [line.steps[-1].rate for line in quoted.lines] == [Decimal("0.25"), Decimal("0.25")]


@pytest.mark.parametrize(
    ("first", "second", "rate"), [(17, 17, Decimal(0)), (17, 18, Decimal("0.25")), (1, 35, Decimal("0.25"))]
)
def test_the_tier_boundary_counts_the_whole_order(first: int, second: int, rate: Decimal) -> None:
    order = [OrderLine(product="web-hosting", quantity=first), OrderLine(product="web-hosting", quantity=second)]
    quoted = quote(PRICES, order, currency="EUR", partner=False)
    assert {line.steps[-1].rate for line in quoted.lines} == {rate}


def test_other_families_do_not_count_towards_a_tier() -> None:
    order = [OrderLine(product="web-hosting", quantity=30), OrderLine(product="mail-hosting", quantity=9)]
    quoted = quote(PRICES, order, currency="CHF", partner=True)
    assert [line.tier_count for line in quoted.lines] == [30, 9]
    assert [line.steps[-1].rate for line in quoted.lines] == [Decimal(0), Decimal(0)]


def test_an_explicit_tier_count_is_the_familys_for_every_line_of_the_quote() -> None:
    """One paying organisation holds one number of hostings of a family: a line without a count takes it."""
    order = [
        OrderLine(product="web-hosting", quantity=20, tier_count=50),
        OrderLine(product="web-hosting", quantity=20),
    ]
    quoted = quote(PRICES, order, currency="CHF", partner=True)
    assert [line.tier_count for line in quoted.lines] == [50, 50]


def test_two_lines_of_a_family_with_different_tier_counts_are_refused_naming_the_second() -> None:
    order = [
        OrderLine(product="web-hosting", quantity=5, tier_count=40),
        OrderLine(product="web-hosting", quantity=5, tier_count=12),
    ]
    with pytest.raises(InvalidQuantity) as raised:
        quote(PRICES, order, currency="CHF", partner=True)
    assert raised.value.field == "lines[1].tier_count"
    assert raised.value.value == 12
    assert "differs from the tier count 40 of lines[0]" in raised.value.rule


def test_an_explicit_tier_count_below_the_order_total_is_refused_naming_the_line() -> None:
    order = [
        OrderLine(product="web-hosting", quantity=20),
        OrderLine(product="web-hosting", quantity=20, tier_count=30),
    ]
    with pytest.raises(InvalidQuantity) as raised:
        quote(PRICES, order, currency="CHF", partner=True)
    assert raised.value.field == "lines[1].tier_count"
    assert raised.value.value == 30
    assert "40" in raised.value.rule


def test_an_explicit_tier_count_equal_to_the_order_total_is_accepted() -> None:
    """An organisation that holds no Web hosting yet and orders 20 + 15 holds exactly 35 once they are delivered."""
    order = [
        OrderLine(product="web-hosting", quantity=20),
        OrderLine(product="web-hosting", quantity=15, tier_count=35),
    ]
    quoted = quote(PRICES, order, currency="CHF", partner=True)
    assert [line.tier_count for line in quoted.lines] == [35, 35]
    # 20 × 9.92 = 198.40, less 20% = 158.72, less 25% = 119.04; 15 × 9.92 = 148.80 → 119.04 → 89.28
    assert [line.final for line in quoted.lines] == [Money("119.04", "CHF"), Money("89.28", "CHF")]
    assert quoted.totals["CHF"] == Money("208.32", "CHF")
