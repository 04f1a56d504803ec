"""A statement reads the account up to its period's end, or from its period's start to the newest transaction (its
opening balance then the current one less what was posted since), whichever is the shorter run of sequences (the
second is held whole, so it is taken only when shorter by more than an eighth).

It chose by where the period starts alone, and read up to the newest transaction whenever the period started in the
first half of the journal: a statement from a day in the first half to now read the account's whole history (60,000
transactions on the benchmark's account for a period that holds 40,000), and one of a month there read past the
month's end. The law: either way, the statement is the one built from the account's whole history, on every store,
for every period of a history of payouts requested, resolved and reversed (a completion in the period of a request
made before it is known by the request's destination), each end open or not.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.ledger import Ledger, statement_of

from .support import STORES, new_ledger
from .test_pending_payouts_now import Counting
from .test_pending_payouts_on_a_day import ACME, FIRST_DAY, _post, steps


@pytest.mark.parametrize("kind", STORES)
@given(drawn=steps, data=st.data())
def test_a_statement_of_any_period_is_the_whole_history_cut_to_it(
    kind: str, drawn: list[tuple[str, int, int]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            last = _post(ledger, drawn)
            with ledger.store.reading() as reader:
                history = list(reader.transactions(account=ACME))
            days = [FIRST_DAY + timedelta(days=offset) for offset in range(-1, (last - FIRST_DAY).days + 2)]
            ends = st.one_of(
                st.none(), st.sampled_from(days)
            )  # from the day before the first to the day after the last
            for start, end in data.draw(st.lists(st.tuples(ends, ends), min_size=1, max_size=12), label="periods"):
                if start is not None and end is not None and end < start:
                    start, end = end, start
                expected = statement_of(ACME, history, start=start, end=end)
                assert ledger.statement("acme", "CHF", start=start, end=end) == expected, (start, end)
        finally:
            ledger.store.close()


def test_a_statement_from_a_day_in_the_first_half_to_now_reads_from_that_day_on() -> None:
    """3,000 transactions, then 4,000 from the day the statement starts: it reads those 4,000, not all 7,000."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", 3_000, 0), ("filler", 4_000, 1)])
    store.read = 0
    statement = ledger.statement("acme", "CHF", start=FIRST_DAY + timedelta(days=1))
    assert (len(statement.lines), statement.opening.minor_units()) == (4_000, 100_000_000 + 3_000 * 100)
    assert store.read == 4_000


def test_a_statement_of_a_period_in_the_first_half_reads_no_further_than_its_end() -> None:
    """A day of 1,000 transactions between 3,000 before it and 4,000 after: up to its end is the shorter way."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", 3_000, 0), ("filler", 1_000, 1), ("filler", 4_000, 1)])
    store.read = 0
    day = FIRST_DAY + timedelta(days=1)
    assert len(ledger.statement("acme", "CHF", start=day, end=day).lines) == 1_000
    assert store.read == 1 + 3_000 + 1_000  # acme's first top-up, its fillers, and the day's


@pytest.mark.parametrize("kind", STORES)
def test_a_payout_requested_before_the_period_is_known_in_it_by_its_destination_read_either_way(kind: str) -> None:
    """The request lies before the period: read from the period on, it is fetched by its sequence."""
    drawn = [("request", 0, 0), ("filler", 10, 1), ("complete", 0, 1), ("filler", 30, 1)]
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            _post(ledger, drawn)
            for start, end in [(FIRST_DAY + timedelta(days=2), None), (None, FIRST_DAY + timedelta(days=2))]:
                lines = ledger.statement("acme", "CHF", start=start, end=end).lines
                assert [line.reference for line in lines if line.kind.value == "payout_completion"] == [
                    "paypal:billing@acme.ch"
                ]
        finally:
            ledger.store.close()


@pytest.mark.parametrize(
    ("before", "since", "read"),
    [
        (98, 700, 1 + 98 + 700),  # from the start is 700 of 800 sequences, shorter by an eighth exactly: up to the end
        (98, 699, 699),  # 699 of 799, shorter by more than an eighth: from the start
    ],
)
def test_a_statement_to_now_reads_from_its_start_only_when_that_is_shorter_by_more_than_an_eighth(
    before: int, since: int, read: int
) -> None:
    """Two top-ups (acme's, bob's), ``before`` transactions, then ``since`` from the day the statement starts."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", before, 0), ("filler", since, 1)])
    store.read = 0
    statement = ledger.statement("acme", "CHF", start=FIRST_DAY + timedelta(days=1))
    assert (len(statement.lines), statement.opening.minor_units()) == (since, 100_000_000 + before * 100)
    assert store.read == read


def test_a_balance_at_a_day_in_the_first_part_of_the_journal_reads_no_further_than_that_day() -> None:
    """balance_at takes the shorter way too: 1,000 transactions up to the day asked and 4,000 after it, it replays
    the 1,000 (and acme's first top-up), never undoing the 4,000 from the balance now."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", 1_000, 0), ("filler", 4_000, 1)])
    store.read = 0
    assert ledger.balance_at("acme", "CHF", on=FIRST_DAY).posted.minor_units() == 100_000_000 + 1_000 * 100
    assert store.read == 1 + 1_000
