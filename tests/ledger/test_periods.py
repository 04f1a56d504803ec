"""A period of the journal is found by binary search and is exactly the transactions a plain filter would keep.

``infomanager ledger journal --from`` used to decode every transaction before the period; the journal's dates never go
backwards, so the period is one run of sequences. These laws hold it to the plain filter on both stores, for every
period, including periods before, after, between and around the journal's dates. A reader that lacks either of the
two methods a period is read through is refused by name.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import (
    Ledger,
    MemoryLedgerStore,
    TopUp,
    Transaction,
    sequences_between,
    transactions_between,
)
from tests.error_support import what_it_says

from .support import STORES, new_ledger, ticking_clock

FIRST_DAY = date(2026, 3, 2)


def days_of_journal() -> st.SearchStrategy[list[int]]:
    """Day offsets of a journal's transactions (never going backwards, often repeated), and none for an empty one."""
    return st.lists(st.integers(0, 3), max_size=25).map(lambda steps: [sum(steps[: n + 1]) for n in range(len(steps))])


def posted(ledger: Ledger, offsets: list[int]) -> None:
    ledger.post_many(
        [
            TopUp(
                organisation="acme",
                amount=Money("1", "CHF"),
                effective=FIRST_DAY + timedelta(days=offset),
                key=f"t-{number}",
            )
            for number, offset in enumerate(offsets)
        ]
    )


bounds = st.none() | st.integers(-2, 80).map(lambda offset: FIRST_DAY + timedelta(days=offset))


@pytest.mark.parametrize("kind", STORES)
@given(offsets=days_of_journal(), start=bounds, end=bounds)
def test_a_period_is_exactly_the_transactions_effective_in_it(
    kind: str, offsets: list[int], start: date | None, end: date | None
) -> None:
    if start is not None and end is not None and start > end:
        start, end = end, start
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        posted(ledger, offsets)
        with ledger.store.reading() as reader:
            everything = list(reader.transactions())
            expected = [
                transaction
                for transaction in everything
                if (start is None or transaction.effective >= start) and (end is None or transaction.effective <= end)
            ]
            assert list(transactions_between(reader, start=start, end=end)) == expected
            assert list(sequences_between(reader, start=start, end=end)) == [t.sequence for t in expected]
        assert list(ledger.journal(start=start, end=end)) == expected
        ledger.store.close()


@pytest.mark.parametrize("kind", STORES)
@given(offsets=days_of_journal(), since=st.none() | st.integers(-2, 30), upto=st.none() | st.integers(-2, 30))
def test_a_store_reads_the_sequences_from_since_to_upto(
    kind: str, offsets: list[int], since: int | None, upto: int | None
) -> None:
    """The port's ``since`` and ``upto`` bounds, each optional and both included, on both stores."""
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        posted(ledger, offsets)
        with ledger.store.reading() as reader:
            everything: list[Transaction] = list(reader.transactions())
            chosen = [t.sequence for t in reader.transactions(since=since, upto=upto)]
        ledger.store.close()
    low = 1 if since is None else since
    high = len(everything) if upto is None else upto
    assert chosen == [t.sequence for t in everything if low <= t.sequence <= high]


class CountingReads:
    """A reader that counts the transactions it decodes, to show a period does not read what precedes it."""

    def __init__(self, store: MemoryLedgerStore) -> None:
        self.store = store
        self.decoded = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)

    def transaction(self, sequence: int) -> Transaction | None:
        self.decoded += 1
        return self.store.transaction(sequence)

    def transactions(self, **bounds: int | None) -> list[Transaction]:
        chosen = list(self.store.transactions(**bounds))  # type: ignore[arg-type]
        self.decoded += len(chosen)
        return chosen


def test_the_last_day_of_a_long_journal_reads_a_few_dozen_transactions_not_thousands() -> None:
    store = MemoryLedgerStore()
    posted(Ledger(store, clock=ticking_clock()), [n // 10 for n in range(4000)])  # 10 a day for 400 days
    reader = CountingReads(store)
    last_day = FIRST_DAY + timedelta(days=399)
    chosen = list(transactions_between(reader, start=last_day))  # type: ignore[arg-type]
    assert [t.effective for t in chosen] == [last_day] * 10
    assert reader.decoded <= 10 + 2 * 12, reader.decoded  # the period, and two binary searches over 4,000


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(2026, 3, 9), date(2026, 3, 2), "start/end"),
        ("2026-03-02", None, "start"),
        (None, 20260302, "end"),
    ],
)
def test_a_malformed_period_is_refused_naming_the_field(start: object, end: object, field: str) -> None:
    ledger = Ledger()
    with ledger.store.reading() as reader, pytest.raises(InvalidInput) as refused:
        sequences_between(reader, start=start, end=end)  # type: ignore[arg-type]
    assert refused.value.field == field
    with pytest.raises(InvalidInput):
        ledger.journal(start=start, end=end)  # type: ignore[arg-type]


class HeadOnly:
    """Half a reader: it says the journal is empty, and cannot stream it."""

    def head(self) -> None:
        return None


class TransactionsOnly:
    """Half a reader: it streams nothing, and cannot say where the journal ends."""

    def transactions(self) -> list[object]:
        return []


@pytest.mark.parametrize(
    "reader", [HeadOnly(), TransactionsOnly(), None], ids=["head-only", "transactions-only", "none"]
)
@pytest.mark.parametrize("between", [sequences_between, transactions_between])
def test_a_reader_without_both_head_and_transactions_is_refused_by_name(
    reader: object, between: Callable[..., object]
) -> None:
    with pytest.raises(InvalidInput) as raised:
        between(reader, start=date(2026, 3, 1))
    assert what_it_says(raised.value) == (
        "reader",
        reader,
        "must be a LedgerReader",
        "e.g. with store.reading() as reader",
    )
