"""Helpers shared by the ledger tests: stores to run against, a fixed clock, and a full snapshot of a ledger."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, LedgerStore, MemoryLedgerStore, Transaction, TransactionKind

from .journal_store import JournalLedgerStore

#: Every store the tests run over: a new store is added here and in :func:`open_store`, and then the ledger tests and
#: the store contract (``test_store_contract.py``) run over it too.
STORES = ("memory", "sqlite", "journal")
#: What a store raises when it refuses an append (a bug of its caller, never a refusal the ledger makes): the memory
#: store and the journal store a RuntimeError, SQLite its constraint's error.
REFUSED_APPEND = (RuntimeError, sqlite3.IntegrityError)
START = datetime(2027, 6, 30, 9, 0, tzinfo=UTC)  # "now" for the tests: after every business date they post


def ticking_clock() -> Callable[[], datetime]:
    """A clock that moves one second per reading, so recorded times are fixed and distinct."""
    ticks = itertools.count()
    return lambda: START + timedelta(seconds=next(ticks))


def open_store(kind: str, directory: Path) -> LedgerStore:
    if kind == "memory":
        return MemoryLedgerStore()
    if kind == "journal":
        return JournalLedgerStore()
    return SqliteLedgerStore(directory / "ledger.sqlite", durable=False)


def new_ledger(kind: str, directory: Path) -> Ledger:
    return Ledger(open_store(kind, directory), clock=ticking_clock())


def snapshot(ledger: Ledger) -> tuple[Any, ...]:
    """Everything a store holds, to compare before and after a refused operation."""
    with ledger.store.reading() as reader:
        journal = tuple(reader.transactions())
        return (
            journal,
            reader.balances(),
            {transaction.key: reader.recorded(transaction.key) for transaction in journal},
            [reader.resolution_of(transaction.sequence) for transaction in journal],
            [reader.reversal_of(transaction.sequence) for transaction in journal],
            {order: reader.order_payment(*order) for order in standing_payments(journal)},
        )


def standing_payments(journal: Iterable[Transaction]) -> dict[tuple[str, str], list[int]]:
    """Each ``(organisation, order id)`` the journal pays from prepaid, with the payments of it that stand, read the
    plain way: a payment stands until reversed; a reversal of its reversal pays the order again."""
    pays: dict[int, tuple[str, str]] = {}  # a payment, or a reversal's reversal, and its order
    ends: dict[int, tuple[str, str]] = {}  # a reversal of one of those
    standing: dict[tuple[str, str], list[int]] = {}
    for transaction in journal:
        if transaction.kind is TransactionKind.ORDER_PAYMENT:
            payer = next(posting.account for posting in transaction.postings if posting.account.is_prepaid)
            order = pays[transaction.sequence] = (payer.owner, dict(transaction.metadata)["order"])
            standing.setdefault(order, []).append(transaction.sequence)
        elif transaction.reverses in pays:
            order = ends[transaction.sequence] = pays[transaction.reverses]
            standing[order].remove(transaction.reverses)
        elif transaction.reverses in ends:
            order = pays[transaction.sequence] = ends[transaction.reverses]
            standing[order].append(transaction.sequence)
    return standing


def post_movements(ledger: Ledger, moves: list[tuple[date, int]], organisation: str = "acme") -> None:
    """Post :func:`tests.strategies.prepaid_movements` on ``organisation``'s CHF account: top-ups and payments."""
    for n, (day, units) in enumerate(moves):
        amount = Money.from_minor_units(abs(units), "CHF")
        if units > 0:
            ledger.top_up(organisation=organisation, amount=amount, effective=day, key=f"t-{n}")
        else:
            ledger.pay_order(organisation=organisation, order_id=f"o-{n}", amount=amount, effective=day, key=f"p-{n}")
