"""The benchmarks' ratios counted in CPU instructions (valgrind's callgrind), which the machine's load cannot move.

A timing on a shared machine moves with the other processes' work: the same code gave the single quote 0.23× and
0.28× its baseline an hour apart. The number of instructions a computation executes does not depend on the load, so
its ratio to the baseline's is the same every run on the same Python, to about 1% (Python randomises string hashes per
process, which moves the dictionaries' collisions). It is not a timing: it leaves out the cache
misses and branch mispredictions a timing pays, so read it beside the timed figure of ``bench_*.py``, not instead of
it. Each workload is the library against the baseline of its own benchmark, on the same data:

* ``pricing``: one partner quote with its full breakdown (``quote_line``) against the same arithmetic in bare
  ``Decimal`` (``bench_pricing.py``), per quote;
* ``ledger``: ``Ledger.post_many`` of prebuilt requests into a memory store against the bare dict loop over the same
  postings (``bench_ledger.py``, on a smaller journal: 10,000 operations, one batch of ``BATCH`` as there, write
  about 11,400 transactions), per transaction;
* ``beancount``: the same ``post_many`` into a memory store against ``beancount`` loading the same transactions from
  text and realizing every balance (``bench_ledger.py``'s beancount baseline, on that smaller journal), per transaction;
* ``sqlite``: the same ``post_many`` into a new SQLite file against raw ``sqlite3`` inserts of the same rows into the
  same schema (``bench_ledger.py``), per transaction; SQLite's own C code counts on both sides;
* ``reads``: reading that journal back from an SQLite file as transactions (``Ledger.journal``) against a raw
  ``sqlite3`` read of the same rows (``bench_ledger_reads.py``'s baseline), per transaction;
* ``audit``: ``check_invariants`` of that file against the same raw read, per transaction;
* ``orders``: ``quote_order`` on 2,000 varied orders against the same library calls made by hand
  (``bench_orders.py``), per order;
* ``booking``: ``book_order`` of the allowed ones (payment in full from the prepaid balance, and the cashback) into a
  funded memory ledger against the same operations built by hand and posted with ``post_many``
  (``bench_orders.py``), per order; each run books into a ledger funded in the setup.

How: each side runs in its own process under ``valgrind --tool=callgrind``, once with its workload repeated ``REPEATS``
times and once not at all, after the same setup and one warm-up pass; the difference is the workload's instructions
alone. Run: ``python benchmarks/instructions.py [pricing|ledger|sqlite|reads|audit|orders|booking …]``
(``make instructions``; a few minutes: valgrind runs Python some fifty times slower; ``beancount`` is counted only when
named, as its load takes about a quarter of an hour there). Without valgrind on the PATH it says so and exits 0.
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

REPEATS = 2
Workload = tuple[Callable[[], Any], Callable[[Any], Any], Callable[[Any], Any], Callable[[Any], int], str]


def pricing() -> Workload:
    from bench_pricing import BareDecimalPricer
    from infomanager_core.adapters.price_list_toml import example_price_list
    from infomanager_core.pricing import quote_line

    calls = 2_000

    def setup() -> Any:
        prices = example_price_list()
        return prices, BareDecimalPricer(prices, "CHF")

    def ours(state: Any) -> None:
        prices, _ = state
        for _ in range(calls):
            quote_line(prices, "web-hosting", 35, currency="CHF", partner=True)

    def baseline(state: Any) -> None:
        _, bare = state
        for _ in range(calls):
            bare.price("web-hosting", 35, 35, 1, "month", True)

    return setup, ours, baseline, lambda _: calls, "a quote"


def ledger() -> Workload:
    from bench_ledger import BATCH, batches_of, generate, post_batches
    from infomanager_core.ledger import Ledger, MemoryLedgerStore

    def setup() -> Any:
        batches = batches_of(generate(BATCH))
        reference = Ledger(MemoryLedgerStore())
        post_batches(reference, batches)
        postings = [[(str(p.account), p.units) for p in t.postings] for t in reference.journal()]
        return batches, postings

    def ours(state: Any) -> None:
        post_batches(Ledger(MemoryLedgerStore()), state[0])

    def baseline(state: Any) -> None:  # bench_ledger.py's bare dict loop
        balances: dict[str, int] = {}
        for entry in state[1]:
            for account, units in entry:
                balances[account] = balances.get(account, 0) + units

    return setup, ours, baseline, lambda state: len(state[1]), "a transaction"


def beancount() -> Workload:
    from bench_ledger import BATCH, batches_of, beancount_text, generate, post_batches
    from infomanager_core.ledger import Ledger, MemoryLedgerStore

    def setup() -> Any:
        batches = batches_of(generate(BATCH))
        reference = Ledger(MemoryLedgerStore())
        post_batches(reference, batches)
        journal = reference.journal()
        return batches, beancount_text(journal), len(journal)

    def ours(state: Any) -> None:
        post_batches(Ledger(MemoryLedgerStore()), state[0])

    def baseline(state: Any) -> None:  # bench_ledger.py's beancount: load the text, realize, every prepaid balance
        from beancount import loader
        from beancount.core import realization

        entries, errors, _ = loader.load_string(state[1])
        assert not errors, errors[:3]
        realized = realization.realize(entries)
        {
            real_account.account: real_account.balance
            for real_account in realization.iter_children(realized)
            if real_account.account.startswith("Liabilities:Prepaid:")
        }

    return setup, ours, baseline, lambda state: state[2], "a transaction"


def sqlite() -> Workload:
    import atexit
    import tempfile

    from bench_ledger import BATCH, batches_of, generate, post_batches, raw_inserts, sqlite_ledger
    from infomanager_core.ledger import Ledger, MemoryLedgerStore

    folder = Path(tempfile.mkdtemp(prefix="instructions-"))
    atexit.register(shutil.rmtree, folder, True)  # the files each run writes, removed when the process ends
    files = iter(range(1_000_000))

    def fresh() -> Path:
        return folder / f"ledger-{next(files)}.sqlite"

    def setup() -> Any:
        operations = generate(BATCH)
        batches = batches_of(operations)
        reference = Ledger(MemoryLedgerStore())
        post_batches(reference, batches)
        return operations, batches, reference.journal()

    def ours(state: Any) -> None:
        operations, batches, _ = state
        sqlite_ledger(fresh(), operations, batch=BATCH, durable=False, bulk=batches)

    def baseline(state: Any) -> None:  # bench_ledger.py's raw sqlite3 inserts of the same rows
        raw_inserts(fresh(), state[2], commit_each=False)

    return setup, ours, baseline, lambda state: len(state[2]), "a transaction"


def _ledger_file(name: str) -> Callable[[], Any]:
    """A setup that writes the benchmark's journal (as ``sqlite`` posts it) into a new file, kept until exit."""
    import atexit
    import tempfile

    from bench_ledger import BATCH, batches_of, generate, post_batches
    from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
    from infomanager_core.ledger import Ledger

    def setup() -> Any:
        folder = Path(tempfile.mkdtemp(prefix="instructions-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / f"{name}.sqlite"
        with SqliteLedgerStore(path, durable=False) as store:
            ledger = Ledger(store)
            post_batches(ledger, batches_of(generate(BATCH)))
            count = len(ledger.journal())
        return path, count

    return setup


def reads() -> Workload:
    from bench_ledger import raw_journal_read
    from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
    from infomanager_core.ledger import Ledger

    def ours(state: Any) -> None:
        with SqliteLedgerStore(state[0], read_only=True) as store:
            Ledger(store).journal()

    def baseline(state: Any) -> None:  # bench_ledger_reads.py's raw sqlite3 read of the journal's rows
        raw_journal_read(state[0])

    return _ledger_file("reads"), ours, baseline, lambda state: state[1], "a transaction"


def audit() -> Workload:
    from bench_ledger import raw_journal_read
    from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
    from infomanager_core.ledger import check_invariants

    def ours(state: Any) -> None:
        with SqliteLedgerStore(state[0], read_only=True) as store:
            check_invariants(store)

    def baseline(state: Any) -> None:
        raw_journal_read(state[0])

    return _ledger_file("audit"), ours, baseline, lambda state: state[1], "a transaction"


def orders() -> Workload:
    from bench_orders import by_hand, programme_and_orders
    from infomanager_core.adapters.price_list_toml import example_price_list
    from infomanager_core.orders import quote_order

    def setup() -> Any:
        return (example_price_list(), *programme_and_orders())

    def ours(state: Any) -> None:
        prices, programme, placed = state
        for order in placed:
            quote_order(programme, prices, order)

    def baseline(state: Any) -> None:
        prices, programme, placed = state
        for order in placed:
            by_hand(programme, prices, order)

    return setup, ours, baseline, lambda state: len(state[2]), "an order"


def booking() -> Workload:
    from bench_orders import book_all, funded, post_all, programme_and_orders
    from infomanager_core.adapters.price_list_toml import example_price_list
    from infomanager_core.orders import quote_order

    def setup() -> Any:
        prices = example_price_list()
        programme, placed = programme_and_orders()
        allowed = [quote for quote in (quote_order(programme, prices, order) for order in placed) if quote.allowed]
        # a fresh ledger for the warm-up and each repeat, funded here so that funding counts in neither side's work
        return allowed, [funded(allowed) for _ in range(1 + REPEATS)]

    def ours(state: Any) -> None:
        allowed, ledgers = state
        book_all(ledgers.pop(), allowed)

    def baseline(state: Any) -> None:
        allowed, ledgers = state
        post_all(ledgers.pop(), allowed)

    return setup, ours, baseline, lambda state: len(state[0]), "an order"


WORKLOADS: dict[str, Callable[[], Workload]] = {
    "pricing": pricing,
    "ledger": ledger,
    "sqlite": sqlite,
    "beancount": beancount,
    "reads": reads,
    "audit": audit,
    "orders": orders,
    "booking": booking,
}

#: Counted only when named: beancount's load under valgrind takes about a quarter of an hour.
SLOW = frozenset({"beancount"})


def child(name: str, side: str, repeats: int) -> None:
    """Inside valgrind: set up, warm up once, then run ``side`` ``repeats`` times; print the units of work per run."""
    setup, ours, baseline, units, _ = WORKLOADS[name]()
    state = setup()
    run = ours if side == "ours" else baseline
    run(state)
    for _ in range(repeats):
        run(state)
    print(units(state))


def instructions(name: str, side: str, repeats: int) -> tuple[int, int]:
    """The instructions a child process executed (callgrind's total) and the units of work it reported."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        name,
        side,
        str(repeats),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"refs:\s*([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in callgrind's output:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", "")), int(done.stdout.split()[-1])


def main(names: list[str]) -> None:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts (the timed benchmarks do not need it)")
        return
    print(f"python {platform.python_version()} on {platform.machine()}, callgrind instruction counts\n")
    for name in names:
        *_, unit = WORKLOADS[name]()
        per_unit = {}
        for side in ("ours", "baseline"):
            idle, units = instructions(name, side, 0)
            busy, _ = instructions(name, side, REPEATS)
            per_unit[side] = (busy - idle) / (REPEATS * units)
        ratio = per_unit["baseline"] / per_unit["ours"]
        print(
            f"{name:<8} library {per_unit['ours']:>9,.0f} instructions {unit}, "
            f"baseline {per_unit['baseline']:>8,.0f}  ->  {ratio:.3f}x"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        unknown = [name for name in sys.argv[1:] if name not in WORKLOADS]
        if unknown:
            sys.exit(f"unknown workload {unknown}; choose from {sorted(WORKLOADS)}")
        main(sys.argv[1:] or [name for name in WORKLOADS if name not in SLOW])
