"""pending_payouts asked for a past day: read back from that day's last transaction, only as far as the oldest request
open then.

A day nearer the end of the journal than its start reads what came after the day (to undo it from the balance now, as
``balance_at`` does: what the day's requests reserved), then reads back from the day's last transaction until the
requests found reserve all of it. The law: the same answer as the plain read of the account's whole history up to the
day, on every store, over histories of requests completed, failed, cancelled, completions reversed (the money comes
back to the account; the request stays resolved and reserves nothing) and reversals reversed, several on a day or a day
each, with other accounts' transactions between them — asked for every day from the one before the first transaction
to two days after the last.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.ledger import (
    Ledger,
    Operation,
    PayoutRequest,
    Reversal,
    TopUp,
    Transaction,
    TransactionKind,
    sequences_between,
)
from infomanager_core.money import Money

from .support import STORES, new_ledger
from .test_pending_payouts_now import ACME, DESTINATION, RESOLUTIONS, Counting
from .test_pending_payouts_now import DAY as FIRST_DAY

# each step: (what, a number, days after the step before: 0 is the same day)
steps = st.lists(
    st.tuples(
        st.sampled_from(["request", "complete", "fail", "cancel", "reverse", "filler", "other"]),
        st.integers(0, 120),
        st.sampled_from([0, 0, 1, 3]),
    ),
    max_size=18,
)


def _post(ledger: Ledger, drawn: list[tuple[str, int, int]]) -> date:
    """Post ``drawn`` after a top-up of acme's and one of bob's; the last day a step used."""
    day = FIRST_DAY
    ledger.post_many(
        TopUp(organisation=who, amount=Money("1000000", "CHF"), effective=day, key=f"t-{who}")
        for who in ("acme", "bob")
    )
    still_open: list[int] = []
    reversible: list[int] = []  # completions of acme's requests, and reversals of them, not reversed yet
    for number, (step, value, later) in enumerate(drawn, start=1):
        day += timedelta(days=later)
        operations: list[Operation] = []
        if step == "request":
            amount = Money.from_minor_units(100 + 37 * value, "CHF")
            operations.append(
                PayoutRequest(
                    organisation="acme", amount=amount, destination=DESTINATION, effective=day, key=f"r-{number}"
                )
            )
        elif step in RESOLUTIONS and still_open:
            request = still_open.pop(value % len(still_open))
            operations.append(RESOLUTIONS[step](request=request, effective=day, key=f"{step}-{number}"))
        elif step == "reverse" and reversible:
            original = reversible.pop(value % len(reversible))
            operations.append(Reversal(sequence=original, effective=day, key=f"reverse-{number}"))
        elif step == "filler":  # acme's own top-ups: put the open requests several windows back
            operations += [
                TopUp(organisation="acme", amount=Money("1", "CHF"), effective=day, key=f"f-{number}-{n}")
                for n in range(value)
            ]
        elif step == "other":  # bob's top-ups and a request of his: sequences acme's reads skip
            operations += [
                TopUp(organisation="bob", amount=Money("1", "CHF"), effective=day, key=f"o-{number}-{n}")
                for n in range(value)
            ]
            operations.append(
                PayoutRequest(organisation="bob", amount=Money("1", "CHF"), destination=DESTINATION, effective=day,
                              key=f"b-{number}")
            )  # fmt: skip
        if not operations:
            continue
        posted = ledger.post_many(operations)[-1]
        if posted.kind is TransactionKind.PAYOUT_REQUEST and step == "request":
            still_open.append(posted.sequence)
        elif posted.kind in (TransactionKind.PAYOUT_COMPLETION, TransactionKind.REVERSAL):
            reversible.append(posted.sequence)  # a completion's reversal, reversed in turn, posts the payout again
    return day


def _plain_read(ledger: Ledger, on: date) -> tuple[Transaction, ...]:
    """The requests open at the end of ``on``, read the plain way: the account's whole history up to that day."""
    with ledger.store.reading() as reader:
        upto = sequences_between(reader, end=on).stop - 1
        pending: dict[int, Transaction] = {}
        for transaction in reader.transactions(account=ACME, upto=upto):
            if transaction.kind is TransactionKind.PAYOUT_REQUEST:
                pending[transaction.sequence] = transaction
            elif transaction.resolves is not None:
                pending.pop(transaction.resolves, None)
    return tuple(pending.values())


@pytest.mark.parametrize("kind", STORES)
@given(drawn=steps)
def test_the_requests_open_on_a_day_are_those_the_plain_read_of_the_history_finds(
    kind: str, drawn: list[tuple[str, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            last = _post(ledger, drawn)
            for offset in range(-1, (last - FIRST_DAY).days + 3):  # the day before the first to two after the last
                day = FIRST_DAY + timedelta(days=offset)
                pending = ledger.pending_payouts("acme", "CHF", on=day)
                assert pending == _plain_read(ledger, day), day
                reserved = Money.from_minor_units(sum(-request.units_for(ACME) for request in pending), "CHF")
                assert reserved == ledger.balance_at("acme", "CHF", on=day).pending, day
        finally:
            ledger.store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_reversed_completion_leaves_its_request_resolved_on_every_day_after_it(kind: str) -> None:
    """The reversal posts the money back to the account; the request reserves nothing again (pending_debits do not
    count it) and cannot be completed a second time, so no day after its completion lists it."""
    drawn = [("request", 10, 0), ("filler", 100, 1), ("complete", 0, 1), ("filler", 100, 0), ("reverse", 0, 1)]
    drawn += [("request", 20, 0), ("filler", 100, 1)]
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            _post(ledger, drawn)
            listed = {
                offset: [request.key for request in ledger.pending_payouts("acme", "CHF", on=FIRST_DAY + timedelta(days=offset))]
                for offset in range(-1, 6)
            }  # fmt: skip
            assert listed == {-1: [], 0: ["r-1"], 1: ["r-1"], 2: [], 3: ["r-6"], 4: ["r-6"], 5: ["r-6"]}
        finally:
            ledger.store.close()


def test_a_recent_day_reads_the_history_since_its_oldest_open_request_not_the_whole_account() -> None:
    """5,000 transactions before the request, 141 between it and the day asked, one after: the day's answer reads what
    came after the day, and back from the day to the request in windows that double (64 + 128 sequences)."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", 5_000, 0), ("request", 1, 1), ("filler", 40, 0), ("filler", 100, 1), ("complete", 0, 1)])
    store.read = 0
    asked = FIRST_DAY + timedelta(days=2)  # the request is open at its end, completed the day after
    assert [request.key for request in ledger.pending_payouts("acme", "CHF", on=asked)] == ["r-2"]
    assert store.read <= 1 + 64 + 128  # the completion, then two windows back: of 5,144 transactions up to the day


def test_a_day_in_the_first_part_of_the_journal_reads_the_history_up_to_it_once() -> None:
    """A request and 1,000 transactions up to the day asked, 4,000 after it: the history up to the day, read once,
    gives its open requests; what came after the day is not read, nor the windows back from it."""
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("request", 0, 0), ("filler", 1_000, 0), ("filler", 4_000, 1)])
    store.read = 0
    assert [request.key for request in ledger.pending_payouts("acme", "CHF", on=FIRST_DAY)] == ["r-1"]
    assert store.read == 1 + 1 + 1_000  # acme's top-up, the request, the day's fillers
