"""What SQLite says about the file and its surroundings, as the library's errors.

SQLite names its errors (``sqlite_errorname``); the store reads that name, except for a lock, which it tells by the
message's words ("locked", "busy"). Each translation happens where the unit of work it ends is rolled back, so that
a caller never sees SQLite's own error for a rule the library names:

* a lock held past the store's ``timeout`` (``SQLITE_BUSY``, ``SQLITE_LOCKED``) — :class:`StoreBusy`, retryable;
* a file or directory this process may not write (``SQLITE_READONLY…``) — :class:`FileNotWritable`;
* no room to grow the file (``SQLITE_FULL``) — :class:`DiskFull`, retryable;
* a damaged page (``SQLITE_CORRUPT…``, or ``SQLITE_NOTADB`` met after the file was opened) — the law
  ``every page of the file is intact`` (:class:`~infomanager_core.ledger.errors.InvariantViolation`);
* anything else SQLite refuses while opening — :class:`NotALedgerFile`; after opening, passed on as it is.

>>> import sqlite3
>>> with _opening_reported("notes.txt", 60.0):
...     raise sqlite3.DatabaseError("file is not a database")
Traceback (most recent call last):
  ...
infomanager_core.adapters.sqlite_ledger.errors.NotALedgerFile: path: 'notes.txt' cannot be opened as an SQLite ledger (file is not a database)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ...ledger.errors import InvariantViolation
from .errors import DiskFull, FileNotWritable, NotALedgerFile, StoreBusy

__all__: list[str] = []

#: The law a file breaks when SQLite finds one of its pages damaged (a bad disk, a copy cut short, a stray write).
_PAGES_INTACT = "every page of the file is intact"


@contextmanager
def _opening_reported(path: str, timeout: float) -> Iterator[None]:
    """SQLite's errors while a store opens ``path``: each as what it says of the file, else "not a ledger"."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        if _busy(error):
            raise StoreBusy(path, timeout) from error  # a file in use, not a file of another kind
        if _read_only(error):  # a ledger SQLite may not write beside (its -wal, its -shm): not "no ledger"
            raise FileNotWritable(path, f"SQLite: {error}") from None
        if _full(error):  # no room for a new file's schema
            raise DiskFull(path) from None
        if _corrupt(error):  # an SQLite file whose pages are damaged (a copy cut short): not "no ledger"
            raise InvariantViolation(_PAGES_INTACT, f"SQLite: {error}") from None
        raise NotALedgerFile("path", path, f"cannot be opened as an SQLite ledger ({error})") from None


@contextmanager
def _damage_reported() -> Iterator[None]:
    """SQLite's "database disk image is malformed" met while reading or writing, as the broken law it is."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        if not _corrupt(error) and not _error_name(error).startswith("SQLITE_NOTADB"):
            raise
        raise InvariantViolation(_PAGES_INTACT, f"SQLite: {error}") from None


@contextmanager
def _busy_reported(path: str, timeout: float) -> Iterator[None]:
    """SQLite's "database is locked" met after waiting ``timeout`` as :class:`StoreBusy`."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if not _busy(error):
            raise
        raise StoreBusy(path, timeout) from error


@contextmanager
def _writes_refused(path: str) -> Iterator[None]:
    """SQLite's "attempt to write a readonly database" (a file made read-only after it was opened) as
    :class:`FileNotWritable`, and its "database or disk is full" as :class:`DiskFull`; the unit of work they end
    is rolled back."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if _read_only(error):
            raise FileNotWritable(path, f"SQLite: {error}") from None
        if _full(error):
            raise DiskFull(path) from None
        raise


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
    return isinstance(error, sqlite3.OperationalError) and _error_name(error).startswith(
        ("SQLITE_BUSY", "SQLITE_LOCKED")
    )
