"""The SQLite store: a ledger journal in one file, safe across threads and processes.

:class:`SqliteLedgerStore` implements :class:`~infomanager_core.ledger.LedgerStore` with the standard library's
``sqlite3``. Its invariants:

* one connection per thread, opened on first use; a finished thread's connection is closed when another thread opens
  one; a store is never used across a ``fork()`` nor after :meth:`~SqliteLedgerStore.close`
  (:class:`UnitOfWorkMisuse`);
* every unit of work that writes starts with ``BEGIN IMMEDIATE``, which takes the file's write lock before the first
  read: the overdraft check and the write are one atomic step even when two processes post at once; a write is a
  savepoint inside a ``batch()``, and never starts inside a ``reading()`` block;
* a unit of work commits whole or is rolled back, and what SQLite said on the way is the library's error
  (:mod:`.sqlite_errors`);
* a store opened ``read_only`` refuses every write before touching the file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import NoReturn, SupportsIndex

from ...ledger.errors import InvariantViolation
from .errors import DiskFull, FileNotWritable, NotALedgerFile, StoreBusy, UnitOfWorkMisuse
from .opening import (
    _alone,
    _connect,
    _file_path,
    _flag,
    _needs_schema,
    _refuse_unwritable,
    _refuse_what_is_not_a_file,
    _seconds,
    _tidy_after_reading,
)
from .schema import _STRAY_ROWS, _read_paid_orders_of_an_older_file, _write_schema, switch_to_wal
from .session import _SqliteSession
from .sqlite_errors import (
    _PAGES_INTACT,
    _busy_reported,
    _damage_reported,
    _opening_reported,
    _writes_refused,
)

__all__ = ["SqliteLedgerStore"]


class SqliteLedgerStore:
    """A journal in the SQLite file at ``path``; one connection per thread, opened on first use (so SQLite's
    ``:memory:``, a database per connection, is refused: ``Ledger()`` keeps a journal in memory).

    Use it as a context manager, or call :meth:`close`; a closed store refuses further use (:class:`UnitOfWorkMisuse`)
    rather than open the file again. ``timeout`` is how long, in seconds, a writer waits for another to finish (at
    most a day). A store opened ``read_only`` refuses every write the same way, before touching the file.

    >>> import tempfile
    >>> from datetime import date
    >>> from pathlib import Path
    >>> from infomanager_core import Money
    >>> from infomanager_core.ledger import Ledger
    >>> path = Path(tempfile.mkdtemp()) / "ledger.sqlite"
    >>> with SqliteLedgerStore(path) as store:
    ...     _ = Ledger(store).top_up(organisation="acme", amount=Money("80", "CHF"), effective=date(2026, 3, 2),
    ...                              key="bank-ref-1")
    >>> with SqliteLedgerStore(path, read_only=True) as store:  # reopened: the same journal and balances
    ...     Ledger(store).balances("acme", "CHF").posted
    Money('80.00', 'CHF')
    >>> import shutil; shutil.rmtree(path.parent)
    """

    def __init__(
        self, path: str | os.PathLike[str], *, durable: bool = True, timeout: float = 60.0, read_only: bool = False
    ) -> None:
        self.path = _file_path(path)
        self.durable = _flag(durable, "durable")
        self.timeout = _seconds(timeout, "timeout")
        self.read_only = _flag(read_only, "read_only")
        self._closed = False
        self._process = os.getpid()  # SQLite connections must not cross a fork(): a child opens its own store
        self._local = threading.local()
        #: each thread's connection; a finished thread's is closed when another thread opens one (threads come and go)
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        #: whether this store found the file without its ``-wal`` and ``-shm`` (a reader's own, to tidy on close)
        self._found_alone = self.read_only and _alone(self.path)
        self._guard = threading.Lock()
        try:
            with _opening_reported(self.path, self.timeout):
                self._open_file()
        except (NotALedgerFile, StoreBusy, FileNotWritable, DiskFull, InvariantViolation):
            self.close()
            raise

    def _open_file(self) -> None:
        """Open this thread's connection and check the file, which is only read until it proves a ledger this version
        reads; then, for a store that writes, switch it to WAL and write the schema and mark on a new file."""
        _refuse_what_is_not_a_file(self.path, read_only=self.read_only)
        with self._guard:
            connection = self._open(checked=False)
        needs_schema = _needs_schema(connection, self.path, read_only=self.read_only)  # a refused file is untouched
        if self.read_only:
            _read_paid_orders_of_an_older_file(connection)
            return
        _refuse_unwritable(self.path)
        # WAL first, outside any transaction, as every writer does: a switch of journal mode is refused at once while
        # another connection holds a lock (in a transaction, it could only fail), so it is tried until the timeout
        switch_to_wal(connection, self.timeout)
        if needs_schema:  # a new, unmarked or older file: write the schema (migrating the older) and the mark
            self._begin_immediate(connection)  # two processes creating one file: the second finds it made
            try:
                if _needs_schema(connection, self.path, read_only=self.read_only):
                    _write_schema(connection)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def __enter__(self) -> SqliteLedgerStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        """Refused: pickled or copied, the store would hand its connections to this process's file to another
        process or object; each process opens its own store on the file."""
        raise UnitOfWorkMisuse(
            f"the store of {self.path!r} holds this process's connections to the file and is neither pickled nor"
            " copied: open a SqliteLedgerStore on the file in each process that uses it"
        )

    def close(self) -> None:
        """Close every connection this store opened; the store cannot be used afterwards."""
        self._closed = True
        with self._guard:
            for connection in self._connections.values():
                connection.close()
            self._connections.clear()
            if self._found_alone:
                self._found_alone = False
                _tidy_after_reading(self.path)
        self._local = threading.local()

    # -- units of work ------------------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[_SqliteSession]:
        """A consistent view: one read transaction; the journals it streamed are closed when the block ends."""
        connection = self._connection()
        session = _SqliteSession(connection)
        if connection.in_transaction:
            try:
                with _damage_reported(), _busy_reported(self.path, self.timeout):
                    yield session
            finally:
                session.close()
            return
        # a damaged page fails the read, and then the COMMIT that ends it; a lock held past the timeout (a file out of
        # WAL mode held by a tool) fails the first read
        with _damage_reported(), _busy_reported(self.path, self.timeout):
            connection.execute("BEGIN")
            self._local.reading = True
            try:
                yield session
            finally:
                self._local.reading = False
                session.close()  # a cursor left open would keep this snapshot after COMMIT, and block later writes
                try:
                    connection.execute("COMMIT")
                except sqlite3.DatabaseError:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise

    @contextmanager
    def writing(self) -> Iterator[_SqliteSession]:
        connection = self._connection(writes=True)
        session = _SqliteSession(connection)
        if connection.in_transaction:
            self._refuse_write_in_read()
            with self._savepoint(connection):
                try:
                    with _damage_reported():
                        yield session
                finally:
                    session.close()
            return
        self._begin_immediate(connection)
        try:
            with _damage_reported(), _writes_refused(self.path):
                yield session
                session.close()
                connection.execute("COMMIT")
        except BaseException:
            session.close()
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE … COMMIT`` around many writes; each write is a savepoint, whole or absent, and so is a
        batch inside a batch."""
        connection = self._connection(writes=True)
        if connection.in_transaction:
            self._refuse_write_in_read()
            with self._savepoint(connection):
                yield
            return
        self._begin_immediate(connection)
        try:
            with _damage_reported(), _writes_refused(self.path):
                yield
                connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def check_file(self) -> None:
        """Check what :func:`~infomanager_core.ledger.check_invariants` never reads: every page, and rows of no
        transaction.

        The laws replay the journal — each transaction with its own postings and key — and the running balances. They
        do not read the index through which statements and past balances find an account's postings, nor the file's
        free pages (SQLite's ``integrity_check`` does: law ``every page of the file is intact``), nor a row that
        belongs to no transaction: a key recorded for another transaction's sequence (a retry keyed so would return
        that transaction), a posting whose transaction is not there, or a running balance of an account without
        postings (this store writes none; the laws let another store keep one). Raises :class:`InvariantViolation`
        naming the law, with the first findings; linear in the file's size.

        >>> import tempfile, pathlib
        >>> with SqliteLedgerStore(pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite") as store:
        ...     store.check_file()
        """
        with self.reading():  # which reports a page SQLite cannot even read as the same law
            connection = self._connection()
            found = [message for (message,) in connection.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise InvariantViolation(_PAGES_INTACT, "; ".join(found[:4]) + ("; …" if len(found) > 4 else ""))
            for law, query in _STRAY_ROWS:
                stray = [value for (value,) in connection.execute(query)]
                if stray:
                    raise InvariantViolation(law, stray)

    def _begin_immediate(self, connection: sqlite3.Connection) -> None:
        """Take the file's write lock, waiting up to ``timeout``; :class:`StoreBusy` rather than SQLite's error."""
        with _busy_reported(self.path, self.timeout):
            connection.execute("BEGIN IMMEDIATE")

    def _refuse_write_in_read(self) -> None:
        # a read transaction cannot safely become a write one: SQLite fails it at once if another writer came first
        if getattr(self._local, "reading", False):
            raise UnitOfWorkMisuse("a write inside a reading() block: write after the block, or inside writing()")

    @staticmethod
    @contextmanager
    def _savepoint(connection: sqlite3.Connection) -> Iterator[None]:
        connection.execute("SAVEPOINT ledger_write")
        try:
            yield
        except BaseException:
            connection.execute("ROLLBACK TO ledger_write")
            connection.execute("RELEASE ledger_write")
            raise
        connection.execute("RELEASE ledger_write")

    def _connection(self, *, writes: bool = False) -> sqlite3.Connection:
        if self._closed:
            raise UnitOfWorkMisuse(
                f"the store of {self.path!r} is closed: open a new SqliteLedgerStore to use the file"
            )
        if os.getpid() != self._process:
            raise UnitOfWorkMisuse(
                f"the store of {self.path!r} was opened in process {self._process}, before a fork(), and cannot be used"
                f" in process {os.getpid()}: open a SqliteLedgerStore in each process, after it starts"
            )
        if writes and self.read_only:
            raise UnitOfWorkMisuse(
                f"the store of {self.path!r} was opened read_only=True and cannot write: open it without read_only"
            )
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            with self._guard:
                connection = self._open()
        return connection

    def _open(self, *, checked: bool = True) -> sqlite3.Connection:
        """A new connection for this thread; in WAL mode if the file was ``checked`` to be a ledger and is writable.

        The connections of threads that have finished are closed first: a server that starts a thread per request
        would otherwise hold two files open per request served, until it ran out of descriptors.
        """
        for thread in [thread for thread in self._connections if not thread.is_alive()]:
            self._connections.pop(thread).close()
        connection = _connect(
            self.path,
            read_only=self.read_only,
            durable=self.durable,
            timeout=self.timeout,
            wal=checked and not self.read_only,
        )
        if checked and self.read_only:  # another thread's connection to a file already found a ledger
            _read_paid_orders_of_an_older_file(connection)
        self._local.connection = connection
        self._connections[threading.current_thread()] = connection
        return connection
