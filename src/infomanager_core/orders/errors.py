"""Errors of the orders area: one leaf per broken rule, carrying its data; the call that raised changed nothing.

An order's fields that break a rule of their own (a quantity of 0, a period that is not one) are refused with the
leaf the rest of the library uses for them (``InvalidQuantity``, ``InvalidPeriod``…). The order's own rules derive
from :class:`InvalidOrder`: new or renewal (:class:`NewOrRenewal`), each product renewed once
(:class:`RenewedTwice`), and, against the programme, a renewal of the client's own products
(:class:`NotTheClientsProduct`) of the product ordered (:class:`NotTheProductOrdered`). Booking a refused quote is an
:class:`OrderRefused`, which carries the access decision; booking again what was booked and then reversed (an order
cancelled after booking) is a :class:`BookingReversed`.

>>> try:
...     raise NotTheClientsProduct("web-9", client="bakery", owner="cafe")
... except InvalidOrder as error:
...     print(error.field, error.value, error.owner)
renewing web-9 cafe
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InfomanagerError, InvalidInput

if TYPE_CHECKING:
    from ..access import Decision

__all__ = [
    "BookingReversed",
    "InvalidOrder",
    "NewOrRenewal",
    "NotTheClientsProduct",
    "NotTheProductOrdered",
    "OrderRefused",
    "RenewedTwice",
]


class InvalidOrder(InvalidInput):
    """An order that breaks one of the order's own rules (the leaves below), or a field of it that is no id."""


class NewOrRenewal(InvalidOrder):
    """An order is new (it names a ``quantity``) or a renewal (it names the products ``renewing``), never both or
    neither."""


class RenewedTwice(InvalidOrder):
    """A renewal names each product once."""

    def __init__(self, product: str) -> None:
        super().__init__("renewing", product, "is named twice: a product is renewed once per order")


class NotTheClientsProduct(InvalidOrder):
    """A renewal renews products the client holds; ``owner`` is the organisation holding it, ``None`` if none does."""

    def __init__(self, product: str, *, client: str, owner: str | None) -> None:
        self.client = client
        self.owner = owner
        held = "is not held by any organisation" if owner is None else f"is held by {owner!r}"
        super().__init__("renewing", product, f"{held}, not by the client {client!r}")


class NotTheProductOrdered(InvalidOrder):
    """A renewal renews held products of the product ordered: its price-list code, filed under that code's family
    (the family's hostings choose the tier)."""

    def __init__(self, product: str, rule: str) -> None:
        super().__init__("renewing", product, rule)


class OrderRefused(InfomanagerError):
    """A quote that was refused was given to :func:`~infomanager_core.orders.book_order`; ``decision`` says why.

    Like bad input it names a ``field`` (``"quote"``), a ``value`` (the order id) and the broken ``rule`` (the
    decision's reason text).
    """

    def __init__(self, order: str, decision: Decision) -> None:
        self.order = order
        self.decision = decision
        self.field = "quote"
        self.value = order
        self.rule = decision.reason.text
        super().__init__(
            f"quote: order {order!r} was refused, so it cannot be booked: {self.rule} ({decision.reason.code})"
        )


class BookingReversed(InvalidInput):
    """Booking would return a transaction that was reversed since: the order's cashback (``field`` ``"quote"``, the
    order id) or the payment under ``payment_key`` (``field`` ``"payment_key"``). ``sequence`` is that transaction,
    ``reversal`` the one that undid it. An order's cashback is keyed by its id and credited once for good, so an order
    placed again after a cancellation takes a new id; a payment made again takes a new key.

    >>> print(BookingReversed("quote", "REN-1", what="cashback", sequence=3, reversal=5, hint="book it under a new order id"))
    quote: 'REN-1' was booked before and its cashback, transaction #3, was reversed by transaction #5: booking it again would credit nothing (book it under a new order id)
    """

    def __init__(self, field: str, value: str, *, what: str, sequence: int, reversal: int, hint: str) -> None:
        self.what = what
        self.sequence = sequence
        self.reversal = reversal
        super().__init__(
            field,
            value,
            f"was booked before and its {what}, transaction #{sequence}, was reversed by transaction #{reversal}:"
            f" booking it again would {'credit' if what == 'cashback' else 'pay'} nothing",
            hint=hint,
        )
