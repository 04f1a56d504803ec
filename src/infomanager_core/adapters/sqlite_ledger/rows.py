"""Rows of the file and the ledger's values: entries written as rows, rows read back as transactions.

Writing: an entry (:mod:`~infomanager_core.ledger.entries`) is one row of ``ledger_transactions``, two of
``ledger_postings`` (the amount and its negation, positions 0 and 1) and one of ``ledger_idempotency``; a batch's
balance changes are one upsert per account, added to the running balance.

Reading: a row of the file is outside data, which a hand may have edited. The journal is read one row per posting
(:data:`_JOURNAL`), and each transaction is built as its rows come, so a year's journal need not fit in memory.
What this store writes (one amount between two accounts of one currency, a sequence from 1, an aware recording
time, a plain id for a key, links to sequences from 1, metadata of texts) is built without running the transaction's
validators again; anything else goes through the validating
constructor, whose rule says what is wrong. A row that does not decode breaks the law ``every stored row decodes``;
one that decodes but breaks a transaction's own rule breaks ``every stored transaction is well-formed``, naming the
transaction.

>>> from datetime import UTC, date, datetime
>>> row = (1, "t-1", "top_up", "2026-03-02", "2026-03-02T09:00:00+00:00", 0, None, None, "[]")
>>> [top_up] = _transactions([
...     (*row, "prepaid", "acme", "CHF", 2000),
...     (*row, "transfers_received", "", "CHF", -2000),
... ])
>>> top_up.key, [(str(posting.account), posting.units) for posting in top_up.postings]
('t-1', [('prepaid:acme:CHF', 2000), ('transfers_received:CHF', -2000)])
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from json.encoder import encode_basestring_ascii as _json_text  # what json.dumps uses
from typing import Any

from ...errors import InvalidInput
from ...ledger.accounts import Account, AccountKind, account_named
from ...ledger.balances import AccountBalance
from ...ledger.entries import FIRST, SECOND, SEQUENCE, UNITS, Entry
from ...ledger.errors import InvariantViolation
from ...ledger.transaction import Posting, Transaction, TransactionKind, trusted_posting, trusted_transaction

__all__: list[str] = []

_TRANSACTION_COLUMNS = "sequence, key, kind, effective, recorded_at, pending, reverses, resolves, metadata"

#: The journal, one row per posting: a transaction's nine columns (0–8), then its posting's account (9–11) and
#: units (12); a transaction without postings has one row, its posting's columns NULL.
_JOURNAL = f"""
SELECT t.{_TRANSACTION_COLUMNS.replace(", ", ", t.")}, p.account_kind, p.owner, p.currency, p.units
FROM ledger_transactions AS t LEFT JOIN ledger_postings AS p ON p.sequence = t.sequence
"""

_TRANSACTION_INSERT = f"INSERT INTO ledger_transactions ({_TRANSACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_POSTING_INSERT = (
    "INSERT INTO ledger_postings (sequence, position, account_kind, owner, currency, units) VALUES (?, ?, ?, ?, ?, ?)"
)
_KEY_INSERT = "INSERT INTO ledger_idempotency (key, fingerprint, sequence) VALUES (?, ?, ?)"
#: The running balances, each with its account's three columns; an organisation's prepaid ones are a range of the
#: table's primary key (kind, owner, currency), read without a scan of the others.
_BALANCES = "SELECT account_kind, owner, currency, posted, pending_debits, pending_credits FROM ledger_balances"
_PREPAID_BALANCES = _BALANCES + " WHERE account_kind = 'prepaid' AND owner = ?"
_PAID_ORDER = "SELECT sequence FROM ledger_paid_orders WHERE organisation = ? AND order_id = ?"
_PAID_ORDER_DELETE = "DELETE FROM ledger_paid_orders WHERE organisation = ? AND order_id = ? AND sequence = ?"
_PAID_ORDER_INSERT = "INSERT INTO ledger_paid_orders (organisation, order_id, sequence) VALUES (?, ?, ?)"
_BALANCE_UPSERT = """
INSERT INTO ledger_balances (account_kind, owner, currency, posted, pending_debits, pending_credits)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (account_kind, owner, currency) DO UPDATE SET
    posted = posted + excluded.posted,
    pending_debits = pending_debits + excluded.pending_debits,
    pending_credits = pending_credits + excluded.pending_credits
"""

#: The law a transaction whose rows decode but break its own validation breaks (unbalanced postings…).
_WELL_FORMED = "every stored transaction is well-formed"

#: What decoding a damaged row raises: an unknown kind or account kind, a date that is not one, metadata that is not
#: JSON pairs, a value of the wrong type. (A transaction whose rows decode but break its own rules is law
#: ``every stored transaction is well-formed``, naming the transaction.)
_DAMAGE = (ValueError, TypeError, KeyError)

_KINDS = {kind.value: kind for kind in TransactionKind}


# -- reading ------------------------------------------------------------------------------------------------------


def _damaged(what: str, error: Exception) -> InvariantViolation:
    return InvariantViolation("every stored row decodes", f"{what}: {type(error).__name__}: {error}")


def _account(kind: str, owner: str, code: str) -> Account:
    try:
        return Account(kind=AccountKind(kind), owner=owner, currency=code)
    except (*_DAMAGE, InvalidInput) as error:  # an unknown kind, or an owner or currency no account may have
        raise _damaged(f"account {kind}:{owner}:{code}", error) from None


def _transactions(rows: Iterable[Any]) -> Iterator[Transaction]:
    """The transactions of journal rows (one per posting, in order), built one at a time as the rows come.

    A journal names few accounts many times: each is decoded (and validated) once per stream, then shared — accounts
    are immutable values.
    """
    accounts: dict[tuple[str, str, str], Account] = {}
    current: list[Any] | None = None
    postings: list[Posting] = []
    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                yield _transaction(current, postings)
            current, postings = row, []
        if row[9] is not None:
            named = row[9], row[10], row[11]
            account = accounts.get(named)
            if account is None:
                account = accounts[named] = _account(*named)
            units = row[12]
            if type(units) is int and units:  # what this store writes: a posting's rule holds, none to run again
                postings.append(trusted_posting(account, units))
                continue
            try:  # a posting of zero, or of a text or a real: edited by hand, and its rule says which
                postings.append(Posting(account, units))
            except InvalidInput as error:
                raise InvariantViolation(_WELL_FORMED, f"transaction #{row[0]}: {error}") from None
    if current is not None:
        yield _transaction(current, postings)


def _transaction(row: Any, postings: list[Posting]) -> Transaction:
    try:
        kind = _KINDS.get(row[2]) or TransactionKind(row[2])  # the enum call only to word the error
        effective = date.fromisoformat(row[3])
        recorded_at = datetime.fromisoformat(row[4])
        metadata = () if row[8] == "[]" else tuple((name, value) for name, value in json.loads(row[8]))
    except _DAMAGE as error:  # json.JSONDecodeError is a ValueError
        raise _damaged(f"transaction #{row[0]}", error) from None
    # the metadata as this store writes it: printable texts (a loop costs a quarter of all() over a generator);
    # str.isprintable refuses a superset of what the text rule does, and the constructor then looks closer
    texts = True
    for name, value in metadata:
        if type(name) is not str or type(value) is not str or not value.isprintable() or not name.isprintable():
            texts = False
    sequence, key, reverses, resolves = row[0], row[1], row[6], row[7]
    if (
        len(postings) == 2  # what this store writes: one amount between two accounts of one currency
        and postings[0].units == -postings[1].units
        and postings[0].account.currency == postings[1].account.currency
        and sequence >= 1  # the table's INTEGER PRIMARY KEY: an int, though a hand may have written 0
        and recorded_at.tzinfo is not None
        # a key any id check takes: ASCII, printable, no space around it (else the constructor looks closer)
        and type(key) is str
        and key.isascii()
        and key.isprintable()
        and key.strip() == key != ""
        and (reverses is None or (type(reverses) is int and reverses >= 1))
        and (resolves is None or (type(resolves) is int and resolves >= 1))
        and texts
    ):  # every rule of a transaction holds: build it as it is stored, without running them again
        return trusted_transaction(
            sequence,
            key,
            kind,
            effective,
            recorded_at,
            (postings[0], postings[1]),
            bool(row[5]),
            reverses,
            resolves,
            metadata,
        )
    try:  # anything else was edited by hand, and the transaction's own rules say what is wrong with it
        return Transaction(
            sequence=row[0],
            key=row[1],
            kind=kind,
            effective=effective,
            recorded_at=recorded_at,
            pending=bool(row[5]),
            reverses=row[6],
            resolves=row[7],
            postings=tuple(postings),
            metadata=metadata,
        )
    except InvalidInput as error:  # rows that decode but break a transaction's own rule: edited by hand
        # the file's fault, not the caller's, and in a year of transactions the operator needs to know which one
        raise InvariantViolation(_WELL_FORMED, f"transaction #{row[0]}: {error}") from None


# -- writing ------------------------------------------------------------------------------------------------------


def _transaction_rows(entries: Iterable[Entry]) -> Iterator[tuple[Any, ...]]:
    # An entry holds its kind as text, and sqlite3 binds it as it is.
    # A batch shares one ``recorded_at`` and few dates: each is written as text once.
    texts: dict[date | datetime, str] = {}
    for (
        sequence,
        key,
        kind,
        effective,
        recorded_at,
        _first,
        _second,
        _units,
        pending,
        reverses,
        resolves,
        meta,
    ) in entries:
        day = texts.get(effective) or texts.setdefault(effective, effective.isoformat())
        stamp = texts.get(recorded_at) or texts.setdefault(recorded_at, recorded_at.isoformat())
        yield sequence, key, kind, day, stamp, int(pending), reverses, resolves, _metadata_json(meta)


def _metadata_json(metadata: tuple[tuple[str, str], ...]) -> str:
    """``json.dumps(metadata)``, written out: the same text, without the encoder's machinery on every write."""
    return "[" + ", ".join(f"[{_json_text(name)}, {_json_text(value)}]" for name, value in metadata) + "]"


def _balance_rows(changes: Mapping[Account, AccountBalance]) -> list[tuple[Any, ...]]:
    return [
        (account.kind, account.owner, account.currency, change.posted, change.pending_debits, change.pending_credits)
        for account, change in changes.items()
    ]


def _posting_rows(entries: Iterable[Entry]) -> Iterator[tuple[Any, ...]]:
    for entry in entries:
        sequence, units = entry[SEQUENCE], entry[UNITS]
        first, second = account_named(entry[FIRST]), account_named(entry[SECOND])
        yield sequence, 0, first.kind, first.owner, first.currency, units
        yield sequence, 1, second.kind, second.owner, second.currency, -units
