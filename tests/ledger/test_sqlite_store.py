"""The SQLite store: reopening, crashes and concurrent writers, threads and processes. A batch is committed when its
block ends, and a reopened file holds exactly what the memory store holds after the same operations.
"""

from __future__ import annotations

import collections
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Iban, InsufficientFunds, Ledger, PaypalAddress, check_invariants, prepaid
from tests import strategies as s

from .support import STORES, new_ledger, snapshot, ticking_clock

WORKER = Path(__file__).with_name("ledger_worker.py")
DAY = date(2026, 3, 2)
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def test_reopening_the_file_gives_the_same_journal_and_balances(tmp_path: Path) -> None:
    ledger = new_ledger("sqlite", tmp_path)
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    request = ledger.request_payout(
        organisation="acme",
        amount=Money("30", "CHF"),
        destination=Iban("CH9300762011623852957"),
        effective=DAY,
        key="p",
    )
    ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("7.25", "EUR"), effective=DAY)
    before = snapshot(ledger)
    ledger.store.close()

    reopened = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite"))
    assert snapshot(reopened) == before
    assert reopened.balances("acme", "CHF").available == Money("70.00", "CHF")
    reopened.complete_payout(request=request.sequence, effective=DAY, key="p-done")
    assert reopened.balances("acme", "CHF").posted == Money("70.00", "CHF")
    check_invariants(reopened.store)
    reopened.store.close()


def test_a_batch_commits_many_transactions_at_once_and_a_refused_one_is_left_out(tmp_path: Path) -> None:
    ledger = new_ledger("sqlite", tmp_path)
    with ledger.store.batch():
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
        with pytest.raises(InsufficientFunds):
            ledger.pay_order(organisation="acme", order_id="A", amount=Money("11", "CHF"), effective=DAY, key="pay")
        ledger.pay_order(organisation="acme", order_id="A", amount=Money("4", "CHF"), effective=DAY, key="pay")
    assert [t.key for t in ledger.journal()] == ["t-1", "pay"]
    check_invariants(ledger.store)
    ledger.store.close()


def test_an_error_inside_a_batch_discards_the_whole_batch(tmp_path: Path) -> None:
    ledger = new_ledger("sqlite", tmp_path)
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
    before = snapshot(ledger)

    def give_up_halfway() -> None:
        with ledger.store.batch():
            ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-2")
            raise RuntimeError("the caller gave up")

    with pytest.raises(RuntimeError):
        give_up_halfway()
    assert snapshot(ledger) == before
    ledger.store.close()


@pytest.mark.slow
def test_a_writer_killed_at_random_points_leaves_only_whole_transactions(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    rng = random.Random(2026)
    kills = 50 if THOROUGH else 3
    lengths = []
    reported_in_all = 0
    batches_seen = 0
    for round_number in range(kills):
        writer = subprocess.Popen(
            [sys.executable, str(WORKER), "write", str(path), str(round_number)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        reported = writer.stdout.read()
        writer.stdout.close()
        committed = {
            line.split()[1]: int(line.split()[2])
            for line in reported.splitlines()[:-1]  # the last line may have been cut by the kill
            if line.startswith("committed ")
        }
        with SqliteLedgerStore(path) as store:
            check_invariants(store)
            with store.reading() as reader:
                journal = list(reader.transactions())
        kept = {transaction.key: transaction.sequence for transaction in journal}
        assert committed.items() <= kept.items(), "a transaction reported committed was lost"
        batches = collections.Counter(key.rsplit("-batch-", 1)[0] for key in kept if "-batch-" in key)
        sizes = {key.rsplit("-batch-", 1)[0]: int(key.rsplit("-of-", 1)[1]) for key in kept if "-batch-" in key}
        assert batches == sizes, "a bulk posting is on file in part"
        batches_seen += len(batches)
        reported_in_all += len(committed)
        lengths.append(len(journal))
    assert lengths == sorted(lengths)
    assert lengths[-1] > 0
    assert reported_in_all > 0, "the writer never reported a commit: the lost-write check checked nothing"
    assert batches_seen > 0, "the writer never committed a bulk posting: the whole-batch check checked nothing"


@pytest.mark.parametrize("kind", STORES)
def test_threads_racing_payments_and_payouts_never_overdraw_and_lose_nothing(tmp_path: Path, kind: str) -> None:
    ledger = new_ledger(kind, tmp_path)
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="fund")
    taken: list[int] = []
    refused: list[int] = []
    failures: list[BaseException] = []
    guard = threading.Lock()
    start = threading.Barrier(6)

    def spend(name: str) -> None:
        try:
            spend_25_times(name)
        except BaseException as failure:  # a thread's error is only a warning unless the test reports it
            with guard:
                failures.append(failure)

    def spend_25_times(name: str) -> None:
        rng = random.Random(name)
        start.wait()
        for number in range(25):
            key = f"{name}-{number}"
            amount = Money.from_minor_units(rng.randint(1, 200), "CHF")
            try:
                if number % 2:
                    ledger.pay_order(organisation="acme", order_id=key, amount=amount, effective=DAY, key=key)
                else:
                    request = ledger.request_payout(
                        organisation="acme", amount=amount, destination=Iban("CH9300762011623852957"),
                        effective=DAY, key=key,
                    )  # fmt: skip
                    ledger.complete_payout(request=request.sequence, effective=DAY, key=f"{key}-done")
            except InsufficientFunds:
                with guard:
                    refused.append(1)
            else:
                with guard:
                    taken.append(amount.minor_units())

    threads = [threading.Thread(target=spend, args=(f"thread-{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []  # each thread ran its 25 operations to the end, refused or not
    balances = ledger.balances("acme", "CHF")
    assert balances.posted.minor_units() == 10_000 - sum(taken)
    assert balances.available.minor_units() >= 0
    assert balances.pending.minor_units() == 0  # each request a thread made, it completed
    assert refused, "the race never reached the limit"
    check_invariants(ledger.store)
    ledger.store.close()


#: How many times two processes race on a fresh file, each pair with amounts of its own: a race is one interleaving of
#: the two, whichever the scheduler gave it.
RACES = 10 if THOROUGH else 1


@pytest.mark.slow
@pytest.mark.parametrize("race", range(RACES))
def test_two_processes_racing_on_one_file_never_overdraw_and_lose_nothing(tmp_path: Path, race: int) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="fund")
    start = time.time() + 1.5
    names = (f"left-{race}", f"right-{race}")
    racers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "race", str(path), name, "60", str(start)], stdout=subprocess.PIPE, text=True
        )
        for name in names
    ]
    results = [json.loads(racer.communicate(timeout=120)[0]) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers)

    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        balances = ledger.balances("acme", "CHF")
        journal = ledger.journal()
        check_invariants(store)
    taken = sum(sum(result["taken"]) for result in results)
    assert balances.posted.minor_units() == 10_000 - taken
    assert balances.available.minor_units() >= 0
    assert balances.pending.minor_units() == 0  # each request a racer made, it completed
    assert sum(result["refused"] for result in results) > 0, "the race never reached the limit"
    # … and each racer's own: what the file holds under its keys is what it was told it took, no more, no less
    for name, result in zip(names, results, strict=True):
        held = -sum(
            t.units_for(prepaid("acme", "CHF")) for t in journal if t.key.startswith(f"{name}-") and not t.pending
        )
        assert held == sum(result["taken"]), f"{name} was told it took {sum(result['taken'])}, the file holds {held}"
    assert {t.key for t in journal if not t.key.startswith(tuple(f"{name}-" for name in names))} == {"fund"}


@given(reference=s.ledger_free_texts(max_size=20), order=s.ledger_texts(max_size=20))
def test_metadata_of_any_text_is_stored_as_json_and_read_back_unchanged(reference: str, order: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ledger.sqlite"
        with SqliteLedgerStore(path, durable=False) as store:
            ledger = Ledger(store)
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t", reference=reference)
            ledger.pay_order(organisation="acme", order_id=order, amount=Money("9", "CHF"), effective=DAY, key="p",
                             partial=True)  # fmt: skip
            written = ledger.journal()
        with SqliteLedgerStore(path, durable=False) as store:
            assert Ledger(store).journal() == written
            with closing(sqlite3.connect(path)) as raw:
                stored = [json.loads(text) for (text,) in raw.execute("SELECT metadata FROM ledger_transactions")]
        assert stored == [[list(pair) for pair in transaction.metadata] for transaction in written]


def test_a_read_only_store_never_creates_a_file(tmp_path: Path) -> None:
    from infomanager_core.adapters.sqlite_ledger import NotALedgerFile

    missing = tmp_path / "missing.sqlite"
    with pytest.raises(NotALedgerFile, match="cannot be opened"):
        SqliteLedgerStore(missing, read_only=True)
    assert not missing.exists()


def test_balances_are_stored_as_integers_only(tmp_path: Path) -> None:
    import sqlite3

    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        Ledger(store).top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="fund")
    with sqlite3.connect(tmp_path / "ledger.sqlite") as raw, pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        raw.execute("UPDATE ledger_balances SET posted = posted + 9223372036854775807")  # would overflow to REAL
    raw.close()


MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def a_week_of_business(ledger: Ledger) -> None:
    """Two organisations, two currencies, every kind of transaction, a payout of each outcome and a reversal."""
    for organisation in ("acme", "globex"):
        ledger.top_up(organisation=organisation, amount=chf("100"), effective=MONDAY, key=f"t-{organisation}")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=chf("12.35"), effective=MONDAY, key="pay-A-1")
    ledger.pay_order(
        organisation="globex", order_id="G-1", amount=chf("250"), effective=MONDAY, key="pay-G-1", partial=True
    )
    ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("7.25", "EUR"), effective=MONDAY)
    ledger.deposit_cancelled_transfer(
        payer="globex", order_id="G-2", amount=Money("40", "EUR"), effective=TUESDAY, key="dep-G-2"
    )
    requests = [
        ledger.request_payout(
            organisation="acme", amount=chf(amount), destination=destination, effective=TUESDAY, key=f"out-{amount}"
        ).sequence
        for amount, destination in (
            ("10", Iban("CH9300762011623852957")),
            ("20", PaypalAddress("billing@acme.ch")),
            ("30", Iban("CH9300762011623852957")),
            ("5", PaypalAddress("billing@acme.ch")),
        )
    ]
    ledger.complete_payout(request=requests[0], effective=TUESDAY, key="out-10-done")
    ledger.fail_payout(request=requests[1], effective=TUESDAY, key="out-20-failed", reason="account closed")
    ledger.cancel_payout(request=requests[2], effective=TUESDAY, key="out-30-cancelled")
    ledger.top_up(organisation="acme", amount=chf("1"), effective=TUESDAY, key="payout_request")  # a key is any text
    top_up = ledger.top_up(organisation="globex", amount=chf("3"), effective=TUESDAY, key="t-twice")
    ledger.reverse(sequence=top_up.sequence, effective=TUESDAY, key="undo-t-twice", reason="sent twice")


def test_a_batch_is_committed_when_its_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger(SqliteLedgerStore(path, durable=False))
    with ledger.store.batch():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key="t-1")
        ledger.top_up(organisation="acme", amount=chf("5"), effective=MONDAY, key="t-2")
    with SqliteLedgerStore(path, durable=False, read_only=True) as other:  # another connection, as an auditor's
        assert Ledger(other).balances("acme", "CHF").posted == chf("15")
        assert [transaction.key for transaction in Ledger(other).journal()] == ["t-1", "t-2"]
    ledger.store.close()
    with SqliteLedgerStore(path, durable=False) as reopened:
        assert Ledger(reopened).balances("acme", "CHF").posted == chf("15")


def test_a_reopened_file_holds_what_the_memory_store_holds_after_the_same_operations(tmp_path: Path) -> None:
    memory = new_ledger("memory", tmp_path)
    written = new_ledger("sqlite", tmp_path)
    for ledger in (memory, written):
        a_week_of_business(ledger)
    written.store.close()
    reopened = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite", read_only=True), clock=ticking_clock())
    assert snapshot(reopened) == snapshot(memory)
    for organisation in ("acme", "globex"):
        assert reopened.prepaid_balances(organisation) == memory.prepaid_balances(organisation)
        assert reopened.statement(organisation, "CHF") == memory.statement(organisation, "CHF")
        assert reopened.pending_payouts(organisation, "CHF") == memory.pending_payouts(organisation, "CHF")
    assert reopened.journal(start=TUESDAY) == memory.journal(start=TUESDAY)
    with reopened.store.reading() as file, memory.store.reading() as kept:
        assert file.head() == kept.head()
        balances = kept.balances()
        assert any(balance.pending_credits for balance in balances.values())  # a payout request is still pending
        for account, balance in balances.items():  # each read alone too, as a payment's overdraft check reads one
            assert file.balance(account) == balance
        for transaction in kept.transactions():
            assert file.transaction(transaction.sequence) == transaction
            assert file.recorded_many([transaction.key, "never-used"]) == kept.recorded_many(
                [transaction.key, "never-used"]
            )
    check_invariants(reopened.store)
    reopened.store.close()


def test_a_read_only_store_on_a_live_file_sees_what_is_written_after_it_opened(tmp_path: Path) -> None:
    """Only a file on a read-only file system is read as immutable: an auditor's view of a live file follows it."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=chf("20"), effective=MONDAY, key="t-1")
    with SqliteLedgerStore(path, read_only=True) as auditor:
        assert Ledger(auditor).balances("acme", "CHF").posted == chf("20")
        with SqliteLedgerStore(path, durable=False) as store:
            Ledger(store).top_up(organisation="acme", amount=chf("5"), effective=TUESDAY, key="t-2")
            assert Ledger(auditor).balances("acme", "CHF").posted == chf("25")
            assert [transaction.key for transaction in Ledger(auditor).journal()] == ["t-1", "t-2"]
