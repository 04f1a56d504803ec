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

from collections.abc import Iterable
from datetime import date

import attrs

from ..money import Money
from .accounts import Account
from .balances import balance_changes
from .transaction import Transaction, TransactionKind

__all__ = ["Statement", "StatementLine", "statement_of"]


@attrs.frozen(slots=True, kw_only=True)
class StatementLine:
    """One posted movement: ``amount`` is signed (positive adds to the account), ``balance`` is the balance after it."""

    sequence: int
    effective: date
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


def _reference(transaction: Transaction, request: Transaction | None) -> str:
    if request is not None:  # a completed payout is known by where it went
        return _reference(request, None)
    for name in ("order", "destination", "reference", "reason"):
        value = transaction.meta(name)
        if value is not None:
            return value
    if transaction.reverses is not None:
        return f"#{transaction.reverses}"
    return transaction.key


def statement_of(
    account: Account, transactions: Iterable[Transaction], *, start: date | None = None, end: date | None = None
) -> Statement:
    """The statement of ``account`` built from the journal ``transactions`` (in sequence order)."""
    code = account.currency
    requests: dict[int, Transaction] = {}
    running = 0
    opening = 0
    lines: list[StatementLine] = []
    for transaction in transactions:
        if end is not None and transaction.effective > end:
            break
        if transaction.pending:
            requests[transaction.sequence] = transaction
        request = requests.get(transaction.resolves) if transaction.resolves is not None else None
        change = balance_changes(transaction, request).get(account)
        if change is None or change.posted == 0:
            continue
        running += change.posted
        if start is not None and transaction.effective < start:
            opening = running
            continue
        lines.append(
            StatementLine(
                sequence=transaction.sequence,
                effective=transaction.effective,
                kind=transaction.kind,
                reference=_reference(transaction, request),
                amount=Money.from_minor_units(change.posted, code),
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
