"""Bulk pricing: a large stream of order lines priced lazily in integer minor units.

:func:`price_lines` gives, for each :class:`~infomanager_core.pricing.quote.OrderLine`, a :class:`PricedLine` of
plain ints (minor units): the public amount, each step's reduction and the final amount. The numbers are those of
:func:`~infomanager_core.pricing.quote.quote_line` bit for bit: the steps come from the same
:func:`~infomanager_core.pricing.steps.pricing_steps` and are applied by the same integer kernel; only the Money and
Step objects are left out. Each product's price and each tier's steps are compiled once per call, so a line costs a
few int operations.

Each line is priced as an order of its own, as :func:`~infomanager_core.pricing.quote.price_order_line` prices it:
its tier count is its ``tier_count``, or its quantity. The bulk path is for streams of independent orders (a month's
renewals across many organisations); to price several lines of *one* order, whose units of a family count together
towards the tier, use :func:`~infomanager_core.pricing.quote.quote`.

Results are yielded one at a time: memory stays flat when the lines are streamed in and the results streamed out. A
line that breaks a rule (an unknown product, a missing price) raises when it is reached, with a note naming its
index (``error.__notes__``, shown in tracebacks); the lines before it have been yielded.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> lines = [OrderLine(product="web-hosting", quantity=35), OrderLine(product="mail-hosting", quantity=3)]
>>> for priced in price_lines(example_price_list(), lines, currency="CHF", partner=True):
...     print(priced.public, priced.reductions, priced.final)
34720 (6944, 6944) 20832
540 (108, 0) 432
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..errors import InfomanagerError
from ..money import currency as currency_info
from ..money.rounding import MAX_AMOUNT
from .errors import InvalidQuoteRequest
from .price_list import NO_TIER_RATE, PriceList, check_partner, check_price_list
from .quote import OrderLine, line_beyond_the_bound
from .steps import after_fraction, keep_fraction, steps_of

__all__ = ["PricedLine", "price_lines"]


class PricedLine(NamedTuple):
    """A priced order line in minor units: ``public − sum(reductions) == final``."""

    line: OrderLine
    public: int
    reductions: tuple[int, ...]
    final: int


#: A compiled product: unit price in minor units, tier bounds, and per tier the steps as (keep, scale) fractions.
_Compiled = tuple[int, tuple[int, ...], tuple[tuple[tuple[int, int], ...], ...]]


def _compile(price_list: PriceList, code: str, period: str, currency: str, partner: bool) -> _Compiled:
    product = price_list.product(code)
    unit = product.price_units(currency, period)
    tiers = price_list.tiers.get(product.family, ()) if product.degressive else ()
    rates = (NO_TIER_RATE, *(tier.rate for tier in tiers))
    per_tier = tuple(tuple(keep_fraction(rate) for _, rate in steps_of(product, partner, rate)) for rate in rates)
    return unit, tuple(tier.min_count for tier in tiers), per_tier


def price_lines(
    price_list: PriceList, lines: Iterable[OrderLine], *, currency: str, partner: bool
) -> Iterator[PricedLine]:
    """Price each of ``lines`` lazily, in order, for a partner or for the public, in ``currency``.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> [priced.final for priced in price_lines(example_price_list(), [OrderLine(product="web-hosting", quantity=35)],
    ...                                         currency="EUR", partner=False)]
    [15094]
    """
    check_price_list(price_list)
    check_partner(partner)
    currency_info(currency)
    if isinstance(lines, OrderLine | str | bytes) or not isinstance(lines, Iterable):
        raise InvalidQuoteRequest("lines", lines, "must be an iterable of OrderLine")
    return _priced(price_list, iter(lines), currency, partner)


def _priced(price_list: PriceList, lines: Iterator[OrderLine], currency: str, partner: bool) -> Iterator[PricedLine]:
    compiled: dict[tuple[str, str], _Compiled] = {}
    limit = MAX_AMOUNT * 10 ** currency_info(currency).minor_digits
    position = 0
    try:
        for position, line in enumerate(lines):  # noqa: B007 (read by the handler)
            if not isinstance(line, OrderLine):
                raise InvalidQuoteRequest("line", line, "must be an OrderLine")
            key = (line.product, line.period)
            entry = compiled.get(key)
            if entry is None:
                entry = compiled[key] = _compile(price_list, line.product, line.period, currency, partner)
            unit, bounds, per_tier = entry
            count = line.quantity if line.tier_count is None else line.tier_count
            before = public = unit * line.quantity * line.periods
            if public >= limit:
                raise line_beyond_the_bound(line.product, public, currency)
            reductions = []
            for keep, scale in per_tier[bisect_right(bounds, count)]:
                after = after_fraction(before, keep, scale)
                reductions.append(before - after)
                before = after
            yield PricedLine(line, public, tuple(reductions), before)
    except InfomanagerError as error:  # the error as it is, and which line of the stream it came from
        error.add_note(f"line {position} of the lines priced (counting from 0)")
        raise
