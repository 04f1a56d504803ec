"""An order paid from the prepaid balance is not booked again to be paid by another means.

A booking with ``PrepaidPayment.NONE`` says the whole amount is ``still_due`` by another means of payment. Booked so
after a payment from the balance that stands — the order booked to be paid in full, its answer lost, then booked to be
paid by card — it told the service to charge the whole amount again, and the payer paid twice (review86 noticed the
figure). The booking is refused, naming the payment that stands; once that payment is reversed, it is booked.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.access import Grant
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, LedgerStore, MemoryLedgerStore, OrderAlreadyPaid, check_invariants
from infomanager_core.money import Money
from infomanager_core.orders import OrderQuote, PrepaidPayment, book_order

from .test_booking import DAY, quoted

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


def test_once_the_payment_is_reversed_the_order_is_booked_to_be_paid_by_another_means(store: LedgerStore) -> None:
    quote = quoted(None)
    ledger, paid = paid_then(store, quote, PrepaidPayment.FULL)
    ledger.reverse(sequence=paid, effective=LATER, key="refund-ORD-1")
    booked = book_order(ledger, quote, effective=LATER)
    assert (booked.payment, booked.still_due) == (None, Money("142.31", "EUR"))
