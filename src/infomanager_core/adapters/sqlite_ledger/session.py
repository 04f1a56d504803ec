"""A unit of work's reader and writer over one connection's open SQL transaction.

It implements :class:`~infomanager_core.ledger.store.LedgerSession` (and so ``LedgerReader``) for the store's
``reading()``, ``writing()`` and ``batch()``; the store opens and ends the SQL transaction, the session only runs
statements inside it.

* A balance is one primary-key lookup in ``ledger_balances``, an organisation's prepaid balances one range of that
  key; a transaction, one journal query.
* A journal is streamed from its cursor: a year of transactions need not fit in memory. The cursor closes with the
  unit of work (:meth:`_SqliteSession.close`), and a journal read after its block ended is refused
  (:class:`UnitOfWorkMisuse`).
* An order's standing payment from prepaid is one primary-key lookup in ``ledger_paid_orders``.
* A look-up by a value of the right type that no journal holds answers nothing, as every store's does, where SQLite
  could not even be asked: a sequence beyond its 64-bit integers (a bound beyond them leaves every transaction in, or
  none), text that UTF-8 cannot encode (a lone surrogate, which the ledger refuses in every id).
* :meth:`_SqliteSession.append` writes only what follows the head: a sequence that does not follow it one by one is
  refused, and the tables' keys refuse a taken key, resolution or reversal, and a second standing payment of an
  order. Nothing is updated but running balances, and nothing is deleted but the row of an order whose payment was
  reversed (an index, not the journal).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date

from ...ledger.accounts import Account
from ...ledger.balances import AccountBalance
from ...ledger.entries import KEY, SEQUENCE, Entry
from ...ledger.plans import Fingerprint, fingerprint_text
from ...ledger.store import (
    NO_ORDERS,
    checked_account,
    checked_bounds,
    checked_order,
    checked_sequence,
    checked_text,
    taken_keys,
)
from ...ledger.transaction import Transaction
from .errors import UnitOfWorkMisuse
from .rows import (
    _BALANCE_UPSERT,
    _BALANCES,
    _DAMAGE,
    _JOURNAL,
    _KEY_INSERT,
    _PAID_ORDER,
    _PAID_ORDER_DELETE,
    _PAID_ORDER_INSERT,
    _POSTING_INSERT,
    _PREPAID_BALANCES,
    _TRANSACTION_INSERT,
    _account,
    _balance_rows,
    _damaged,
    _posting_rows,
    _transaction_rows,
    _transactions,
)

__all__: list[str] = []

#: SQLite's integers: a sequence beyond them names no transaction (and cannot be bound to a statement).
_LOWEST, _HIGHEST = -(2**63), 2**63 - 1
#: The recorded keys among the ``{}`` ones bound.
_KEYS_AMONG = "SELECT key, fingerprint, sequence FROM ledger_idempotency WHERE key IN ({})"


class _SqliteSession:
    """A reader (and, inside ``writing``, a writer) over one connection's open SQL transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._sql = connection
        self._streams: list[sqlite3.Cursor] = []

    def close(self) -> None:
        """Close the cursors the session's journals stream from (their statements end with the unit of work)."""
        for cursor in self._streams:
            cursor.close()
        self._streams.clear()

    def balance(self, account: Account) -> AccountBalance | None:
        checked_account(account)
        row = self._sql.execute(
            "SELECT posted, pending_debits, pending_credits FROM ledger_balances"
            " WHERE account_kind = ? AND owner = ? AND currency = ?",
            (account.kind.value, account.owner, account.currency),
        ).fetchone()
        if row is None:
            return None
        return AccountBalance(posted=row[0], pending_debits=row[1], pending_credits=row[2])

    def balances(self) -> dict[Account, AccountBalance]:
        return _balances(self._sql.execute(_BALANCES))

    def prepaid_balances_of(self, organisation: str) -> dict[Account, AccountBalance]:
        if type(organisation) is not str:
            checked_text(organisation, "organisation")
        try:
            return _balances(self._sql.execute(_PREPAID_BALANCES, (organisation,)))
        except UnicodeEncodeError:  # a lone surrogate: no organisation holds one
            return {}

    def transaction(self, sequence: int) -> Transaction | None:
        checked_sequence(sequence, "sequence")
        if not _LOWEST <= sequence <= _HIGHEST:
            return None
        rows = self._sql.execute(_JOURNAL + " WHERE t.sequence = ? ORDER BY p.position", (sequence,))
        return next(_transactions(rows), None)

    def transactions(
        self, *, account: Account | None = None, since: int | None = None, upto: int | None = None
    ) -> Iterator[Transaction]:
        checked_bounds(account, since, upto)
        # The bounds go where the rows are chosen: on an account's postings (its index ends with the sequence, so
        # a period of a busy account is a range of that index), else on the transactions' primary key.
        bounds: list[str] = []
        parameters: list[object] = []
        if account is not None:
            parameters += [account.kind.value, account.owner, account.currency]
        for condition, bound in (("sequence >= ?", since), ("sequence <= ?", upto)):
            if bound is None:
                continue
            if not _LOWEST <= bound <= _HIGHEST:  # beyond every sequence, either way
                if (bound > 0) == (condition == "sequence <= ?"):
                    continue  # a bound that leaves every transaction in
                condition, bound = "sequence <= ?", 0  # one that leaves none: sequences begin at 1
            bounds.append(condition)
            parameters.append(bound)
        if account is not None:
            chosen = " AND ".join(["account_kind = ? AND owner = ? AND currency = ?", *bounds])
            conditions = [f"t.sequence IN (SELECT sequence FROM ledger_postings WHERE {chosen})"]
        else:
            conditions = [f"t.{bound}" for bound in bounds]
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        # streamed from the cursor, which closes with the unit of work: a year's journal need not fit in memory
        cursor = self._sql.execute(_JOURNAL + where + " ORDER BY t.sequence, p.position", parameters)
        self._streams.append(cursor)
        return _stream(cursor)

    def head(self) -> tuple[int, date] | None:
        row = self._sql.execute(
            "SELECT sequence, effective FROM ledger_transactions ORDER BY sequence DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        try:
            return row[0], date.fromisoformat(row[1])
        except _DAMAGE as error:
            raise _damaged(f"transaction #{row[0]}", error) from None

    def recorded(self, key: str) -> tuple[str, int] | None:
        if type(key) is not str:
            checked_text(key, "key")
        try:
            row = self._sql.execute(
                "SELECT fingerprint, sequence FROM ledger_idempotency WHERE key = ?", (key,)
            ).fetchone()
        except UnicodeEncodeError:  # a lone surrogate: no key holds one
            return None
        return None if row is None else (row[0], row[1])

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        """Keys looked up 500 at a time (under SQLite's limit on bound parameters)."""
        wanted = taken_keys(keys, _each_once)
        found: dict[str, tuple[str, int]] = {}
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            try:
                rows = self._sql.execute(_KEYS_AMONG.format(", ".join("?" * len(chunk))), chunk)
            except UnicodeEncodeError:  # a lone surrogate, which no key holds: the others asked without it
                chunk = list(filter(_encodable, chunk))
                rows = self._sql.execute(_KEYS_AMONG.format(", ".join("?" * len(chunk))), chunk)
            found.update((key, (fingerprint, sequence)) for key, fingerprint, sequence in rows)
        return found

    def resolution_of(self, request: int) -> int | None:
        checked_sequence(request, "request")
        if not _LOWEST <= request <= _HIGHEST:
            return None
        row = self._sql.execute("SELECT sequence FROM ledger_transactions WHERE resolves = ?", (request,)).fetchone()
        return None if row is None else int(row[0])

    def reversal_of(self, sequence: int) -> int | None:
        checked_sequence(sequence, "sequence")
        if not _LOWEST <= sequence <= _HIGHEST:
            return None
        row = self._sql.execute("SELECT sequence FROM ledger_transactions WHERE reverses = ?", (sequence,)).fetchone()
        return None if row is None else int(row[0])

    def order_payment(self, organisation: str, order_id: str) -> int | None:
        if type(organisation) is not str or type(order_id) is not str:
            checked_order(organisation, order_id)
        try:
            row = self._sql.execute(_PAID_ORDER, (organisation, order_id)).fetchone()
        except UnicodeEncodeError:  # a lone surrogate: no organisation or order id holds one
            return None
        return None if row is None else int(row[0])

    def paid_orders(self) -> dict[tuple[str, str], int]:
        rows = self._sql.execute("SELECT organisation, order_id, sequence FROM ledger_paid_orders")
        return {(organisation, order_id): int(sequence) for organisation, order_id, sequence in rows}

    def append(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        changes: Mapping[Account, AccountBalance],
        orders: Mapping[tuple[str, str], tuple[int | None, int | None]] = NO_ORDERS,
    ) -> None:
        """Three ``executemany`` (transactions, postings, keys), one balance upsert per touched account, and the
        orders' standing payments.

        The tables' primary keys and ``UNIQUE`` constraints refuse a taken sequence, key, resolution or reversal, and
        a second standing payment of an order; a sequence that does not follow the head one by one (which a primary
        key would take), and an order whose standing payment is not the one the ledger read, are refused here.
        """
        if len(fingerprints) != len(entries):
            raise RuntimeError(f"{len(entries)} entries but {len(fingerprints)} fingerprints")
        sql = self._sql
        (head,) = sql.execute("SELECT COALESCE(MAX(sequence), 0) FROM ledger_transactions").fetchone()
        sequences = [entry[SEQUENCE] for entry in entries]
        if sequences != list(range(head + 1, head + 1 + len(entries))):
            gap = next(number for number, sequence in enumerate(sequences, head + 1) if sequence != number)
            raise RuntimeError(f"sequence {sequences[gap - head - 1]} does not follow {gap - 1}")
        sql.executemany(_TRANSACTION_INSERT, _transaction_rows(entries))
        sql.executemany(_POSTING_INSERT, _posting_rows(entries))
        sql.executemany(
            _KEY_INSERT,
            [
                (entry[KEY], fingerprint_text(fingerprint), entry[SEQUENCE])
                for entry, fingerprint in zip(entries, fingerprints, strict=True)
            ],
        )
        sql.executemany(_BALANCE_UPSERT, _balance_rows(changes))
        if orders:
            _write_paid_orders(sql, orders)


def _write_paid_orders(
    sql: sqlite3.Connection, orders: Mapping[tuple[str, str], tuple[int | None, int | None]]
) -> None:
    """End the payments that no longer stand, then record the new ones (the primary key refuses a second)."""
    ended = [(*order, before) for order, (before, _) in orders.items() if before is not None]
    if ended:
        gone = sql.executemany(_PAID_ORDER_DELETE, ended).rowcount
        if gone != len(ended):
            raise RuntimeError(f"{len(ended) - gone} of the orders {ended!r} are not paid by the payment given")
    sql.executemany(_PAID_ORDER_INSERT, [(*order, after) for order, (_, after) in orders.items() if after is not None])


def _balances(rows: Iterable[tuple[str, str, str, int, int, int]]) -> dict[Account, AccountBalance]:
    """The running balances of rows of :data:`_BALANCES`, by account."""
    return {
        _account(kind, owner, code): AccountBalance(posted=posted, pending_debits=debits, pending_credits=credits)
        for kind, owner, code, posted, debits, credits in rows
    }


def _encodable(text: str) -> bool:
    """Whether UTF-8 encodes ``text`` (SQLite's text is UTF-8: a lone surrogate cannot be bound to a statement)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _stream(cursor: sqlite3.Cursor) -> Iterator[Transaction]:
    try:
        yield from _transactions(cursor)
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed cursor"
        raise UnitOfWorkMisuse("a journal read after its reading() block ended: read it inside the block") from None


def _each_once(keys: Iterable[str]) -> list[str]:
    """``keys`` in their order, each once."""
    return list(dict.fromkeys(keys))
