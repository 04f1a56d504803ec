"""The plain oracle of ``oracle.py`` and the library agree at the edges the other comparisons do not reach.

``test_oracle.py`` draws small lines (up to 80 units, 36 periods, prices up to 10**6 minor units, rates of 8 places at
most). Here a line goes up to the caps (``MAX_QUANTITY`` units, ``MAX_PERIODS`` periods, a tier count up to
``MAX_TIER_COUNT``), its amount up to the last minor unit below the money bound, and its rates have up to 40
significant digits down to 1e-60 — where ``1 − rate`` once escaped the library's 40-digit context. The oracle runs in
a decimal context wide enough that none of its own arithmetic rounds, so only its named ROUND_HALF_UP does.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.money.rounding import MAX_AMOUNT
from infomanager_core.pricing import MAX_PERIODS, MAX_QUANTITY, MAX_TIER_COUNT, OrderLine, price_lines, quote_line
from tests import strategies as s

from . import oracle
from .test_oracle import library_breakdown, oracle_breakdown

#: Rates the library accepts, often with many places: up to 40 significant digits, a magnitude down to 1e-60.
EDGE_RATES = st.one_of(
    st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.9999999999999999999999999999999999999999")]),
    st.builds(
        lambda digits, exponent: Decimal(f"{digits}E{exponent}"), st.integers(1, 10**40 - 1), st.integers(-99, -1)
    ).filter(lambda rate: rate < 1 and rate.adjusted() >= -60),
)


@st.composite
def edge_lines(draw: st.DrawFn) -> tuple[dict, str, dict]:
    """One product of a family, priced so that its line lies anywhere up to the money bound, and the line."""
    currency = draw(st.sampled_from(s.ORACLE_CURRENCIES))
    quantity = draw(st.integers(1, MAX_QUANTITY) | st.sampled_from([1, MAX_QUANTITY]))
    periods = draw(st.integers(1, MAX_PERIODS) | st.sampled_from([1, MAX_PERIODS]))
    bound = MAX_AMOUNT * 10 ** oracle.minor_unit(currency)  # in minor units
    largest_unit = (bound - 1) // (quantity * periods)
    unit = draw(st.integers(0, largest_unit) | st.just(largest_unit))
    family = draw(st.sampled_from(["web-hosting", "mail-hosting", "domain"]))
    degressive = family != "domain"
    tier_bounds = sorted(draw(st.sets(st.integers(1, MAX_TIER_COUNT), min_size=1, max_size=3)))
    tier_rates = sorted(draw(st.lists(EDGE_RATES, min_size=len(tier_bounds), max_size=len(tier_bounds))))
    product = {
        "family": family,
        "prices": {(currency, "month"): Decimal(unit).scaleb(-oracle.minor_unit(currency))},
        "partner_rate": draw(EDGE_RATES),
        "degressive": degressive,
    }
    raw = {
        "products": {"p": product},
        "tiers": {family: dict(zip(tier_bounds, tier_rates, strict=True))} if degressive else {},
    }
    hostings = draw(st.sampled_from([quantity, *tier_bounds, MAX_TIER_COUNT]).filter(lambda n: n >= quantity))
    line = {"quantity": quantity, "periods": periods, "hostings": hostings, "partner": draw(st.booleans())}
    return raw, currency, line


@given(edge_lines())
def test_a_line_at_the_caps_the_money_bound_and_the_finest_rates_is_the_oracles(case: tuple[dict, str, dict]) -> None:
    raw, currency, line = case
    prices = s.library_price_list(raw)
    library = quote_line(
        prices,
        "p",
        line["quantity"],
        currency=currency,
        partner=line["partner"],
        tier_count=line["hostings"],
        periods=line["periods"],
    )
    with localcontext(prec=200):
        expected = s.oracle_line(raw, "p", currency_code=currency, period="month", **line)
    assert s.same(library.public, expected["public"], currency)
    assert library_breakdown(library) == oracle_breakdown(expected)
    assert s.same(library.final, expected["final"], currency)
    order_line = OrderLine(product="p", quantity=line["quantity"], periods=line["periods"], tier_count=line["hostings"])
    [priced] = price_lines(prices, [order_line], currency=currency, partner=line["partner"])
    assert priced.final == library.final.minor_units()
