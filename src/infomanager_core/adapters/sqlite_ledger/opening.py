"""Opening a path as a ledger: the store's arguments, what the path and the file must be, and each connection.

* The arguments are checked before the file is touched: ``path`` is the path of a file (not SQLite's ``:memory:``,
  nor an SQLite URI, nor a name no file system can hold), ``durable`` and ``read_only`` are booleans, ``timeout`` is
  a number of seconds up to :data:`MAX_TIMEOUT`.
* The file is read before anything is written to it: a directory, a missing file opened read-only, a file of another
  application, a database holding other tables, or a ledger of a newer schema is refused (:class:`NotALedgerFile`,
  :class:`UnsupportedLedgerVersion`) and left exactly as it was; so is a file this process may not write, unless it
  is opened ``read_only`` (:class:`FileNotWritable`).
* A store opened ``read_only`` never creates the file nor writes to it; a file archived where nothing can write (and
  where SQLite could not create the ``-shm`` it reads a WAL file through) is read as immutable.

>>> _file_path("ledger.sqlite"), _seconds(2.5, "timeout")
('ledger.sqlite', 2.5)
>>> _file_path(":memory:")
Traceback (most recent call last):
  ...
infomanager_core.errors.InvalidInput: path: ':memory:' is not a file: each thread would get a ledger of its own (use Ledger() for one in memory)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ...errors import InvalidInput
from .errors import FileNotWritable, NotALedgerFile, UnsupportedLedgerVersion
from .schema import _TABLES, _TABLES_V1, APPLICATION_ID, SCHEMA_VERSION, _set_pragmas

__all__ = ["MAX_TIMEOUT"]

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


def _refuse_what_is_not_a_file(path: str, *, read_only: bool) -> None:
    """Say what the path is before SQLite does ("disk I/O error", "unable to open database file")."""
    if os.path.isdir(path):
        raise NotALedgerFile("path", path, "cannot be opened: it is a directory, not a file")
    if read_only and not os.path.exists(path):
        raise NotALedgerFile(
            "path", path, "cannot be opened: no such file (a store opened read_only=True never creates one)"
        )


def _alone(path: str) -> bool:
    """Whether ``path`` has neither ``-wal`` nor ``-shm`` beside it: no connection has the file open."""
    return not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-shm")


def _tidy_after_reading(path: str) -> None:
    """Remove the ``-wal`` and ``-shm`` a read-only store's connection left beside a file that had none.

    SQLite reads a WAL-mode file through them and creates them if it may; the last connection to close removes them,
    but only one that may write: a read-only one leaves them behind, and ``ls`` shows files no command line reader
    should have made. A connection that may write is opened, reads, and closes: SQLite itself then removes them if,
    and only if, no other connection has the file open (a writer that started meanwhile keeps them). Best effort:
    where this process may not write the file, they stay.
    """
    if _alone(path):
        return
    try:
        connection = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=rw", uri=True, timeout=1.0)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # the file is left as the reader left it; nothing was read or written


def _refuse_unwritable(path: str) -> None:
    """Refuse an existing file this process may not write, for a store that writes."""
    if os.path.exists(path) and not os.access(path, os.W_OK):
        # SQLite would open it read-only without a word and refuse the first payment of the day instead
        raise FileNotWritable(path, "the file is read-only")


def _needs_schema(connection: sqlite3.Connection, path: str, *, read_only: bool) -> bool:
    """Whether the file needs the schema written (a new file, a ledger from before files were marked, or one of an
    older version, which a writer migrates).

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
            "path", path, f"belongs to another application (SQLite application_id {application:#010x})"
        )
    if application == APPLICATION_ID and version > SCHEMA_VERSION:
        raise UnsupportedLedgerVersion(path, version)
    others = sorted(tables - _TABLES)
    if others:
        raise NotALedgerFile(
            "path",
            path,
            f"holds tables that are not a ledger's ({', '.join(others)})",
            hint="a ledger keeps an SQLite file of its own",
        )
    # a file of version 1, or made before files were marked, has the first four tables; a writer adds the fifth
    required = _TABLES if application == APPLICATION_ID and version >= SCHEMA_VERSION else _TABLES_V1
    missing = sorted(required - tables)
    if missing and (read_only or application == APPLICATION_ID):
        raise NotALedgerFile("path", path, f"has no ledger tables ({', '.join(missing)} missing)")
    # new, half-made by an older version, made before files were marked, or of an older schema
    return application == 0 or version < SCHEMA_VERSION


def _connect(path: str, *, read_only: bool, durable: bool, timeout: float, wal: bool) -> sqlite3.Connection:
    """A new connection to ``path``, set up (:func:`_set_pragmas`); read-only through a URI for a ``read_only``
    store, and immutable where the file is :func:`_archived`."""
    if read_only:  # never creates the file nor writes to it (not even the schema)
        target, uri = f"{Path(path).absolute().as_uri()}?mode=ro", True
        if _archived(path):  # nothing can change it, and WAL's -shm cannot be created beside it
            target += "&immutable=1"
    else:
        target, uri = path, False
    connection = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False, uri=uri)
    try:
        _set_pragmas(connection, wal=wal, durable=durable, timeout=timeout)
    except BaseException:
        connection.close()  # not yet this store's to close: left open, it held the file while the error was kept
        raise
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
