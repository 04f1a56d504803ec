"""The SQLite file's typed errors for its operator: a file opened for writing that this process may not write says so,
an SQLite error that is neither a lock, a read-only file nor a full disk still ends the unit of work it met (the read
or the write never goes on as if it had succeeded), and the write-ahead log is cut back to the documented size.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core import InfomanagerError, Money
from infomanager_core.adapters.sqlite_ledger import WAL_SIZE_LIMIT, FileNotWritable, SqliteLedgerStore, opening
from infomanager_core.adapters.sqlite_ledger.sqlite_errors import _busy
from infomanager_core.ledger import Ledger

from .support import ticking_clock

DAY = date(2026, 3, 2)


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    """A closed ledger file in which acme holds 100.00 CHF."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store, clock=ticking_clock()).top_up(
            organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"
        )
    return path


def drop_table(path: Path, table: str) -> None:
    """Damage the file as a tool would behind the store's back: a table it reads and writes is gone."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(f"DROP TABLE {table}")
        raw.commit()


def test_a_file_this_process_may_not_write_is_refused_saying_the_file_is_read_only(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.access

    def access(path: Any, mode: int, **options: Any) -> bool:  # as a user without the right is answered (not root)
        return not (mode & os.W_OK and os.path.abspath(os.fspath(path)) == str(ledger_file)) and real(path, mode)

    monkeypatch.setattr(opening.os, "access", access)
    with pytest.raises(FileNotWritable) as refused:
        SqliteLedgerStore(ledger_file)
    assert "cannot be written by this process (the file is read-only)" in str(refused.value)


def test_a_file_sqlite_may_not_write_while_opening_it_is_not_writable_rather_than_no_ledger(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A ledger out of WAL mode (a copy a tool rewrote) on a file SQLite opens read-only: switching it to WAL is the
    # opening's first write, and SQLite's "attempt to write a readonly database" was no test's case.
    with closing(sqlite3.connect(ledger_file)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
    before = ledger_file.read_bytes()
    real = sqlite3.connect

    def read_only_connect(target: str, **options: Any) -> sqlite3.Connection:
        options["uri"] = True
        return real(f"{Path(target).absolute().as_uri()}?mode=ro", **options)

    monkeypatch.setattr(opening.sqlite3, "connect", read_only_connect)
    with pytest.raises(FileNotWritable) as refused:
        SqliteLedgerStore(ledger_file)
    assert refused.value.path == str(ledger_file)
    assert "(SQLite: attempt to write a readonly database)" in str(refused.value)
    assert ledger_file.read_bytes() == before


def test_a_read_that_meets_an_sqlite_error_other_than_a_lock_ends_with_it(ledger_file: Path) -> None:
    with SqliteLedgerStore(ledger_file, durable=False) as store:
        ledger = Ledger(store, clock=ticking_clock())
        drop_table(ledger_file, "ledger_balances")
        with pytest.raises((sqlite3.Error, InfomanagerError), match="ledger_balances"):
            ledger.balances("acme", "CHF")


def test_a_write_that_meets_an_sqlite_error_other_than_a_full_or_read_only_file_ends_with_it(ledger_file: Path) -> None:
    with SqliteLedgerStore(ledger_file, durable=False) as store:
        ledger = Ledger(store, clock=ticking_clock())
        drop_table(ledger_file, "ledger_balances")
        with pytest.raises((sqlite3.Error, InfomanagerError), match="ledger_balances"):
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
    with closing(sqlite3.connect(ledger_file)) as raw:  # the top-up was rolled back, not half written
        assert raw.execute("SELECT key FROM ledger_transactions").fetchall() == [("t-1",)]


def test_the_write_ahead_log_is_cut_back_to_the_documented_16_mib_on_every_connection(ledger_file: Path) -> None:
    assert WAL_SIZE_LIMIT == 16 * 2**20  # docs/ledger.md and docs/decisions.md state it
    with SqliteLedgerStore(ledger_file, durable=False) as store, store.reading() as session:
        assert session._sql.execute("PRAGMA journal_size_limit").fetchone()[0] == WAL_SIZE_LIMIT


@pytest.mark.parametrize("unit", ["reading", "writing", "batch"])
def test_an_sqlite_error_without_an_error_code_is_passed_on_as_it_is(ledger_file: Path, unit: str) -> None:
    # The sqlite3 module raises its own errors (a closed cursor, a value it cannot bind) without SQLite's error name:
    # telling a lock, a full disk or a damaged page apart must not fail on them.
    with SqliteLedgerStore(ledger_file, durable=False) as store:
        with pytest.raises(sqlite3.ProgrammingError, match="closed cursor"), getattr(store, unit)():
            raise sqlite3.ProgrammingError("Cannot operate on a closed cursor.")
        assert Ledger(store).balances("acme", "CHF").posted == Money("100", "CHF")


def test_a_lock_is_told_by_sqlites_error_code_not_by_the_words_of_the_message(tmp_path: Path) -> None:
    """``StoreBusy`` is for SQLite's SQLITE_BUSY/SQLITE_LOCKED; an error whose text merely says "locked" is not one."""
    path = tmp_path / "raw.sqlite"
    with (
        closing(sqlite3.connect(path, isolation_level=None)) as holder,
        closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as waiter,
    ):
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as locked:
            waiter.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as missing:
            waiter.execute("SELECT * FROM locked_rows")
        holder.execute("ROLLBACK")
    assert "locked" in str(locked.value)
    assert _busy(locked.value)
    assert "locked" in str(missing.value)  # "no such table: locked_rows"
    assert not _busy(missing.value)


def test_a_table_locked_by_a_pending_read_is_a_lock_too() -> None:
    """SQLite says SQLITE_LOCKED, not SQLITE_BUSY, when the conflict is within one connection (or one shared cache):
    a table dropped while a read of it is pending."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as connection:
        connection.execute("CREATE TABLE rows (n)")
        connection.executemany("INSERT INTO rows VALUES (?)", [(1,), (2,)])
        pending = connection.execute("SELECT n FROM rows")
        pending.fetchone()
        with pytest.raises(sqlite3.OperationalError) as locked:
            connection.execute("DROP TABLE rows")
    assert locked.value.sqlite_errorname == "SQLITE_LOCKED"
    assert _busy(locked.value)
