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

One concept a module: :mod:`.store` (the store, its connections and units of work), :mod:`.session` (the reads and
the append inside a unit of work), :mod:`.rows` (entries written as rows, rows read back as transactions),
:mod:`.schema` (the tables, the file's mark and version, each connection's settings), :mod:`.opening` (the store's
arguments, and what a path must be to open as a ledger), :mod:`.sqlite_errors` (what SQLite says, as the library's
errors) and :mod:`.errors` (the store's own refusals).

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

from .errors import (
    DiskFull,
    FileNotWritable,
    NotALedgerFile,
    StoreBusy,
    UnitOfWorkMisuse,
    UnsupportedLedgerVersion,
)
from .schema import APPLICATION_ID, SCHEMA, SCHEMA_VERSION, WAL_SIZE_LIMIT
from .store import SqliteLedgerStore

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
