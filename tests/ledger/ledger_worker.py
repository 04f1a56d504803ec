"""A separate process that writes to an SQLite ledger, for the crash and concurrency tests.

``python ledger_worker.py write FILE SEED`` posts random operations until it is killed, printing ``ready`` once it
has started and then ``committed KEY SEQUENCE`` after each operation the ledger accepted (so the test can check
that nothing it was told is committed was lost); now and then it posts a batch with ``post_many``, whose keys end in
``-batch-I-of-N`` (so the test can check that a batch is on file whole or not at all). ``python ledger_worker.py race
FILE NAME ATTEMPTS START`` waits until the epoch time ``START``, then tries ``ATTEMPTS`` payments, payouts and bulk
postings of three payments against the organisation ``acme`` and prints, as JSON, the minor units each successful one
took. ``python ledger_worker.py contend FILE CONTEST NAME DOORS PEERS`` does worker ``NAME``'s part of the
:data:`CONTESTS` entry ``CONTEST`` (the same operation as its rivals, or one on the same key, payout or transaction),
its unit of work held at a door (:func:`door`) until all ``PEERS`` workers have reached theirs, and prints, as JSON,
what it got (:func:`outcome`). The thread tests race the same contests, with a ``threading.Barrier`` for the door.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from infomanager_core.access.examples import example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import (
    BatchRefused,
    Iban,
    InsufficientFunds,
    Ledger,
    LedgerError,
    LedgerReader,
    LedgerSession,
    LedgerStore,
    Operation,
    OrderPayment,
    PostedBatch,
    TopUp,
    Transaction,
)
from infomanager_core.money import Money
from infomanager_core.orders import BookedOrder, Order, PrepaidPayment, book_order, quote_order

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")


def write_until_killed(path: str, seed: int) -> None:
    rng = random.Random(seed)
    ledger = Ledger(SqliteLedgerStore(path))
    print("ready", flush=True)
    requests: list[int] = []
    for number in range(10**9):
        key = f"writer-{seed}-{number}"
        amount = Money.from_minor_units(rng.randint(1, 5000), "CHF")
        organisation = rng.choice(["acme", "globex"])
        choice = rng.random()
        try:
            if choice < 0.35:
                done = ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=key)
            elif choice < 0.55:
                done = ledger.pay_order(organisation=organisation, order_id=key, amount=amount, effective=DAY, key=key)
            elif choice < 0.75:
                done = ledger.request_payout(
                    organisation=organisation, amount=amount, destination=IBAN, effective=DAY, key=key
                )
                requests.append(done.sequence)
            elif choice < 0.9 and requests:
                request = requests.pop(rng.randrange(len(requests)))
                done = ledger.complete_payout(request=request, effective=DAY, key=key)
            elif choice < 0.95:  # a bulk posting: its keys say how many it holds, so a reader can check it is whole
                size = rng.randint(2, 40)
                posted = ledger.post_many(
                    TopUp(organisation=organisation, amount=amount, effective=DAY, key=f"{key}-batch-{i}-of-{size}")
                    if i % 3
                    else OrderPayment(
                        organisation=organisation,
                        order_id=f"{key}-{i}",
                        amount=amount,
                        effective=DAY,
                        key=f"{key}-batch-{i}-of-{size}",
                    )
                    for i in range(size)
                )
                for transaction in posted:
                    print(f"committed {transaction.key} {transaction.sequence}", flush=True)
                continue
            else:
                with ledger.store.reading() as reader:
                    head = reader.head()
                if head is None:
                    continue
                done = ledger.reverse(sequence=rng.randint(1, head[0]), effective=DAY, key=key)
        except (LedgerError, ValueError):
            continue
        print(f"committed {done.key} {done.sequence}", flush=True)


def race(path: str, name: str, attempts: int, start: float) -> None:
    rng = random.Random(name)
    ledger = Ledger(SqliteLedgerStore(path))
    time.sleep(max(0.0, start - time.time()))
    taken: list[int] = []
    refused = 0
    for number in range(attempts):
        key = f"{name}-{number}"
        amount = Money.from_minor_units(rng.randint(1, 500), "CHF")
        try:
            if number % 4 == 3:  # a bulk posting of three payments: all three are taken, or none
                ledger.post_many(
                    OrderPayment(organisation="acme", order_id=f"{key}-{i}", amount=amount, effective=DAY,
                                 key=f"{key}-{i}")
                    for i in range(3)
                )  # fmt: skip
                taken.extend([amount.minor_units()] * 3)
                continue
            if number % 2:
                ledger.pay_order(organisation="acme", order_id=key, amount=amount, effective=DAY, key=key)
            else:
                request = ledger.request_payout(
                    organisation="acme", amount=amount, destination=IBAN, effective=DAY, key=key
                )
                ledger.complete_payout(request=request.sequence, effective=DAY, key=f"{key}-done")
            taken.append(amount.minor_units())
        except InsufficientFunds:
            refused += 1
        except BatchRefused as batch:
            if not isinstance(batch.error, InsufficientFunds):
                raise
            refused += 1
    print(json.dumps({"taken": taken, "refused": refused}), flush=True)


# -- contests: workers doing one thing, or things on one key, payout or transaction, at the same moment ---------------


class GatedStore:
    """``inner``, whose outermost units of work (a write, or a batch) first call ``arrive``, and whose writes, inside,
    wait ``hold`` seconds before they append. One worker's own: it counts how deep that worker is in its units of work.

    ``arrive`` is a barrier: every racer reaches its write before any of them starts it, so the race is certain, not
    likely. A unit of work inside another (``book_order`` posts in one inside its own) or inside a batch is already
    through the door: the outer one holds the store, and the other racers wait for it at theirs. The hold widens the window between a unit of work's reads and its write, where a store that
    let two units in at once would lose one of them (under the GIL, a few microseconds of pure Python seldom yield to
    another thread); a store that serialises them only waits a little longer. Reads pass straight through.
    """

    def __init__(self, inner: LedgerStore, arrive: Callable[[], None], hold: float = 0.002) -> None:
        self.inner = inner
        self.arrive = arrive
        self.hold = hold
        self._depth = 0

    def reading(self) -> AbstractContextManager[LedgerReader]:
        return self.inner.reading()

    @contextmanager
    def writing(self) -> Iterator[Any]:
        with self._door(), self.inner.writing() as session:
            yield _Held(session, self.hold)

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self._door(), self.inner.batch():
            yield

    @contextmanager
    def _door(self) -> Iterator[None]:
        if not self._depth:
            self.arrive()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def close(self) -> None:
        self.inner.close()


class _Held:
    """A session that waits ``hold`` seconds before it appends; every read passes straight through."""

    def __init__(self, session: LedgerSession, hold: float) -> None:
        self._session = session
        self._hold = hold

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def append(self, *arguments: Any) -> None:
        time.sleep(self._hold)
        self._session.append(*arguments)


def door(doors: Path, name: str, peers: int, timeout: float = 60.0) -> Callable[[], None]:
    """A barrier across processes: leave a file named ``name`` in ``doors``, then wait until ``peers`` files are."""

    def arrive() -> None:
        (doors / name).touch()
        deadline = time.monotonic() + timeout
        while len(list(doors.iterdir())) < peers:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} waited {timeout} s at the door for {peers} workers")
            time.sleep(0.001)

    return arrive


class Contest(NamedTuple):
    """What the ledger holds before the race (``setup``), what worker ``name`` then does (``act``), and who races."""

    setup: Callable[[Ledger], object]
    act: Callable[[Ledger, str], object]
    workers: tuple[str, ...]


CHF = "CHF"


def _funded(*organisations: str, amount: str = "100") -> Callable[[Ledger], None]:
    def setup(ledger: Ledger) -> None:
        for organisation in organisations:
            money = Money(amount, "EUR" if organisation == "bakery" else CHF)
            ledger.top_up(organisation=organisation, amount=money, effective=DAY, key=f"fund-{organisation}")

    return setup


def _requested(ledger: Ledger) -> None:
    _funded("acme")(ledger)
    ledger.request_payout(organisation="acme", amount=Money("60", CHF), destination=IBAN, effective=DAY, key="payout")


def _paid(ledger: Ledger) -> None:
    _funded("acme")(ledger)
    ledger.pay_order(organisation="acme", order_id="O-1", amount=Money("30", CHF), effective=DAY, key="pay-O-1")


def _sequence_of(ledger: Ledger, key: str) -> int:
    return next(transaction.sequence for transaction in ledger.journal() if transaction.key == key)


def _resolve(ledger: Ledger, name: str) -> Transaction:
    """``complete-N``, ``fail-N`` or ``cancel-N`` the one payout request, under the key ``name``."""
    request = _sequence_of(ledger, "payout")
    how = {"complete": ledger.complete_payout, "fail": ledger.fail_payout, "cancel": ledger.cancel_payout}
    return how[name.split("-")[0]](request=request, effective=DAY, key=name)


def _book(payment: PrepaidPayment, *, key_per_worker: bool = False) -> Callable[[Ledger, str], BookedOrder]:
    """Book the renewal REN-1 (bakery pays 5.75 EUR, agency earns 1.15 EUR of cashback) under one payment key, or
    under a key of each worker's own (``pay-REN-1-NAME``: a retry with a fresh key, two workers booking one quote)."""

    def act(ledger: Ledger, name: str) -> BookedOrder:
        quote = quote_order(
            example_programme(),
            example_price_list(),
            Order(
                id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-1"]
            ),
        )
        key = f"pay-REN-1-{name}" if key_per_worker else "pay-REN-1"
        return book_order(ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key)

    return act


def _pay(key: str, units: int) -> OrderPayment:
    money = Money.from_minor_units(units, CHF)
    return OrderPayment(organisation="acme", order_id=key, amount=money, effective=DAY, key=key)


def _top_up(key: str) -> TopUp:
    return TopUp(organisation="acme", amount=Money("1", CHF), effective=DAY, key=key)


#: Three batches, each sharing one payment with the batch before it and one with the batch after it, in a ring.
RING: dict[str, list[Operation]] = {
    "a": [_top_up("a-top-up"), _pay("ab", 1000), _pay("ca", 1000)],
    "b": [_pay("ab", 1000), _top_up("b-top-up"), _pay("bc", 1000)],
    "c": [_pay("bc", 1000), _top_up("c-top-up"), _pay("ca", 1000)],
}
#: The ring, but c's shared payment "ca" is for another amount than a's: the same key with other content.
CLASHING_RING = {**RING, "c": [_pay("bc", 1000), _top_up("c-top-up"), _pay("ca", 1100)]}
#: Each batch a top-up of its own and a payment of order O-1 under its own key: one order, paid once.
ONE_ORDER = {
    name: [_top_up(f"{name}-top-up"), OrderPayment(organisation="acme", order_id="O-1", amount=Money("30", CHF),
                                                   effective=DAY, key=f"{name}-pay-O-1")]
    for name in ("a", "b", "c")
}  # fmt: skip
#: One payment of 30 CHF all share, and 40 CHF of each batch's own: 70 CHF a batch, 100 CHF on the account.
BEYOND_THE_BALANCE = {name: [_pay("shared", 3000), _pay(f"{name}-own", 4000)] for name in ("a", "b", "c")}


def _batch(batches: dict[str, list[Operation]]) -> Callable[[Ledger, str], PostedBatch]:
    return lambda ledger, name: ledger.post_many(batches[name])


CONTESTS: dict[str, Contest] = {
    "same-payment": Contest(
        _funded("acme"),
        lambda ledger, _: ledger.pay_order(
            organisation="acme", order_id="O-1", amount=Money("30", CHF), effective=DAY, key="pay-O-1"
        ),
        tuple(f"worker-{n}" for n in range(8)),
    ),
    # a retry sent again after midnight: the effective date is not part of what the key records, so it is the same
    "same-payment-either-side-of-midnight": Contest(
        _funded("acme"),
        lambda ledger, name: ledger.pay_order(
            organisation="acme",
            order_id="O-1",
            amount=Money("30", CHF),
            effective=date.fromisoformat(name.split("/")[0]),
            key="pay-O-1",
        ),
        ("2026-03-02/1", "2026-03-03/1", "2026-03-02/2", "2026-03-03/2"),
    ),
    "same-payout-request": Contest(
        _funded("acme"),
        lambda ledger, _: ledger.request_payout(
            organisation="acme", amount=Money("30", CHF), destination=IBAN, effective=DAY, key="payout"
        ),
        tuple(f"worker-{n}" for n in range(8)),
    ),
    "same-cashback": Contest(
        _funded(),
        lambda ledger, _: ledger.credit_cashback(
            partner="acme", order_id="O-1", amount=Money("30", CHF), effective=DAY
        ),
        tuple(f"worker-{n}" for n in range(8)),
    ),
    # the same key, each worker paying another amount (worker N pays 10 + N CHF): one wins, the others conflict
    "one-key-other-amounts": Contest(
        _funded("acme"),
        lambda ledger, name: ledger.pay_order(
            organisation="acme", order_id="O-1", amount=Money(10 + int(name), CHF), effective=DAY, key="pay-O-1"
        ),
        tuple(str(n) for n in range(6)),
    ),
    # the same key, half the workers paying for acme and half for globex: the winner's half all get its payment
    "one-key-other-organisations": Contest(
        _funded("acme", "globex"),
        lambda ledger, name: ledger.pay_order(
            organisation=name.split("-")[0], order_id="O-1", amount=Money("30", CHF), effective=DAY, key="pay-O-1"
        ),
        ("acme-1", "globex-1", "acme-2", "globex-2", "acme-3", "globex-3"),
    ),
    # one order, each worker paying it under a key of its own (a retry with a fresh key): one pays, the others refused
    "one-order-other-keys": Contest(
        _funded("acme"),
        lambda ledger, name: ledger.pay_order(
            organisation="acme", order_id="O-1", amount=Money("30", CHF), effective=DAY, key=f"pay-O-1-{name}"
        ),
        tuple(f"worker-{n}" for n in range(6)),
    ),
    "payout-resolutions": Contest(
        _requested, _resolve, ("complete-1", "fail-1", "cancel-1", "complete-2", "fail-2", "cancel-2")
    ),
    "reversals": Contest(
        _paid,
        lambda ledger, name: ledger.reverse(
            sequence=_sequence_of(ledger, "pay-O-1"), effective=DAY, key=f"undo-{name}"
        ),
        ("undo-1", "undo-2", "undo-3", "undo-4"),
    ),
    "booking-in-full": Contest(_funded("bakery", amount="10"), _book(PrepaidPayment.FULL), ("left", "middle", "right")),
    "booking-in-part": Contest(
        _funded("bakery", amount="4"), _book(PrepaidPayment.PARTIAL), ("left", "middle", "right")
    ),
    "booking-under-other-keys": Contest(
        _funded("bakery", amount="20"), _book(PrepaidPayment.FULL, key_per_worker=True), ("left", "middle", "right")
    ),
    "batches-paying-one-order": Contest(_funded("acme"), _batch(ONE_ORDER), tuple(ONE_ORDER)),
    "overlapping-batches": Contest(_funded("acme"), _batch(RING), tuple(RING)),
    "clashing-batches": Contest(_funded("acme"), _batch(CLASHING_RING), tuple(CLASHING_RING)),
    "batches-beyond-the-balance": Contest(_funded("acme"), _batch(BEYOND_THE_BALANCE), tuple(BEYOND_THE_BALANCE)),
}


def summary(transaction: Transaction) -> dict[str, Any]:
    """Everything a transaction says, as JSON's plain values (lists, not tuples), so a process can print it."""
    return {
        "sequence": transaction.sequence,
        "key": transaction.key,
        "kind": transaction.kind.value,
        "effective": transaction.effective.isoformat(),
        "recorded_at": transaction.recorded_at.isoformat(),
        "postings": [[str(posting.account), posting.units] for posting in transaction.postings],
        "pending": transaction.pending,
        "reverses": transaction.reverses,
        "resolves": transaction.resolves,
        "metadata": [list(pair) for pair in transaction.metadata],
    }


def outcome(result: object) -> dict[str, Any]:
    """What a worker got, as JSON's plain values: a transaction, a booked order, a batch, or a refusal (its class as
    ``refused``, its message and plain attributes; a refused batch's ``error`` as an outcome of its own)."""
    if isinstance(result, Transaction):
        return {"transaction": summary(result)}
    if isinstance(result, BookedOrder):
        return {
            "booked": {
                "payment": None if result.payment is None else summary(result.payment),
                "cashback": None if result.cashback is None else summary(result.cashback),
                "paid_from_prepaid": str(result.paid_from_prepaid),
                "still_due": str(result.still_due),
            }
        }
    if isinstance(result, PostedBatch):
        return {"batch": [summary(transaction) for transaction in result]}
    if isinstance(result, InfomanagerError):
        found: dict[str, Any] = {"refused": type(result).__name__, "message": str(result)}
        for name, value in vars(result).items():
            if isinstance(value, InfomanagerError):
                found[name] = outcome(value)
            elif value is None or isinstance(value, str | int):
                found[name] = value
        return found
    raise TypeError(f"no outcome for {result!r}")


def attempt(contest: Contest, ledger: Ledger, name: str) -> dict[str, Any]:
    """Worker ``name``'s part of ``contest`` on ``ledger``, and what it got: a result or the library's refusal."""
    try:
        return outcome(contest.act(ledger, name))
    except InfomanagerError as error:
        return outcome(error)


def contend(path: str, contest: str, name: str, doors: str, peers: int) -> None:
    ledger = Ledger(GatedStore(SqliteLedgerStore(path), door(Path(doors), name, peers)))
    print(json.dumps(attempt(CONTESTS[contest], ledger, name)), flush=True)
    ledger.store.close()


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_until_killed(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "contend":
        contend(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    else:
        race(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
