"""Helpers shared by the ledger tests: stores to run against, a fixed clock, and a full snapshot of a ledger."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, LedgerStore, MemoryLedgerStore

START = datetime(2027, 6, 30, 9, 0, tzinfo=UTC)  # "now" for the tests: after every business date they post


def ticking_clock() -> Callable[[], datetime]:
    """A clock that moves one second per reading, so recorded times are fixed and distinct."""
    ticks = itertools.count()
    return lambda: START + timedelta(seconds=next(ticks))


def open_store(kind: str, directory: Path) -> LedgerStore:
    if kind == "memory":
        return MemoryLedgerStore()
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
        )


def post_movements(ledger: Ledger, moves: list[tuple[date, int]], organisation: str = "acme") -> None:
    """Post :func:`tests.strategies.prepaid_movements` on ``organisation``'s CHF account: top-ups and payments."""
    for n, (day, units) in enumerate(moves):
        amount = Money.from_minor_units(abs(units), "CHF")
        if units > 0:
            ledger.top_up(organisation=organisation, amount=amount, effective=day, key=f"t-{n}")
        else:
            ledger.pay_order(organisation=organisation, order_id=f"o-{n}", amount=amount, effective=day, key=f"p-{n}")
