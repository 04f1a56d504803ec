"""Why the SQLite store refused a file or a unit of work: one leaf per broken rule, each carrying its data.

A refusal leaves the file exactly as it was. A path that is not a ledger this version reads is bad input
(:class:`NotALedgerFile`, an :class:`~infomanager_core.errors.InvalidInput`); what the file's surroundings refuse —
a lock held too long, a full disk, a file this process may not write — and a store used outside its units of work
are :class:`~infomanager_core.ledger.errors.LedgerError` values. Damaged pages are no error of their own: they
break the law ``every page of the file is intact`` (:class:`~infomanager_core.ledger.errors.InvariantViolation`).

>>> print(StoreBusy("ledger.sqlite", 60.0))
'ledger.sqlite' is busy: another connection held it for more than timeout=60.0 s (retry)
"""

from __future__ import annotations

from ...errors import InvalidInput
from ...ledger.errors import LedgerError
from .schema import SCHEMA_VERSION

__all__ = [
    "DiskFull",
    "FileNotWritable",
    "NotALedgerFile",
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
