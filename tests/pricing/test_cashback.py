"""Cashback: the public price the client pays minus the partner's preferential price (SPEC §2.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import InvalidQuantity, OrderLine, PriceList, cashback, price_order_line
from tests import strategies as s

PRICES = example_price_list()


@pytest.mark.parametrize(
    ("currency", "public", "preferential", "amount"),
    [("CHF", "260.40", "208.32", "52.08"), ("EUR", "150.94", "120.75", "30.19")],
)
def test_a_client_with_35_hostings_earns_its_partner_the_spec_cashback(
    currency: str, public: str, preferential: str, amount: str
) -> None:
    earned = cashback(PRICES, "web-hosting", 35, currency=currency)
    assert earned.public_price == Money(public, currency)
    assert earned.preferential_price == Money(preferential, currency)
    assert earned.amount == Money(amount, currency)


def test_the_client_s_tier_applies_to_both_prices() -> None:
    earned = cashback(PRICES, "web-hosting", 1, currency="CHF", tier_count=35)
    assert (earned.public_price, earned.preferential_price) == (Money("7.44", "CHF"), Money("5.96", "CHF"))


def test_cashback_refuses_what_a_quote_refuses() -> None:
    with pytest.raises(InvalidQuantity):
        cashback(PRICES, "web-hosting", 0, currency="CHF")


@given(s.price_lists(), s.order_lines(), st.sampled_from(s.PRICING_CURRENCIES))
def test_cashback_is_the_difference_of_the_two_quotes_and_never_negative(
    prices: PriceList, line: OrderLine, currency: str
) -> None:
    earned = cashback(
        prices,
        line.product,
        line.quantity,
        currency=currency,
        tier_count=line.tier_count,
        periods=line.periods,
        period=line.period,
    )
    assert earned.public_price == price_order_line(prices, line, currency=currency, partner=False).final
    assert earned.preferential_price == price_order_line(prices, line, currency=currency, partner=True).final
    assert earned.preferential_price + earned.amount == earned.public_price
    assert not earned.amount.is_negative()
