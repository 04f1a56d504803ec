"""The storage port refuses what would corrupt a journal, whoever calls it, and a refused append changes nothing.

The ledger checks every rule before it appends, so these refusals are the stores' backstop: entries whose sequence
does not follow the head, a key already recorded (before or in the same append), a payout request or a transaction
resolved or reversed twice, and fingerprints that do not match the entries one for one. An append refused inside a
batch leaves nothing of itself while the batch commits the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    AccountKind,
    Iban,
    Ledger,
    MemoryLedgerStore,
    TopUp,
    TransactionKind,
    check_invariants,
    prepaid,
    system,
)
from infomanager_core.ledger.balances import account_balance
from infomanager_core.ledger.batch import Batch
from infomanager_core.ledger.plans import plan_of

from .support import START, STORES, open_store, snapshot

DAY = START.date()
ACME = prepaid("acme", "CHF")
RECEIVED = system(AccountKind.TRANSFERS_RECEIVED, "CHF")
IN_TRANSIT = system(AccountKind.PAYOUTS_IN_TRANSIT, "CHF")
HEAD = 6  # the history's last sequence
NEW_KEYS = ("new", "new-1", "new-2")
IBAN = Iban("CH9300762011623852957")


def history(ledger: Ledger) -> None:
    """A resolved payout request (#2), a pending one (#4), a reversed top-up (#5)."""
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")  # 1
    ledger.request_payout(  # 2
        organisation="acme", amount=Money("60", "CHF"), destination=IBAN, effective=DAY, key="r-1"
    )
    ledger.complete_payout(request=2, effective=DAY, key="c-1")  # 3
    ledger.request_payout(  # 4
        organisation="acme", amount=Money("10", "CHF"), destination=IBAN, effective=DAY, key="r-2"
    )
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")  # 5
    ledger.reverse(sequence=5, effective=DAY, key="v-1")  # 6


def top_up(sequence: int, key: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A well-formed top-up entry of 1.00 CHF and its fingerprint."""
    entry = (
        sequence,
        key,
        TransactionKind.TOP_UP.value,
        DAY,
        START,
        ACME.name,
        RECEIVED.name,
        100,
        False,
        None,
        None,
        (),
    )
    return entry, ("top_up", 100, "CHF", "acme", None)


def cancellation(sequence: int, key: str, request: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A cancellation entry of payout request ``request`` and its fingerprint."""
    entry = (
        sequence, key, TransactionKind.PAYOUT_CANCELLATION.value, DAY, START, IN_TRANSIT.name, ACME.name, 1000, False,
        None, request,
        (),
    )  # fmt: skip
    return entry, ("payout_cancellation", None, request)


def reversal(sequence: int, key: str, original: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A reversal entry of top-up ``original`` (5.00 CHF) and its fingerprint."""
    entry = (
        sequence, key, TransactionKind.REVERSAL.value, DAY, START, ACME.name, RECEIVED.name, -500, False, original, None, ()
    )  # fmt: skip
    return entry, ("reversal", None, original)


def appended(*pairs: tuple[tuple[Any, ...], tuple[Any, ...]]) -> tuple[list[Any], list[Any]]:
    return [entry for entry, _ in pairs], [fingerprint for _, fingerprint in pairs]


#: name -> (entries, fingerprints): each refused by every store.
REFUSED: dict[str, tuple[list[Any], list[Any]]] = {
    "sequence-already-taken": appended(top_up(HEAD, "new")),
    "sequence-after-a-gap": appended(top_up(HEAD + 2, "new")),
    "second-sequence-taken-again": appended(top_up(HEAD + 1, "new-1"), top_up(HEAD + 1, "new-2")),
    "key-already-recorded": appended(top_up(HEAD + 1, "t-1")),
    "key-twice-in-one-append": appended(top_up(HEAD + 1, "new"), top_up(HEAD + 2, "new")),
    "request-already-resolved": appended(cancellation(HEAD + 1, "new", request=2)),
    "request-resolved-twice-in-one-append": appended(
        cancellation(HEAD + 1, "new-1", request=4), cancellation(HEAD + 2, "new-2", request=4)
    ),
    "transaction-already-reversed": appended(reversal(HEAD + 1, "new", original=5)),
    "fewer-fingerprints-than-entries": (appended(top_up(HEAD + 1, "new"))[0], []),
    "more-fingerprints-than-entries": (appended(top_up(HEAD + 1, "new"))[0], appended(top_up(HEAD + 1, "new"))[1] * 2),
}
#: Balance changes that would show if a refused append applied them.
CHANGES = {ACME: account_balance(100, 0, 0), RECEIVED: account_balance(-100, 0, 0)}


@pytest.fixture(params=STORES)
def recorded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(open_store(request.param, tmp_path), clock=lambda: START)
    history(ledger)
    yield ledger
    ledger.store.close()


def state(ledger: Ledger) -> tuple[Any, ...]:
    """What the store tells any reader: the snapshot, its head, and what it says of the keys and sequences tried."""
    with ledger.store.reading() as reader:
        return (
            snapshot(ledger),
            reader.head(),
            {key: reader.recorded(key) for key in (*NEW_KEYS, "t-1")},
            [reader.transaction(sequence) for sequence in range(1, HEAD + 3)],
            [(reader.resolution_of(sequence), reader.reversal_of(sequence)) for sequence in range(1, HEAD + 3)],
        )


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the ledger's tables, read through a connection of its own (so: what was committed)."""
    connection = sqlite3.connect(path)
    try:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("ledger_transactions", "ledger_postings", "ledger_balances", "ledger_idempotency")
        }
    finally:
        connection.close()


def cases() -> Iterator[Any]:
    for store in STORES:
        for name in REFUSED:
            yield pytest.param(store, name, id=f"{store}-{name}")


@pytest.mark.parametrize(("store", "case"), list(cases()))
def test_a_store_refuses_an_append_that_would_corrupt_the_journal_and_changes_nothing(
    store: str, case: str, tmp_path: Path
) -> None:
    ledger = Ledger(open_store(store, tmp_path), clock=lambda: START)
    try:
        history(ledger)
        entries, fingerprints = REFUSED[case]
        before = state(ledger)
        rows = tables(tmp_path / "ledger.sqlite") if store == "sqlite" else None
        with pytest.raises((RuntimeError, sqlite3.IntegrityError)), ledger.store.writing() as session:
            session.append(entries, fingerprints, CHANGES)
        assert state(ledger) == before
        if rows is not None:
            assert tables(tmp_path / "ledger.sqlite") == rows
        # … and it still takes the next operation, under the next sequence.
        after = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="new")
        assert after.sequence == HEAD + 1
        assert ledger.balances("acme", "CHF").posted == Money("41", "CHF")
    finally:
        ledger.store.close()


#: What the memory store's refusal says, per case.
REASONS = {
    "sequence-already-taken": f"sequence {HEAD} does not follow {HEAD}",
    "sequence-after-a-gap": f"sequence {HEAD + 2} does not follow {HEAD}",
    "second-sequence-taken-again": f"sequence {HEAD + 1} does not follow {HEAD + 1}",
    "key-already-recorded": "key 't-1' is already recorded",
    "key-twice-in-one-append": "key 'new' is already recorded",
    "request-already-resolved": "payout request #2 is already resolved",
    "request-resolved-twice-in-one-append": "payout request #4 is already resolved",
    "transaction-already-reversed": "transaction #5 is already reversed",
    "fewer-fingerprints-than-entries": "1 entries but 0 fingerprints",
    "more-fingerprints-than-entries": "1 entries but 2 fingerprints",
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_memory_store_says_why_it_refuses(case: str) -> None:
    ledger = Ledger(MemoryLedgerStore(), clock=lambda: START)
    history(ledger)
    entries, fingerprints = REFUSED[case]
    with pytest.raises(RuntimeError) as refused, ledger.store.writing() as session:
        session.append(entries, fingerprints, CHANGES)
    assert REASONS[case] in str(refused.value)


def test_a_valid_append_is_written_whole(recorded: Ledger) -> None:
    entries, fingerprints = appended(top_up(HEAD + 1, "new-1"), top_up(HEAD + 2, "new-2"))
    with recorded.store.writing() as session:
        session.append(entries, fingerprints, {ACME: account_balance(200, 0, 0), RECEIVED: account_balance(-200, 0, 0)})
    assert [transaction.key for transaction in recorded.journal()[HEAD:]] == ["new-1", "new-2"]
    with recorded.store.reading() as reader:
        assert reader.recorded("new-2") == ("top_up|amount=(100, 'CHF')|organisation='acme'|reference=None", HEAD + 2)
    assert recorded.balances("acme", "CHF").posted == Money("42", "CHF")


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_an_append_refused_inside_a_batch_leaves_nothing_and_the_batch_commits_the_rest(
    case: str, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=lambda: START)
        history(ledger)
        before = snapshot(ledger)
        entries, fingerprints = REFUSED[case]
        with store.batch():
            with pytest.raises((RuntimeError, sqlite3.IntegrityError)), store.writing() as session:
                session.append(entries, fingerprints, CHANGES)
            assert snapshot(ledger) == before
            after = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="new")
    assert after.sequence == HEAD + 1
    with SqliteLedgerStore(path, durable=False, read_only=True) as store:
        reopened = Ledger(store)
        assert [transaction.key for transaction in reopened.journal()][-2:] == ["v-1", "new"]
        assert reopened.balances("acme", "CHF").posted == Money("41", "CHF")
        check_invariants(store)


# -- a key the unit of work did not look up ---------------------------------------------------------------------------


def test_a_key_missing_from_a_batch_s_prefetched_keys_is_refused_by_the_store(recorded: Ledger) -> None:
    """A Batch takes a key it was not told about for a new one; the store's uniqueness check is the backstop."""
    before = state(recorded)
    plan = plan_of(TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"))
    refusals = (sqlite3.IntegrityError,) if isinstance(recorded.store, SqliteLedgerStore) else (RuntimeError,)
    taken: list[Any] = []

    def post_without_prefetching() -> None:
        with recorded.store.writing() as session:
            batch = Batch(session, now=START, latest=DAY + timedelta(days=1), days_ahead=1, keys=())
            batch.post((plan,))
            taken.extend(batch.posted)
            batch.flush()

    with pytest.raises(refusals):
        post_without_prefetching()
    assert taken[0][0] == HEAD + 1  # taken for a new operation, which the store refused
    assert state(recorded) == before


def test_a_key_among_a_batch_s_prefetched_keys_gives_back_the_original(recorded: Ledger) -> None:
    before = state(recorded)
    plan = plan_of(TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"))
    with recorded.store.writing() as session:
        batch = Batch(session, now=START, latest=DAY + timedelta(days=1), days_ahead=1, keys=("t-1",))
        batch.post((plan,))
        (entry,) = batch.posted
        batch.flush()
    assert entry[0] == 1
    assert state(recorded) == before


def test_an_sqlite_store_reopened_after_a_refused_append_holds_what_it_held(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=lambda: START)
        history(ledger)
        before = snapshot(ledger)
        entries, fingerprints = REFUSED["request-resolved-twice-in-one-append"]
        with pytest.raises(sqlite3.IntegrityError), store.writing() as session:
            session.append(entries, fingerprints, CHANGES)
    with SqliteLedgerStore(path, durable=False) as store:
        assert snapshot(Ledger(store)) == before


def test_keys_looked_up_in_bulk_are_all_found_past_sqlites_limit_on_parameters(tmp_path: Path) -> None:
    """A bulk load of a thousand operations looks their keys up in chunks: a key at a chunk's edge is found too."""
    keys = [f"import-{number:04}" for number in range(1_001)]
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False) as store:
        Ledger(store, clock=lambda: START).post_many(
            TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key=key) for key in keys
        )
        with store.reading() as reader:
            one_by_one = {key: reader.recorded(key) for key in keys}
            assert reader.recorded_many([*keys, "never-used", *keys]) == one_by_one
        assert len(set(one_by_one.values())) == len(keys)
