"""``infomanager ledger``: an organisation's prepaid balances and statements, read from a ledger file.

``infomanager ledger --db FILE balances ORG [--on DATE]`` prints posted, pending and available per currency, now or
at the end of a past business day; ``infomanager ledger --db FILE statement ORG [--currency CODE] [--from DATE]
[--to DATE] [--csv]`` prints the posted movements with their running balance, as a table (amounts formatted for
``--locale``) or as CSV; ``infomanager ledger --db FILE payouts ORG [--on DATE]`` lists the payout requests still
pending; ``infomanager ledger --db FILE journal [--from DATE] [--to DATE]`` prints every
transaction as CSV, one row per posting (:mod:`~infomanager_core.adapters.journal_csv`); ``infomanager ledger --db
FILE check`` audits the whole file (every law of
:func:`~infomanager_core.ledger.check_invariants`) and exits with status 1 if one is broken. The file is only read;
a missing file is an error rather than a new, empty ledger. Exit status 1 answers about the file (no prepaid account of
the organisation, in the currency asked; a broken law); 2 says the command line was wrong, 3 that the file cannot be
used (:mod:`~infomanager_core.cli.statuses`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ..adapters.journal_csv import write_journal_csv
from ..adapters.sqlite_ledger import NotALedgerFile, SqliteLedgerStore
from ..adapters.statement_csv import write_statement_csv
from ..errors import InvalidInput
from ..formatting import format_money
from ..ledger import (
    Account,
    Balances,
    DigestMismatch,
    InvariantViolation,
    JournalDigest,
    Ledger,
    Statement,
    Transaction,
    UnknownTransaction,
    check_invariants,
    transactions_between,
)
from ..money import Money, currency
from ..text import columns, padded
from .output import machine_text, to_stderr
from .quote import DEFAULT_LOCALE, check_locale

__all__ = [
    "balances_table",
    "db_option",
    "payouts_table",
    "register",
    "run_balances",
    "run_check",
    "run_digest",
    "run_journal",
    "run_payouts",
    "run_statement",
    "statement_table",
]


def _day(text: str) -> date:
    # one form only: Python also reads 20260302 and 2026-W10-1, but a period quoted in an audit reads alike to everyone
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError as error:  # the right form, a day the calendar lacks (29 February 2026)
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: {error}") from None


def _sequence(text: str) -> int:
    # ASCII digits only, as the quote's counts: int() also reads " 35", "3_5" and "٣٥"
    if not re.fullmatch(r"[0-9]+", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a sequence number (use ASCII digits)")
    return int(text)


def register(subparsers: Any) -> None:
    """Add the ``ledger`` subcommand and its ``balances``, ``statement``, ``payouts``, ``journal``, ``check`` and
    ``digest`` actions."""
    parser = subparsers.add_parser(
        "ledger",
        help="balances, statements, pending payouts, the journal, an audit and a digest of a ledger file",
        description=(
            "Read an SQLite ledger file: an organisation's prepaid balances, statement and pending payouts, "
            "the journal as CSV, or an audit of the whole file."
        ),
    )
    parser.add_argument("--db", required=True, metavar="FILE", help="the SQLite ledger file")
    parser.add_argument(
        "--locale", default=DEFAULT_LOCALE, help=f"locale of the table's amounts (default: {DEFAULT_LOCALE})"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    balances = actions.add_parser("balances", help="posted, pending and available balance per currency")
    balances.add_argument("organisation", metavar="ORG", help="organisation id")
    balances.add_argument(
        "--on", type=_day, metavar="DATE", help="the balances at the end of this business day (default: now)"
    )
    _locale_here(balances)
    balances.set_defaults(run=run_balances)
    statement = actions.add_parser("statement", help="posted movements with the running balance")
    statement.add_argument("organisation", metavar="ORG", help="organisation id")
    statement.add_argument(
        "--currency", help="currency of the prepaid account (default: the organisation's only one; required if several)"
    )
    _period_here(statement)
    statement.add_argument("--csv", action="store_true", help="print CSV (amounts as plain decimals)")
    _locale_here(statement)
    statement.set_defaults(run=run_statement)
    journal = actions.add_parser("journal", help="every transaction as CSV, one row per posting, for an auditor")
    _period_here(journal)
    journal.set_defaults(run=run_journal)
    payouts = actions.add_parser("payouts", help="the payout requests still pending, per currency")
    payouts.add_argument("organisation", metavar="ORG", help="organisation id")
    payouts.add_argument(
        "--on", type=_day, metavar="DATE", help="those pending at the end of this business day (default: now)"
    )
    _locale_here(payouts)
    payouts.set_defaults(run=run_payouts)
    check = actions.add_parser("check", help="audit the whole file: every law of the ledger, status 1 if one is broken")
    check.set_defaults(run=run_check)
    digest = actions.add_parser(
        "digest", help="the journal's digest, to keep at a period's close; --verify checks a kept one (status 1 if not)"
    )
    digest.add_argument(
        "--through", type=_sequence, metavar="N", help="digest up to transaction N (default: the last one)"
    )
    digest.add_argument("--verify", metavar="TEXT", help="a kept digest (<sequence>:<scheme>:<hex>) to check")
    digest.set_defaults(run=run_digest)


def _period_here(action: argparse.ArgumentParser) -> None:
    """Let an action read a period of business days, ``--from`` and ``--to``, each inclusive and each optional."""
    action.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first business day, inclusive")
    action.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last business day, inclusive")


def _locale_here(action: argparse.ArgumentParser) -> None:
    """Let an action that prints a table take ``--locale`` after its name too (``… statement acme --locale de_CH``),
    where a user types it; given nowhere, the ``ledger`` command's default stands."""
    action.add_argument("--locale", default=argparse.SUPPRESS, help="the same as --locale before the action")


def _open(path: str) -> Ledger:
    """The ledger in the file ``--db`` names, only read; a path naming no regular file is :class:`NotALedgerFile`
    (status 3) here, and every refusal of the store names ``--db`` (:func:`db_option`)."""
    file = Path(path)
    if not file.is_file():
        what = (
            "names no file"
            if not path or not file.exists()
            else "is a directory"
            if file.is_dir()
            else "is not a regular file"  # a device or a pipe: SQLite would wait on it, or read nothing
        )
        raise NotALedgerFile(
            "--db", path, f"{what}, not a ledger file", hint="give the path of an existing SQLite ledger"
        )
    with db_option(path):
        return Ledger(SqliteLedgerStore(path, read_only=True))


@contextmanager
def db_option(path: str) -> Iterator[None]:
    """Name ``--db`` in the store's refusal of ``path`` (status as before: 3 for no ledger, 2 for a path no file has):
    the store calls it ``path``, its parameter, and the operator typed ``--db``."""
    try:
        yield
    except InvalidInput as error:
        if error.field != "path":
            raise
        raise as_option(error, "--db", path, keeping=NotALedgerFile) from None


def as_option(
    error: InvalidInput, option: str, value: object, *, keeping: type[InvalidInput] = InvalidInput
) -> InvalidInput:
    """``error``, about a library's parameter, said of the ``option`` the operator typed and its ``value``: the same
    rule and hint, as ``keeping`` when it is one (its kind decides the exit status), else as :class:`InvalidInput`."""
    refusal = keeping if isinstance(error, keeping) else InvalidInput
    return refusal(option, value, error.rule, hint=error.hint)


def _no_prepaid_account(organisation: str, currency: str | None = None) -> int:
    """Say so on standard error; the exit status of a command about an organisation the file has no account of (in
    ``currency``): 1, an answer about the file, where 2 says the command line was wrong."""
    where = "" if currency is None else f" in {currency}"
    to_stderr(f"{organisation} has no prepaid account{where}")
    return 1


def run_balances(arguments: argparse.Namespace) -> int:
    """Print the organisation's balances; return the exit status."""
    check_locale(arguments.locale)
    ledger = _open(arguments.db)
    try:
        found = ledger.prepaid_balances(arguments.organisation)
        if arguments.on is not None:
            found = tuple(
                ledger.balance_at(arguments.organisation, balances.account.currency, on=arguments.on)
                for balances in found
            )
    finally:
        ledger.store.close()
    if not found:
        return _no_prepaid_account(arguments.organisation)
    print(balances_table(arguments.organisation, found, arguments.locale, on=arguments.on))
    return 0


def run_payouts(arguments: argparse.Namespace) -> int:
    """Print the organisation's pending payout requests; return the exit status."""
    check_locale(arguments.locale)
    ledger = _open(arguments.db)
    try:
        accounts = [balances.account for balances in ledger.prepaid_balances(arguments.organisation)]
        pending = [
            (account, request)
            for account in accounts
            for request in ledger.pending_payouts(arguments.organisation, account.currency, on=arguments.on)
        ]
    finally:
        ledger.store.close()
    if not accounts:
        return _no_prepaid_account(arguments.organisation)
    print(payouts_table(arguments.organisation, pending, arguments.locale, on=arguments.on))
    return 0


def run_journal(arguments: argparse.Namespace) -> int:
    """Print the journal as CSV, streamed from the file; return the exit status."""
    start, end = arguments.start, arguments.end
    _check_period(start, end)
    ledger = _open(arguments.db)
    try:
        with ledger.store.reading() as reader, machine_text():
            # business dates never go backwards: the period is found by binary search, what precedes it is not read
            write_journal_csv(transactions_between(reader, start=start, end=end), sys.stdout)
    finally:
        ledger.store.close()
    return 0


def _currency_option(code: str) -> None:
    """Refuse a ``--currency`` that names no currency (a wrong command line, status 2), naming the option."""
    try:
        currency(code)
    except InvalidInput as error:
        raise InvalidInput("--currency", code, error.rule, hint=error.hint) from None


def _check_period(start: date | None, end: date | None) -> None:
    """Refuse ``--from`` later than ``--to``, naming the options rather than the library's parameters."""
    if start is not None and end is not None and start > end:
        raise InvalidInput("--from/--to", (start, end), "the period must not end before it starts")


def run_check(arguments: argparse.Namespace) -> int:
    """Audit the file with :func:`check_invariants`: 0 if the ledger is sound, 1 naming the first broken law."""
    try:
        ledger = _open(arguments.db)  # a file cut short is found out here: damaged pages, NOT sound
    except InvariantViolation as violation:
        to_stderr(f"{arguments.db}: NOT sound: {violation}")
        return 1
    try:
        # one read transaction: what is counted in the report is what was audited, while workers post
        with ledger.store.reading() as reader:
            check_invariants(ledger.store)  # a damaged page the laws read is reported as the same law
            if isinstance(ledger.store, SqliteLedgerStore):
                ledger.store.check_file()  # pages, indexes and rows of no transaction: what the laws never read
            head, accounts = reader.head(), len(reader.balances())
    except InvariantViolation as violation:
        to_stderr(f"{arguments.db}: NOT sound: {violation}")
        return 1
    finally:
        ledger.store.close()
    if head is None:
        print(f"{arguments.db}: sound, no transactions")
    else:
        last, day = head
        print(f"{arguments.db}: sound, {last} transactions (the last on {day.isoformat()}), {accounts} accounts")
    return 0


def run_digest(arguments: argparse.Namespace) -> int:
    """Print the journal's digest, or check a kept one: 0 if it matches, 1 naming both if the journal changed or is
    shorter than the kept one; a text that is no digest is a wrong command line (2), and a damaged row or page is
    met as by every command other than ``check`` (3, naming it)."""
    if arguments.verify is not None and arguments.through is not None:
        raise InvalidInput("--through/--verify", (arguments.through, arguments.verify), "give one or the other")
    try:
        kept = None if arguments.verify is None else JournalDigest.parse(arguments.verify)
    except InvalidInput as error:  # the text as a whole is named by the option the operator typed; a part, by its name
        if error.field != "digest":
            raise
        raise as_option(error, "--verify", arguments.verify) from None
    ledger = _open(arguments.db)
    try:
        if kept is None:
            print(ledger.journal_digest(through=arguments.through))
            return 0
        ledger.verify_digest(kept)
    except (DigestMismatch, UnknownTransaction) as error:  # an answer about the file: it is not what was digested
        answer = "does NOT match: " if kept is not None else ""  # or it holds no transaction ``--through`` names
        if isinstance(error, UnknownTransaction) and error.field == "through":
            to_stderr(f"{arguments.db}: {as_option(error, '--through', arguments.through)}")
        else:
            to_stderr(f"{arguments.db}: {answer}{error}")
        return 1
    finally:
        ledger.store.close()
    print(f"{arguments.db}: the journal up to #{kept.sequence} matches {kept}")
    return 0


def run_statement(arguments: argparse.Namespace) -> int:
    """Print the organisation's statement; return the exit status."""
    check_locale(arguments.locale)
    _check_period(arguments.start, arguments.end)
    ledger = _open(arguments.db)
    try:
        code = arguments.currency
        if code is not None:
            _currency_option(code)
        held = [balances.account.currency for balances in ledger.prepaid_balances(arguments.organisation)]
        if code is None and len(held) > 1:
            to_stderr(
                f"infomanager ledger: error: --currency is required: {arguments.organisation} has prepaid accounts "
                f"in {', '.join(held)}"
            )
            return 2
        if code is None and held:
            code = held[0]
        if code is None or code not in held:
            return _no_prepaid_account(arguments.organisation, code)
        with ledger.store.reading():  # one snapshot: the closing balance and what was pending then, while workers post
            statement = ledger.statement(arguments.organisation, code, start=arguments.start, end=arguments.end)
            at_close = (
                ledger.balances(arguments.organisation, code)
                if arguments.end is None
                else ledger.balance_at(arguments.organisation, code, on=arguments.end)
            )
    finally:
        ledger.store.close()
    if arguments.csv:
        with machine_text():
            write_statement_csv(statement, sys.stdout)
    else:
        print(statement_table(statement, arguments.locale, at_close=at_close))
    return 0


def _table(rows: Sequence[tuple[str, ...]], right: set[int]) -> list[str]:
    widths = [max(columns(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(padded(cell, widths[n], right=n in right) for n, cell in enumerate(row)).rstrip() for row in rows]


def balances_table(organisation: str, balances: tuple[Balances, ...], locale: str, *, on: date | None = None) -> str:
    """The balances as an aligned text table, amounts formatted for ``locale``; ``on``: as of that business day."""
    rows = [("currency", "posted", "pending", "available")]
    rows += [
        (
            found.account.currency,
            format_money(found.posted, locale),
            format_money(found.pending, locale),
            format_money(found.available, locale),
        )
        for found in balances
    ]
    title = f"prepaid balances of {organisation}" + ("" if on is None else f" at the end of {on.isoformat()}")
    return "\n".join([title, "", *_table(rows, {1, 2, 3})])


def payouts_table(
    organisation: str, pending: Sequence[tuple[Account, Transaction]], locale: str, *, on: date | None = None
) -> str:
    """The pending payout requests as an aligned text table, amounts formatted for ``locale``."""
    when = "" if on is None else f" at the end of {on.isoformat()}"
    if not pending:
        return f"no payout of {organisation} is pending{when}"
    rows = [("#", "requested", "key", "destination", "amount")]
    rows += [
        (
            str(request.sequence),
            request.effective.isoformat(),
            request.key,
            request.meta("destination") or "",
            format_money(Money.from_minor_units(-request.units_for(account), account.currency), locale),
        )
        for account, request in pending
    ]
    return "\n".join([f"payouts of {organisation} pending{when}", "", *_table(rows, {0, 4})])


def statement_table(statement: Statement, locale: str, *, at_close: Balances | None = None) -> str:
    """The statement as an aligned text table, amounts formatted for ``locale``.

    ``at_close``, the account's balances at the statement's close, adds what payout requests still reserved then and
    what was available, when something was: a pending request is not a movement, so the closing balance alone would
    show a partner money it could not spend, and a request the month before its completion nowhere.
    """
    start = statement.start.isoformat() if statement.start else "the first entry"
    end = statement.end.isoformat() if statement.end else "the last entry"
    rows = [("#", "date", "kind", "reference", "amount", "balance")]
    rows.append(("", "", "opening balance", "", "", format_money(statement.opening, locale)))
    rows += [
        (
            str(line.sequence),
            line.effective.isoformat(),
            line.kind.value,
            line.reference,
            format_money(line.amount, locale),
            format_money(line.balance, locale),
        )
        for line in statement.lines
    ]
    rows.append(("", "", "closing balance", "", "", format_money(statement.closing, locale)))
    if at_close is not None and at_close.pending.amount:
        listed_by = "payouts" if statement.end is None else f"payouts --on {statement.end.isoformat()}"
        rows.append(("", "", "pending payouts", listed_by, "", format_money(at_close.pending, locale)))
        rows.append(("", "", "available", "", "", format_money(at_close.available, locale)))
    header = f"statement of {statement.account}, from {start} to {end}"
    return "\n".join([header, "", *_table(rows, {0, 4, 5})])
