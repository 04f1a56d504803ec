"""The auditor reads a journal as a stream: bounded memory, and every law still checked against the store.

``check_invariants`` used to hold the whole journal and every key, resolution and reversal it had read, and asked the
store one question per key: about 170 MB and 6 s for the benchmark's 105,281 transactions. It now keeps only what the
laws look back on. These tests hold it to the laws it checked before, damaging a memory store's links and keys (an
SQLite file derives its links from the transactions' own columns, and its schema keeps keys unique), with every
chunk size the key check could be cut at.
"""

from __future__ import annotations

import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    Iban,
    InvariantViolation,
    Ledger,
    MemoryLedgerStore,
    PayoutCompletion,
    PayoutRequest,
    PaypalAddress,
    TopUp,
    check_invariants,
    invariants,
)
from infomanager_core.ledger.entries import KEY

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")


@pytest.fixture(params=[1, 2, 500], ids=lambda size: f"chunk-{size}")
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The audit reads keys chunk by chunk: a law must hold whatever the chunk boundaries."""
    monkeypatch.setattr(invariants, "_CHUNK", request.param)
    return request.param


def history() -> tuple[MemoryLedgerStore, dict[str, int]]:
    """Top-up 1, payment 2, payout request 3 and its completion 4, a second top-up 5 and its reversal 6."""
    store = MemoryLedgerStore()
    ledger = Ledger(store)
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=DAY, key="pay-A-1")
    request = ledger.request_payout(
        organisation="acme", amount=Money("20", "CHF"), destination=IBAN, effective=DAY, key="p"
    )
    ledger.complete_payout(request=request.sequence, effective=DAY, key="p-done")
    extra = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
    reversal = ledger.reverse(sequence=extra.sequence, effective=DAY, key="undo-t-2")
    check_invariants(store)
    return store, {"request": request.sequence, "extra": extra.sequence, "reversal": reversal.sequence}


def law_broken_by(store: MemoryLedgerStore) -> str:
    with pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    return raised.value.law


def test_a_sound_history_passes_at_every_chunk_size(chunk: int) -> None:
    store, _ = history()
    assert check_invariants(store) is None


def test_a_resolution_the_store_forgot_is_reported(chunk: int) -> None:
    store, seen = history()
    del store._resolutions[seen["request"]]
    assert law_broken_by(store) == "the store's resolutions match the journal"


def test_a_resolution_the_journal_does_not_have_is_reported(chunk: int) -> None:
    store, seen = history()
    store._resolutions[1] = seen["reversal"]  # the store says the top-up was "resolved" by the reversal
    assert law_broken_by(store) == "the store's resolutions match the journal"


def test_a_store_resolution_pointing_past_the_journal_is_reported(chunk: int) -> None:
    store, _ = history()
    store._resolutions[1] = 99
    with pytest.raises(InvariantViolation, match="resolutions match") as raised:
        check_invariants(store)
    assert raised.value.detail == [(1, 99)]


def test_a_reversal_the_store_forgot_is_reported(chunk: int) -> None:
    store, seen = history()
    del store._reversals[seen["extra"]]
    assert law_broken_by(store) == "the store's reversals match the journal"


def test_a_reversal_the_journal_does_not_have_is_reported(chunk: int) -> None:
    store, _ = history()
    store._reversals[1] = 99
    assert law_broken_by(store) == "the store's reversals match the journal"


def test_two_transactions_with_one_key_are_reported_as_a_duplicate(chunk: int) -> None:
    store, seen = history()
    entry = store._entries[seen["extra"] - 1]
    store._entries[seen["extra"] - 1] = (*entry[:KEY], "t-1", *entry[KEY + 1 :])  # type: ignore[assignment]
    assert law_broken_by(store) == "idempotency keys are unique"


def test_a_key_recorded_under_another_transaction_is_reported(chunk: int) -> None:
    store, _ = history()
    store._keys["p"] = 1
    assert law_broken_by(store) == "every key names its own transaction"


def test_a_key_never_recorded_is_reported(chunk: int) -> None:
    store, _ = history()
    del store._keys["p-done"]
    assert law_broken_by(store) == "every key names its own transaction"


def test_auditing_a_file_takes_the_same_memory_for_four_times_the_journal(tmp_path: Path) -> None:
    """The audit's peak does not grow with the journal (reading it whole does): 2,000 and 8,000 transactions."""

    def peaks(count: int) -> tuple[int, int]:
        path = tmp_path / f"ledger-{count}.sqlite"
        with SqliteLedgerStore(path, durable=False) as store:
            Ledger(store).post_many(
                [
                    TopUp(organisation=f"org{n % 50}", amount=Money("1", "CHF"), effective=DAY, key=f"t-{n}")
                    for n in range(count)
                ]
            )
        with SqliteLedgerStore(path, read_only=True) as store:
            check_invariants(store)  # once untraced: what the process caches (bounded) is not the audit's to count
            tracemalloc.start()
            try:
                check_invariants(store)
                audited = tracemalloc.get_traced_memory()[1]
                tracemalloc.reset_peak()
                with store.reading() as reader:
                    assert len(list(reader.transactions())) == count
                held = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        return audited, held

    audited_small, held_small = peaks(2000)
    audited_large, held_large = peaks(8000)
    assert held_large > 3 * held_small, (held_small, held_large)  # the yardstick: holding the journal grows with it
    assert audited_large < 1.25 * audited_small, (audited_small, audited_large)


def test_auditing_resolved_payouts_takes_the_same_memory_for_four_times_as_many(tmp_path: Path) -> None:
    """Which requests were resolved is remembered one bit per transaction, not one set entry per request."""

    def peak(count: int) -> int:
        path = tmp_path / f"payouts-{count}.sqlite"
        destination = PaypalAddress("billing@acme.ch")
        with SqliteLedgerStore(path, durable=False) as store:
            ledger = Ledger(store)
            ledger.top_up(organisation="acme", amount=Money("1000000", "CHF"), effective=DAY, key="t")
            ledger.post_many(  # each request completed at once: a few are open at a time, all end resolved
                operation
                for n in range(count)
                for operation in (
                    PayoutRequest(
                        organisation="acme",
                        amount=Money("1", "CHF"),
                        destination=destination,
                        effective=DAY,
                        key=f"r-{n}",
                    ),
                    PayoutCompletion(request=2 + 2 * n, effective=DAY, key=f"c-{n}"),
                )
            )
        with SqliteLedgerStore(path, read_only=True) as store:
            check_invariants(store)  # once untraced: what the process caches (bounded) is not the audit's to count
            tracemalloc.start()
            try:
                check_invariants(store)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    small, large = peak(2000), peak(8000)
    assert large < 1.25 * small, (small, large)
