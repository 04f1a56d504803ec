"""An order paid from the prepaid balance is not booked again to be paid by another means.

A booking with ``PrepaidPayment.NONE`` says the whole amount is ``still_due`` by another means of payment. Booked so
after a payment from the balance that stands — the order booked to be paid in full, its answer lost, then booked to be
paid by card — it told the service to charge the whole amount again, and the payer paid twice (review86 noticed the
figure). The booking is refused, naming the payment that stands; once that payment is reversed, it is booked. So is
a booking of a quote of that order that came out free, which posts no payment either.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.access import Grant, PaymentMeans
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    Ledger,
    LedgerStore,
    MemoryLedgerStore,
    OrderAlreadyPaid,
    Transaction,
    UnknownTransaction,
    check_invariants,
)
from infomanager_core.money import Money
from infomanager_core.orders import Order, OrderQuote, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import PriceList

from .test_booking import DAY, quoted
from .test_booking_a_free_order import FREE
from .world import world

LATER = date(2026, 3, 3)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LedgerStore]:
    made = MemoryLedgerStore() if request.param == "memory" else SqliteLedgerStore(tmp_path / "ledger.sqlite")
    yield made
    made.close()


def paid_then(store: LedgerStore, quote: OrderQuote, payment: PrepaidPayment) -> tuple[Ledger, int]:
    ledger = Ledger(store)
    ledger.top_up(organisation="bakery", amount=Money("200", "EUR"), effective=date(2026, 3, 1), key="t-1")
    booked = book_order(ledger, quote, effective=DAY, prepaid_payment=payment, payment_key="pay-ORD-1")
    assert booked.payment is not None
    return ledger, booked.payment.sequence


@pytest.mark.parametrize("grant", [Grant.full(), None], ids=["with a cashback", "posting nothing"])
@pytest.mark.parametrize("payment", [PrepaidPayment.FULL, PrepaidPayment.PARTIAL])
def test_an_order_paid_from_the_balance_is_refused_a_booking_that_pays_nothing_from_it(
    store: LedgerStore, grant: Grant | None, payment: PrepaidPayment
) -> None:
    quote = quoted(grant)
    ledger, paid = paid_then(store, quote, payment)
    before = pickle.dumps(list(ledger.journal()))
    with pytest.raises(OrderAlreadyPaid) as refused:
        book_order(ledger, quote, effective=LATER)
    assert (refused.value.organisation, refused.value.order_id, refused.value.key, refused.value.sequence) == (
        "bakery",
        "ORD-1",
        "pay-ORD-1",
        paid,
    )
    assert str(refused.value).endswith(
        "(to read what the balance paid, book it again as it was paid, under its payment_key; to let another means"
        " of payment pay it, reverse that payment first)"
    )
    assert pickle.dumps(list(ledger.journal())) == before
    check_invariants(ledger)
    again = book_order(ledger, quote, effective=LATER, prepaid_payment=payment, payment_key="pay-ORD-1")
    assert again.payment is not None
    assert (again.payment.sequence, again.still_due) == (paid, Money("0.00", "EUR"))


def test_a_paid_order_is_refused_as_paid_before_its_other_quote_s_cashback_is_posted(store: LedgerStore) -> None:
    """Another quote of the paid order (34 products, not 33) earns another cashback, whose key the first one holds.
    The paid-orders index is read before anything is posted, so the booking is refused as the order already paid,
    with the hint that says what to do, rather than as a cashback the ledger cannot record twice."""
    ledger, paid = paid_then(store, quoted(Grant.full()), PrepaidPayment.FULL)
    other = quoted(Grant.full(), quantity=34)
    assert other.credited == Money("29.33", "EUR")  # not the 28.46 credited with the payment
    before = pickle.dumps(list(ledger.journal()))
    with pytest.raises(OrderAlreadyPaid) as refused:
        book_order(ledger, other, effective=LATER)
    assert (refused.value.order_id, refused.value.sequence) == ("ORD-1", paid)
    assert pickle.dumps(list(ledger.journal())) == before


def test_once_the_payment_is_reversed_the_order_is_booked_to_be_paid_by_another_means(store: LedgerStore) -> None:
    quote = quoted(None)
    ledger, paid = paid_then(store, quote, PrepaidPayment.FULL)
    ledger.reverse(sequence=paid, effective=LATER, key="refund-ORD-1")
    booked = book_order(ledger, quote, effective=LATER)
    assert (booked.payment, booked.still_due) == (None, Money("142.31", "EUR"))


def test_a_discount_order_the_partner_paid_from_its_balance_is_refused_naming_the_partner(store: LedgerStore) -> None:
    """The partner pays a discount order it placed for its client: the payment that stands is the payer's, and the
    client, who paid nothing, is not where to look for it."""
    quote = quoted(Grant.full(PaymentMeans.PARTNER), placed_by="agency", by="paula")
    ledger = Ledger(store)
    ledger.top_up(organisation="agency", amount=Money("500", "CHF"), effective=date(2026, 3, 1), key="t-1")
    paid = book_order(ledger, quote, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-1")
    assert paid.payment is not None
    assert paid.cashback is None  # no cashback: a booking that pays nothing from the balance posts nothing
    with pytest.raises(OrderAlreadyPaid) as refused:
        book_order(ledger, quote, effective=LATER)
    assert (refused.value.organisation, refused.value.sequence) == ("agency", paid.payment.sequence)


@pytest.mark.parametrize("key", ["pay-ORD-1", "pay-ORD-1-free"], ids=["the payment's key", "another key"])
@pytest.mark.parametrize("payment", [PrepaidPayment.FULL, PrepaidPayment.PARTIAL])
def test_a_quote_of_the_paid_order_that_came_out_free_is_refused_rather_than_answered_as_paying_nothing(
    store: LedgerStore, payment: PrepaidPayment, key: str
) -> None:
    """A free quote posts no payment, so a booking of it to be paid from the balance wrote nothing and answered that
    the balance paid 0.00 of the order, while the order's payment of 142.31 stood: two answers for one order id, the
    later one wrong (review90 left the case open). It is refused as a booking that pays nothing from the balance is."""
    ledger, paid = paid_then(store, quoted(None), PrepaidPayment.FULL)
    free_order = Order(id="ORD-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", quantity=2)
    free = quote_order(world(None), PriceList(name="free", products=[FREE]), free_order)
    assert free.due == Money("0.00", "EUR")
    before = pickle.dumps(list(ledger.journal()))
    with pytest.raises(OrderAlreadyPaid) as refused:
        book_order(ledger, free, effective=LATER, prepaid_payment=payment, payment_key=key)
    assert (refused.value.order_id, refused.value.key, refused.value.sequence) == ("ORD-1", "pay-ORD-1", paid)
    assert pickle.dumps(list(ledger.journal())) == before
    ledger.reverse(sequence=paid, effective=LATER, key="refund-ORD-1")
    booked = book_order(ledger, free, effective=LATER, prepaid_payment=payment, payment_key=key)
    assert (booked.payment, booked.paid_from_prepaid, booked.still_due) == (None, Money("0.00", "EUR"), free.due)


class PaidOnTheWay:
    """``inner``, on which ``pay`` runs once, as another worker, just before the first unit of work that writes opens:
    a payment landing after anything the booking read before its unit of work."""

    def __init__(self, inner: LedgerStore, pay: Callable[[], object]) -> None:
        self.inner = inner
        self.pay: Callable[[], object] | None = pay

    def reading(self) -> AbstractContextManager[Any]:
        return self.inner.reading()

    @contextmanager
    def writing(self) -> Iterator[Any]:
        pay, self.pay = self.pay, None
        if pay is not None:
            pay()
        with self.inner.writing() as session:
            yield session

    def batch(self) -> AbstractContextManager[None]:
        return self.inner.batch()

    def close(self) -> None:
        self.inner.close()


def test_a_payment_that_lands_before_the_bookings_unit_of_work_opens_is_seen_by_its_check(store: LedgerStore) -> None:
    """The look-up of a standing payment is made in the unit of work that posts the cashback: a look-up made before
    it would miss a payment another worker lands in between, and answer the whole amount as still due."""
    ledger = Ledger(store)
    ledger.top_up(organisation="bakery", amount=Money("200", "EUR"), effective=date(2026, 3, 1), key="t-1")

    def pay() -> object:
        return ledger.pay_order(organisation="bakery", order_id="ORD-1", amount=Money("10", "EUR"), effective=DAY,
                                key="pay-ORD-1")  # fmt: skip

    racing = Ledger(PaidOnTheWay(store, pay))  # type: ignore[arg-type]
    with pytest.raises(OrderAlreadyPaid) as refused:
        book_order(racing, quoted(Grant.full()), effective=LATER)
    assert (refused.value.key, refused.value.sequence) == ("pay-ORD-1", 2)


class _LostThePayment(MemoryLedgerStore):
    """A damaged store: its paid-orders index still names the payment, transaction 2, which it no longer reads back."""

    def transaction(self, sequence: int) -> Transaction | None:
        return None if sequence == 2 else super().transaction(sequence)


def test_a_payment_the_store_lost_is_refused_by_name_not_met_with_a_bare_error() -> None:
    quote = quoted(None)
    ledger, paid = paid_then(_LostThePayment(), quote, PrepaidPayment.FULL)
    assert paid == 2
    with pytest.raises(UnknownTransaction, match="recorded as an order's payment but missing from the journal"):
        book_order(ledger, quote, effective=LATER)
