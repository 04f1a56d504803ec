"""A quote handed to another process books there exactly as it would here (docs/orders.md, "A quote kept for later").

A service quotes an order while the customer waits and queues the booking: the job queue pickles the ``OrderQuote``
and a worker — another process, with its own SQLite store on the ledger file — books it. The worker must post the same
transactions, with the same figures, as booking the quote in the process that made it.
"""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.access import Grant
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger
from infomanager_core.orders import BookedOrder, Order, OrderQuote, PrepaidPayment, book_order, quote_order

DAY = date(2026, 3, 2)


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


#: What the payer's balance holds before the booking: enough to pay in full, or only part of the 138.00 EUR due.
FUNDS = {PrepaidPayment.NONE: "100", PrepaidPayment.FULL: "200", PrepaidPayment.PARTIAL: "100"}


def _funded(ledger: Ledger, payment: PrepaidPayment) -> Ledger:
    ledger.top_up(organisation="bakery", amount=Money(FUNDS[payment], "EUR"), effective=DAY, key="t-1")
    return ledger


def _book(ledger: Ledger, quote: OrderQuote, payment: PrepaidPayment) -> BookedOrder:
    key = None if payment is PrepaidPayment.NONE else "pay-REN-1"
    return book_order(ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key)


def book_in_this_process(
    path: str, quote: OrderQuote, payment: PrepaidPayment
) -> tuple[BookedOrder, tuple[object, ...]]:
    """What a worker does: open its own store on the file, book the quote it was sent, return what it posted."""
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=_clock)
        return _book(ledger, quote, payment), ledger.journal()


def _renewal() -> OrderQuote:
    programme = example_programme()
    partnership = programme.active_partnership("bakery").id
    programme.change_access(partnership, Grant.limited({"web-1"}), by="carl", at=MONDAY)
    order = Order(id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting",
                  renewing=["web-1", "web-2"], periods=12)  # fmt: skip
    return quote_order(programme, example_price_list(), order)


@pytest.mark.parametrize("payment", list(PrepaidPayment), ids=lambda payment: payment.value)
def test_a_quote_pickled_to_a_worker_process_books_the_same_transactions_as_here(
    tmp_path: Path, payment: PrepaidPayment
) -> None:
    quote = _renewal()
    assert pickle.loads(pickle.dumps(quote)) == quote
    here = _funded(Ledger(clock=_clock), payment)
    booked_here = _book(here, quote, payment)
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        _funded(Ledger(store, clock=_clock), payment)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        booked_there, journal_there = pool.submit(book_in_this_process, str(path), quote, payment).result(timeout=120)
    assert booked_there == booked_here
    assert journal_there == here.journal()
    assert booked_there.cashback is not None
    assert booked_there.cashback.postings == booked_here.cashback.postings  # type: ignore[union-attr]
