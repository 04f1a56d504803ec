"""The ``infomanager`` command line.

Each subcommand is a module of this package exposing ``register(subparsers) -> None``; it adds its parser and sets
``run`` (a function of the parsed arguments returning the exit status) as a default. :data:`COMMANDS` lists them, so
adding a subcommand is one module and one line here.

Every expected failure is one line on stderr, ``infomanager COMMAND: error: …``, and an exit status that says which
kind of failure it was (:data:`~.statuses.EXIT_STATUSES`); there is never a traceback for them. An unexpected one
(a bug) shows its traceback and exits with status 70. What a command prints is written before it returns: a reader
that went away (``| head -1``) or a full disk is its status, not Python's "Exception ignored" at exit.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn

from ..errors import InfomanagerError, InvalidInput
from . import demo, ledger, quote
from .output import human_text, to_stderr
from .statuses import EXIT_STATUSES, exit_status

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

#: The subcommand modules, in the order ``infomanager --help`` lists them.
COMMANDS = (quote, ledger, demo)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (no usage block), exit status 2, and whose help is
    written to standard output or fails as a command's output does (:func:`main`)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        if file is None and sys.stdout is None:  # started with standard output closed (``>&-``)
            raise _HelpNotWritten(self.prog, _StandardOutputClosed())
        super().print_help(file)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse dropped an OSError here: ``--help > /dev/full`` exited 0, and ``--help >&-`` wrote to stderr
        if not message:
            return
        if file is None or file is sys.stderr:  # a usage error, or standard error closed (``2>&-``)
            to_stderr(message.rstrip("\n"))
            return
        try:
            file.write(message)
            flush = getattr(file, "flush", None)
            if callable(flush):  # written now: a failure at exit would be Python's "Exception ignored"
                flush()
        except OSError as error:
            raise _HelpNotWritten(self.prog, error) from None


class _StandardOutputClosed(OSError):
    def __str__(self) -> str:
        return "standard output is closed"


class _HelpNotWritten(Exception):
    """The help of the command ``prog`` could not be written: ``error`` says why."""

    def __init__(self, prog: str, error: OSError) -> None:
        super().__init__(prog, error)
        self.prog = prog
        self.error = error


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand in :data:`COMMANDS`."""
    parser = _Parser(
        prog="infomanager",
        description="Partner programme tools: quotes on a price list, prepaid ledgers,\nand a demo of the library.",
        epilog="exit status:\n" + "\n".join(f"  {status:>3}  {meaning}" for status, meaning in EXIT_STATUSES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def _words(argv: object) -> list[str] | None:
    """``argv`` as the list of its words (``None`` stays ``None``: ``sys.argv[1:]``).

    What is no sequence of ``str`` is refused by name: argparse let a TypeError escape for a number, bytes or a word
    that is none, read a string as one word a letter, and took ``None`` among the words for a missing argument.
    """
    rule = "must be a sequence of str, the words of a command line"
    if argv is None:
        return None
    if isinstance(argv, str | bytes) or not isinstance(argv, Iterable):
        raise InvalidInput("argv", argv, rule)
    words = list(argv)
    if not all(isinstance(word, str) for word in words):
        raise InvalidInput("argv", argv, rule)
    return words


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    What the words say is the command line's to refuse, with an exit status; an ``argv`` that is no sequence of
    ``str`` is the calling program's mistake, refused with :class:`~infomanager_core.errors.InvalidInput` naming it.

    >>> main(["quote", "web-hosting", "2", "--partner", "--json"])
    {
      "price_list": {
    ...
      "final": "15.87"
    }
    0
    """
    words = _words(argv)
    parser = build_parser()
    try:
        arguments = parser.parse_args(words)
    except SystemExit as stop:  # --help or a bad argument: argparse has already printed
        return stop.code if isinstance(stop.code, int) else 2
    except _HelpNotWritten as failure:
        return _not_written(failure.prog, failure.error)
    name = f"infomanager {arguments.command}"
    if sys.stdout is None:  # started with standard output closed (``>&-``): what it printed would be lost unsaid
        return _not_written(name, _StandardOutputClosed())
    try:
        with human_text():
            status: int = arguments.run(arguments)
            sys.stdout.flush()  # written now: a failure at exit would be Python's "Exception ignored", status 120
    except InfomanagerError as error:
        to_stderr(f"{name}: error: {error}")
        return exit_status(error)
    except KeyboardInterrupt:  # Ctrl-C: the person who asked knows why it stopped; a traceback would read as a bug
        to_stderr(f"{name}: interrupted")
        return 130
    except OSError as error:  # standard output on a full disk, a closed descriptor, an I/O error, a reader gone
        return _not_written(name, error)
    except Exception as error:
        to_stderr(traceback.format_exc().rstrip("\n"))
        to_stderr(f"{name}: internal error: {type(error).__name__} (a bug: please report the traceback above)")
        return 70
    return status


def _not_written(name: str, error: OSError) -> int:
    """The exit status of output that could not be written: 141, quietly, when the reader went away (``| head``),
    as Unix tools stop; 5 and one line naming ``error`` otherwise."""
    _discard_output()
    if isinstance(error, BrokenPipeError):
        return 141
    to_stderr(f"{name}: error: cannot write: {error}")
    return 5


def _discard_output() -> None:
    """Point standard output at ``/dev/null``, so that what is still buffered is not written again at exit."""
    if sys.stdout is None:  # closed from the start: nothing is buffered
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor (a stream in memory): nothing will be written at exit
        pass
