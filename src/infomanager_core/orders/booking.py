"""Booking a quoted order on the ledger: the payment from the prepaid balance and the cashback, all or nothing.

:func:`book_order` posts what a quote from :func:`~infomanager_core.orders.quote_order` moves on the prepaid
accounts, in one unit of work (:meth:`~infomanager_core.ledger.Ledger.post_many`):

* the payment of the amount due from the payer's prepaid balance, when asked: in full
  (:attr:`PrepaidPayment.FULL`: the whole amount must be available) or as far as the balance goes
  (:attr:`PrepaidPayment.PARTIAL`: the rest is due by another means of payment); under ``payment_key``;
* the cashback credited to the partner, keyed by the order id, so it is credited once.

If the payment is refused (not enough on the balance), nothing is written, cashback included, and the ledger's own
refusal is raised. Booking the same quote again with the same key returns the same transactions and posts nothing —
unless one of them was reversed since (an order cancelled after booking): that booking is refused
(:class:`~infomanager_core.orders.BookingReversed`), since it would return a payment or a cashback that no longer
stands. The check and the post are one unit of work of the store, so a reversal by another worker lands before both
or after both. An order that a payment from the prepaid balance already paid (and that payment stands) is not booked
again to be paid by another means: that booking would say the whole amount is still due, and the payer would pay
twice (:class:`~infomanager_core.ledger.OrderAlreadyPaid`).
Recording new products in the programme (:meth:`~infomanager_core.access.Programme.add_product`) stays the caller's:
their ids come from the hosting platform.

>>> from datetime import date
>>> from infomanager_core.access.examples import example_programme
>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> from infomanager_core.ledger import Ledger
>>> from infomanager_core.orders import Order, quote_order
>>> quote = quote_order(example_programme(), example_price_list(), Order(
...     id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-1"]))
>>> booked = book_order(Ledger(), quote, effective=date(2026, 3, 2))
>>> booked.cashback.kind.value, booked.still_due
('cashback', Money('5.75', 'EUR'))
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from ..errors import InvalidInput
from ..ledger import (
    BatchRefused,
    CashbackCredit,
    Ledger,
    Operation,
    OrderAlreadyPaid,
    OrderPayment,
    Transaction,
    UnknownTransaction,
    prepaid,
)
from ..ledger.plans import FINGERPRINT, business_date, caller_key, cashback_key, fingerprint_text, plan_of
from ..ledger.store import LedgerReader
from ..money import Money
from .checkout import OrderQuote
from .errors import BookingReversed, OrderRefused

__all__ = ["BookedOrder", "PrepaidPayment", "book_order"]


class PrepaidPayment(enum.Enum):
    """Whether and how the payer's prepaid balance pays the amount due."""

    NONE = "none"
    """The balance pays nothing: the whole amount is due by another means of payment."""
    FULL = "full"
    """The balance pays the whole amount, which must be available."""
    PARTIAL = "partial"
    """The balance pays what it holds, up to the amount; the rest is due by another means of payment."""


def _an_allowed_quote(_instance: object, _attribute: attrs.Attribute[OrderQuote], quote: object) -> None:
    if not isinstance(quote, OrderQuote) or not quote.allowed:
        raise InvalidInput("quote", quote, "must be an allowed OrderQuote: only an allowed quote is booked")


@attrs.frozen(kw_only=True)
class BookedOrder:
    """What booking ``quote`` posted: the ``payment`` from the prepaid balance and the ``cashback`` credit (each
    ``None`` when there was none), and what the prepaid balance paid."""

    quote: OrderQuote = attrs.field(validator=_an_allowed_quote)
    payment: Transaction | None
    cashback: Transaction | None
    paid_from_prepaid: Money

    @property
    def still_due(self) -> Money:
        """What the payer still owes by another means of payment: the amount due less what the balance paid."""
        assert self.quote.due is not None  # only an allowed quote is booked (checked when made)
        return self.quote.due - self.paid_from_prepaid


def book_order(
    ledger: Ledger,
    quote: OrderQuote,
    *,
    effective: date,
    prepaid_payment: PrepaidPayment = PrepaidPayment.NONE,
    payment_key: str | None = None,
) -> BookedOrder:
    """Post ``quote``'s payment from the prepaid balance (if asked) and its cashback, dated ``effective``.

    >>> from infomanager_core.access.examples import example_programme
    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> from infomanager_core.orders import Order, quote_order
    >>> ledger = Ledger()
    >>> _ = ledger.top_up(organisation="bakery", amount=Money("4", "EUR"), effective=date(2026, 3, 1), key="t-1")
    >>> quote = quote_order(example_programme(), example_price_list(), Order(
    ...     id="REN-2", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-2"]))
    >>> booked = book_order(ledger, quote, effective=date(2026, 3, 2), prepaid_payment=PrepaidPayment.PARTIAL,
    ...     payment_key="pay-REN-2")
    >>> booked.paid_from_prepaid, booked.still_due, booked.cashback
    (Money('4.00', 'EUR'), Money('1.75', 'EUR'), None)
    """
    if not isinstance(ledger, Ledger):
        raise InvalidInput("ledger", ledger, "must be a Ledger")
    if not isinstance(quote, OrderQuote):
        raise InvalidInput("quote", quote, "must be an OrderQuote (from quote_order)")
    business_date(effective)  # checked even when nothing is posted: a bad date is refused the same every time
    if not isinstance(prepaid_payment, PrepaidPayment):
        raise InvalidInput("prepaid_payment", prepaid_payment, "must be a PrepaidPayment", hint="NONE, FULL or PARTIAL")
    paying = prepaid_payment is not PrepaidPayment.NONE
    if paying and payment_key is None:
        raise InvalidInput(
            "payment_key",
            None,
            "must be given to pay from the prepaid balance: a retry repeats it and pays once",
            hint=f"e.g. 'pay-{quote.order.id}'",
        )
    if not paying and payment_key is not None:
        raise InvalidInput("payment_key", payment_key, "is used only to pay from the prepaid balance")
    # the ledger's rule for keys (its namespace included), named after this argument (never str() of something else)
    key = caller_key(payment_key, field="payment_key") if paying else None
    if not quote.allowed:
        raise OrderRefused(quote.order.id, quote.decision)
    due, payer, currency = quote.due, quote.payer, quote.currency
    assert due is not None  # an allowed quote has lines, so an amount due, a payer and a currency (checked when made)
    assert payer is not None
    assert currency is not None
    payment_request = None
    if key is not None and not due.is_zero():
        partial = prepaid_payment is PrepaidPayment.PARTIAL
        payment_request = OrderPayment(
            organisation=payer, order_id=quote.order.id, amount=due, effective=effective, key=key, partial=partial
        )
    cashback_request = _cashback_request(quote, effective)
    operations: list[Operation] = [request for request in (payment_request, cashback_request) if request is not None]
    posted: Iterator[Transaction] = iter(())
    if operations:
        # the check and the post in one unit of work, post_many's inside it: a reversal by another worker lands before
        # both or after both
        with ledger.store.writing() as session:
            _refuse_what_was_reversed(session, payment_request, cashback_request)
            if payment_request is None:
                _refuse_if_paid(session, payer, quote.order.id)
            try:
                posted = iter(ledger.post_many(operations))
            except BatchRefused as refused:
                raise refused.error from None
    else:  # nothing to post: read, so that a worker holding the write lock does not hold this answer
        with ledger.store.reading() as reader:
            _refuse_if_paid(reader, payer, quote.order.id)
    payment = next(posted) if payment_request is not None else None
    cashback = next(posted) if cashback_request is not None else None
    paid = _paid_from_prepaid(payment, prepaid_payment, due, payer, currency)
    return BookedOrder(quote=quote, payment=payment, cashback=cashback, paid_from_prepaid=paid)


def _cashback_request(quote: OrderQuote, effective: date) -> CashbackCredit | None:
    """The credit of the quote's cashback to the partner, keyed by the order id; ``None`` when it earns none."""
    credited, partner = quote.credited, quote.credited_to
    if credited is None or partner is None or credited.is_zero():
        return None
    return CashbackCredit(partner=partner, order_id=quote.order.id, amount=credited, effective=effective)


def _refuse_if_paid(reader: LedgerReader, payer: str, order_id: str) -> None:
    """Raise :class:`~infomanager_core.ledger.OrderAlreadyPaid` if a payment from the prepaid balance stands for the
    order, for a booking that posts no payment: booked to pay nothing from the balance, it says the whole amount is
    still due, by another means of payment, which would have the payer pay twice (the order booked to be paid in full,
    its answer lost, then booked to be paid by card); a quote of the order that came out free says the balance paid
    nothing, where the standing payment paid for another quote of it."""
    standing = reader.order_payment(payer, order_id)
    if standing is not None:
        payment = reader.transaction(standing)
        if payment is None:  # a store that lost a standing payment is corrupt, as the ledger refuses it when posting
            raise UnknownTransaction(
                "sequence", standing, "is recorded as an order's payment but missing from the journal"
            )
        hint = (
            "to read what the balance paid, book it again as it was paid, under its payment_key; to let another means"
            " of payment pay it, reverse that payment first"
        )
        raise OrderAlreadyPaid(payer, order_id, key=payment.key, sequence=standing, hint=hint)


def _refuse_what_was_reversed(
    reader: LedgerReader, payment: OrderPayment | None, cashback: CashbackCredit | None
) -> None:
    """Raise :class:`BookingReversed` if the ledger would answer ``payment`` by its key (the same content) with a
    transaction that a reversal undid, or if the order's cashback (keyed by the order id, for good) was undone: a retry
    of a booking returns what it posted, which must still stand. A payment key that other content took is left to the
    ledger's :class:`~infomanager_core.ledger.IdempotencyConflict`, reversed or not. Read in the unit of work that posts
    them, so that nothing is reversed between this check and the post."""
    # a key at a time: cheaper than recorded_many's set for one or two; the payment's fingerprint only on a retry
    if (
        payment is not None
        and (recorded := reader.recorded(payment.key)) is not None
        and recorded[0] == fingerprint_text(plan_of(payment)[FINGERPRINT])
    ):
        _refuse_if_undone(
            reader, recorded[1], "payment_key", payment.key, "payment", "pay again under a new payment_key"
        )
    if cashback is not None and (recorded := reader.recorded(cashback_key(cashback.order_id))) is not None:
        hint = "an order placed again after a cancellation takes a new order id"
        _refuse_if_undone(reader, recorded[1], "quote", cashback.order_id, "cashback", hint)


def _refuse_if_undone(reader: LedgerReader, sequence: int, field: str, value: str, what: str, hint: str) -> None:
    reversal = _undoing(reader, sequence)
    if reversal is not None:
        raise BookingReversed(field, value, what=what, sequence=sequence, reversal=reversal, hint=hint)


def _undoing(reader: LedgerReader, sequence: int) -> int | None:
    """The reversal that leaves transaction ``sequence`` undone, or ``None`` if it stands (never reversed, or its
    reversal reversed in turn, and so on)."""
    reversal = reader.reversal_of(sequence)
    if reversal is None:
        return None
    return reversal if _undoing(reader, reversal) is None else None


def _paid_from_prepaid(
    payment: Transaction | None, prepaid_payment: PrepaidPayment, due: Money, payer: str, currency: str
) -> Money:
    """What the payer's prepaid balance paid of ``due``, read from the ``payment`` posted (``None``: nothing)."""
    if payment is None:
        return Money.from_minor_units(0, currency)  # 0.00 EUR, written like every other amount of the invoice
    if prepaid_payment is PrepaidPayment.FULL:
        return due  # a payment in full is posted for exactly what is due, or refused
    # a partial payment took what the balance held, at most the amount due
    return Money.from_minor_units(-payment.units_for(prepaid(payer, currency)), currency)
