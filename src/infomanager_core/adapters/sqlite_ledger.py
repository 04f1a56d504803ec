"""The SQLite journal store: the ledger in one file, safe across threads and processes.

It implements :class:`~infomanager_core.ledger.LedgerStore` with the standard library's ``sqlite3``:

* the file runs in WAL mode, so readers never block the writer;
* every unit of work starts with ``BEGIN IMMEDIATE``, which takes the file's write lock before the first read: the
  overdraft check and the write are one atomic step even when two processes post at once;
* a transaction, its postings, its idempotency key and its balance updates commit together or not at all (a process
  killed mid-write leaves the file as it was before that transaction);
* ``durable=True`` (the default) sets ``synchronous=FULL``: a committed transaction survives a power cut;
* running balances live in their own table, so the current balance is one primary-key lookup;
* the file says what it is: SQLite's ``application_id`` marks it as a ledger (:data:`APPLICATION_ID`) and its
  ``user_version`` is the schema's version (:data:`SCHEMA_VERSION`). A file of another application, a database that
  holds other tables, or a ledger written by a newer schema is refused (:class:`NotALedgerFile`,
  :class:`UnsupportedLedgerVersion`) before anything is written to it; a ledger written before files were marked
  (the same tables, unmarked) is marked when first opened for writing;
* what SQLite says about the file's surroundings is a typed error, after the unit of work is rolled back: a file or
  directory this process may not write (:class:`FileNotWritable`), a full disk (:class:`DiskFull`), a lock held past
  ``timeout`` (:class:`StoreBusy`), damaged pages (the law ``every page of the file is intact``).

Nothing is ever updated except running balances, and nothing is deleted. The schema uses plain SQL types and
``ON CONFLICT`` upserts, so a PostgreSQL store can keep the same tables.

>>> import tempfile, pathlib
>>> from datetime import date
>>> from infomanager_core.ledger import Ledger
>>> from infomanager_core.money import Money
>>> path = pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite"
>>> with SqliteLedgerStore(path) as store:
...     _ = Ledger(store).top_up(organisation="acme", amount=Money("20", "CHF"), effective=date(2026, 3, 2), key="t-1")
>>> with SqliteLedgerStore(path) as store:
...     Ledger(store).balances("acme", "CHF").available
Money('20.00', 'CHF')
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from json.encoder import encode_basestring_ascii as _json_text  # what json.dumps uses
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import InvalidInput
from ..ledger.accounts import Account, AccountKind, account_named
from ..ledger.balances import AccountBalance
from ..ledger.entries import FIRST, KEY, SECOND, SEQUENCE, UNITS, Entry
from ..ledger.errors import InvariantViolation, LedgerError
from ..ledger.plans import Fingerprint, fingerprint_text
from ..ledger.transaction import Posting, Transaction, TransactionKind, trusted_posting, trusted_transaction

__all__ = [
    "APPLICATION_ID",
    "SCHEMA",
    "SCHEMA_VERSION",
    "WAL_SIZE_LIMIT",
    "DiskFull",
    "FileNotWritable",
    "NotALedgerFile",
    "SqliteLedgerStore",
    "StoreBusy",
    "UnitOfWorkMisuse",
    "UnsupportedLedgerVersion",
]


class NotALedgerFile(InvalidInput):
    """A path that is not an SQLite ledger file (not SQLite at all, another application's, or without the ledger's
    tables)."""


class UnsupportedLedgerVersion(NotALedgerFile):
    """A ledger file whose schema is newer than this version of the library reads: it is left untouched."""

    def __init__(self, path: str, version: int) -> None:
        self.version = version
        super().__init__(
            "path",
            path,
            f"holds a ledger of schema version {version}; this version of infomanager_core reads up to {SCHEMA_VERSION}",
            hint="open it with the version of infomanager_core that wrote it, or a later one",
        )


class StoreBusy(LedgerError):
    """Another connection held the file's write lock longer than the store's ``timeout``: nothing was written; the
    same call may be retried."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        super().__init__(f"{path!r} is busy: another connection held it for more than timeout={timeout} s (retry)")


class DiskFull(LedgerError):
    """The file could not grow: the disk (or the file system's quota) had no room left. The unit of work was rolled
    back, nothing was written; the same call may be retried once there is room."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"{path!r} is full: the disk had no room to grow it; nothing was written (free some space, then retry)"
        )


class FileNotWritable(LedgerError):
    """This process may not write the file, or the directory where SQLite keeps the write-ahead log beside it (a file
    restored read-only, a service running as another user): nothing was written. ``read_only=True`` reads it."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(
            f"{path!r} cannot be written by this process ({detail}); nothing was written"
            " (give the service's user write access to the file and its directory, or open it read_only=True to read)"
        )


class UnitOfWorkMisuse(LedgerError):
    """The store was used outside the shape of its units of work (nothing was written)."""


#: SQLite's ``application_id`` of a ledger file: ``IMLG`` in ASCII (``file`` shows it as the file's type).
APPLICATION_ID = 0x494D4C47

#: The schema's version, kept in SQLite's ``user_version``; a change to the tables gives the next number and a
#: migration from the previous one.
SCHEMA_VERSION = 1

#: The size, in bytes, the write-ahead log is cut back to when SQLite starts it over (its ``journal_size_limit``).
#: SQLite recycles the ``-wal`` file without shrinking it, so a bulk load, or writes during a long read (which keeps
#: SQLite from starting the log over), left it at its largest for as long as the service ran. Day to day the log
#: cycles at about 4 MB (SQLite checkpoints at 1,000 pages): four times that is never cut in normal use.
WAL_SIZE_LIMIT = 16 * 2**20


SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger_transactions (
    sequence    INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    effective   TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    pending     INTEGER NOT NULL,
    reverses    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    resolves    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    metadata    TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_postings (
    sequence     INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    position     INTEGER NOT NULL,
    account_kind TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    units        INTEGER NOT NULL CHECK (typeof(units) = 'integer'),
    PRIMARY KEY (sequence, position)
);
CREATE INDEX IF NOT EXISTS ledger_postings_by_account
    ON ledger_postings (account_kind, owner, currency, sequence);
CREATE TABLE IF NOT EXISTS ledger_balances (
    account_kind    TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    posted          INTEGER NOT NULL CHECK (typeof(posted) = 'integer'),
    pending_debits  INTEGER NOT NULL CHECK (typeof(pending_debits) = 'integer'),
    pending_credits INTEGER NOT NULL CHECK (typeof(pending_credits) = 'integer'),
    PRIMARY KEY (account_kind, owner, currency)
);
CREATE TABLE IF NOT EXISTS ledger_idempotency (
    key         TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    sequence    INTEGER NOT NULL REFERENCES ledger_transactions (sequence)
);
"""

_TABLES = frozenset({"ledger_transactions", "ledger_postings", "ledger_balances", "ledger_idempotency"})

_TRANSACTION_COLUMNS = "sequence, key, kind, effective, recorded_at, pending, reverses, resolves, metadata"
_JOURNAL = f"""
SELECT t.{_TRANSACTION_COLUMNS.replace(", ", ", t.")}, p.account_kind, p.owner, p.currency, p.units
FROM ledger_transactions AS t LEFT JOIN ledger_postings AS p ON p.sequence = t.sequence
"""
_BALANCE_UPSERT = """
INSERT INTO ledger_balances (account_kind, owner, currency, posted, pending_debits, pending_credits)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (account_kind, owner, currency) DO UPDATE SET
    posted = posted + excluded.posted,
    pending_debits = pending_debits + excluded.pending_debits,
    pending_credits = pending_credits + excluded.pending_credits
"""


class SqliteLedgerStore:
    """A journal in the SQLite file at ``path``; one connection per thread, opened on first use (so SQLite's
    ``:memory:``, a database per connection, is refused: ``Ledger()`` keeps a journal in memory).

    Use it as a context manager, or call :meth:`close`; a closed store refuses further use (:class:`UnitOfWorkMisuse`)
    rather than open the file again. ``timeout`` is how long, in seconds, a writer waits for another to finish (at
    most a day). A store opened ``read_only`` refuses every write the same way, before touching the file.
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
        self._guard = threading.Lock()
        try:
            self._refuse_what_is_not_a_file()
            with self._guard:
                connection = self._open(checked=False)
            needs_schema = self._check(connection)  # reads only: a refused file is left exactly as it was
            if not read_only and os.path.exists(self.path) and not os.access(self.path, os.W_OK):
                # SQLite would open it read-only without a word and refuse the first payment of the day instead
                raise FileNotWritable(self.path, "the file is read-only")
            if not read_only:
                # WAL first, outside any transaction, as every writer does: switching a file's journal mode while
                # other connections hold locks on it could only fail at once ("database is locked") to avoid deadlock
                connection.execute("PRAGMA journal_mode=WAL")
            if needs_schema and not read_only:  # a new or unmarked file: write the schema and the mark
                self._begin_immediate(connection)  # two processes creating one file: the second finds it made
                try:
                    if self._check(connection):
                        for statement in SCHEMA.split(";"):
                            connection.execute(statement)
                        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
        except sqlite3.DatabaseError as error:
            self.close()
            if _busy(error):
                raise StoreBusy(self.path, self.timeout) from error  # a file in use, not a file of another kind
            if _read_only(error):  # a ledger SQLite may not write beside (its -wal, its -shm): not "no ledger"
                raise FileNotWritable(self.path, f"SQLite: {error}") from None
            if _full(error):  # no room for a new file's schema
                raise DiskFull(self.path) from None
            if _corrupt(error):  # an SQLite file whose pages are damaged (a copy cut short): not "no ledger"
                raise InvariantViolation(_PAGES_INTACT, f"SQLite: {error}") from None
            raise NotALedgerFile("path", self.path, f"cannot be opened as an SQLite ledger ({error})") from None
        except (NotALedgerFile, StoreBusy, FileNotWritable):
            self.close()
            raise

    def _refuse_what_is_not_a_file(self) -> None:
        """Say what the path is before SQLite does ("disk I/O error", "unable to open database file")."""
        if os.path.isdir(self.path):
            raise NotALedgerFile("path", self.path, "cannot be opened: it is a directory, not a file")
        if self.read_only and not os.path.exists(self.path):
            raise NotALedgerFile(
                "path", self.path, "cannot be opened: no such file (a store opened read_only=True never creates one)"
            )

    def _check(self, connection: sqlite3.Connection) -> bool:
        """Whether the file needs the schema written (a new file, or a ledger from before files were marked).

        Raises :class:`NotALedgerFile` for anything that is not a ledger this version reads, before any write.
        """
        application: int = connection.execute("PRAGMA application_id").fetchone()[0]
        version: int = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")  # SQLite's own (statistics after ANALYZE…)
        }
        if application not in (0, APPLICATION_ID):
            raise NotALedgerFile(
                "path", self.path, f"belongs to another application (SQLite application_id {application:#010x})"
            )
        if application == APPLICATION_ID and version > SCHEMA_VERSION:
            raise UnsupportedLedgerVersion(self.path, version)
        others = sorted(tables - _TABLES)
        if others:
            raise NotALedgerFile(
                "path",
                self.path,
                f"holds tables that are not a ledger's ({', '.join(others)})",
                hint="a ledger keeps an SQLite file of its own",
            )
        missing = sorted(_TABLES - tables)
        if missing and (self.read_only or application == APPLICATION_ID):
            raise NotALedgerFile("path", self.path, f"has no ledger tables ({', '.join(missing)} missing)")
        return application == 0  # new, half-made by an older version, or made before files were marked

    def __enter__(self) -> SqliteLedgerStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection this store opened; the store cannot be used afterwards."""
        self._closed = True
        with self._guard:
            for connection in self._connections.values():
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    # -- units of work ------------------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[_SqliteSession]:
        """A consistent view: one read transaction; the journals it streamed are closed when the block ends."""
        connection = self._connection()
        session = _SqliteSession(connection)
        if connection.in_transaction:
            try:
                with _damage_reported(), self._busy_reported():
                    yield session
            finally:
                session.close()
            return
        # a damaged page fails the read, and then the COMMIT that ends it; a lock held past the timeout (a file out of
        # WAL mode held by a tool) fails the first read
        with _damage_reported(), self._busy_reported():
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
            with _damage_reported(), self._writes_refused():
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
        """One ``BEGIN IMMEDIATE … COMMIT`` around many writes; each write is a savepoint, whole or absent."""
        connection = self._connection(writes=True)
        if connection.in_transaction:
            self._refuse_write_in_read()
            yield
            return
        self._begin_immediate(connection)
        try:
            with _damage_reported(), self._writes_refused():
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
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise StoreBusy(self.path, self.timeout) from error
            raise

    @contextmanager
    def _busy_reported(self) -> Iterator[None]:
        """SQLite's "database is locked" met after waiting ``timeout`` as :class:`StoreBusy`."""
        try:
            yield
        except sqlite3.OperationalError as error:
            if not _busy(error):
                raise
            raise StoreBusy(self.path, self.timeout) from error

    @contextmanager
    def _writes_refused(self) -> Iterator[None]:
        """SQLite's "attempt to write a readonly database" (a file made read-only after it was opened) as
        :class:`FileNotWritable`, and its "database or disk is full" as :class:`DiskFull`; the unit of work they end
        is rolled back."""
        try:
            yield
        except sqlite3.OperationalError as error:
            if _read_only(error):
                raise FileNotWritable(self.path, f"SQLite: {error}") from None
            if _full(error):
                raise DiskFull(self.path) from None
            raise

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
        if self.read_only:  # never creates the file nor writes to it (not even the schema)
            target, uri = f"{Path(self.path).absolute().as_uri()}?mode=ro", True
            if _archived(self.path):  # nothing can change it, and WAL's -shm cannot be created beside it
                target += "&immutable=1"
        else:
            target, uri = self.path, False
        connection = sqlite3.connect(
            target, timeout=self.timeout, isolation_level=None, check_same_thread=False, uri=uri
        )
        try:  # the first statement is where a file that is not SQLite, or is busy, is found out
            if checked and not self.read_only:
                connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'NORMAL'}")
            connection.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            connection.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        except BaseException:
            connection.close()  # not yet this store's to close: left open, it held the file while the error was kept
            raise
        self._local.connection = connection
        self._connections[threading.current_thread()] = connection
        return connection


def _archived(path: str) -> bool:
    """Whether ``path`` lies on a read-only file system (a backup mounted ``ro``) with no write-ahead log beside it,
    or in a directory this process may not write with neither log nor ``-shm`` beside it.

    SQLite reads a WAL-mode file through a ``-shm`` file it creates beside it, and cannot open it where it may not:
    such a file is read as immutable (no locks, no ``-shm``), which is safe because nothing can write there. A file
    archived with a non-empty ``-wal`` holds its last transactions in that log, which an immutable read would leave
    out: it is read the usual way (SQLite manages when the ``-shm`` was archived too).

    A directory only this process may not write (an operator's account reading the service's file) is another
    matter: the service may write there. While it has the file open, its ``-wal`` and ``-shm`` are beside it and the
    file is read through them; with neither there, no connection has the file open (the last to close removes
    them), and the file is read as immutable.
    """
    flag = getattr(os, "ST_RDONLY", None)
    try:
        directory = Path(path).absolute().parent
        log, shared = Path(f"{path}-wal"), Path(f"{path}-shm")
        if flag is not None and os.statvfs(directory).f_flag & flag:
            return not (log.exists() and log.stat().st_size > 0)
        return not os.access(directory, os.W_OK) and not log.exists() and not shared.exists()
    except OSError:
        return False


#: The longest a writer may wait for the file's lock (SQLite's busy timeout is a 32-bit count of milliseconds).
MAX_TIMEOUT = 86_400


def _file_path(value: object) -> str:
    path = os.fspath(value) if isinstance(value, str | os.PathLike) else None
    if not isinstance(path, str) or not path:
        raise InvalidInput("path", value, "must be the path of a file (a non-empty str or os.PathLike of text)")
    if path == ":memory:":  # SQLite's name for a database of one connection, and the store opens one per thread
        raise InvalidInput(
            "path", value, "is not a file: each thread would get a ledger of its own (use Ledger() for one in memory)"
        )
    if "\x00" in path:  # no file system names a file so; sqlite3 raised a bare ValueError
        raise InvalidInput("path", value, "must not contain a NUL character (no file name can)")
    try:
        os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate the file system encoding cannot write
        raise InvalidInput("path", value, "cannot be encoded as a file name") from None
    if path.startswith("file:"):  # SQLite reads it as a URI whatever it is told: ?mode=memory, ?nolock=1 and the like
        raise InvalidInput(
            "path", value, "is an SQLite URI, not the path of a file", hint=f"for a file of that name, ./{path}"
        )
    return path


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "must be True or False")
    return value


def _seconds(value: object, field: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_TIMEOUT  # NaN fails this too
    ):
        raise InvalidInput(field, value, f"must be a number of seconds from 0 to {MAX_TIMEOUT:,} (a day)")
    return value


#: What decoding a damaged row raises: an unknown kind or account kind, a date that is not one, metadata that is not
#: JSON pairs, a value of the wrong type. (A transaction whose rows decode but break its own rules is law
#: ``every stored transaction is well-formed``, naming the transaction.)
_DAMAGE = (ValueError, TypeError, KeyError)


def _damaged(what: str, error: Exception) -> InvariantViolation:
    return InvariantViolation("every stored row decodes", f"{what}: {type(error).__name__}: {error}")


def _account(kind: str, owner: str, code: str) -> Account:
    try:
        return Account(kind=AccountKind(kind), owner=owner, currency=code)
    except (*_DAMAGE, InvalidInput) as error:  # an unknown kind, or an owner or currency no account may have
        raise _damaged(f"account {kind}:{owner}:{code}", error) from None


def _transactions(rows: Iterable[Any]) -> Iterator[Transaction]:
    """The transactions of journal rows (one per posting, in order), built one at a time as the rows come.

    A journal names few accounts many times: each is decoded (and validated) once per stream, then shared — accounts
    are immutable values.
    """
    accounts: dict[tuple[str, str, str], Account] = {}
    current: list[Any] | None = None
    postings: list[Posting] = []
    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                yield _transaction(current, postings)
            current, postings = row, []
        if row[9] is not None:
            named = row[9], row[10], row[11]
            account = accounts.get(named)
            if account is None:
                account = accounts[named] = _account(*named)
            units = row[12]
            if type(units) is int and units:  # what this store writes: a posting's rule holds, none to run again
                postings.append(trusted_posting(account, units))
                continue
            try:  # a posting of zero, or of a text or a real: edited by hand, and its rule says which
                postings.append(Posting(account, units))
            except InvalidInput as error:
                raise InvariantViolation(_WELL_FORMED, f"transaction #{row[0]}: {error}") from None
    if current is not None:
        yield _transaction(current, postings)


#: The law a file breaks when SQLite finds one of its pages damaged (a bad disk, a copy cut short, a stray write).
_PAGES_INTACT = "every page of the file is intact"


#: Rows that belong to no transaction, each with the law it breaks (the first five of each).
_STRAY_ROWS = (
    (
        "every key names its own transaction",
        "SELECT i.key FROM ledger_idempotency AS i LEFT JOIN ledger_transactions AS t ON t.sequence = i.sequence"
        " WHERE t.key IS NOT i.key ORDER BY i.key LIMIT 5",
    ),
    (
        "every posting belongs to a transaction",
        "SELECT DISTINCT p.sequence FROM ledger_postings AS p LEFT JOIN ledger_transactions AS t"
        " ON t.sequence = p.sequence WHERE t.sequence IS NULL ORDER BY p.sequence LIMIT 5",
    ),
    (
        # this store writes a running balance only for an account a posting touches: a row of zeros beside them was
        # added by hand, and lists an account that nothing ever posted to (check_invariants lets a store of another
        # kind keep such rows, so the law is the file's)
        "every running balance belongs to an account with postings",
        "SELECT b.account_kind || ':' || CASE b.owner WHEN '' THEN '' ELSE b.owner || ':' END || b.currency"
        " FROM ledger_balances AS b WHERE NOT EXISTS (SELECT 1 FROM ledger_postings AS p"
        " WHERE p.account_kind = b.account_kind AND p.owner = b.owner AND p.currency = b.currency)"
        " ORDER BY 1 LIMIT 5",
    ),
)


@contextmanager
def _damage_reported() -> Iterator[None]:
    """SQLite's "database disk image is malformed" met while reading or writing, as the broken law it is."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        if not _corrupt(error) and not _error_name(error).startswith("SQLITE_NOTADB"):
            raise
        raise InvariantViolation(_PAGES_INTACT, f"SQLite: {error}") from None


def _error_name(error: sqlite3.Error) -> str:
    return getattr(error, "sqlite_errorname", "")


def _read_only(error: sqlite3.Error) -> bool:
    """Whether SQLite was refused a write to the file or beside it (SQLITE_READONLY and its extended codes)."""
    return _error_name(error).startswith("SQLITE_READONLY")


def _full(error: sqlite3.Error) -> bool:
    """Whether SQLite could not grow the file (SQLITE_FULL: the disk or a quota had no room)."""
    return _error_name(error).startswith("SQLITE_FULL")


def _corrupt(error: sqlite3.Error) -> bool:
    """Whether SQLite found a page of the file damaged ("database disk image is malformed")."""
    return _error_name(error).startswith("SQLITE_CORRUPT")


def _busy(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock (SQLITE_BUSY / SQLITE_LOCKED)."""
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


def _stream(cursor: sqlite3.Cursor) -> Iterator[Transaction]:
    try:
        yield from _transactions(cursor)
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed cursor"
        raise UnitOfWorkMisuse("a journal read after its reading() block ended: read it inside the block") from None


_KINDS = {kind.value: kind for kind in TransactionKind}


def _transaction(row: Any, postings: list[Posting]) -> Transaction:
    try:
        kind = _KINDS.get(row[2]) or TransactionKind(row[2])  # the enum call only to word the error
        effective = date.fromisoformat(row[3])
        recorded_at = datetime.fromisoformat(row[4])
        metadata = () if row[8] == "[]" else tuple((name, value) for name, value in json.loads(row[8]))
    except _DAMAGE as error:  # json.JSONDecodeError is a ValueError
        raise _damaged(f"transaction #{row[0]}", error) from None
    sequence = row[0]
    if (
        len(postings) == 2  # what this store writes: one amount between two accounts of one currency
        and postings[0].units == -postings[1].units
        and postings[0].account.currency == postings[1].account.currency
        and sequence >= 1  # the table's INTEGER PRIMARY KEY: an int, though a hand may have written 0
        and recorded_at.tzinfo is not None
    ):  # every rule of a transaction holds: build it as it is stored, without running them again
        return trusted_transaction(
            sequence,
            row[1],
            kind,
            effective,
            recorded_at,
            (postings[0], postings[1]),
            bool(row[5]),
            row[6],
            row[7],
            metadata,
        )
    try:  # anything else was edited by hand, and the transaction's own rules say what is wrong with it
        return Transaction(
            sequence=row[0],
            key=row[1],
            kind=kind,
            effective=effective,
            recorded_at=recorded_at,
            pending=bool(row[5]),
            reverses=row[6],
            resolves=row[7],
            postings=tuple(postings),
            metadata=metadata,
        )
    except InvalidInput as error:  # rows that decode but break a transaction's own rule: edited by hand
        # the file's fault, not the caller's, and in a year of transactions the operator needs to know which one
        raise InvariantViolation(_WELL_FORMED, f"transaction #{row[0]}: {error}") from None


#: The law a transaction whose rows decode but break its own validation breaks (unbalanced postings…).
_WELL_FORMED = "every stored transaction is well-formed"


class _SqliteSession:
    """A reader (and, inside ``writing``, a writer) over one connection's open SQL transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._sql = connection
        self._streams: list[sqlite3.Cursor] = []

    def close(self) -> None:
        """Close the cursors the session's journals stream from (their statements end with the unit of work)."""
        for cursor in self._streams:
            cursor.close()
        self._streams.clear()

    def balance(self, account: Account) -> AccountBalance | None:
        row = self._sql.execute(
            "SELECT posted, pending_debits, pending_credits FROM ledger_balances"
            " WHERE account_kind = ? AND owner = ? AND currency = ?",
            (account.kind.value, account.owner, account.currency),
        ).fetchone()
        if row is None:
            return None
        return AccountBalance(posted=row[0], pending_debits=row[1], pending_credits=row[2])

    def balances(self) -> dict[Account, AccountBalance]:
        rows = self._sql.execute("SELECT * FROM ledger_balances")
        return {
            _account(kind, owner, code): AccountBalance(posted=posted, pending_debits=debits, pending_credits=credits)
            for kind, owner, code, posted, debits, credits in rows
        }

    def transaction(self, sequence: int) -> Transaction | None:
        rows = self._sql.execute(_JOURNAL + " WHERE t.sequence = ? ORDER BY p.position", (sequence,))
        return next(_transactions(rows), None)

    def transactions(
        self, *, account: Account | None = None, since: int | None = None, upto: int | None = None
    ) -> Iterator[Transaction]:
        # The bounds go where the rows are chosen: on an account's postings (its index ends with the sequence, so
        # a period of a busy account is a range of that index), else on the transactions' primary key.
        bounds: list[str] = []
        parameters: list[object] = []
        if account is not None:
            parameters += [account.kind.value, account.owner, account.currency]
        for condition, bound in (("sequence >= ?", since), ("sequence <= ?", upto)):
            if bound is not None:
                bounds.append(condition)
                parameters.append(bound)
        if account is not None:
            chosen = " AND ".join(["account_kind = ? AND owner = ? AND currency = ?", *bounds])
            conditions = [f"t.sequence IN (SELECT sequence FROM ledger_postings WHERE {chosen})"]
        else:
            conditions = [f"t.{bound}" for bound in bounds]
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        # streamed from the cursor, which closes with the unit of work: a year's journal need not fit in memory
        cursor = self._sql.execute(_JOURNAL + where + " ORDER BY t.sequence, p.position", parameters)
        self._streams.append(cursor)
        return _stream(cursor)

    def head(self) -> tuple[int, date] | None:
        row = self._sql.execute(
            "SELECT sequence, effective FROM ledger_transactions ORDER BY sequence DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        try:
            return row[0], date.fromisoformat(row[1])
        except _DAMAGE as error:
            raise _damaged(f"transaction #{row[0]}", error) from None

    def recorded(self, key: str) -> tuple[str, int] | None:
        row = self._sql.execute("SELECT fingerprint, sequence FROM ledger_idempotency WHERE key = ?", (key,)).fetchone()
        return None if row is None else (row[0], row[1])

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        """Keys looked up 500 at a time (under SQLite's limit on bound parameters)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, tuple[str, int]] = {}
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            rows = self._sql.execute(
                "SELECT key, fingerprint, sequence FROM ledger_idempotency"
                f" WHERE key IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((key, (fingerprint, sequence)) for key, fingerprint, sequence in rows)
        return found

    def resolution_of(self, request: int) -> int | None:
        row = self._sql.execute("SELECT sequence FROM ledger_transactions WHERE resolves = ?", (request,)).fetchone()
        return None if row is None else int(row[0])

    def reversal_of(self, sequence: int) -> int | None:
        row = self._sql.execute("SELECT sequence FROM ledger_transactions WHERE reverses = ?", (sequence,)).fetchone()
        return None if row is None else int(row[0])

    def append(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        changes: Mapping[Account, AccountBalance],
    ) -> None:
        """Three ``executemany`` (transactions, postings, keys) and one balance upsert per touched account.

        The tables' primary keys and ``UNIQUE`` constraints refuse a taken sequence, key, resolution or reversal; a
        sequence that does not follow the head one by one (which a primary key would take) is refused here.
        """
        if len(fingerprints) != len(entries):
            raise RuntimeError(f"{len(entries)} entries but {len(fingerprints)} fingerprints")
        sql = self._sql
        (head,) = sql.execute("SELECT COALESCE(MAX(sequence), 0) FROM ledger_transactions").fetchone()
        sequences = [entry[SEQUENCE] for entry in entries]
        if sequences != list(range(head + 1, head + 1 + len(entries))):
            gap = next(number for number, sequence in enumerate(sequences, head + 1) if sequence != number)
            raise RuntimeError(f"sequence {sequences[gap - head - 1]} does not follow {gap - 1}")
        sql.executemany(_TRANSACTION_INSERT, _transaction_rows(entries))
        sql.executemany(_POSTING_INSERT, _posting_rows(entries))
        sql.executemany(
            _KEY_INSERT,
            [
                (entry[KEY], fingerprint_text(fingerprint), entry[SEQUENCE])
                for entry, fingerprint in zip(entries, fingerprints, strict=True)
            ],
        )
        sql.executemany(_BALANCE_UPSERT, _balance_rows(changes))


_TRANSACTION_INSERT = f"INSERT INTO ledger_transactions ({_TRANSACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_POSTING_INSERT = (
    "INSERT INTO ledger_postings (sequence, position, account_kind, owner, currency, units) VALUES (?, ?, ?, ?, ?, ?)"
)
_KEY_INSERT = "INSERT INTO ledger_idempotency (key, fingerprint, sequence) VALUES (?, ?, ?)"


def _transaction_rows(entries: Iterable[Entry]) -> Iterator[tuple[Any, ...]]:
    # An entry holds its kind as text, and sqlite3 binds it as it is.
    # A batch shares one ``recorded_at`` and few dates: each is written as text once.
    texts: dict[date | datetime, str] = {}
    for (
        sequence,
        key,
        kind,
        effective,
        recorded_at,
        _first,
        _second,
        _units,
        pending,
        reverses,
        resolves,
        meta,
    ) in entries:
        day = texts.get(effective) or texts.setdefault(effective, effective.isoformat())
        stamp = texts.get(recorded_at) or texts.setdefault(recorded_at, recorded_at.isoformat())
        yield sequence, key, kind, day, stamp, int(pending), reverses, resolves, _metadata_json(meta)


def _metadata_json(metadata: tuple[tuple[str, str], ...]) -> str:
    """``json.dumps(metadata)``, written out: the same text, without the encoder's machinery on every write."""
    return "[" + ", ".join(f"[{_json_text(name)}, {_json_text(value)}]" for name, value in metadata) + "]"


def _balance_rows(changes: Mapping[Account, AccountBalance]) -> list[tuple[Any, ...]]:
    return [
        (account.kind, account.owner, account.currency, change.posted, change.pending_debits, change.pending_credits)
        for account, change in changes.items()
    ]


def _posting_rows(entries: Iterable[Entry]) -> Iterator[tuple[Any, ...]]:
    for entry in entries:
        sequence, units = entry[SEQUENCE], entry[UNITS]
        first, second = account_named(entry[FIRST]), account_named(entry[SECOND])
        yield sequence, 0, first.kind, first.owner, first.currency, units
        yield sequence, 1, second.kind, second.owner, second.currency, -units
