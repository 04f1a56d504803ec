"""One line quote split across items (clients, say), every share a breakdown that adds up on its own.

The line's amounts form a chain ``public ≥ after step 1 ≥ … ≥ final``. Each amount of the chain is split by the
same ratios with one **house-monotone** rule (a larger amount never gives any share less), and each share's
reductions are derived by subtraction, so for every share:

* ``public − Σ step.reduction == final`` and each step's ``before − reduction == after``, to the cent;
* ``0 ≤ final ≤ … ≤ after step 1 ≤ public``: no figure is negative, none is above the share's public amount;

and the shares add up to the line, figure by figure. The rule is Sainte-Laguë (Webster): minor unit after minor
unit, each goes to the share with the largest ``ratio / (units so far + ½)``, ties to the earliest share. Largest
remainder (:func:`~infomanager_core.money.allocate`) is not house-monotone (the Alabama paradox), and allocating
public, reductions and final each on its own does not add up (docs/decisions.md, Pricing).

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> from infomanager_core.pricing import quote_line
>>> line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
>>> [(share.public, share.final) for share in split_line(line, [20, 10, 5])]  # doctest: +NORMALIZE_WHITESPACE
[(Money('198.40', 'CHF'), Money('119.04', 'CHF')),
 (Money('99.20', 'CHF'), Money('59.52', 'CHF')),
 (Money('49.60', 'CHF'), Money('29.76', 'CHF'))]
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from ..errors import InvalidAmount
from ..money import Money
from ..money.rounding import exact_decimal
from .errors import InvalidQuoteRequest
from .quote import LineQuote, Step

__all__ = ["LineShare", "split_line"]

HALF = Fraction(1, 2)


@attrs.frozen(slots=True, kw_only=True)
class LineShare:
    """One item's share of a line quote: its ratio, public amount, each step (the line's name and rate, the share's
    amounts before and after it) and final amount. ``public − reduction == final`` holds by construction."""

    ratio: Decimal
    public: Money
    steps: tuple[Step, ...]
    final: Money

    @property
    def reduction(self) -> Money:
        """Everything taken off the share's public amount: ``public − final``."""
        return self.public - self.final


def _weights(ratios: object) -> tuple[list[Decimal], list[Fraction]]:
    if isinstance(ratios, str | bytes) or not isinstance(ratios, Sequence):
        raise InvalidAmount("ratios", ratios, "must be a sequence of numbers", hint="e.g. [20, 10, 5]")
    if not ratios:
        raise InvalidAmount("ratios", list(ratios), "must name at least one share")
    numbers = [exact_decimal(ratio, "ratios") for ratio in ratios]
    if any(number < 0 for number in numbers):
        raise InvalidAmount("ratios", list(ratios), "must all be zero or more")
    if not any(numbers):
        raise InvalidAmount("ratios", list(ratios), "must not all be zero")
    return numbers, [Fraction(number) for number in numbers]


def monotone_parts(units: int, weights: Sequence[Fraction]) -> list[int]:
    """Split ``units`` (≥ 0) by ``weights`` (≥ 0, not all zero) with Sainte-Laguë: the parts are the counts, per
    weight, of the first ``units`` seats in the order of priority ``weight / (k − ½)`` (seat ``k`` of a weight),
    ties to the earliest weight. A prefix of one fixed order, so more units never give a part less.

    >>> monotone_parts(10, [Fraction(1), Fraction(1), Fraction(1)])
    [4, 3, 3]
    """
    whole = sum(weights)
    # Rounding each exact share half up takes every seat of priority ≥ whole / units: a prefix of the order.
    parts = [int((units * weight / whole + HALF) // 1) for weight in weights]
    missing = units - sum(parts)
    if missing > 0:  # take the best seats not yet taken: largest priority, then earliest weight
        untaken = [
            (-weight / (part + HALF), index) for index, (weight, part) in enumerate(zip(weights, parts, strict=True))
        ]
        heapq.heapify(untaken)
        for _ in range(missing):
            _priority, best = heapq.heappop(untaken)
            parts[best] += 1
            heapq.heappush(untaken, (-weights[best] / (parts[best] + HALF), best))
    elif missing < 0:  # give back the worst seats taken: smallest priority, then latest weight
        taken = [
            (weight / (part - HALF), -index)
            for index, (weight, part) in enumerate(zip(weights, parts, strict=True))
            if part
        ]
        heapq.heapify(taken)
        for _ in range(-missing):
            _priority, worst = heapq.heappop(taken)
            parts[-worst] -= 1
            if parts[-worst]:
                heapq.heappush(taken, (weights[-worst] / (parts[-worst] - HALF), worst))
    return parts


def split_line(line: LineQuote, ratios: Sequence[Decimal | int | str]) -> tuple[LineShare, ...]:
    """Split one line quote across items by non-negative ``ratios`` (not all zero), one :class:`LineShare` each.

    Every share adds up on its own, the shares add up to the line figure by figure, and no share's figure is
    negative or above its public amount. Ratios 1:2 and 10:20 give the same split.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> from infomanager_core.pricing import quote_line
    >>> line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
    >>> [share.final for share in split_line(line, [1, 1, 1])]
    [Money('69.44', 'CHF'), Money('69.44', 'CHF'), Money('69.44', 'CHF')]
    """
    if not isinstance(line, LineQuote):
        raise InvalidQuoteRequest("line", line, "must be a LineQuote", hint="e.g. quote_line(...)")
    numbers, weights = _weights(ratios)
    currency = line.currency
    chain = [line.public, *(step.after for step in line.steps)]
    # one split per amount of the chain, transposed to one column of amounts per share
    columns = zip(*(monotone_parts(amount.minor_units(), weights) for amount in chain), strict=True)
    shares = []
    for number, column in zip(numbers, columns, strict=True):
        amounts = [Money.from_minor_units(units, currency) for units in column]
        steps = tuple(
            Step(name=step.name, rate=step.rate, before=before, after=after)
            for step, before, after in zip(line.steps, amounts[:-1], amounts[1:], strict=True)
        )
        shares.append(LineShare(ratio=number, public=amounts[0], steps=steps, final=amounts[-1]))
    return tuple(shares)
