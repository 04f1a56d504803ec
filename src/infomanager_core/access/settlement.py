"""Settlement: the amounts of an order outcome, from the pricing engine's cashback figures.

:func:`~infomanager_core.access.outcome.order_outcome` decides who earns what; the pricing engine
(:func:`infomanager_core.pricing.cashback`) gives, for the same line, the public price the client pays, the partner's
preferential price and the difference. :func:`settle_order` puts them together:

* **cashback** — the payer (the client) pays the public price; the difference is credited to the partner's prepaid
  account, in the order's currency;
* **discount** — the partner pays the preferential price; nothing is credited;
* **nothing** — the payer pays the public price; nothing is credited;
* **refused** — nothing is due and nothing is credited.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access.outcome import order_outcome
>>> from infomanager_core.access.partnership import Grant, Partnership
>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> from infomanager_core.pricing import cashback
>>> full = Partnership(id="p", partner="agency", client="bakery", requested=Grant.full(), granted=Grant.full(),
...     since=datetime(2026, 1, 5, tzinfo=UTC), invitation="i")
>>> outcome = order_outcome(client="bakery", placed_by="bakery", partnership=full)
>>> settlement = settle_order(outcome, cashback(example_price_list(), "web-hosting", 35, currency="CHF"))
>>> settlement.due, settlement.payer, settlement.credited, settlement.credited_to
(Money('260.40', 'CHF'), 'bakery', Money('52.08', 'CHF'), 'agency')
"""

from __future__ import annotations

import attrs

from ..errors import InvalidInput
from ..money import Money
from ..pricing import Cashback
from .outcome import OrderOutcome, Outcome

__all__ = ["Settlement", "settle_order"]


@attrs.frozen(kw_only=True)
class Settlement:
    """What an order costs whom and what it credits whom: ``due`` by ``payer``, ``credited`` to ``credited_to``.

    ``due`` is ``None`` for a refused order; ``credited`` is ``None`` unless the outcome is a cashback.
    """

    outcome: OrderOutcome
    payer: str | None
    due: Money | None
    credited_to: str | None
    credited: Money | None
    public_price: Money
    preferential_price: Money


def settle_order(outcome: OrderOutcome, cashback: Cashback) -> Settlement:
    """The amounts of ``outcome`` for the line ``cashback`` was computed on.

    >>> from infomanager_core.access.outcome import order_outcome
    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> from infomanager_core.pricing import cashback
    >>> settled = settle_order(order_outcome(client="bakery", placed_by="bakery", partnership=None),
    ...     cashback(example_price_list(), "web-hosting", 35, currency="EUR"))
    >>> settled.due, settled.credited
    (Money('150.94', 'EUR'), None)
    """
    if not isinstance(outcome, OrderOutcome):
        raise InvalidInput("outcome", outcome, "must be an OrderOutcome (from order_outcome)")
    if not isinstance(cashback, Cashback):
        raise InvalidInput("cashback", cashback, "must be a Cashback (from infomanager_core.pricing.cashback)")
    due: Money | None
    credited: Money | None = None
    if outcome.outcome is Outcome.REFUSED:
        due = None
    elif outcome.outcome is Outcome.DISCOUNT:
        due = cashback.preferential_price
    else:
        due = cashback.public_price
        if outcome.outcome is Outcome.CASHBACK:
            credited = cashback.amount
    return Settlement(
        outcome=outcome,
        payer=outcome.payer,
        due=due,
        credited_to=outcome.cashback_to if credited is not None else None,
        credited=credited,
        public_price=cashback.public_price,
        preferential_price=cashback.preferential_price,
    )
