"""Cashback: what the partner earns when its client pays the public price (SPEC §2.4).

For one line, the client pays the **public price** (the degressive tariff included, at the client's tier) and the
partner's **preferential price** is the partner quote for the same line and tier. The cashback is the difference,
credited to the partner. Both prices are rounded amounts, so the cashback is exact to the cent and never negative.

A :class:`Cashback` holds that when it is made, however it is made: its three figures are Money of one currency, the
preferential price is not above the public price, and the amount is their difference; :meth:`Cashback.between` takes
the public quote and the partner quote of one line only. What settles an order credits ``amount`` as it finds it.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> cashback(example_price_list(), "web-hosting", 35, currency="CHF")
Cashback(public_price=Money('260.40', 'CHF'), preferential_price=Money('208.32', 'CHF'), amount=Money('52.08', 'CHF'))
"""

from __future__ import annotations

import attrs

from ..errors import CurrencyMismatch, InvalidAmount, InvalidInput
from ..money import Money
from .errors import CashbackMismatch
from .price_list import PriceList
from .quote import LineQuote, OrderLine, price_order_line

__all__ = ["Cashback", "cashback"]


#: What a public quote and a partner quote of one line have in common, in the order a difference is named.
_SAME_LINE = ("product", "quantity", "tier_count", "periods", "period", "currency")


def _check_figures(instance: Cashback, _attribute: object, amount: Money) -> None:
    figures: dict[str, object] = {
        "public_price": instance.public_price,
        "preferential_price": instance.preferential_price,
        "amount": amount,
    }
    for field, figure in figures.items():
        if not isinstance(figure, Money):
            raise InvalidAmount(field, figure, "must be Money")
        if figure.currency != instance.public_price.currency:
            raise CurrencyMismatch(
                field, figure, f"is not in {instance.public_price.currency}, the currency of the public price"
            )
    if instance.preferential_price > instance.public_price:
        raise CashbackMismatch(
            "preferential_price",
            instance.preferential_price,
            f"is above the public price {instance.public_price}",
            hint="the partner's preferential price never exceeds what the client pays",
        )
    if amount != instance.public_price - instance.preferential_price:
        raise CashbackMismatch(
            "amount",
            amount,
            f"is not the public price {instance.public_price} minus the preferential price "
            f"{instance.preferential_price}",
            hint="use Cashback.between(public, preferential) or cashback(...)",
        )


@attrs.frozen(slots=True, kw_only=True)
class Cashback:
    """The public price a client pays, the partner's preferential price, and the cashback between them (checked when
    made: one currency, the preferential price not above the public price, the amount their difference)."""

    public_price: Money
    preferential_price: Money
    amount: Money = attrs.field(validator=_check_figures)

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
        for field, line, partner in (("public", public, False), ("preferential", preferential, True)):
            if not isinstance(line, LineQuote):
                raise InvalidInput(field, line, "must be a LineQuote")
            if line.partner is not partner:
                raise CashbackMismatch(
                    f"{field}.partner",
                    line.partner,
                    f"must be {partner}: the {field} price is that of a {'partner' if partner else 'public'} quote",
                    hint="pass the line's public quote (partner=False), then its partner quote (partner=True)",
                )
        for name in _SAME_LINE:
            if getattr(preferential, name) != getattr(public, name):
                raise CashbackMismatch(
                    f"preferential.{name}",
                    getattr(preferential, name),
                    f"differs from the public quote's {getattr(public, name)!r}",
                    hint="a cashback is the difference of the public and partner quotes of one line",
                )
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
