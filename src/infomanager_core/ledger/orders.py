"""The ledger side of an order: credit a settled order's cashback to the partner's prepaid account, once.

:func:`~infomanager_core.access.settle_order` decides who pays what and who is credited what for an order or a
renewal (SPEC §3.4 with the pricing engine's amounts). :func:`credit_settlement` posts the credit: the cashback goes
to the partner's prepaid account in the order's currency, keyed by the order id so that it is credited once however
often the settlement is submitted. A settlement without cashback (a discount, nothing, a refusal) posts nothing, and
so does a cashback of zero (a product without partner discount, or one so cheap that both prices round alike): the
ledger moves only positive amounts.

>>> from datetime import UTC, date, datetime
>>> from infomanager_core.access import Grant, Partnership, order_outcome, settle_order
>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> from infomanager_core.pricing import cashback
>>> full = Partnership(id="p", partner="agency", client="bakery", requested=Grant.full(), granted=Grant.full(),
...     since=datetime(2026, 1, 5, tzinfo=UTC), invitation="i")
>>> settled = settle_order(order_outcome(client="bakery", placed_by="bakery", partnership=full),
...     cashback(example_price_list(), "web-hosting", 35, currency="CHF"))
>>> ledger = Ledger()
>>> credit_settlement(ledger, settled, order_id="order-7", effective=date(2026, 3, 2)).kind.value
'cashback'
>>> credit_settlement(ledger, settled, order_id="order-7", effective=date(2026, 3, 2)).sequence  # a retry
1
>>> ledger.balances("agency", "CHF").available
Money('52.08', 'CHF')
"""

from __future__ import annotations

from datetime import date

from ..access.settlement import Settlement
from ..errors import InvalidInput
from ..text import printable_identifier
from .ledger import Ledger
from .plans import business_date
from .transaction import Transaction

__all__ = ["credit_settlement"]


def credit_settlement(ledger: Ledger, settlement: Settlement, *, order_id: str, effective: date) -> Transaction | None:
    """Credit ``settlement``'s cashback for ``order_id``; return the transaction, or ``None`` if there is none.

    Every argument is checked, a settlement without cashback's too: a call that credits nothing today is refused
    today if it would be refused the day its settlement carries cashback.

    >>> credit_settlement(None, None, order_id="ORD-1", effective=date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: ledger: None must be a Ledger
    """
    if not isinstance(ledger, Ledger):
        raise InvalidInput("ledger", ledger, "must be a Ledger")
    if not isinstance(settlement, Settlement):
        raise InvalidInput("settlement", settlement, "must be a Settlement (from settle_order)")
    printable_identifier(order_id, field="order_id")
    business_date(effective, "effective")
    if settlement.credited is None or settlement.credited_to is None or not settlement.credited.amount:
        return None  # no cashback, or one of 0.00 (no partner discount, or both prices rounded alike): nothing moves
    return ledger.credit_cashback(
        partner=settlement.credited_to, order_id=order_id, amount=settlement.credited, effective=effective
    )
