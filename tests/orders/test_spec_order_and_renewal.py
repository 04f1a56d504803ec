"""SPEC §3.4: "An order and a renewal are treated alike."

A new order of 2 Web hostings by a bakery that holds 33 and a renewal of 2 of the 35 it holds reach the same tier
(35: the 25% tier) and the same amounts, so in every row of the table they must come out the same: same outcome,
same payer, same amount due, same cashback to the same partner. Only the "product managed by partner" column may tell
them apart, under limited access: a new product is managed by nobody yet, a renewed one may be.

The figures, with the example price list (Web hosting EUR 5.75 / CHF 9.92 a month, partner 20%, degressive 25%):

* public, 2 × 5.75 = 11.50 EUR, −25% = 8.625 → 8.63 EUR;
* partner, 11.50 EUR −20% = 9.20, −25% = 6.90 EUR: a cashback of 8.63 − 6.90 = 1.73 EUR;
* the agency (CH) paying itself, 2 × 9.92 = 19.84 CHF, −20% = 15.872 → 15.87, −25% = 11.9025 → 11.90 CHF.
"""

from __future__ import annotations

import pytest

from infomanager_core.access import Grant, Outcome, PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.money import Money
from infomanager_core.orders import Order, OrderQuote, quote_order

from .world import world

PRICES = example_price_list()
MANAGED = Grant.limited({"web-1", "web-2"})


def new_order(grant: Grant | None, placed_by: str, by: str) -> OrderQuote:
    order = Order(id="ORD-1", client="bakery", placed_by=placed_by, by=by, product="web-hosting", quantity=2)
    return quote_order(world(grant, web=33), PRICES, order)


def renewal(grant: Grant | None, placed_by: str, by: str) -> OrderQuote:
    order = Order(
        id="REN-1", client="bakery", placed_by=placed_by, by=by, product="web-hosting", renewing=["web-1", "web-2"]
    )
    return quote_order(world(grant, web=35), PRICES, order)


def outcome_of(quote: OrderQuote) -> tuple[object, ...]:
    return (
        quote.allowed,
        tuple(line.outcome.outcome for line in quote.lines),
        quote.tier_count,
        quote.payer,
        quote.due,
        quote.credited_to,
        quote.credited,
    )


CASHBACK = (True, (Outcome.CASHBACK,), 35, "bakery", Money("8.63", "EUR"), "agency", Money("1.73", "EUR"))
DISCOUNT = (True, (Outcome.DISCOUNT,), 35, "agency", Money("11.90", "CHF"), None, None)
NOTHING = (True, (Outcome.NOTHING,), 35, "bakery", Money("8.63", "EUR"), None, None)
REFUSED = (False, (), None, None, None, None, None)


@pytest.mark.parametrize(
    ("grant", "placed_by", "by", "expected"),
    [
        (Grant.full(PaymentMeans.CLIENT), "bakery", "carl", CASHBACK),
        (Grant.full(PaymentMeans.CLIENT), "agency", "paula", CASHBACK),
        (Grant.full(PaymentMeans.PARTNER), "bakery", "carl", CASHBACK),
        (Grant.full(PaymentMeans.PARTNER), "agency", "paula", DISCOUNT),
        (MANAGED, "agency", "paula", REFUSED),
        (None, "bakery", "carl", NOTHING),
    ],
    ids=[
        "full-client-by-client",
        "full-client-by-partner",
        "full-partner-by-client",
        "full-partner-by-partner",
        "limited-by-partner",
        "no-partnership",
    ],
)
def test_a_renewal_earns_and_costs_exactly_what_a_new_order_of_the_same_units_would(
    grant: Grant | None, placed_by: str, by: str, expected: tuple[object, ...]
) -> None:
    assert outcome_of(new_order(grant, placed_by, by)) == expected
    assert outcome_of(renewal(grant, placed_by, by)) == expected


def test_under_limited_access_only_whether_the_partner_manages_the_product_tells_them_apart() -> None:
    """A new product is managed by nobody yet (nothing); the renewed web-1 and web-2 are managed (cashback)."""
    assert outcome_of(new_order(MANAGED, "bakery", "carl")) == NOTHING
    assert outcome_of(renewal(MANAGED, "bakery", "carl")) == CASHBACK
