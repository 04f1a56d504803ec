"""A ledger file of schema version 1 (before ``ledger_paid_orders``) is read as it is and migrated when written.

``data/ledger_schema_v1.sql`` is a file the version-1 code wrote, dumped with ``sqlite3``'s ``iterdump`` (its header
set at the end): acme pays ORD-1 (#2), pays and reverses ORD-2 (#3, #4), pays ORD-3, reverses the payment and then the
reversal (#5, #6, #7: ORD-3 is paid again, by #7), and pays ORD-1 a second time under another key (#8, which version 1
let through); globex pays its own ORD-1 (#10) and acme pays ORD-4 in part, in EUR (#12).
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import APPLICATION_ID, SCHEMA_VERSION, SqliteLedgerStore, opening
from infomanager_core.cli import main
from infomanager_core.ledger import Ledger, OrderAlreadyPaid, check_invariants

from .support import snapshot

DAY = date(2026, 3, 2)
DUMP = Path(__file__).with_name("data") / "ledger_schema_v1.sql"
#: What the journal shows paid from prepaid and standing, by the first payment that stands.
STANDING = {("acme", "ORD-1"): 2, ("acme", "ORD-3"): 7, ("globex", "ORD-1"): 10, ("acme", "ORD-4"): 12}


def version_1_file(directory: Path) -> Path:
    path = directory / "ledger.sqlite"
    with closing(sqlite3.connect(path)) as raw:
        raw.executescript(DUMP.read_text(encoding="utf-8"))
    return path


def header(path: Path) -> tuple[int, int, list[str]]:
    with closing(sqlite3.connect(path)) as raw:
        tables = [name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")]
        return (
            raw.execute("PRAGMA application_id").fetchone()[0],
            raw.execute("PRAGMA user_version").fetchone()[0],
            tables,
        )


def paid_orders(path: Path) -> dict[tuple[str, str], int]:
    with closing(sqlite3.connect(path)) as raw:
        return {(organisation, order): sequence for organisation, order, sequence in raw.execute(
            "SELECT organisation, order_id, sequence FROM ledger_paid_orders")}  # fmt: skip


def test_the_dump_is_a_file_of_version_1_with_an_order_paid_twice(tmp_path: Path) -> None:
    path = version_1_file(tmp_path)
    application, version, tables = header(path)
    assert (application, version, SCHEMA_VERSION) == (APPLICATION_ID, 1, 2)
    assert "ledger_paid_orders" not in tables
    with SqliteLedgerStore(path, read_only=True) as store:
        keys = [transaction.key for transaction in Ledger(store).journal()]
    assert keys[1] == "p-1" and keys[7] == "p-1-retry"  # noqa: PT018  # one order, two payments


def test_a_file_of_version_1_is_read_as_it_is(tmp_path: Path) -> None:
    path = version_1_file(tmp_path)
    before = path.read_bytes()
    with SqliteLedgerStore(path, read_only=True) as store:
        ledger = Ledger(store)
        assert ledger.balances("acme", "CHF").available == Money("45", "CHF")  # 100 − 30 − 10 + 10 − 5 + 5 − 5 − 20
        assert ledger.balances("acme", "EUR").available == Money("0", "EUR")
        check_invariants(store)
    assert path.read_bytes() == before


@pytest.mark.parametrize("archived", [False, True], ids=["read-only", "archived, read as immutable"])
def test_a_file_of_version_1_read_only_answers_and_is_audited_as_it_would_be_migrated(
    tmp_path: Path, archived: bool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An auditor reading last year's file with this version: the index of order payments is read from its journal for
    the connection (nothing written), so the audit's law 8, ``check_file`` and ``infomanager ledger check`` answer —
    they stopped at "no such table: ledger_paid_orders" — and the reader gives each order's standing payment."""
    path = version_1_file(tmp_path)
    before = path.read_bytes()
    if archived:  # on a read-only mount, or in a directory this process may not write: opened ``immutable=1``
        monkeypatch.setattr(opening, "_archived", lambda where: True)
    with SqliteLedgerStore(path, read_only=True) as store:
        check_invariants(store)
        store.check_file()
        with store.reading() as reader:
            for order, sequence in STANDING.items():
                assert reader.order_payment(*order) == sequence
            assert reader.order_payment("acme", "ORD-2") is None  # paid, then reversed
        other_thread: list[int | None] = []  # a second thread's connection has the index too
        worker = threading.Thread(target=lambda: other_thread.append(_standing(store, ("acme", "ORD-3"))))
        worker.start()
        worker.join()
        assert other_thread == [7]
    assert main(["ledger", "--db", str(path), "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: sound, ")
    assert path.read_bytes() == before
    assert header(path)[1] == 1


def _standing(store: SqliteLedgerStore, order: tuple[str, str]) -> int | None:
    with store.reading() as reader:
        return reader.order_payment(*order)


def test_a_file_of_version_1_opened_for_writing_is_migrated_and_its_paid_orders_read_from_the_journal(
    tmp_path: Path,
) -> None:
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path, read_only=True) as store, store.reading() as reader:
        journal, balances = tuple(reader.transactions()), reader.balances()
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        assert ledger.journal() == journal
        with store.reading() as reader:
            assert reader.balances() == balances
            assert reader.order_payment("acme", "ORD-2") is None  # paid, then reversed
        check_invariants(store)
        store.check_file()
    assert header(path)[:2] == (APPLICATION_ID, SCHEMA_VERSION)
    assert paid_orders(path) == STANDING
    with SqliteLedgerStore(path) as store:  # opened again: migrated once
        assert paid_orders(path) == STANDING


def test_after_the_migration_an_order_is_paid_once_and_a_reversed_one_may_be_paid_again(tmp_path: Path) -> None:
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        before = snapshot(ledger)
        with pytest.raises(OrderAlreadyPaid) as refused:
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=Money("1", "CHF"), effective=DAY, key="p-x")
        assert (refused.value.key, refused.value.sequence) == ("p-1", 2)
        with pytest.raises(OrderAlreadyPaid) as refused:  # ORD-3's reversal undone: paid again, by #7
            ledger.pay_order(organisation="acme", order_id="ORD-3", amount=Money("1", "CHF"), effective=DAY, key="p-y")
        assert (refused.value.key, refused.value.sequence) == ("redo-p-3", 7)
        assert snapshot(ledger) == before
        again = ledger.pay_order(
            organisation="acme", order_id="ORD-2", amount=Money("1", "CHF"), effective=DAY, key="p-z"
        )
        # the second payment version 1 let through is reversed as any correction; the first still stands
        ledger.reverse(sequence=8, effective=DAY, key="undo-p-1-retry")
        with store.reading() as reader:
            assert reader.order_payment("acme", "ORD-2") == again.sequence
            assert reader.order_payment("acme", "ORD-1") == 2


def test_a_migrated_file_whose_second_payment_of_an_order_is_reversed_is_sound_and_the_first_still_stands(
    tmp_path: Path,
) -> None:
    """The reversal of #8, the payment version 1 let through, ends no payment: the index keeps #2, and the audit,
    reading the journal, agrees."""
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path) as store:
        Ledger(store).reverse(sequence=8, effective=DAY, key="undo-p-1-retry")
        check_invariants(store)
    assert paid_orders(path) == STANDING


def test_a_file_of_version_1_whose_second_payment_of_an_order_was_reversed_is_migrated_with_the_first_standing(
    tmp_path: Path,
) -> None:
    """Version 1 let #8 pay ORD-1 a second time; its reversal, written before the migration, ends no payment: the
    index read from the journal keeps #2, whether the file is migrated or read only."""
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path) as store:
        Ledger(store).reverse(sequence=8, effective=DAY, key="undo-p-1-retry")
    back_to_version_1(path)
    with SqliteLedgerStore(path, read_only=True) as store, store.reading() as reader:
        assert reader.order_payment("acme", "ORD-1") == 2
    with SqliteLedgerStore(path) as store:
        check_invariants(store)
    assert paid_orders(path) == STANDING


def test_a_file_of_version_1_whose_order_was_paid_again_before_its_reversal_was_undone_keeps_the_new_payment(
    tmp_path: Path,
) -> None:
    """Version 1 let ORD-5 be paid, reversed, paid again and the reversal undone: two payments stand, and the first
    that stands (the new payment, not the reversal's reversal after it) is the one recorded, as the audit reads it."""
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        first = ledger.pay_order(
            organisation="acme", order_id="ORD-5", amount=Money("1", "CHF"), effective=DAY, key="p-5"
        )
        undone = ledger.reverse(sequence=first.sequence, effective=DAY, key="undo-p-5")
        again = ledger.pay_order(
            organisation="acme", order_id="ORD-5", amount=Money("1", "CHF"), effective=DAY, key="p-5-again"
        )
        edit_by_hand = "DELETE FROM ledger_paid_orders WHERE order_id = 'ORD-5'"  # what version 1 never had
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.execute(edit_by_hand)
        ledger.reverse(sequence=undone.sequence, effective=DAY, key="undo-undo-p-5")
    back_to_version_1(path)
    with SqliteLedgerStore(path, read_only=True) as store:
        check_invariants(store)
    with SqliteLedgerStore(path) as store:
        check_invariants(store)
    assert paid_orders(path) == {**STANDING, ("acme", "ORD-5"): again.sequence}


def back_to_version_1(path: Path) -> None:
    """The same journal in a file of version 1: without the index of order payments."""
    with closing(sqlite3.connect(path)) as raw:
        raw.executescript("DROP TABLE ledger_paid_orders; PRAGMA user_version = 1;")


def test_writers_opening_a_file_of_version_1_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = version_1_file(tmp_path)
    gate = threading.Barrier(4, timeout=30)
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            gate.wait()
            with SqliteLedgerStore(path, durable=False):
                pass
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert header(path)[:2] == (APPLICATION_ID, SCHEMA_VERSION)
    assert paid_orders(path) == STANDING
