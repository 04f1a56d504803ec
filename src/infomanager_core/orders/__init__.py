"""Orders: one checkout from an order to who pays what and who earns what, and its booking on the ledger.

:func:`quote_order` decides access, outcome, currency, tier and prices for an :class:`Order` and explains them;
:func:`book_order` posts the payment from the prepaid balance and the cashback, all or nothing.
"""

from .booking import BookedOrder, PrepaidPayment, book_order
from .checkout import OrderQuote, QuotedLine, quote_order
from .errors import (
    BookingReversed,
    InvalidOrder,
    NewOrRenewal,
    NotTheClientsProduct,
    NotTheProductOrdered,
    OrderRefused,
    RenewedTwice,
)
from .order import Order

__all__ = [
    "BookedOrder",
    "BookingReversed",
    "InvalidOrder",
    "NewOrRenewal",
    "NotTheClientsProduct",
    "NotTheProductOrdered",
    "Order",
    "OrderQuote",
    "OrderRefused",
    "PrepaidPayment",
    "QuotedLine",
    "RenewedTwice",
    "book_order",
    "quote_order",
]
