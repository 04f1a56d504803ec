"""Allocation: split an amount by ratios into whole minor units that add up exactly to the whole.

Each part first gets the floor of its exact share, in minor units; the units left over go one each to the parts with
the largest remainders, ties to the earliest part. A negative amount is split like its absolute value, then negated,
so the parts of ``-x`` are the negated parts of ``x``.

>>> allocate(Money("100.00", "CHF"), [1, 1, 1])
(Money('33.34', 'CHF'), Money('33.33', 'CHF'), Money('33.33', 'CHF'))
>>> sum(part.minor_units() for part in allocate(Money("0.05", "EUR"), [3, 7]))
5
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from ..errors import InvalidAmount
from .money import Money
from .rounding import exact_decimal

__all__ = ["allocate"]


def allocate(total: Money, ratios: Sequence[Decimal | int | str]) -> tuple[Money, ...]:
    """Split ``total`` (whole minor units) by non-negative ``ratios`` (not all zero), losing no unit.

    >>> allocate(Money("10.00", "EUR"), [Decimal("0.7"), Decimal("0.3")])
    (Money('7.00', 'EUR'), Money('3.00', 'EUR'))
    """
    if not isinstance(total, Money):
        raise InvalidAmount("total", total, "must be Money in whole minor units")
    units = total.minor_units()
    if isinstance(ratios, str | bytes) or not isinstance(ratios, Sequence):
        raise InvalidAmount("ratios", ratios, "must be a sequence of numbers", hint="e.g. [1, 2] or ['0.7', '0.3']")
    if not ratios:
        raise InvalidAmount("ratios", list(ratios), "must name at least one part")
    weights = [Fraction(exact_decimal(ratio, "ratios")) for ratio in ratios]
    if any(weight < 0 for weight in weights):
        raise InvalidAmount("ratios", list(ratios), "must all be zero or more")
    whole = sum(weights)
    if whole == 0:
        raise InvalidAmount("ratios", list(ratios), "must not all be zero")

    magnitude = abs(units)
    shares = [magnitude * weight / whole for weight in weights]
    parts = [share.numerator // share.denominator for share in shares]
    leftover = magnitude - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    sign = -1 if units < 0 else 1
    return tuple(Money.from_minor_units(sign * part, total.currency) for part in parts)
