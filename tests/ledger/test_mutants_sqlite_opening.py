"""Opening an SQLite ledger file, where mutation testing found behaviour no test pinned: a store is durable unless
asked otherwise, the file is in WAL mode even when one thread uses it, a busy file is said to be busy (not foreign)
whatever step of the opening met the lock, :class:`StoreBusy` names the file and the wait it gave up after, and a
file whose schema cannot be completed is refused rather than opened without its tables, and a refused file is left
with no connection open on it, even while the error is kept.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SCHEMA, NotALedgerFile, SqliteLedgerStore, StoreBusy
from infomanager_core.ledger import Ledger

DAY = date(2026, 3, 2)


def journal_mode(path: Path) -> str:
    """The file's journal mode as any other connection sees it (WAL is a property of the file)."""
    with closing(sqlite3.connect(path)) as raw:
        mode: str = raw.execute("PRAGMA journal_mode").fetchone()[0]
        return mode


def test_a_store_is_durable_unless_asked_otherwise(tmp_path: Path) -> None:
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        assert store.durable is True
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False) as store:
        assert store.durable is False


def test_a_file_written_by_one_thread_only_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("20", "CHF"), effective=DAY, key="t-1")
        assert journal_mode(path) == "wal"  # readers in other processes never block this writer


def test_an_existing_file_opened_for_writing_is_switched_to_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("20", "CHF"), effective=DAY, key="t-1")
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")  # as a copy made with a tool that rewrites the file would leave it
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
        assert journal_mode(path) == "wal"
        assert Ledger(store).balances("acme", "CHF").posted == Money("25", "CHF")


def test_a_file_locked_while_its_header_is_read_is_busy_not_foreign_and_busy_names_the_wait(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
        raw.execute("BEGIN EXCLUSIVE")  # not even a reader may look at the file until it ends
        with pytest.raises(StoreBusy) as busy:
            SqliteLedgerStore(path, timeout=0.05)
        raw.execute("ROLLBACK")
    assert (busy.value.path, busy.value.timeout) == (str(path), 0.05)
    with SqliteLedgerStore(path, durable=False) as store:  # once the lock is gone, the same call opens it
        Ledger(store).top_up(organisation="acme", amount=Money("20", "CHF"), effective=DAY, key="t-1")
        assert Ledger(store).balances("acme", "CHF").posted == Money("20", "CHF")


def test_a_half_made_file_whose_tables_cannot_be_completed_is_refused_and_left_unmarked(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    postings = next(statement for statement in SCHEMA.split(";") if "TABLE IF NOT EXISTS ledger_postings" in statement)
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(postings)
        raw.execute("CREATE INDEX ledger_balances ON ledger_postings (owner)")  # takes the name of a missing table
        raw.commit()
    with pytest.raises(NotALedgerFile, match="cannot be opened as an SQLite ledger"):
        SqliteLedgerStore(path)
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (0,)
        assert raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == [("ledger_postings",)]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through Linux's /proc")
@pytest.mark.parametrize(
    "refusal",
    [
        "another application's",
        # a file that is not SQLite failed in the connection's first statement, before the store kept the
        # connection to close it: the file stayed open for as long as the refusal was kept (the SQLite review)
        "not SQLite",
    ],
)
def test_a_refused_file_is_left_with_no_connection_open_even_while_the_error_is_kept(
    tmp_path: Path, refusal: str
) -> None:
    path = tmp_path / "ledger.sqlite"
    if refusal == "not SQLite":
        path.write_bytes(b"an invoice, not a ledger\n" * 200)
    else:
        with closing(sqlite3.connect(path)) as raw:
            raw.execute("PRAGMA application_id = 7")
    gc.collect()  # earlier tests' unreachable connections close now, not while the refusals are counted
    opened = len(os.listdir("/proc/self/fd"))
    kept = []  # as an error reporter keeps errors, and with them the frames that raised them
    for _ in range(3):
        with pytest.raises(NotALedgerFile) as refused:
            SqliteLedgerStore(path)
        kept.append(refused.value)
    assert len(os.listdir("/proc/self/fd")) == opened


@pytest.mark.parametrize("timeout", [0, 0.0, 86_400, 86_400.0])
def test_a_timeout_from_zero_to_a_whole_day_is_accepted_both_ends_included(tmp_path: Path, timeout: float) -> None:
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False, timeout=timeout) as store:
        assert store.timeout == timeout
