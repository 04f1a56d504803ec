"""Errors of the orders area: one leaf per broken rule, carrying its data; the call that raised changed nothing.

An order's fields that break a rule of their own (a blank id, a quantity of 0, a period that is not one) are refused
with the leaf the rest of the library uses for them (``InvalidQuantity``, ``InvalidPeriod``…); an order that does not
fit the programme it is quoted against is an :class:`InvalidOrder`; booking a refused quote is an
:class:`OrderRefused`, which carries the access decision.

>>> try:
...     raise InvalidOrder("renewing", "web-9", "is held by 'cafe', not by the client 'bakery'")
... except InvalidInput as error:
...     print(error.field, error.value)
renewing web-9
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InfomanagerError, InvalidInput

if TYPE_CHECKING:
    from ..access import Decision

__all__ = ["InvalidOrder", "OrderRefused"]


class InvalidOrder(InvalidInput):
    """An order that does not fit together (new and renewal at once) or does not fit the programme (a renewed product
    the client does not hold, or of another product code)."""


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
