"""Cash rounding: round a total to the currency's cash step and show the difference as its own line.

CHF has a 0.05 cash step in CLDR. Cash rounding is applied only when asked, only to a total that is already in whole
minor units, half away from zero, and the adjustment is reported so that it can be printed as a separate line.
Line amounts are never cash-rounded.

>>> cash_round(Money("208.32", "CHF"))
CashRounding(total=Money('208.32', 'CHF'), adjustment=Money('-0.02', 'CHF'), payable=Money('208.30', 'CHF'))
>>> cash_round(Money("120.75", "EUR")).adjustment
Money('0.00', 'EUR')
"""

from __future__ import annotations

import attrs

from ..errors import InvalidAmount
from .money import Money

__all__ = ["CashRounding", "cash_round"]


@attrs.frozen(slots=True, kw_only=True)
class CashRounding:
    """A total, the cash-rounding adjustment, and what is payable in cash: ``total + adjustment == payable``."""

    total: Money
    adjustment: Money
    payable: Money


def cash_round(total: Money) -> CashRounding:
    """Round ``total`` to its currency's cash step (CHF 0.05), half away from zero.

    >>> cash_round(Money("-0.03", "CHF")).payable
    Money('-0.05', 'CHF')
    """
    if not isinstance(total, Money):
        raise InvalidAmount("total", total, "must be Money in whole minor units")
    units = total.minor_units()
    step = total.currency_info.cash_step
    steps, remainder = divmod(abs(units), step)
    if 2 * remainder >= step:
        steps += 1
    payable_units = steps * step * (-1 if units < 0 else 1)
    try:
        payable = Money.from_minor_units(payable_units, total.currency)
    except InvalidAmount:  # only within half a step of the bound: 99999999999999.99 CHF goes up to 10**14
        raise InvalidAmount(
            "total",
            total,
            "is out of range once cash-rounded: an amount of money must lie strictly between -10**14 and 10**14 "
            "(MAX_AMOUNT)",
        ) from None
    return CashRounding(
        total=total,
        adjustment=Money.from_minor_units(payable_units - units, total.currency),
        payable=payable,
    )
