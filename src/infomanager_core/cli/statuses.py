"""The exit statuses of ``infomanager``: one per kind of failure, so a script can tell a wrong command line from a
missing file, a busy one, a broken ledger and a full disk without reading the message.

Usage errors are 2, as argparse makes them; 70 is ``EX_SOFTWARE`` of BSD's ``sysexits.h``; 141 is what a shell
reports for a tool killed by ``SIGPIPE`` (128 + 13), the status ``grep … | head -1`` gives under ``pipefail``; 130 is
the same for ``SIGINT`` (128 + 2), what a shell reports when Ctrl-C stops a command.
"""

from __future__ import annotations

from ..adapters.sqlite_ledger import DiskFull, FileNotWritable, NotALedgerFile, StoreBusy
from ..errors import InfomanagerError, InvalidInput, InvariantViolation
from ..pricing import PriceListError

__all__ = ["EXIT_STATUSES", "exit_status"]

#: What each exit status of ``infomanager`` means; :func:`exit_status` maps an error to its status.
EXIT_STATUSES = {
    0: "success: the command printed what was asked",
    1: "an answer about the file: no prepaid account; check found a broken law",
    2: "the command line is wrong: usage, or a value the library refuses",
    3: "a file cannot be used: missing, not a ledger, damaged; a bad price list",
    4: "the ledger file is busy (locked past the timeout): try again later",
    5: "output could not be written (disk full, read-only, I/O error)",
    70: "internal error (a bug): report the traceback on standard error",
    130: "interrupted (Ctrl-C): stopped, no traceback",
    141: "the reader of standard output went away (| head): stopped quietly",
}


def exit_status(error: InfomanagerError) -> int:
    """The exit status of a command that failed with ``error`` (:data:`EXIT_STATUSES`).

    >>> from infomanager_core.adapters.sqlite_ledger import StoreBusy
    >>> exit_status(StoreBusy("ledger.sqlite", 60.0))
    4
    """
    if isinstance(error, StoreBusy):
        return 4
    if isinstance(error, DiskFull | FileNotWritable):
        return 5
    if isinstance(error, NotALedgerFile | PriceListError | InvariantViolation):
        return 3  # InvariantViolation: a damaged page met by a command other than check, which answers 1
    if isinstance(error, InvalidInput):
        return 2
    return 70
