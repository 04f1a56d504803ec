"""Several workers at once: the same operation, key, payout, reversal, booking or batch from many threads and processes.

An invoicing service retries: a request that timed out at the load balancer is sent again to another worker, so the
same operation under the same key often reaches two workers at the same moment. Each test below lets every worker
reach its write before any of them starts it (a barrier in the store's unit of work: :class:`GatedStore`), so the
race always happens, then asserts what must hold whoever wins:

* the outcome of every worker and the journal are those of the workers run one after the other, in the order of the
  sequences they were given (:func:`assert_serialisable`, against a fresh ledger in memory as the reference);
* and the rule the contest is about, stated plainly (one transaction, one resolution, one reversal, whole batches).

The contests themselves live in ``ledger_worker.py``, so that processes race exactly what threads race.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, LedgerStore, check_invariants

from .ledger_worker import CONTESTS, Contest, GatedStore, attempt, summary
from .support import new_ledger, ticking_clock

WORKER = Path(__file__).with_name("ledger_worker.py")
DAY = date(2026, 3, 2)
#: a ledger in memory, one on file shared by the threads, one on file that each thread opens for itself, and one in
#: the tests' journal store
STORES = ["memory", "sqlite", "sqlite-store-per-thread", "journal"]
Outcomes = dict[str, dict[str, Any]]


# -- racing --------------------------------------------------------------------------------------------------------


def race_threads(ledger: Ledger, contest: Contest, opening: Callable[[], LedgerStore] | None = None) -> Outcomes:
    """Every worker of ``contest`` in a thread of its own, all at its write before any goes on; sharing ``ledger``'s
    store, or each with a store of its own from ``opening`` (the same file)."""
    gate = threading.Barrier(len(contest.workers), timeout=60)
    arrived: list[str] = []

    def arrive() -> None:
        arrived.append(threading.current_thread().name)
        gate.wait()  # a worker that never comes breaks the barrier, and every other worker's post with it
        time.sleep(0)  # let the others run: the last to arrive would otherwise go on first, and always win

    outcomes: Outcomes = {}
    failures: list[BaseException] = []

    def work(name: str) -> None:
        try:
            store = ledger.store if opening is None else opening()
            try:
                outcomes[name] = attempt(contest, Ledger(GatedStore(store, arrive), clock=ledger.clock), name)
            finally:
                if opening is not None:
                    store.close()
        except BaseException as failure:  # not the library's refusal: the test's own failure, raised below
            failures.append(failure)

    threads = [threading.Thread(target=work, args=(name,), name=name) for name in contest.workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    assert sorted(arrived) == sorted(contest.workers), "a worker never reached its write: nothing raced"
    return outcomes


def race_processes(path: Path, doors: Path, contest: str, workers: tuple[str, ...]) -> Outcomes:
    """``workers`` of ``contest`` each in a process of its own on the file at ``path``, all at its write (a door file
    each in ``doors``) before any goes on. The door is the start signal: a start time, as the other process tests
    use, makes a race likely; waiting for every worker to be at its write makes it certain."""
    doors.mkdir()
    contend = [sys.executable, str(WORKER), "contend", str(path), contest]
    processes = {
        name: subprocess.Popen([*contend, name, str(doors), str(len(workers))], stdout=subprocess.PIPE, text=True)
        for name in workers
    }
    outcomes = {name: json.loads(process.communicate(timeout=120)[0]) for name, process in processes.items()}
    assert all(process.returncode == 0 for process in processes.values())
    assert sorted(door.name for door in doors.iterdir()) == sorted(workers), "a worker never reached its write"
    return outcomes


# -- what must hold whoever wins -----------------------------------------------------------------------------------


def journal(ledger: Ledger) -> list[dict[str, Any]]:
    return [summary(transaction) for transaction in ledger.journal()]


def unstamped(value: Any) -> Any:
    """``value`` without its ``recorded_at`` times (a worker's clock is its own), at any depth."""
    if isinstance(value, dict):
        return {name: unstamped(item) for name, item in value.items() if name != "recorded_at"}
    if isinstance(value, list):
        return [unstamped(item) for item in value]
    return value


def sequences(found: dict[str, Any]) -> list[int]:
    """The sequences a successful outcome names (a transaction's, a booked order's, a batch's); none for a refusal."""
    if "transaction" in found:
        return [found["transaction"]["sequence"]]
    if "booked" in found:
        return [found["booked"][part]["sequence"] for part in ("payment", "cashback") if found["booked"][part]]
    return [transaction["sequence"] for transaction in found.get("batch", [])]


def assert_serialisable(contest: Contest, outcomes: Outcomes, ledger: Ledger) -> None:
    """The race ended as the same workers run one at a time would have: the accepted ones in the order of the last
    sequence each was given, then the refused ones, on a fresh ledger in memory. Every worker got what it got there,
    the journal is that journal and the balances those balances; and the ledger passes its audit.

    Workers given the same last sequence asked for one transaction, which one of them posted and the others got back:
    each in turn is tried first (a retry may differ from the original in what the key does not cover, such as the
    effective date, and then only its poster going first gives the same journal).
    """
    accepted = sorted(
        (name for name in contest.workers if sequences(outcomes[name])), key=lambda name: max(sequences(outcomes[name]))
    )
    refused = [name for name in contest.workers if not sequences(outcomes[name])]
    groups = [list(group) for _, group in itertools.groupby(accepted, key=lambda name: max(sequences(outcomes[name])))]
    tried = []
    for leaders in itertools.product(*groups):
        order = [
            name for leader, group in zip(leaders, groups, strict=True) for name in dict.fromkeys([leader, *group])
        ]
        reference = Ledger(clock=ticking_clock())
        contest.setup(reference)
        expected = {name: attempt(contest, reference, name) for name in order + refused}
        with reference.store.reading() as serial:
            tried.append((unstamped(expected), unstamped(journal(reference)), serial.balances()))
    with ledger.store.reading() as raced:
        found = (unstamped(outcomes), unstamped(journal(ledger)), raced.balances())
    if found not in tried:
        assert found == tried[0], "no order of the workers one at a time ends as the race did"
    check_invariants(ledger)


def posted_in_race(ledger: Ledger, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    after = journal(ledger)
    assert after[: len(before)] == before, "the race changed what was there before it"
    return after[len(before) :]


def winners(outcomes: Outcomes) -> list[str]:
    return [name for name, found in outcomes.items() if "refused" not in found]


# -- threads: the ledger in memory, on file shared by the threads, or on file with a store per thread --------------

Run = Callable[[str], tuple[Outcomes, Ledger, list[dict[str, Any]]]]


@pytest.fixture(params=STORES)
def run(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Run a contest by name on a fresh ledger (in memory or on file) in its workers' threads: the outcomes, the
    ledger after the race and the journal before it."""
    ledgers: list[Ledger] = []
    kind, opening = request.param, None
    if kind == "sqlite-store-per-thread":
        kind, opening = "sqlite", lambda: SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False)

    def run_contest(name: str) -> tuple[Outcomes, Ledger, list[dict[str, Any]]]:
        ledger = new_ledger(kind, tmp_path)
        ledgers.append(ledger)
        contest = CONTESTS[name]
        contest.setup(ledger)
        before = journal(ledger)
        outcomes = race_threads(ledger, contest, opening)
        assert_serialisable(contest, outcomes, ledger)
        return outcomes, ledger, before

    yield run_contest
    for ledger in ledgers:
        ledger.store.close()


# -- the rule each contest is about ---------------------------------------------------------------------------------

Check = Callable[[Outcomes, Ledger, list[dict[str, Any]]], None]


def posted_once_and_all_got_it(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
    (posted,) = posted_in_race(ledger, before)
    assert all(found == {"transaction": posted} for found in outcomes.values())


def posted_once_and_the_others_conflict(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
    """Workers named ``CONTENT-N`` ask for the same thing when their ``CONTENT`` is the same."""
    (posted,) = posted_in_race(ledger, before)
    content = {name: name.split("-")[0] for name in outcomes}
    winner = winners(outcomes)[0]
    for name, found in outcomes.items():
        if content[name] == content[winner]:
            assert found == {"transaction": posted}
        else:
            assert (found["refused"], found["key"], found["sequence"]) == (
                "IdempotencyConflict", "pay-O-1", posted["sequence"]
            )  # fmt: skip
            assert "'pay-O-1'" in found["message"]


def resolved_once(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
    (resolution,) = posted_in_race(ledger, before)
    (winner,) = winners(outcomes)
    assert outcomes[winner] == {"transaction": resolution}
    for name in set(outcomes) - {winner}:
        found = outcomes[name]
        assert (found["refused"], found["request"], found["resolution"]) == (
            "PayoutAlreadyResolved", resolution["resolves"], resolution["sequence"]
        )  # fmt: skip
    balances = ledger.balances("acme", "CHF")
    spent = 6000 if winner.startswith("complete") else 0  # the reservation spent once, or released once
    assert (balances.posted.minor_units(), balances.pending.minor_units()) == (10_000 - spent, 0)


def reversed_once(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
    (reversal,) = posted_in_race(ledger, before)
    (winner,) = winners(outcomes)
    assert outcomes[winner] == {"transaction": reversal}
    for name in set(outcomes) - {winner}:
        found = outcomes[name]
        assert (found["refused"], found["sequence"], found["reversal"]) == (
            "AlreadyReversed", reversal["reverses"], reversal["sequence"]
        )  # fmt: skip
    assert ledger.balances("acme", "CHF").posted.minor_units() == 10_000


def booked_once(paid: str, still_due: str) -> Check:
    def check(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
        payment, cashback = posted_in_race(ledger, before)
        assert (payment["kind"], payment["key"], cashback["kind"]) == ("order_payment", "pay-REN-1", "cashback")
        booked = {"payment": payment, "cashback": cashback, "paid_from_prepaid": paid, "still_due": still_due}
        assert all(found == {"booked": booked} for found in outcomes.values())
        assert ledger.balances("agency", "EUR").posted.minor_units() == 115

    return check


def paid_once(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
    """One worker paid the order (and, booking, credited its cashback); every other was refused ``OrderAlreadyPaid``
    naming the winner's payment, and its own key recorded nothing."""
    posted = posted_in_race(ledger, before)
    payments = [transaction for transaction in posted if transaction["kind"] == "order_payment"]
    (payment,) = payments
    (winner,) = winners(outcomes)
    for name in set(outcomes) - {winner}:
        found = outcomes[name]
        refusal = found["error"] if found["refused"] == "BatchRefused" else found
        assert (refusal["refused"], refusal["key"], refusal["sequence"]) == (
            "OrderAlreadyPaid", payment["key"], payment["sequence"]
        )  # fmt: skip
    assert len(posted) == len(sequences(outcomes[winner]))


def whole_batches(accepted: int, refusal: str | None) -> Check:
    """``accepted`` batches taken, each whole; the others refused whole, for ``refusal``; every key posted once."""

    def check(outcomes: Outcomes, ledger: Ledger, before: list[dict[str, Any]]) -> None:
        posted = posted_in_race(ledger, before)
        keys = [transaction["key"] for transaction in posted]
        assert len(keys) == len(set(keys)), "a key posted twice"
        taken = winners(outcomes)
        assert len(taken) == accepted
        assert set(keys) == {transaction["key"] for name in taken for transaction in outcomes[name]["batch"]}
        by_sequence = {transaction["sequence"]: transaction for transaction in journal(ledger)}
        for name in taken:
            assert all(by_sequence[transaction["sequence"]] == transaction for transaction in outcomes[name]["batch"])
        for name in set(outcomes) - set(taken):
            assert (outcomes[name]["refused"], outcomes[name]["error"]["refused"]) == ("BatchRefused", refusal)

    return check


# -- the contests, in threads over each store ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "contest", ["same-payment", "same-payment-either-side-of-midnight", "same-payout-request", "same-cashback"]
)
def test_workers_posting_one_operation_under_one_key_at_once_post_it_once_and_all_get_it(
    run: Run, contest: str
) -> None:
    posted_once_and_all_got_it(*run(contest))


@pytest.mark.parametrize("contest", ["one-key-other-amounts", "one-key-other-organisations"])
def test_workers_posting_other_content_under_one_key_at_once_post_one_and_the_others_conflict_naming_the_key(
    run: Run, contest: str
) -> None:
    posted_once_and_the_others_conflict(*run(contest))


def test_a_payout_completed_failed_and_cancelled_at_once_is_resolved_once(run: Run) -> None:
    resolved_once(*run("payout-resolutions"))


def test_a_transaction_reversed_by_workers_under_other_keys_at_once_is_reversed_once(run: Run) -> None:
    reversed_once(*run("reversals"))


@pytest.mark.parametrize(
    ("contest", "paid", "still_due"),
    [("booking-in-full", "5.75 EUR", "0.00 EUR"), ("booking-in-part", "4.00 EUR", "1.75 EUR")],
)
def test_one_quote_booked_by_workers_with_one_payment_key_at_once_is_paid_once_and_credited_once(
    run: Run, contest: str, paid: str, still_due: str
) -> None:
    booked_once(paid, still_due)(*run(contest))


@pytest.mark.parametrize("contest", ["one-order-other-keys", "booking-under-other-keys", "batches-paying-one-order"])
def test_workers_paying_one_order_under_other_keys_at_once_pay_it_once_and_the_others_are_refused(
    run: Run, contest: str
) -> None:
    paid_once(*run(contest))


@pytest.mark.parametrize(
    ("contest", "accepted", "refusal"),
    [
        ("overlapping-batches", 3, None),
        ("clashing-batches", 2, "IdempotencyConflict"),  # a and c clash on "ca": one of them is refused whole
        ("batches-beyond-the-balance", 1, "InsufficientFunds"),  # 70 CHF each of 100: the first alone is taken
    ],
)
def test_batches_sharing_keys_posted_at_once_post_each_key_once_and_each_batch_whole_or_not_at_all(
    run: Run, contest: str, accepted: int, refusal: str | None
) -> None:
    whole_batches(accepted, refusal)(*run(contest))


# -- processes, each with its own store, on one file ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("contest", "processes", "check"),
    [
        ("same-payment", 2, posted_once_and_all_got_it),
        ("one-key-other-amounts", 2, posted_once_and_the_others_conflict),
        ("payout-resolutions", 3, resolved_once),  # completed, failed and cancelled at once
        ("booking-in-full", 2, booked_once("5.75 EUR", "0.00 EUR")),
        ("one-order-other-keys", 3, paid_once),
        ("booking-under-other-keys", 2, paid_once),
        ("batches-paying-one-order", 3, paid_once),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_processes_racing_on_one_file_end_as_if_they_had_taken_turns(
    tmp_path: Path, contest: str, processes: int, check: Check
) -> None:
    path = tmp_path / "ledger.sqlite"
    racing = CONTESTS[contest]._replace(workers=CONTESTS[contest].workers[:processes])
    with SqliteLedgerStore(path) as store:
        racing.setup(Ledger(store))
        before = journal(Ledger(store))
    outcomes = race_processes(path, tmp_path / "doors", contest, racing.workers)
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        assert_serialisable(racing, outcomes, ledger)
        check(outcomes, ledger, before)


# -- a ledger on file shared by threads that come and go --------------------------------------------------------------


def open_files() -> int:
    """How many files this process holds open (Linux's ``/proc``, or ``/dev/fd`` elsewhere)."""
    for directory in ("/proc/self/fd", "/dev/fd"):
        if Path(directory).is_dir():
            return len(list(Path(directory).iterdir()))
    pytest.skip("this system does not list a process's open files")


def test_a_ledger_on_file_shared_by_threads_that_come_and_go_keeps_no_file_open_for_a_finished_thread(
    tmp_path: Path,
) -> None:
    # A server that starts a thread per request (socketserver.ThreadingMixIn) shares one Ledger: each thread gets a
    # connection of its own, which must not outlive the thread, or the process runs out of file descriptors.
    ledger = new_ledger("sqlite", tmp_path)
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-0")
    opened = open_files()
    for number in range(1, 41):
        key = f"t-{number}"
        request = threading.Thread(
            target=lambda key=key: ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key=key)
        )
        request.start()
        request.join()
    assert ledger.balances("acme", "CHF").posted == Money("41", "CHF")
    assert open_files() - opened <= 4, "each finished thread left its connection to the file open"
    ledger.store.close()
