"""Ledger benchmark: posting and balances, each figure a ratio to a baseline measured in the same run.

One generated journal (top-ups, cashback, order payments, payout requests and completions over 500 organisations,
at least 100,000 transactions) is posted:

* in memory through the :class:`Ledger` service (validation, idempotency, overdraft check), one operation at a time
  and in bulk (:meth:`Ledger.post_many`, batches of 10,000, from requests built beforehand — as the bare loop gets its
  postings built beforehand — and, for comparison, building each batch's requests and their ``Money`` as it goes),
  and, below it, the journal's entries appended straight to the memory store — against a bare-Python dict loop over
  the same postings; a *minimal posting loop* (each key once, no overdraft counting reservations, one record kept per
  transaction, and nothing checked about the input) is timed against the same baseline, to show what a ratio to the
  bare loop leaves room for;
* to SQLite in batches of 10,000 through the service, one operation at a time inside ``store.batch()`` and in bulk
  (``post_many``) — against raw ``sqlite3`` inserts of the same rows (transaction, postings, idempotency key) into
  the same schema;
* to SQLite with one durable commit (``synchronous=FULL``) per transaction, on a 1,000-operation slice — against raw
  inserts committed one by one;
* the SQLite file read back: every transaction decoded, and :func:`check_invariants` auditing the whole file (with
  its peak memory) — against a raw ``sqlite3`` read of the same journal rows, and the audit also against beancount's
  load, which checks its journal too;
* into ``beancount`` (v3): ``loader.load_string`` of the same transactions, then ``realization.realize`` and every
  account's balance; its parsing alone (``parser.parse_string``) is timed too, to compare like with like: beancount
  from text against our posting building its requests, and beancount without its parsing against our posting of
  requests built beforehand.

Run: ``python benchmarks/bench_ledger.py`` (``make bench``). Best of three repeats, except the slow passes (posting
one operation at a time in memory, bulk posting that builds its requests, and SQLite in bulk: two; SQLite one at a
time and beancount: one). Memory per transaction is measured with ``tracemalloc`` on the first 20,000 operations.
"""

from __future__ import annotations

import gc
import platform
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from infomanager_core.adapters.sqlite_ledger import SCHEMA, SqliteLedgerStore
from infomanager_core.adapters.sqlite_ledger.rows import _JOURNAL
from infomanager_core.ledger import (
    AccountBalance,
    CashbackCredit,
    Iban,
    Ledger,
    MemoryLedgerStore,
    Operation,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    TopUp,
    Transaction,
    check_invariants,
    replay,
)
from infomanager_core.ledger.balances import ZERO
from infomanager_core.ledger.entries import entry_of
from infomanager_core.money import Money

ORGANISATIONS = 500
OPERATIONS = 92_000  # payouts write two transactions each: the journal holds more than 100,000
BATCH = 10_000
DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")
REPEATS = 3
Generated = tuple[str, str, int, str]  # kind, organisation, minor units, key


def generate(count: int, seed: int = 2026) -> list[Generated]:
    """Operations that never overdraw: a plain model tracks each organisation's balance."""
    rng = random.Random(seed)
    balances = dict.fromkeys((f"org{n:04d}" for n in range(ORGANISATIONS)), 0)
    names = list(balances)
    operations: list[Generated] = []
    for number in range(count):
        organisation = rng.choice(names)
        roll = rng.random()
        units = rng.randint(100, 50_000)
        if roll < 0.35 or balances[organisation] < 100:
            operations.append(("top_up", organisation, units, f"t-{number}"))
            balances[organisation] += units
        elif roll < 0.55:
            operations.append(("cashback", organisation, units // 10 + 1, f"order-{number}"))
            balances[organisation] += units // 10 + 1
        elif roll < 0.85:
            units = rng.randint(1, balances[organisation])
            operations.append(("pay", organisation, units, f"pay-{number}"))
            balances[organisation] -= units
        else:
            units = rng.randint(1, balances[organisation])
            operations.append(("payout", organisation, units, f"payout-{number}"))
            balances[organisation] -= units
    return operations


def post(ledger: Ledger, operations: list[Generated]) -> None:
    for kind, organisation, units, key in operations:
        amount = Money.from_minor_units(units, "CHF")
        if kind == "top_up":
            ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=key)
        elif kind == "cashback":
            ledger.credit_cashback(partner=organisation, order_id=key, amount=amount, effective=DAY)
        elif kind == "pay":
            ledger.pay_order(organisation=organisation, order_id=key, amount=amount, effective=DAY, key=key)
        else:
            request = ledger.request_payout(
                organisation=organisation, amount=amount, destination=IBAN, effective=DAY, key=key
            )
            ledger.complete_payout(request=request.sequence, effective=DAY, key=f"{key}-done")


def requests_of(operations: list[Generated], first_sequence: int) -> list[Operation]:
    """The same operations as :func:`post` makes, as requests; a payout's completion names its request's sequence."""
    requests: list[Operation] = []
    sequence = first_sequence
    for kind, organisation, units, key in operations:
        amount = Money.from_minor_units(units, "CHF")
        if kind == "top_up":
            requests.append(TopUp(organisation=organisation, amount=amount, effective=DAY, key=key))
        elif kind == "cashback":
            requests.append(CashbackCredit(partner=organisation, order_id=key, amount=amount, effective=DAY))
        elif kind == "pay":
            requests.append(
                OrderPayment(organisation=organisation, order_id=key, amount=amount, effective=DAY, key=key)
            )
        else:
            requests.append(
                PayoutRequest(organisation=organisation, amount=amount, destination=IBAN, effective=DAY, key=key)
            )
            requests.append(PayoutCompletion(request=sequence, effective=DAY, key=f"{key}-done"))
            sequence += 1
        sequence += 1
    return requests


def batches_of(operations: list[Generated], batch: int = BATCH) -> list[list[Operation]]:
    """The requests of ``batch`` operations at a time, as :func:`post_in_bulk` builds them (the journal's input)."""
    batches: list[list[Operation]] = []
    posted = 0
    for first in range(0, len(operations), batch):
        batches.append(requests_of(operations[first : first + batch], posted + 1))
        posted += len(batches[-1])
    return batches


def post_in_bulk(ledger: Ledger, operations: list[Generated], batch: int = BATCH) -> None:
    """``post_many`` of ``batch`` operations at a time, building the requests (and their Money) as it goes."""
    posted = 0
    for first in range(0, len(operations), batch):
        posted += len(ledger.post_many(requests_of(operations[first : first + batch], posted + 1)))


def post_batches(ledger: Ledger, batches: list[list[Operation]]) -> None:
    """``post_many`` of requests built beforehand, as the bare loop gets its postings built beforehand."""
    for requests in batches:
        ledger.post_many(requests)


def best(run: Callable[[], Any], repeats: int = REPEATS, setup: Callable[[], Any] | None = None) -> float:
    timings = []
    for _ in range(repeats):
        argument = setup() if setup else None
        gc.collect()
        start = time.perf_counter()
        run() if argument is None else run(argument)  # type: ignore[call-arg]
        timings.append(time.perf_counter() - start)
    return min(timings)


def rows_of(journal: tuple[Transaction, ...]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    transactions = [
        (t.sequence, t.key, t.kind.value, t.effective.isoformat(), t.recorded_at.isoformat(), int(t.pending),
         t.reverses, t.resolves, "[]")
        for t in journal
    ]  # fmt: skip
    postings = [
        (t.sequence, position, p.account.kind.value, p.account.owner, p.account.currency, p.units)
        for t in journal
        for position, p in enumerate(t.postings)
    ]
    return transactions, postings


def raw_inserts(path: Path, journal: tuple[Transaction, ...], *, commit_each: bool) -> float:
    transactions, postings = rows_of(journal)
    by_sequence: dict[int, list[tuple[Any, ...]]] = {}
    for row in postings:
        by_sequence.setdefault(row[0], []).append(row)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={'FULL' if commit_each else 'NORMAL'}")
    connection.executescript(SCHEMA)
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for row in transactions:
        connection.execute("INSERT INTO ledger_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        for posting in by_sequence[row[0]]:
            connection.execute("INSERT INTO ledger_postings VALUES (?, ?, ?, ?, ?, ?)", posting)
        connection.execute("INSERT INTO ledger_idempotency VALUES (?, ?, ?)", (row[1], "x", row[0]))
        if commit_each:
            connection.execute("COMMIT")
            connection.execute("BEGIN IMMEDIATE")
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def sqlite_ledger(
    path: Path,
    operations: list[Generated],
    *,
    batch: int | None,
    durable: bool,
    keep: bool = False,
    bulk: list[list[Operation]] | None = None,
) -> tuple[float, SqliteLedgerStore]:
    store = SqliteLedgerStore(path, durable=durable)
    ledger = Ledger(store)
    start = time.perf_counter()
    if bulk is not None:
        post_batches(ledger, bulk)
    elif batch is None:
        post(ledger, operations)
    else:
        for first in range(0, len(operations), batch):
            with store.batch():
                post(ledger, operations[first : first + batch])
    elapsed = time.perf_counter() - start
    if not keep:
        store.close()
    return elapsed, store


def raw_journal_read(path: str | Path) -> None:
    """The baseline of reading a ledger file: every journal row (one per posting) fetched by ``sqlite3``, unused."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        for _row in connection.execute(_JOURNAL + " ORDER BY t.sequence, p.position"):
            pass


def beancount_text(journal: tuple[Transaction, ...]) -> str:
    def name(account: Any) -> str:
        base = account.kind.value.title().replace("_", "")
        if account.owner:
            return f"Liabilities:Prepaid:{account.owner.capitalize()}"
        return f"Equity:{base}"

    lines = ['option "operating_currency" "CHF"']
    accounts = sorted({name(p.account) for t in journal for p in t.postings})
    lines += [f"2026-01-01 open {account} CHF" for account in accounts]
    for t in journal:
        lines.append(f'{t.effective.isoformat()} * "{t.kind.value} {t.key}"')
        lines += [f"  {name(p.account)}  {p.amount.amount} CHF" for p in t.postings]
    return "\n".join(lines) + "\n"


def main() -> None:
    operations = generate(OPERATIONS)
    reference = Ledger(MemoryLedgerStore())
    post(reference, operations)
    journal = reference.journal()
    count = len(journal)
    postings = [[(str(p.account), p.units) for p in t.postings] for t in journal]
    print(f"journal: {count} transactions, {sum(map(len, postings))} postings, {ORGANISATIONS} organisations")
    print(f"machine: {platform.machine()}, python {sys.version.split()[0]}, {__import__('os').cpu_count()} cpus\n")
    figures: list[tuple[str, float, float, str]] = []

    def report(name: str, seconds: float, baseline: float, against: str, n: int = count) -> float:
        rate = n / seconds
        base_rate = n / baseline
        figures.append((name, rate, rate / base_rate, against))
        print(f"{name:<44} {rate:>12,.0f} tx/s   {rate / base_rate:>8.3f}x {against}")
        return rate

    # -- in memory ----------------------------------------------------------------------------------------------
    def bare_loop() -> None:
        balances: dict[str, int] = {}
        for entry in postings:
            for account, units in entry:
                balances[account] = balances.get(account, 0) + units

    bare = best(bare_loop)
    print(f"{'baseline: bare dict loop':<44} {count / bare:>12,.0f} tx/s")

    # What the goal "0.2x the bare loop" leaves room for: a loop that posts — each key once, no overdraft counting
    # reservations, a record kept per transaction — with no input checked, no fingerprint, no date and no types.
    records = [
        (t.key, str(t.postings[0].account), str(t.postings[1].account), t.postings[0].units, t.pending, t.resolves)
        for t in journal
    ]

    def minimal_posting_loop() -> None:
        balances: dict[str, int] = {}
        reserved: dict[str, int] = {}
        keys: dict[str, int] = {}
        kept: list[tuple[Any, ...]] = []
        for record in records:
            key, to, payer, units, pending, resolves = record
            if key in keys:
                raise KeyError(key)
            if resolves is not None:  # the journal's resolutions are all completions: the reservation is posted
                reserved[payer] -= units
            else:
                available = balances.get(payer, 0) - reserved.get(payer, 0)
                if payer.startswith("prepaid:") and available < units:
                    raise ValueError(key)
                if pending:
                    reserved[payer] = reserved.get(payer, 0) + units
            if not pending:
                balances[payer] = balances.get(payer, 0) - units
                balances[to] = balances.get(to, 0) + units
            keys[key] = len(kept)
            kept.append(record)

    minimal = best(minimal_posting_loop)
    report("reference: minimal posting loop, no checks", minimal, bare, "bare loop")
    service = best(lambda ledger: post(ledger, operations), repeats=2, setup=lambda: Ledger(MemoryLedgerStore()))
    report("memory store, Ledger, one operation at a time", service, bare, "bare loop")
    prebuilt = batches_of(operations)
    bulk = best(lambda ledger: post_batches(ledger, prebuilt), setup=lambda: Ledger(MemoryLedgerStore()))
    report(f"memory store, Ledger.post_many ({BATCH:,} a batch)", bulk, bare, "bare loop")
    report("  the same, vs the minimal posting loop", bulk, minimal, "minimal loop")
    built = best(lambda ledger: post_in_bulk(ledger, operations), repeats=2, setup=lambda: Ledger(MemoryLedgerStore()))
    report("  the same, building the requests as it goes", built, bare, "bare loop")
    bulk_ledger = Ledger(MemoryLedgerStore(), clock=reference.clock)
    post_in_bulk(bulk_ledger, operations)
    assert [(t.key, t.postings, t.pending, t.resolves) for t in bulk_ledger.journal()] == [
        (t.key, t.postings, t.pending, t.resolves) for t in journal
    ], "the bulk path must post the same journal"
    del bulk_ledger

    def append_all(store: MemoryLedgerStore) -> None:
        for first in range(0, count, BATCH):
            chunk = journal[first : first + BATCH]
            with store.writing() as session:
                session.append([entry_of(t) for t in chunk], ["x"] * len(chunk), changes[first])

    # Each batch's balance changes: the balances after it less the balances before it (computed once, untimed).
    changes: dict[int, dict[Any, AccountBalance]] = {}
    before: dict[Any, AccountBalance] = {}
    for first in range(0, count, BATCH):
        after = replay(journal[: first + BATCH])
        changes[first] = {
            account: AccountBalance(
                posted=balance.posted - before.get(account, ZERO).posted,
                pending_debits=balance.pending_debits - before.get(account, ZERO).pending_debits,
                pending_credits=balance.pending_credits - before.get(account, ZERO).pending_credits,
            )
            for account, balance in after.items()
        }
        before = after
    appended = best(append_all, setup=MemoryLedgerStore)
    report("memory store, the journal's entries appended", appended, bare, "bare loop")

    tracemalloc.start()
    measured = Ledger(MemoryLedgerStore())
    before = tracemalloc.get_traced_memory()[0]
    post(measured, operations[:20_000])
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per_transaction = (after - before) / len(measured.journal())
    print(f"{'memory per transaction (tracemalloc)':<44} {per_transaction:>12,.0f} bytes")
    del measured

    # -- SQLite -------------------------------------------------------------------------------------------------
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        counter = iter(range(10**6))

        def fresh() -> Path:
            return folder / f"bench-{next(counter)}.sqlite"

        # raw inserts and post_many alternate, so that a change in the machine's load skews both alike
        raw_timings, bulk_timings = [], []
        for repeat in range(3):
            pair = (
                lambda: raw_timings.append(raw_inserts(fresh(), journal, commit_each=False)),
                lambda: bulk_timings.append(
                    sqlite_ledger(fresh(), operations, batch=BATCH, durable=False, bulk=prebuilt)[0]
                ),
            )
            for run in pair if repeat % 2 == 0 else reversed(pair):
                run()
        raw, sqlite_bulk = min(raw_timings), min(bulk_timings)
        print(f"\n{'baseline: raw sqlite3 inserts, one commit':<44} {count / raw:>12,.0f} tx/s")
        batched, store = sqlite_ledger(fresh(), operations, batch=BATCH, durable=False, keep=True)
        report(f"SQLite, one at a time in store.batch() ({BATCH:,})", batched, raw, "raw inserts")
        report(f"SQLite, Ledger.post_many ({BATCH:,} a batch)", sqlite_bulk, raw, "raw inserts")

        slice_operations = operations[:1000]
        slice_journal = Ledger(MemoryLedgerStore())
        post(slice_journal, slice_operations)
        sliced = slice_journal.journal()
        raw_durable = min(raw_inserts(fresh(), sliced, commit_each=True) for _ in range(REPEATS))
        print(f"{'baseline: raw inserts, durable commit each':<44} {len(sliced) / raw_durable:>12,.0f} tx/s")
        durable = min(sqlite_ledger(fresh(), slice_operations, batch=None, durable=True)[0] for _ in range(REPEATS))
        report(
            f"SQLite store, durable commit each ({len(sliced)} tx)", durable, raw_durable, "raw inserts", len(sliced)
        )

        # -- balances -------------------------------------------------------------------------------------------
        on_disk = Ledger(store)

        def all_balances(reader_store: Any) -> None:
            with reader_store.reading() as reader:
                reader.balances()

        running_memory = best(lambda: all_balances(reference.store))
        running_sqlite = best(lambda: all_balances(store))
        replayed = best(lambda: replay(journal))

        present = sorted({organisation for _kind, organisation, _units, _key in operations[:1000]})

        def balance_calls(ledger: Ledger, calls: int = 10_000) -> float:
            start = time.perf_counter()
            for number in range(calls):
                ledger.balances(present[number % len(present)], "CHF")
            return (time.perf_counter() - start) / calls

        small = Ledger(MemoryLedgerStore())
        post(small, operations[:1000])
        small_disk = Ledger(SqliteLedgerStore(fresh(), durable=False))
        post(small_disk, operations[:1000])
        constant = {
            "memory": (min(balance_calls(small) for _ in range(REPEATS)),
                       min(balance_calls(reference) for _ in range(REPEATS))),
            "sqlite": (min(balance_calls(small_disk) for _ in range(REPEATS)),
                       min(balance_calls(on_disk) for _ in range(REPEATS))),
        }  # fmt: skip
        small_disk.store.close()

        # -- reading and auditing the file ----------------------------------------------------------------------
        def read_all() -> None:
            with store.reading() as reader:
                for _transaction in reader.transactions():
                    pass

        raw_reading = best(lambda: raw_journal_read(store.path))
        print(f"\n{'baseline: raw sqlite3 read of the journal rows':<44} {count / raw_reading:>12,.0f} tx/s")
        reading = best(read_all)
        report("SQLite, the journal read as transactions", reading, raw_reading, "raw rows")
        audited = best(lambda: check_invariants(store), repeats=2)
        report("SQLite, check_invariants of the whole file", audited, raw_reading, "raw rows")
        tracemalloc.start()
        check_invariants(store)
        audit_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{'check_invariants peak memory (tracemalloc)':<44} {audit_peak / 1e6:>12,.1f} MB")
        store.close()

    # -- beancount ----------------------------------------------------------------------------------------------
    from beancount import loader
    from beancount.core import realization
    from beancount.parser import parser

    text = beancount_text(journal)
    start = time.perf_counter()
    parser.parse_string(text)
    parsing = time.perf_counter() - start
    start = time.perf_counter()
    entries, errors, _options = loader.load_string(text)
    loaded = time.perf_counter() - start
    assert not errors, errors[:3]
    start = time.perf_counter()
    realized = realization.realize(entries)
    bean_balances = {
        real_account.account: real_account.balance
        for real_account in realization.iter_children(realized)
        if real_account.account.startswith("Liabilities:Prepaid:")
    }
    realized_seconds = time.perf_counter() - start
    beancount_seconds = loaded + realized_seconds
    ours = {str(account): balance for account, balance in reference.store.balances().items() if account.is_prepaid}
    assert len(bean_balances) == len(ours)
    print(f"\n{'baseline: beancount load + realize (once)':<44} {count / beancount_seconds:>12,.0f} tx/s")
    report("memory, one operation at a time, vs beancount", service, beancount_seconds, "beancount")
    report("memory, post_many, vs beancount", bulk, beancount_seconds, "beancount")
    report("  post_many building its requests, vs beancount", built, beancount_seconds, "beancount")
    unparsed = beancount_seconds - parsing
    print(f"{'baseline: beancount without its parsing':<44} {count / unparsed:>12,.0f} tx/s")
    report("memory, post_many, vs beancount unparsed", bulk, unparsed, "beancount unparsed")
    report("SQLite, one at a time in batch(), vs beancount", batched, beancount_seconds, "beancount")
    report("SQLite, post_many, vs beancount", sqlite_bulk, beancount_seconds, "beancount")
    report("SQLite, check_invariants, vs beancount load", audited, beancount_seconds, "beancount")

    print(f"\nevery balance: running balances (memory)  {running_memory * 1e3:9.3f} ms")
    print(f"every balance: running balances (SQLite)  {running_sqlite * 1e3:9.3f} ms")
    print(f"every balance: replay of the journal      {replayed * 1e3:9.3f} ms")
    print(f"every balance: beancount realize          {realized_seconds * 1e3:9.3f} ms "
          f"(running balances {realized_seconds / running_memory:,.0f}x faster in memory, "
          f"{realized_seconds / running_sqlite:,.0f}x on SQLite)")  # fmt: skip
    for kind, (at_1k, at_full) in constant.items():
        print(
            f"one current balance ({kind}): {at_1k * 1e6:6.2f} µs at 1,000 ops, {at_full * 1e6:6.2f} µs at "
            f"{count:,} tx (ratio {at_full / at_1k:.2f})"
        )


if __name__ == "__main__":
    main()
