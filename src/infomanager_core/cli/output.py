"""How the command line writes to standard output: tables for people, CSV and JSON for programs.

A table is text for the reader's terminal, in its encoding: a character it lacks (the narrow no-break space of
``fr_FR`` amounts, the ``×`` of a quote, in a Latin-1 or ASCII locale) is shown as ``?`` rather than stopping the
command with a ``UnicodeEncodeError``. CSV and JSON are for programs: always UTF-8, so a script piping them reads the
same bytes whatever the locale it runs in (cron's ``LANG=C``, an operator's ``de_CH.ISO-8859-1``).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress

__all__ = ["human_text", "machine_text", "to_stderr"]


def to_stderr(text: str) -> None:
    """Write ``text`` and a newline to standard error, or nothing when it is closed (``2>&-``) or cannot be written.

    Python starts with ``sys.stderr`` set to ``None`` when descriptor 2 is closed, and ``print(file=None)`` writes to
    standard *output*: an error message would land in the CSV a script is reading. Dropping it is what is left; the
    exit status still says what happened.
    """
    stream = sys.stderr
    if stream is None:
        return
    with suppress(OSError, ValueError):  # a full disk, a descriptor closed under Python, a stream already closed
        print(text, file=stream, flush=True)


@contextmanager
def _stdout_as(*, encoding: str | None, errors: str) -> Iterator[None]:
    """Standard output writing ``encoding`` (``None``: its own) with the ``errors`` handler for the block, then as it
    was; a stream that cannot be reconfigured (one in memory) is used as it is."""
    stream = sys.stdout
    if not isinstance(stream, io.TextIOWrapper):
        yield
        return
    encoding_before, errors_before = stream.encoding, stream.errors
    stream.reconfigure(encoding=encoding or encoding_before, errors=errors)
    try:
        yield
    finally:
        stream.reconfigure(encoding=encoding_before, errors=errors_before)


def human_text() -> AbstractContextManager[None]:
    """Standard output for people: the terminal's encoding, a character it lacks written ``?``."""
    return _stdout_as(encoding=None, errors="replace")


def machine_text() -> AbstractContextManager[None]:
    """Standard output for programs (CSV, JSON): UTF-8 whatever the locale, and nothing replaced."""
    return _stdout_as(encoding="utf-8", errors="strict")
