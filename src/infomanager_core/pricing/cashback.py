"""Cashback: what the partner earns when its client pays the public price (SPEC §2.4).

For one line, the client pays the **public price** (the degressive tariff included, at the client's tier) and the
partner's **preferential price** is the partner quote for the same line and tier. The cashback is the difference,
credited to the partner. Both prices are rounded amounts, so the cashback is exact to the cent and never negative.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> cashback(example_price_list(), "web-hosting", 35, currency="CHF")
Cashback(public_price=Money('260.40', 'CHF'), preferential_price=Money('208.32', 'CHF'), amount=Money('52.08', 'CHF'))
"""

from __future__ import annotations

import attrs

from ..errors import InvalidInput
from ..money import Money
from .price_list import PriceList
from .quote import LineQuote, OrderLine, price_order_line

__all__ = ["Cashback", "cashback"]


@attrs.frozen(slots=True, kw_only=True)
class Cashback:
    """The public price a client pays, the partner's preferential price, and the cashback between them."""

    public_price: Money
    preferential_price: Money
    amount: Money

    @classmethod
    def between(cls, public: LineQuote, preferential: LineQuote) -> Cashback:
        """The cashback between a line's public quote and its partner quote (the same line, tier and periods).

        >>> from infomanager_core.adapters.price_list_toml import example_price_list
        >>> from infomanager_core.pricing import quote_line
        >>> prices = example_price_list()
        >>> Cashback.between(quote_line(prices, "web-hosting", 35, currency="CHF", partner=False),
        ...                  quote_line(prices, "web-hosting", 35, currency="CHF", partner=True)).amount
        Money('52.08', 'CHF')
        """
        for field, line in (("public", public), ("preferential", preferential)):
            if not isinstance(line, LineQuote):
                raise InvalidInput(field, line, "must be a LineQuote")
        return cls(
            public_price=public.final, preferential_price=preferential.final, amount=public.final - preferential.final
        )


def cashback(
    price_list: PriceList,
    product_code: str,
    quantity: int,
    *,
    currency: str,
    tier_count: int | None = None,
    periods: int = 1,
    period: str = "month",
) -> Cashback:
    """The cashback on a line: public quote minus partner quote, same product, quantity, tier and periods.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> cashback(example_price_list(), "web-hosting", 35, currency="EUR").amount
    Money('30.19', 'EUR')
    """
    line = OrderLine(product=product_code, quantity=quantity, tier_count=tier_count, periods=periods, period=period)
    return Cashback.between(
        price_order_line(price_list, line, currency=currency, partner=False),
        price_order_line(price_list, line, currency=currency, partner=True),
    )
