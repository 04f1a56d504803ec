"""Ledger benchmark: reading a busy account's recent past from an SQLite file, and auditing the file.

A reseller that pays its clients' orders from its prepaid balance for years has a long account. The data: one
organisation with 100 transactions a business day (50 top-ups, 50 order payments) for 600 days — 60,000 transactions
on one account, in an SQLite file — and two payout requests: an old one (day 30, completed on day 60) and a recent one
(ten days before the last 30, completed within them). The questions an invoicing service asks of it every month:

* the statement of the last 30 days (``Ledger.statement(start=…)``), against the baseline of the same statement built
  from the account's whole history (``statement_of`` over every transaction of the account, as the library did before
  it read periods by binary search);
* the statement from day 200 to now (a long period left open, starting in the first half of the file), against the same
  baseline;
* the balance at the end of the day before those 30 days (``Ledger.balance_at(on=…)``), against replaying the
  account's whole history up to that day;
* the payout requests pending at the end of that day (``Ledger.pending_payouts(on=…)``: the recent one), against the
  plain read of the account's whole history up to that day;
* the journal of the last day (``Ledger.journal(start=…)``), against reading the whole journal and keeping that day;
* ``check_invariants`` of the whole file, against a raw ``sqlite3`` read of the same journal rows, with its peak memory
  (``tracemalloc``) against that of holding the journal;
* ``Ledger.journal_digest()`` of the whole file (what an auditor keeps at a period's close), against the same raw read
  and against reading the journal's transactions through the store, which the digest does before it hashes them;
* one organisation's balances (``Ledger.prepaid_balances``, what the ``ledger balances`` command and an invoicing
  service's account page call) on a second file of 20,000 organisations holding one or two currencies each, and in
  memory, against the baseline of one account's ``Ledger.account_balances`` (one stored balance, constant time).

Each figure is a ratio to its baseline measured in the same run (higher is faster). Best of three repeats (one for the
audit; a read of one organisation's balances is repeated for a fifth of a second, as ``timeit`` does). Run:
``python benchmarks/bench_ledger_reads.py`` (``make bench``; about half a minute).
"""

from __future__ import annotations

import gc
import itertools
import platform
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_ledger import raw_journal_read
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    Ledger,
    LedgerStore,
    MemoryLedgerStore,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    PaypalAddress,
    TopUp,
    TransactionKind,
    check_invariants,
    prepaid,
    replay,
    statement_of,
)
from infomanager_core.ledger.balances import ZERO, Balances
from infomanager_core.money import Money

FIRST_DAY = date(2025, 1, 6)
DAYS = 600
PER_DAY = 50  # top-ups, and as many order payments
REPEATS = 3
#: each payout request's day and its completion's (days from the first): an old one, and one open the day before the
#: last 30 days
PAYOUTS = ((30, 60), (DAYS - 40, DAYS - 20))
#: the file of many organisations: each tops up in CHF, every third in EUR too
ORGANISATIONS = 20_000


def build(path: Path) -> None:
    operations: list[TopUp | OrderPayment | PayoutRequest | PayoutCompletion] = []
    requested: dict[int, int] = {}  # each request's completion day: the request's sequence
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        for made, completed in PAYOUTS:
            if offset == made:
                requested[completed] = len(operations) + 1
                operations.append(
                    PayoutRequest(organisation="reseller", amount=Money("50", "CHF"),
                                  destination=PaypalAddress("billing@reseller.ch"), effective=day, key=f"r-{offset}")
                )  # fmt: skip
            if offset == completed:
                operations.append(PayoutCompletion(request=requested[offset], effective=day, key=f"c-{offset}"))
        for n in range(PER_DAY):
            operations.append(
                TopUp(organisation="reseller", amount=Money("10", "CHF"), effective=day, key=f"t-{offset}-{n}")
            )
            operations.append(
                OrderPayment(
                    organisation="reseller",
                    order_id=f"o-{offset}-{n}",
                    amount=Money("3", "CHF"),
                    effective=day,
                    key=f"p-{offset}-{n}",
                )
            )
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=lambda: datetime(2026, 11, 27, tzinfo=UTC))
        for first in range(0, len(operations), 10_000):
            ledger.post_many(operations[first : first + 10_000])


def many_organisations(store: LedgerStore) -> Ledger:
    """A ledger of :data:`ORGANISATIONS` organisations in ``store``: a top-up each in CHF, every third one in EUR too."""
    operations = [
        TopUp(organisation=f"org-{n:05}", amount=Money("10", code), effective=FIRST_DAY, key=f"t-{n}-{code}")
        for n in range(ORGANISATIONS)
        for code in ("CHF", "EUR")[: 1 + (n % 3 == 0)]
    ]
    ledger = Ledger(store, clock=lambda: datetime(2026, 11, 27, tzinfo=UTC))
    with store.batch():
        for first in range(0, len(operations), 10_000):
            ledger.post_many(operations[first : first + 10_000])
    return ledger


def one_organisations_balances(directory: Path) -> None:
    """``prepaid_balances`` of one organisation among many, on a file and in memory, as a ratio to one account's
    ``account_balances`` (the constant-time read) in the same run."""
    on_file = SqliteLedgerStore(directory / "organisations.sqlite", durable=False)
    for where, ledger in (
        ("on a file", many_organisations(on_file)),
        ("in memory", many_organisations(MemoryLedgerStore())),
    ):
        organisation, account = "org-12345", prepaid("org-12345", "CHF")
        with ledger.store.reading() as reader:
            held = reader.balances()
        assert ledger.prepaid_balances(organisation) == tuple(
            Balances.of(a, b) for a, b in sorted(held.items(), key=lambda item: item[0].currency)
            if a.is_prepaid and a.owner == organisation
        )  # fmt: skip
        mine = per_call(lambda: ledger.prepaid_balances(organisation))  # noqa: B023
        theirs = per_call(lambda: ledger.account_balances(account))  # noqa: B023
        print(
            f"{'prepaid_balances of one organisation ' + where:<44} {mine * 1e6:9.1f} µs  {theirs / mine:8.4f}x "
            f"account_balances of one account ({theirs * 1e6:,.1f} µs; {len(held):,} accounts held)"
        )
    on_file.close()


def best(run: Callable[[], Any], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def per_call(run: Callable[[], Any]) -> float:
    """The best of three timings of ``run``, repeated as often as a fifth of a second holds, per call."""
    timer = timeit.Timer(run)
    number, _ = timer.autorange()
    return min(timer.repeat(REPEATS, number)) / number


def peak(run: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "reseller.sqlite"
        build(path)
        store = SqliteLedgerStore(path, read_only=True)
        ledger = Ledger(store)
        account = prepaid("reseller", "CHF")
        last_day = FIRST_DAY + timedelta(days=DAYS - 1)
        month = last_day - timedelta(days=29)
        day_before = month - timedelta(days=1)
        since_day_200 = FIRST_DAY + timedelta(days=200)
        with store.reading() as reader:
            count = sum(1 for _ in reader.transactions())
        print(f"journal: {count} transactions on one account, {DAYS} days")
        print(f"machine: {platform.machine()}, python {sys.version.split()[0]}, {__import__('os').cpu_count()} cpus\n")

        def whole_history_statement(start: date = month) -> Any:
            with store.reading() as reader:
                return statement_of(account, reader.transactions(account=account), start=start)

        def whole_history_balance() -> Balances:
            with store.reading() as reader:
                chosen = itertools.takewhile(lambda t: t.effective <= day_before, reader.transactions(account=account))
                return Balances.of(account, replay(chosen).get(account, ZERO))

        def whole_history_pending() -> list[Any]:
            with store.reading() as reader:
                pending: dict[int, Any] = {}
                for t in itertools.takewhile(lambda t: t.effective <= day_before, reader.transactions(account=account)):
                    if t.kind is TransactionKind.PAYOUT_REQUEST:
                        pending[t.sequence] = t
                    elif t.resolves is not None:
                        pending.pop(t.resolves, None)
                return list(pending.values())

        def whole_journal_day() -> list[Any]:
            with store.reading() as reader:
                return [t for t in reader.transactions() if t.effective >= last_day]

        def held() -> int:
            with store.reading() as reader:
                return len(list(reader.transactions()))

        assert ledger.statement("reseller", "CHF", start=month) == whole_history_statement()
        assert ledger.statement("reseller", "CHF", start=since_day_200) == whole_history_statement(since_day_200)
        assert ledger.balance_at("reseller", "CHF", on=day_before) == whole_history_balance()
        assert list(ledger.pending_payouts("reseller", "CHF", on=day_before)) == whole_history_pending()
        assert [t.key for t in whole_history_pending()] == [f"r-{PAYOUTS[1][0]}"]
        assert list(ledger.journal(start=last_day)) == whole_journal_day()

        rows = [
            ("statement of the last 30 days", lambda: ledger.statement("reseller", "CHF", start=month),
             whole_history_statement, "statement from the whole history"),
            ("statement from day 200 to now", lambda: ledger.statement("reseller", "CHF", start=since_day_200),
             lambda: whole_history_statement(since_day_200), "statement from the whole history"),
            ("balance at the end of the day before them", lambda: ledger.balance_at("reseller", "CHF", on=day_before),
             whole_history_balance, "replay of the whole history"),
            ("payouts pending at the end of that day", lambda: ledger.pending_payouts("reseller", "CHF", on=day_before),
             whole_history_pending, "the whole history up to that day read"),
            ("journal of the last day", lambda: ledger.journal(start=last_day),
             whole_journal_day, "the whole journal read and filtered"),
        ]  # fmt: skip
        for name, ours, baseline, against in rows:
            mine, theirs = best(ours), best(baseline)
            print(f"{name:<44} {mine * 1e3:9.1f} ms  {theirs / mine:8.1f}x {against} ({theirs * 1e3:,.0f} ms)")

        raw = best(lambda: raw_journal_read(path))
        audited = best(lambda: check_invariants(store), repeats=1)
        print(
            f"{'check_invariants of the whole file':<44} {audited * 1e3:9.1f} ms  {raw / audited:8.3f}x "
            f"raw sqlite3 read of its rows ({raw * 1e3:,.0f} ms)"
        )

        def journal_read() -> None:
            with store.reading() as reader:
                for _ in reader.transactions():
                    pass

        read = best(journal_read)
        digested = best(ledger.journal_digest)
        print(
            f"{'journal_digest of the whole file':<44} {digested * 1e3:9.1f} ms  {raw / digested:8.3f}x "
            f"raw sqlite3 read of its rows; {read / digested:.3f}x reading its transactions ({read * 1e3:,.0f} ms)"
        )
        audit_peak, held_peak = peak(lambda: check_invariants(store)), peak(held)
        print(
            f"{'check_invariants peak memory':<44} {audit_peak / 1e6:9.1f} MB  "
            f"(holding the journal: {held_peak / 1e6:,.1f} MB)"
        )
        store.close()
        one_organisations_balances(Path(directory))


if __name__ == "__main__":
    main()
