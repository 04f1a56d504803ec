"""A booking that moves no money — no cashback earned, nothing paid from the balance — posts nothing, so it takes no
unit of work of the ledger: it is answered at once while another worker holds the ledger file's write lock, where
one that posts would wait for it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.access import Grant
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, StoreBusy
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money
from infomanager_core.orders import book_order

from .test_booking import DAY, quoted


def test_a_booking_that_posts_nothing_is_answered_while_another_worker_holds_the_ledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="bakery", amount=Money("5", "EUR"), effective=date(2026, 3, 1), key="t-1")
    ledger = Ledger(SqliteLedgerStore(path, durable=False, timeout=0.05))
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as worker:
            worker.execute("BEGIN IMMEDIATE")
            booked = book_order(ledger, quoted(None), effective=DAY)
            assert (booked.payment, booked.cashback, booked.still_due) == (None, None, Money("142.31", "EUR"))
            with pytest.raises(StoreBusy):  # the same ledger, for a booking that earns a cashback
                book_order(ledger, quoted(Grant.full()), effective=DAY)
            worker.execute("ROLLBACK")
    finally:
        ledger.store.close()
