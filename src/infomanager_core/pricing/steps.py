"""The pricing steps of a line, in order, and the arithmetic of one step (SPEC §2.2).

This module is the one place that says **the partner discount comes first, then the degressive tariff on the rounded
residual**. Both the single quote (:mod:`.quote`) and the bulk path (:mod:`.bulk`) take their steps from
:func:`pricing_steps` and apply each with :func:`after_step`, so they cannot disagree.

A step turns an amount (in whole minor units) into the amount after it: ``amount × (1 − rate)``, rounded half away
from zero (:data:`~infomanager_core.money.ROUNDING`) to the minor unit. The reduction is the difference, so
``amount − reduction = after`` holds exactly and the next step starts from the rounded amount the user sees.

>>> after_step(34720, Decimal("0.20"))
27776
>>> after_step(27776, Decimal("0.25"))
20832
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

from .errors import InvalidQuoteRequest
from .price_list import Product, check_partner, check_rate

__all__ = ["DEGRESSIVE_TARIFF", "PARTNER_DISCOUNT", "after_fraction", "after_step", "keep_fraction", "pricing_steps"]

#: Name of the partner discount step ("remise partenaire").
PARTNER_DISCOUNT: Final = "partner discount"
#: Name of the degressive tariff step ("tarif dégressif").
DEGRESSIVE_TARIFF: Final = "degressive tariff"


def pricing_steps(product: Product, *, partner: bool, tier_rate: Decimal) -> tuple[tuple[str, Decimal], ...]:
    """The ``(name, rate)`` steps of a line of ``product``, in the order they apply.

    A partner quote starts with the product's partner discount; a public quote has no partner step. The degressive
    tariff (at ``tier_rate``, the rate of the tier reached, possibly 0) follows for degressive products only.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> web = example_price_list().product("web-hosting")
    >>> pricing_steps(web, partner=True, tier_rate=Decimal("0.25"))
    (('partner discount', Decimal('0.20')), ('degressive tariff', Decimal('0.25')))
    >>> pricing_steps(web, partner=False, tier_rate=Decimal("0.25"))
    (('degressive tariff', Decimal('0.25')),)
    >>> pricing_steps(web, partner="no", tier_rate=Decimal("0.25"))
    Traceback (most recent call last):
    ...
    infomanager_core.pricing.errors.InvalidQuoteRequest: partner: 'no' must be True (partner quote) or False (public quote)
    """
    if not isinstance(product, Product):
        raise InvalidQuoteRequest("product", product, "must be a Product", hint="e.g. price_list.product(code)")
    check_partner(partner)
    return steps_of(product, partner, check_rate(tier_rate, "tier_rate"))  # the one rule for rates: in [0, 1)


def steps_of(product: Product, partner: bool, tier_rate: Decimal) -> tuple[tuple[str, Decimal], ...]:
    """:func:`pricing_steps` of arguments a quote has checked already (the price list's own product and rate): the
    pricing order, written once, without the checks on every line."""
    steps: list[tuple[str, Decimal]] = []
    if partner:
        steps.append((PARTNER_DISCOUNT, product.partner_discount))
    if product.degressive:
        steps.append((DEGRESSIVE_TARIFF, tier_rate))
    return tuple(steps)


@lru_cache(maxsize=1024)  # a price list has a few rates; a caller's own rates must not grow a long-lived service
def keep_fraction(rate: Decimal) -> tuple[int, int]:
    """``1 − rate`` as an exact ``(numerator, denominator)`` pair of ints (denominator > 0), in lowest terms.

    Taken from the rate's own ratio, not from ``1 − rate`` as a Decimal: a rate the price list accepts (40 digits,
    down to 1e-60) can leave a ``1 − rate`` of more digits than any decimal context holds exactly (``1 − 1E-45``).

    >>> keep_fraction(Decimal("0.25")), keep_fraction(Decimal("1E-45")) == (10**45 - 1, 10**45)
    ((3, 4), True)
    """
    taken, scale = rate.as_integer_ratio()
    return scale - taken, scale


def after_step(units: int, rate: Decimal) -> int:
    """The amount after a step of ``rate`` on ``units`` (≥ 0) minor units, rounded half away from zero.

    Integer arithmetic gives the same result as ``round_half_up(units × (1 − rate))`` without any Decimal.

    >>> after_step(1005, Decimal("0.5"))  # 502.5 rounds half up
    503
    """
    keep, scale = keep_fraction(rate)
    return after_fraction(units, keep, scale)


def after_fraction(units: int, keep: int, scale: int) -> int:
    """``units × keep / scale`` rounded half away from zero, for ``units ≥ 0`` and ``scale > 0`` (the step kernel).

    >>> after_fraction(34720, 4, 5)
    27776
    """
    return (2 * units * keep + scale) // (2 * scale)
