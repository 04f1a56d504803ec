"""The laws of pricing, for any valid price list and order line."""

from __future__ import annotations

from decimal import Decimal
from math import prod

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.money import round_half_up
from infomanager_core.pricing import (
    PARTNER_DISCOUNT,
    OrderLine,
    PriceList,
    price_lines,
    price_order_line,
    quote,
    quote_line,
)
from infomanager_core.pricing.steps import after_step, keep_fraction
from tests import strategies as s

CURRENCIES = st.sampled_from(s.PRICING_CURRENCIES)


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans())
def test_a_breakdown_adds_up_to_the_minor_unit(
    prices: PriceList, line: OrderLine, currency: str, partner: bool
) -> None:
    quoted = price_order_line(prices, line, currency=currency, partner=partner)
    assert quoted.public - Money.total((step.reduction for step in quoted.steps), currency) == quoted.final
    before = quoted.public
    for step in quoted.steps:
        assert before - step.reduction == step.after
        assert step.after.is_rounded()
        assert not step.reduction.is_negative()
        before = step.after
    assert before == quoted.final


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans())
def test_a_quote_is_exactly_what_the_public_constructors_would_build(
    prices: PriceList, line: OrderLine, currency: str, partner: bool
) -> None:
    """Quotes are built by trusted constructors on the hot path; rebuilding through the checked ones changes nothing."""
    quoted = price_order_line(prices, line, currency=currency, partner=partner)
    rebuilt = attrs.evolve(quoted, steps=tuple(attrs.evolve(step) for step in quoted.steps))
    assert rebuilt == quoted
    assert all(type(step.after.amount) is Decimal for step in quoted.steps)


@given(s.price_lists(), s.order_lines(), CURRENCIES)
def test_a_partner_price_never_exceeds_the_public_price(prices: PriceList, line: OrderLine, currency: str) -> None:
    partner = price_order_line(prices, line, currency=currency, partner=True)
    public = price_order_line(prices, line, currency=currency, partner=False)
    assert partner.final <= public.final <= public.public


@given(s.price_lists(), s.order_lines(), CURRENCIES)
def test_two_steps_combine_to_one_minus_the_product_of_what_they_leave(
    prices: PriceList, line: OrderLine, currency: str
) -> None:
    """With d the partner discount and t the degressive rate, final ≈ public × (1 − d)(1 − t), within one minor unit."""
    quoted = price_order_line(prices, line, currency=currency, partner=True)
    combined = 1 - prod((1 - step.rate for step in quoted.steps), start=Decimal(1))
    exact = quoted.public.amount * (1 - combined)
    minor_unit = Decimal(1).scaleb(-quoted.public.currency_info.minor_digits)
    # Each of at most two roundings moves the result by at most half a unit; the first one is then scaled by < 1.
    assert abs(quoted.final.amount - exact) <= minor_unit


@given(s.price_lists(), s.order_lines(), CURRENCIES, st.booleans(), st.integers(min_value=1, max_value=300), st.data())
def test_a_higher_tier_never_raises_the_unit_price(
    prices: PriceList, line: OrderLine, currency: str, partner: bool, more: int, data: st.DataObject
) -> None:
    """Most lines drawn stood past their family's last tier bound, or ``more`` kept them at one rate (the two counts
    had two rates in about one example in nine): a degressive line mostly holds fewer than its family's last bound and
    is raised to a bound of another rate, where there is one."""
    family = prices.product(line.product).family
    tiers = prices.tiers.get(family, ())
    if tiers and tiers[-1].min_count > 1 and data.draw(st.sampled_from(("cut", "cut", "as drawn"))) == "cut":
        line = attrs.evolve(line, quantity=data.draw(st.integers(1, tiers[-1].min_count - 1)), tier_count=None)
        rate = prices.tier_rate(family, line.count)
        above = [tier.min_count for tier in tiers if tier.min_count > line.count and tier.rate != rate]
        more = data.draw(st.sampled_from(above)) - line.count if above else more
    lower = price_order_line(prices, line, currency=currency, partner=partner)
    higher = quote_line(
        prices,
        line.product,
        line.quantity,
        currency=currency,
        partner=partner,
        tier_count=line.count + more,
        periods=line.periods,
        period=line.period,
    )
    two_tiers = prices.tier_rate(family, line.count + more) != prices.tier_rate(family, line.count)
    event("two tiers, two rates" if two_tiers else "one rate")
    assert higher.final <= lower.final


@given(s.price_lists(), s.order_lines(), CURRENCIES)
def test_the_partner_discount_comes_first_in_a_partner_quote(prices: PriceList, line: OrderLine, currency: str) -> None:
    quoted = price_order_line(prices, line, currency=currency, partner=True)
    assert quoted.steps[0].name == PARTNER_DISCOUNT
    assert quoted.steps[0].rate == prices.product(line.product).partner_discount


@given(s.price_lists(), st.lists(s.order_lines(), max_size=20), CURRENCIES, st.booleans())
def test_bulk_pricing_equals_single_quotes_bit_for_bit(
    prices: PriceList, lines: list[OrderLine], currency: str, partner: bool
) -> None:
    for priced in price_lines(prices, lines, currency=currency, partner=partner):
        single = price_order_line(prices, priced.line, currency=currency, partner=partner)
        assert priced.public == single.public.minor_units()
        assert priced.reductions == tuple(step.reduction.minor_units() for step in single.steps)
        assert priced.final == single.final.minor_units()
        assert priced.public - sum(priced.reductions) == priced.final


@given(st.integers(min_value=0, max_value=10**15), s.unit_rates())
def test_the_integer_step_rounds_like_the_named_rounding_rule(units: int, rate: Decimal) -> None:
    assert after_step(units, rate) == round_half_up(Decimal(units) * (1 - rate), 0)


@given(s.price_lists(), s.orders(), CURRENCIES, st.booleans())
def test_every_line_of_an_order_counts_every_unit_of_its_family_in_the_order(
    prices: PriceList, order: list[OrderLine], currency: str, partner: bool
) -> None:
    """A family has one tier count in a quote: the one its lines give, else every unit of it ordered."""
    quoted = quote(prices, order, currency=currency, partner=partner)
    for line, result in zip(order, quoted.lines, strict=True):
        family = prices.product(line.product).family
        same = [other for other in order if prices.product(other.product).family == family]
        ordered = sum(other.quantity for other in same)
        given = {other.tier_count for other in same if other.tier_count is not None}
        assert result.tier_count == (given.pop() if given else ordered) >= ordered
        assert result == price_order_line(
            prices, attrs.evolve(line, tier_count=result.tier_count), currency=currency, partner=partner
        )


@given(s.price_lists(), s.orders(), CURRENCIES)
def test_an_order_adds_up_and_its_partner_total_never_exceeds_its_public_total(
    prices: PriceList, order: list[OrderLine], currency: str
) -> None:
    partner = quote(prices, order, currency=currency, partner=True)
    public = quote(prices, order, currency=currency, partner=False)
    assert partner.totals[currency] == Money.total((line.final for line in partner.lines), currency)
    assert partner.totals[currency] <= public.totals[currency]
    for line in partner.lines:
        assert line.public - Money.total((step.reduction for step in line.steps), currency) == line.final


def test_pricing_with_many_rates_keeps_a_bounded_memory_of_them() -> None:
    # a service that prices with its own rates (a discount per customer) for months must not grow without end: the
    # steps remember the rates they met, and forget the oldest past a bound
    for basis_points in range(3_000):
        rate = Decimal(basis_points) / 10_000
        assert after_step(10_000, rate) == 10_000 - basis_points
    remembered = keep_fraction.cache_info()
    assert remembered.maxsize is not None
    assert remembered.currsize <= remembered.maxsize < 3_000
