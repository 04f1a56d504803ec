"""The ``infomanager`` command line.

Each subcommand is a module of this package exposing ``register(subparsers) -> None``; it adds its parser and sets
``run`` (a function of the parsed arguments returning the exit status) as a default. :data:`COMMANDS` lists them, so
adding a subcommand is one module and one line here.

Bad arguments, and every bad-input error the library raises while running a command, print one line on stderr and
exit with status 2; there is never a traceback for them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import InfomanagerError
from . import demo, ledger, quote

__all__ = ["main"]

#: The subcommand modules, in the order ``infomanager --help`` lists them.
COMMANDS = (quote, ledger, demo)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (no usage block), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand in :data:`COMMANDS`."""
    parser = _Parser(
        prog="infomanager",
        description="Partner programme tools: quotes on a price list, prepaid ledgers, and a demo of the library.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    >>> main(["quote", "web-hosting", "2", "--partner", "--json"])
    {
      "price_list": {
    ...
      "final": "15.87"
    }
    0
    """
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as stop:  # --help or a bad argument: argparse has already printed
        return stop.code if isinstance(stop.code, int) else 2
    try:
        status: int = arguments.run(arguments)
    except InfomanagerError as error:
        print(f"infomanager {arguments.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status
