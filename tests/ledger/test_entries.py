"""Entries: every transaction the ledger writes is one amount between two accounts, and converts to an entry and back."""

from __future__ import annotations

import contextlib
import gc
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import event, given, settings

from infomanager_core import Money
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import BatchRefused, Ledger, Operation, OrderPayment, Reversal, Transaction
from infomanager_core.ledger.entries import entry_of, transaction_of
from tests import strategies as s

from .support import new_ledger
from .test_bulk import post_one


def written(ledger: Ledger, operations: list[Operation]) -> list[Transaction]:
    """Post the first half one by one and the rest as one batch (one by one if refused): what came back, and the journal."""
    half = len(operations) // 2
    returned: list[Transaction] = []
    for operation in operations[:half]:
        with contextlib.suppress(InfomanagerError):
            returned.append(post_one(ledger, operation))
    try:
        returned.extend(ledger.post_many(operations[half:]))
    except BatchRefused:
        for operation in operations[half:]:
            with contextlib.suppress(InfomanagerError):
                returned.append(post_one(ledger, operation))
    return returned + list(ledger.journal())


def assert_every_transaction_is_an_entry(transactions: list[Transaction]) -> None:
    for transaction in transactions:
        event(f"kind: {transaction.kind.value}")
        assert len(transaction.postings) == 2
        first, second = transaction.postings
        assert first.units + second.units == 0
        assert first.units != 0
        assert first.account.currency == second.account.currency
        assert first.account != second.account
        entry = entry_of(transaction)
        assert transaction_of(entry) == transaction
        assert entry_of(transaction_of(entry)) == entry


@given(operations=s.ledger_operations())
def test_every_transaction_the_ledger_writes_round_trips_through_its_entry(operations: list[Operation]) -> None:
    ledger = new_ledger("memory", Path())
    assert_every_transaction_is_an_entry(written(ledger, operations))


# A fresh SQLite file per example costs tens of milliseconds: a third of the examples keeps the suite fast.
@settings(max_examples=max(settings.default.max_examples // 3, 1))
@given(operations=s.ledger_operations())
def test_every_transaction_an_sqlite_ledger_writes_round_trips_through_its_entry(operations: list[Operation]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger("sqlite", Path(directory))
        try:
            assert_every_transaction_is_an_entry(written(ledger, operations))
        finally:
            ledger.store.close()


# Any text the ledger accepts: every printable character (unprintable ones are refused, see test_ledger_text.py).
any_text = s.ledger_free_texts(max_size=8)
any_id = s.ledger_texts(max_size=8)


# One SQLite file per example: a third of the examples.
@settings(max_examples=max(settings.default.max_examples // 3, 1))
@given(reference=any_text, order=any_id, reason=any_text)
def test_an_sqlite_ledger_reads_back_any_text_of_a_transaction_as_it_was_written(
    reference: str, order: str, reason: str
) -> None:
    """Metadata is written as JSON by hand on SQLite: quotes, backslashes and any printable character come back."""
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger("sqlite", Path(directory))
        try:
            day = s.LEDGER_DAY
            returned = [
                ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=day, key="t", reference=reference),
                *ledger.post_many(
                    [
                        OrderPayment(organisation="acme", order_id=order, amount=Money("1", "CHF"), effective=day,
                                     key="p"),
                        Reversal(sequence=2, effective=day, key="v", reason=reason),
                    ]
                ),
            ]  # fmt: skip
            assert ledger.journal() == tuple(returned)
            assert [transaction.metadata for transaction in ledger.journal()] == [
                (("reference", reference),),
                (("order", order),),
                (("reason", reason),),
            ]
        finally:
            ledger.store.close()


#: What an entry's fields may be: values the garbage collector never tracks (so it soon stops tracking the entry).
PLAIN = (int, str, bool, type(None), date, datetime)


@given(operations=s.ledger_operations())
def test_an_entry_holds_plain_values_only(operations: list[Operation]) -> None:
    """Accounts by name and the kind as text: the collector lets a journal's entries go after a look or two, instead
    of walking each of them at every collection for as long as the journal lives."""
    ledger = new_ledger("memory", Path())
    for transaction in written(ledger, operations):
        *fields, metadata = entry = entry_of(transaction)
        assert all(type(field) in PLAIN for field in fields), entry
        assert type(metadata) is tuple, entry
        assert all(type(pair) is tuple and {type(part) for part in pair} == {str} for pair in metadata), entry
        assert not any(map(gc.is_tracked, fields))
