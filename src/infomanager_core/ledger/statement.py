"""Statements: an account's posted movements over a period, each with the running balance after it.

A statement shows what was posted: a payout request appears when it is completed (its reservation shows in the
balances as pending, not here), and a failed or cancelled payout never appears. Periods are inclusive business
dates; an open end means "from the first" or "up to the last" transaction.

>>> from datetime import date
>>> from .accounts import prepaid
>>> empty = statement_of(prepaid("acme", "CHF"), [], start=date(2026, 3, 1), end=date(2026, 3, 31))
>>> empty.opening, empty.closing
(Money('0.00', 'CHF'), Money('0.00', 'CHF'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from ..errors import InvalidAmount, InvalidInput
from ..money import Money
from .accounts import Account, checked_account
from .plans import business_period
from .transaction import VOIDS, Transaction, TransactionKind

__all__ = ["Statement", "StatementLine", "posted_units", "statement_of"]


@attrs.frozen(slots=True, kw_only=True)
class StatementLine:
    """One posted movement: ``amount`` is signed (positive adds to the account), ``balance`` is the balance after it.

    ``effective`` is the business day it counts for, ``recorded_at`` the moment the ledger wrote it: a day or more
    later for an entry posted after its day (a bank statement of 31 December posted on 4 January).
    """

    sequence: int
    effective: date
    recorded_at: datetime
    kind: TransactionKind
    reference: str
    amount: Money
    balance: Money


@attrs.frozen(slots=True, kw_only=True)
class Statement:
    """An account's movements from ``start`` to ``end`` (inclusive; ``None`` for open), between two balances."""

    account: Account
    start: date | None
    end: date | None
    opening: Money
    lines: tuple[StatementLine, ...]
    closing: Money


def posted_units(transaction: Transaction, account: Account) -> int:
    """The minor units ``transaction`` posts on ``account``: none while pending or when it voids a payout request.

    >>> from datetime import UTC, datetime
    >>> from .accounts import AccountKind, prepaid, system
    >>> from .transaction import Posting
    >>> top_up = Transaction(
    ...     sequence=1, key="t-1", kind=TransactionKind.TOP_UP, effective=date(2026, 3, 2),
    ...     recorded_at=datetime(2026, 3, 2, tzinfo=UTC),
    ...     postings=(Posting(prepaid("acme", "CHF"), 500), Posting(system(AccountKind.TRANSFERS_RECEIVED, "CHF"), -500)),
    ... )
    >>> posted_units(top_up, prepaid("acme", "CHF")), posted_units(top_up, prepaid("globex", "CHF"))
    (500, 0)
    """
    if transaction.pending or transaction.kind in VOIDS:
        return 0
    return transaction.units_for(account)


def _reference(transaction: Transaction, request: Transaction | None) -> str:
    if request is not None:  # a completed payout is known by where it went
        return _reference(request, None)
    if transaction.reverses is not None:  # the transaction undone, then why (an empty reason says nothing)
        reason = transaction.meta("reason")
        return f"#{transaction.reverses}: {reason}" if reason else f"#{transaction.reverses}"
    for name in ("order", "destination", "reference", "reason"):
        value = transaction.meta(name)
        if value:  # an empty reference or reason traces nothing: fall back to the key as if none had been given
            return value
    return transaction.key


def statement_of(
    account: Account,
    transactions: Iterable[Transaction],
    *,
    start: date | None = None,
    end: date | None = None,
    opening_units: int = 0,
    requests: Mapping[int, Transaction] | None = None,
) -> Statement:
    """The statement of ``account`` built from the journal ``transactions`` (in sequence order).

    ``transactions`` may start anywhere before ``start``: ``opening_units`` is then the account's posted balance
    before the first of them, and ``requests`` holds the earlier payout requests that some of them complete (a
    completed payout is known by its destination, which its request carries). Each argument is checked as the
    ledger's own statement checks it, and a journal that holds anything but transactions is refused by name.

    >>> from datetime import datetime
    >>> from .accounts import prepaid
    >>> statement_of(prepaid("acme", "CHF"), [], start=datetime(2026, 3, 1))
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: start: 2026-03-01 00:00:00 must be a date (a business day), not a datetime or a string
    """
    checked_account(account)
    start, end = business_period(start, end)
    if isinstance(opening_units, bool) or not isinstance(opening_units, int):
        raise InvalidAmount("opening_units", opening_units, "must be an int number of minor units")
    code = account.currency
    try:
        Money.from_minor_units(opening_units, code)
    except InvalidInput as error:
        raise InvalidAmount("opening_units", opening_units, error.rule) from None
    if isinstance(transactions, str | bytes) or not isinstance(transactions, Iterable):
        raise InvalidInput("transactions", transactions, "must be the journal's transactions, in sequence order")
    known: dict[int, Transaction] = dict(requests) if isinstance(requests, Mapping) else {}
    if not (requests is None or isinstance(requests, Mapping)) or not all(
        isinstance(request, Transaction) for request in known.values()
    ):
        raise InvalidInput("requests", requests, "must map payout requests' sequences to their transactions")
    running = opening_units
    opening = opening_units
    lines: list[StatementLine] = []
    for transaction in transactions:
        if not isinstance(transaction, Transaction):
            raise InvalidInput("transactions", transaction, "must be the journal's transactions, in sequence order")
        if end is not None and transaction.effective > end:
            break
        if transaction.pending:
            known[transaction.sequence] = transaction
        change = posted_units(transaction, account)
        if change == 0:
            continue
        running += change
        if start is not None and transaction.effective < start:
            opening = running
            continue
        request = known.get(transaction.resolves) if transaction.resolves is not None else None
        lines.append(
            StatementLine(
                sequence=transaction.sequence,
                effective=transaction.effective,
                recorded_at=transaction.recorded_at,
                kind=transaction.kind,
                reference=_reference(transaction, request),
                amount=Money.from_minor_units(change, code),
                balance=Money.from_minor_units(running, code),
            )
        )
    return Statement(
        account=account,
        start=start,
        end=end,
        opening=Money.from_minor_units(opening, code),
        lines=tuple(lines),
        closing=Money.from_minor_units(running, code),
    )
