"""A rate the price list accepts prices a line, however many places it has.

A rate is any exact decimal in [0, 1) of at most 40 significant digits and a magnitude down to 1e-60. ``1 − rate``
of such a rate can need more than 40 digits (``1 − 1E-45`` needs 46), and the step computed it in the 40-digit
exact context, whose ``Inexact`` trap escaped as a bare ``decimal.Inexact`` from every quote of the product.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.pricing import OrderLine, PriceList, Product, Tier, price_lines, quote_line
from infomanager_core.pricing.price_list import check_rate
from infomanager_core.pricing.steps import after_step

#: Rates the price list accepts whose ``1 − rate`` has more than 40 significant digits.
FINE_RATES = [
    Decimal("1E-45"),
    Decimal("0.000000000000000000000000000000000000000000001"),  # the same, in plain notation
    Decimal("0.01234567890123456789012345678901234567891"),  # 40 digits, 41 places
    Decimal("0.9999999999999999999999999999999999999999E-5"),
]


def exact_after(units: int, rate: Decimal) -> int:
    """``units × (1 − rate)`` rounded half away from zero, in a context wide enough never to round before that."""
    with localcontext(prec=200):
        return int((units * (1 - rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fine_price_list(rate: Decimal) -> PriceList:
    web = Product(
        code="web-hosting",
        family="web-hosting",
        name="Web hosting",
        prices={("CHF", "month"): Money("9.92", "CHF")},
        partner_discount=rate,
        degressive=True,
    )
    return PriceList(name="fine", products=[web], tiers={"web-hosting": [Tier(1, rate)]})


@pytest.mark.parametrize("rate", FINE_RATES, ids=str)
def test_a_line_at_a_rate_with_many_places_is_priced_by_the_quote_and_the_bulk_path_alike(rate: Decimal) -> None:
    prices = fine_price_list(rate)
    line = quote_line(prices, "web-hosting", 35, currency="CHF", partner=True)
    expected = exact_after(exact_after(34720, rate), rate)
    assert line.final == Money.from_minor_units(expected, "CHF")
    assert [step.rate for step in line.steps] == [rate, rate]
    [priced] = price_lines(prices, [OrderLine(product="web-hosting", quantity=35)], currency="CHF", partner=True)
    assert priced.final == expected


#: Every rate the price list accepts: up to 40 significant digits, a magnitude down to 1e-60, below 1.
ACCEPTED_RATES = st.builds(
    lambda digits, exponent: Decimal(f"{digits}E{exponent}"), st.integers(1, 10**40 - 1), st.integers(-100, -1)
).filter(lambda rate: rate < 1 and rate.adjusted() >= -60)


@given(st.integers(0, 10**18), ACCEPTED_RATES)
def test_the_step_rounds_any_accepted_rate_exactly_half_away_from_zero(units: int, rate: Decimal) -> None:
    assert check_rate(rate, "rate") == rate
    assert after_step(units, rate) == exact_after(units, rate)
