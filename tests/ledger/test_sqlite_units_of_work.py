"""The SQLite store's units of work keep their shape: a streamed journal ends with its block, a write is never taken
inside a read, and a busy file is a retryable error of the library's own (found by a review of the streaming change).
A journal streamed inside a ``writing()`` block, or a ``reading()`` block nested in a batch, ends with its block too;
the store refuses arguments it cannot honour, a path no file can have among them.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, nullcontext
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, StoreBusy, UnitOfWorkMisuse
from infomanager_core.cli import main
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import InvariantViolation, Ledger, Transaction, check_invariants

from .support import snapshot

DAY = date(2026, 3, 2)
TEN = Money("10", "CHF")


def two_top_ups(path: Path) -> Ledger:
    ledger = Ledger(SqliteLedgerStore(path, durable=False))
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-1")
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-2")
    return ledger


def test_a_journal_kept_past_its_reading_block_neither_freezes_the_view_nor_blocks_writes(tmp_path: Path) -> None:
    mine = two_top_ups(tmp_path / "ledger.sqlite")
    other = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False))
    with mine.store.reading() as reader:
        kept = reader.transactions()
        next(kept)  # half read, and still referenced
    other.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3")
    assert mine.balances("acme", "CHF").posted == Money("25", "CHF")  # not the snapshot of the abandoned read
    mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-4")  # and not "database is locked"
    with pytest.raises(UnitOfWorkMisuse, match=r"read after its reading\(\) block ended"):
        next(kept)
    check_invariants(mine.store)
    mine.store.close()
    other.store.close()


@pytest.mark.parametrize(
    ("unit", "nested"),
    [("writing", False), ("writing", True), ("reading", True)],
    ids=["writing alone", "writing inside a batch", "reading inside a batch"],
)
def test_a_journal_kept_past_its_block_neither_freezes_the_view_nor_blocks_writes(
    tmp_path: Path, unit: str, nested: bool
) -> None:
    path = tmp_path / "ledger.sqlite"
    mine = Ledger(SqliteLedgerStore(path, durable=False))
    mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-1")
    mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-2")
    around: AbstractContextManager[None] = mine.store.batch() if nested else nullcontext()
    with around:
        with getattr(mine.store, unit)() as session:
            kept = session.transactions()
            next(kept)  # half read, and still referenced
        mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    other = Ledger(SqliteLedgerStore(path, durable=False, timeout=1))
    other.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-4")  # not "database is locked"
    assert mine.balances("acme", "CHF").posted == Money("35", "CHF")  # not the snapshot of the abandoned read
    with pytest.raises(UnitOfWorkMisuse, match=r"read after its reading\(\) block ended"):
        next(kept)
    check_invariants(mine.store)
    mine.store.close()
    other.store.close()


def test_a_journal_kept_past_a_writing_block_that_failed_is_closed_with_it(tmp_path: Path) -> None:
    ledger = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False))
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-1")
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-2")
    kept: list[Iterator[Transaction]] = []

    def give_up_halfway() -> None:
        with ledger.store.writing() as writer:
            kept.append(writer.transactions())
            next(kept[0])  # half read, and still referenced
            raise RuntimeError("the caller gave up")

    with pytest.raises(RuntimeError, match="gave up"):
        give_up_halfway()
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    with pytest.raises(UnitOfWorkMisuse, match=r"read after its reading\(\) block ended"):
        next(kept[0])
    assert ledger.balances("acme", "CHF").posted == Money("30", "CHF")
    ledger.store.close()


def test_an_error_kept_with_its_traceback_does_not_block_later_writes(tmp_path: Path) -> None:
    ledger = two_top_ups(tmp_path / "ledger.sqlite")
    with closing(sqlite3.connect(tmp_path / "ledger.sqlite")) as raw:
        raw.execute("UPDATE ledger_transactions SET metadata = 'not json' WHERE sequence = 1")
        raw.commit()
    try:
        check_invariants(ledger.store)
    except InvariantViolation as error:
        kept = error  # an error reporter keeps it, and its traceback the frames that streamed the journal
    assert kept.law == "every stored row decodes"
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    assert ledger.balances("acme", "CHF").posted == Money("30", "CHF")
    ledger.store.close()


@pytest.mark.parametrize("unit", ["writing", "batch"])
def test_a_write_inside_a_reading_block_is_refused_and_writes_nothing(tmp_path: Path, unit: str) -> None:
    ledger = two_top_ups(tmp_path / "ledger.sqlite")
    before = snapshot(ledger)
    with (
        ledger.store.reading(),
        pytest.raises(UnitOfWorkMisuse, match=r"a write inside a reading\(\) block"),
        getattr(ledger.store, unit)(),
    ):
        pass  # pragma: no cover - refused on entry
    with ledger.store.reading(), pytest.raises(UnitOfWorkMisuse):
        ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    assert snapshot(ledger) == before
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")  # after the block, it goes through
    ledger.store.close()


def test_a_file_locked_longer_than_the_timeout_is_busy_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = two_top_ups(path)
    ledger.store.close()
    waiting = Ledger(SqliteLedgerStore(path, durable=False, timeout=0.05))
    before = snapshot(waiting)
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusy, match=r"is busy: another connection held it for more than timeout=0\.05 s"):
            waiting.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
        writer.execute("ROLLBACK")
    assert snapshot(waiting) == before
    waiting.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")  # the same call, retried
    waiting.store.close()


def test_an_unmarked_file_locked_while_it_is_being_marked_is_busy_not_foreign(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    two_top_ups(path).store.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA application_id = 0")
        raw.execute("PRAGMA user_version = 0")
        raw.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusy):
            SqliteLedgerStore(path, timeout=0.05)
        raw.execute("ROLLBACK")
    SqliteLedgerStore(path).close()


def test_a_damaged_running_balance_is_a_broken_law_not_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ledger.sqlite"
    two_top_ups(path).store.close()
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("UPDATE ledger_balances SET owner = 'ac\nme' WHERE owner = 'acme'").rowcount == 1
        raw.commit()
    with SqliteLedgerStore(path, read_only=True) as store, pytest.raises(InvariantViolation) as broken:
        check_invariants(store)
    assert broken.value.law == "every stored row decodes"
    assert main(["ledger", "--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "NOT sound: ledger invariant broken: every stored row decodes: " in err
    assert "UnprintableText: owner" in err
    assert len(err.strip().splitlines()) == 1


# -- the store's own arguments, a read-only store and a closed one (found by the invoicing-service review) -------------


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"path": None}, "path"),
        ({"path": b"ledger.sqlite"}, "path"),
        ({"path": ""}, "path"),
        ({"timeout": "5"}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": True}, "timeout"),
        ({"durable": "no"}, "durable"),
        ({"read_only": "no"}, "read_only"),
        ({"read_only": 1}, "read_only"),
    ],
)
def test_a_store_refuses_arguments_of_the_wrong_kind_naming_them_and_creates_no_file(
    tmp_path: Path, arguments: dict[str, object], field: str
) -> None:
    """SqliteLedgerStore(None) was a bare TypeError, timeout=nan a ValueError, and read_only="no" opened read-only."""
    path = tmp_path / "ledger.sqlite"
    given: dict[str, object] = {"path": path, **arguments}
    with pytest.raises(InvalidInput) as refused:
        SqliteLedgerStore(**given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("read_only", [False, True])
def test_sqlites_in_memory_name_is_refused_since_each_thread_would_get_a_ledger_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: bool
) -> None:
    """The name ":memory:" was accepted: the store opens a connection per thread, so another thread met an empty database
    (a bare sqlite3.OperationalError, "no such table") and the overdraft check no longer spanned the threads."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput, match=r"use Ledger\(\) for one in memory") as refused:
        SqliteLedgerStore(":memory:", read_only=read_only)
    assert (refused.value.field, refused.value.value) == ("path", ":memory:")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize(
    "uri", ["file::memory:", "file:ledger.sqlite?mode=memory&cache=shared", "file:ledger.sqlite?nolock=1"]
)
def test_an_sqlite_uri_is_refused_since_its_options_would_undo_what_the_store_promises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: bool, uri: str
) -> None:
    """SQLite reads a name starting "file:" as a URI even when not asked to: "file::memory:" was accepted and gave each
    thread a database of its own, and "?nolock=1" would let two processes write at once, past the overdraft check."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput, match="is an SQLite URI, not the path of a file") as refused:
        SqliteLedgerStore(uri, read_only=read_only)
    assert (refused.value.field, refused.value.value) == ("path", uri)
    assert f"./{uri}" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_file_whose_name_starts_like_a_uri_is_opened_by_a_path_that_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with SqliteLedgerStore("./file:ledger.sqlite") as store:
        Ledger(store).top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 2), key="t")
    with SqliteLedgerStore(tmp_path / "file:ledger.sqlite", read_only=True) as store:
        assert Ledger(store).balances("acme", "CHF").posted == Money("1", "CHF")


def test_a_read_only_store_refuses_every_write_and_the_file_is_unchanged(tmp_path: Path) -> None:
    """A write through read_only=True was SQLite's bare 'attempt to write a readonly database'."""
    path = tmp_path / "ledger.sqlite"
    two_top_ups(path).store.close()
    reader = Ledger(SqliteLedgerStore(path, read_only=True))
    before = snapshot(reader)
    with pytest.raises(UnitOfWorkMisuse, match="read_only=True"):
        reader.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    with pytest.raises(UnitOfWorkMisuse, match="read_only=True"), reader.store.batch():
        pass
    assert snapshot(reader) == before
    assert reader.balances("acme", "CHF").posted == Money("20", "CHF")  # reading still works


@pytest.mark.parametrize("unit", ["reading", "writing", "batch"])
def test_a_closed_store_refuses_to_be_used_rather_than_open_the_file_again(tmp_path: Path, unit: str) -> None:
    store = two_top_ups(tmp_path / "ledger.sqlite").store
    store.close()
    with pytest.raises(UnitOfWorkMisuse, match="is closed"), getattr(store, unit)():
        pass


def test_the_auditor_refuses_what_is_not_a_store_naming_it() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_invariants("ledger.sqlite")  # type: ignore[arg-type]
    assert refused.value.field == "store"


def _post_in_the_child(store: SqliteLedgerStore, answers: Connection) -> None:
    try:
        Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 2), key="child")
    except Exception as error:
        answers.send((type(error).__name__, str(error)))
    else:
        answers.send(("posted", ""))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX")
def test_a_store_opened_before_a_fork_is_refused_in_the_child_and_still_serves_the_parent(tmp_path: Path) -> None:
    """A pre-forking server that opened the store in its master handed every worker the master's SQLite connection,
    which SQLite says must never be used in a child (its locks belong to the parent): the child posted through it."""
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        ledger = Ledger(store)
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="parent-1")
        receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=_post_in_the_child, args=(store, sending))
        child.start()
        kind, message = receiving.recv()
        child.join(timeout=60)
        assert (kind, child.exitcode) == ("UnitOfWorkMisuse", 0)
        assert f"opened in process {os.getpid()}, before a fork()" in message
        assert "open a SqliteLedgerStore in each process" in message
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 2), key="parent-2")
        assert [entry.key for entry in ledger.journal()] == ["parent-1", "parent-2"]
        check_invariants(store)


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("ledger\x00.db", "must not contain a NUL character (no file name can)"),
        ("\ud800.db", "cannot be encoded as a file name"),
    ],
    ids=["nul", "lone-surrogate"],
)
def test_a_path_no_file_can_have_is_refused_saying_why(tmp_path: Path, name: str, rule: str) -> None:
    path = str(tmp_path / name)
    with pytest.raises(InvalidInput) as raised:
        SqliteLedgerStore(path)
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("path", path, rule)
    assert list(tmp_path.iterdir()) == []
