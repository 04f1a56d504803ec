"""Laws a billing team relies on when it explains a price to a client who disputes it.

The breakdown can be read back from its own figures with the one named rounding rule; more units, more periods or a
larger discount never make a line cheaper (for one tier count: volume tiers make 35 hostings cheaper than 34, which
SPEC §2.2 asks for); a tier applies from its bound exactly; a partner discount of 0 is the public price; and the
figures of a quote split across its lines, or any line across items, without losing a minor unit.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money, allocate
from infomanager_core.pricing import (
    DEGRESSIVE_TARIFF,
    OrderLine,
    PriceList,
    price_order_line,
    quote,
)
from tests import strategies as s

CURRENCIES = st.sampled_from(s.PRICING_CURRENCIES)


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans())
def test_every_figure_of_a_breakdown_is_recomputed_from_the_figures_before_it_with_the_named_rounding(
    prices: PriceList, line: OrderLine, currency: str, partner: bool
) -> None:
    """A person holding only the price list and the breakdown finds every figure again: the public amount is the unit
    price times the quantity times the periods, and each step's amount after is its amount before times one minus its
    rate, rounded half away from zero to the minor unit (``Money.rounded``)."""
    quoted = price_order_line(prices, line, currency=currency, partner=partner)
    unit = prices.product(line.product).price(currency, line.period)
    assert quoted.public == unit * line.quantity * line.periods
    before = quoted.public
    digits = quoted.public.currency_info.minor_digits
    for step in quoted.steps:
        assert step.before == before
        assert (step.before * (1 - step.rate)).rounded() == step.after
        assert step.after.minor_units() == int(step.after.amount.scaleb(digits))  # what a ledger would post
        before = step.after
    assert quoted.final == before


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans(), st.integers(1, 36), st.data())
def test_at_one_tier_count_more_units_or_more_periods_never_cost_less(
    prices: PriceList, line: OrderLine, currency: str, partner: bool, more_periods: int, data: st.DataObject
) -> None:
    """Monotony in quantity holds for one tier count: the line's units count towards the tier, so the same order
    without a tier count may cost less with more units (35 Web hostings cost less than 34, SPEC §2.2's volume tier).
    Most lines drawn end just below a tier bound of their family, and the units added cross it."""
    bounds = [
        tier.min_count for tier in prices.tiers.get(prices.product(line.product).family, ()) if tier.min_count > 1
    ]
    if bounds and data.draw(st.booleans()):
        line = attrs.evolve(line, quantity=data.draw(st.sampled_from(bounds)) - 1, tier_count=None)
    more_units = data.draw(st.integers(1, 3) | st.integers(1, 500))
    at_count = attrs.evolve(line, tier_count=line.count + more_units)
    fewer = price_order_line(prices, at_count, currency=currency, partner=partner)
    for more in (
        attrs.evolve(at_count, quantity=line.quantity + more_units),
        attrs.evolve(at_count, periods=line.periods + more_periods),
    ):
        priced = price_order_line(prices, more, currency=currency, partner=partner)
        assert priced.public >= fewer.public
        assert priced.final >= fewer.final


@given(s.price_lists(), s.order_lines(), CURRENCIES, s.unit_rates())
def test_a_larger_partner_discount_never_raises_a_partner_price(
    prices: PriceList, line: OrderLine, currency: str, other: Decimal
) -> None:
    product = prices.product(line.product)
    smaller, larger = sorted((product.partner_discount, other))

    def priced_at(rate: Decimal) -> Money:
        products = [
            attrs.evolve(product, partner_discount=rate) if p is product else p for p in prices.products.values()
        ]
        changed = attrs.evolve(prices, products=products)
        return price_order_line(changed, line, currency=currency, partner=True).final

    assert priced_at(larger) <= priced_at(smaller)


@given(s.price_lists(), s.order_lines(), CURRENCIES)
def test_a_partner_discount_of_zero_is_the_public_price(prices: PriceList, line: OrderLine, currency: str) -> None:
    product = prices.product(line.product)
    products = [attrs.evolve(p, partner_discount=Decimal(0)) if p is product else p for p in prices.products.values()]
    changed = attrs.evolve(prices, products=products)
    partner = price_order_line(changed, line, currency=currency, partner=True)
    public = price_order_line(changed, line, currency=currency, partner=False)
    assert partner.final == public.final
    assert partner.steps[0].reduction.is_zero()


@given(s.price_lists(), st.sampled_from(["web-hosting", "mail-hosting"]), st.data())
def test_a_tier_applies_from_its_bound_exactly_and_not_one_below(
    prices: PriceList, family: str, data: st.DataObject
) -> None:
    tiers = prices.tiers[family]
    index = data.draw(st.integers(0, len(tiers) - 1))
    bound, rate = tiers[index].min_count, tiers[index].rate
    below = tiers[index - 1].rate if index else Decimal(0)
    above = rate if index + 1 == len(tiers) or tiers[index + 1].min_count > bound + 1 else tiers[index + 1].rate
    assert prices.tier_rate(family, bound) == rate
    assert prices.tier_rate(family, bound + 1) == above
    if bound > 1:
        assert prices.tier_rate(family, bound - 1) == below
    quoted = price_order_line(prices, OrderLine(product=family, quantity=bound), currency="CHF", partner=False)
    assert [(step.name, step.rate) for step in quoted.steps] == [(DEGRESSIVE_TARIFF, rate)]


@given(s.price_lists(), s.orders(), CURRENCIES, st.booleans())
def test_a_quote_total_splits_back_into_its_lines_and_its_public_amount_less_its_reductions(
    prices: PriceList, order: list[OrderLine], currency: str, partner: bool
) -> None:
    quoted = quote(prices, order, currency=currency, partner=partner)
    total = quoted.totals[currency]
    finals = [line.final for line in quoted.lines]
    public = Money.total((line.public for line in quoted.lines), currency)
    reductions = Money.total((step.reduction for line in quoted.lines for step in line.steps), currency)
    assert public - reductions == total
    if not total.is_zero():
        assert allocate(total, [line.minor_units() for line in finals]) == tuple(finals)


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans(), st.lists(st.integers(0, 50), min_size=1))
def test_a_line_split_across_items_loses_no_minor_unit_for_any_split(
    prices: PriceList, line: OrderLine, currency: str, partner: bool, weights: list[int]
) -> None:
    if not any(weights):
        weights = [*weights, 1]
    quoted = price_order_line(prices, line, currency=currency, partner=partner)
    for figure in (quoted.public, quoted.final, *(step.reduction for step in quoted.steps)):
        parts = allocate(figure, weights)
        assert Money.total(parts, currency) == figure
        assert all(part.is_rounded() and not part.is_negative() for part in parts)
        assert all(part.is_zero() for part, weight in zip(parts, weights, strict=True) if weight == 0)
