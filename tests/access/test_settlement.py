"""Settling an order outcome with the pricing engine: who pays how much, who is credited how much."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.access import Grant, Outcome, Partnership, PaymentMeans, order_outcome, settle_order
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import OrderLine, PriceList, cashback
from tests import strategies as s

PRICES = example_price_list()
SINCE = datetime(2026, 1, 5, tzinfo=UTC)


def partnership(grant: Grant) -> Partnership:
    return Partnership(
        id="p", partner="agency", client="bakery", requested=grant, granted=grant, since=SINCE, invitation="i"
    )


@pytest.mark.parametrize(
    ("currency", "public", "preferential", "earned"),
    [("CHF", "260.40", "208.32", "52.08"), ("EUR", "150.94", "120.75", "30.19")],
)
def test_the_seed_s_35_hostings_settle_as_cashback_or_discount(
    currency: str, public: str, preferential: str, earned: str
) -> None:
    line = cashback(PRICES, "web-hosting", 35, currency=currency)
    by_client = order_outcome(client="bakery", placed_by="bakery", partnership=partnership(Grant.full()))
    settled = settle_order(by_client, line)
    assert (settled.payer, settled.due) == ("bakery", Money(public, currency))
    assert (settled.credited_to, settled.credited) == ("agency", Money(earned, currency))

    partner_pays = partnership(Grant.full(PaymentMeans.PARTNER))
    discounted = settle_order(order_outcome(client="bakery", placed_by="agency", partnership=partner_pays), line)
    assert (discounted.payer, discounted.due) == ("agency", Money(preferential, currency))
    assert (discounted.credited_to, discounted.credited) == (None, None)


GRANTS = [Grant.full(PaymentMeans.CLIENT), Grant.full(PaymentMeans.PARTNER), Grant.limited({"web-1"})]
ORDERS = list(itertools.product([*GRANTS, None], ["bakery", "agency", "stranger"], ["web-1", "web-2", None]))


@given(s.price_lists(), s.order_lines(), st.sampled_from(s.PRICING_CURRENCIES), st.sampled_from(ORDERS))
def test_every_outcome_settles_by_its_rule(
    prices: PriceList, line: OrderLine, currency: str, order: tuple[Grant | None, str, str | None]
) -> None:
    grant, placed_by, product = order
    current = None if grant is None else partnership(grant)
    outcome = order_outcome(client="bakery", placed_by=placed_by, partnership=current, product=product)
    figures = cashback(
        prices,
        line.product,
        line.quantity,
        currency=currency,
        tier_count=line.tier_count,
        periods=line.periods,
        period=line.period,
    )
    settled = settle_order(outcome, figures)
    assert settled.payer == outcome.payer
    if outcome.outcome is Outcome.REFUSED:
        assert settled.due is None
    elif outcome.outcome is Outcome.DISCOUNT:
        assert settled.due == figures.preferential_price
    else:
        assert settled.due == figures.public_price
    if outcome.outcome is Outcome.CASHBACK:
        assert settled.credited_to == outcome.cashback_to
        assert settled.credited is not None
        assert settled.due is not None
        assert settled.due - settled.credited == figures.preferential_price
        assert not settled.credited.is_negative()
    else:
        assert settled.credited is None
        assert settled.credited_to is None


def test_settling_needs_an_outcome_and_a_cashback() -> None:
    outcome = order_outcome(client="bakery", placed_by="bakery", partnership=None)
    with pytest.raises(InvalidInput):
        settle_order(outcome, Money("1", "CHF"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        settle_order("cashback", cashback(PRICES, "web-hosting", 1, currency="CHF"))  # type: ignore[arg-type]
