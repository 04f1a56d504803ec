"""Entries: the compact form in which stores keep transactions, and the one conversion to and from it.

Every transaction the ledger writes moves one amount between two accounts: a top-up from ``transfers_received`` to a
prepaid account, a payment from a prepaid account to ``order_settlement``, a reversal back the other way… So a store
does not need a :class:`~infomanager_core.ledger.Transaction` object with two :class:`~infomanager_core.ledger.Posting`
objects per entry: it keeps a plain tuple, which costs a fraction of the time and memory to build, and the
:class:`Transaction` is built from it when somebody reads it.

An entry's fields, in order (:data:`Entry`)::

    sequence, key, kind, effective, recorded_at, first, second, units, pending, reverses, resolves, metadata

and its postings are ``units`` on ``first`` and ``-units`` on ``second`` (``units`` is never zero; a reversal's is
the opposite of its original's, so that its postings are the original's negated, in the same order).

An entry holds plain values only: the kind as its text (``TransactionKind.TOP_UP.value``) and each account as its
:attr:`~infomanager_core.ledger.Account.name`. The garbage collector stops tracking such a tuple the first time it
sees it, instead of walking every entry of a journal again at each collection.

>>> from datetime import date, datetime, UTC
>>> entry = (1, "t-1", "top_up", date(2026, 3, 2), datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
...          "prepaid:acme:CHF", "transfers_received:CHF", 5000, False, None, None, ())
>>> transaction = transaction_of(entry)
>>> [(str(posting.account), posting.units) for posting in transaction.postings]
[('prepaid:acme:CHF', 5000), ('transfers_received:CHF', -5000)]
>>> entry_of(transaction) == entry
True
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Final, overload

from .accounts import account_named
from .transaction import Transaction, TransactionKind, trusted_posting, trusted_transaction

__all__ = ["Entry", "PostedBatch", "entry_of", "transaction_of"]

#: ``(sequence, key, kind, effective, recorded_at, first, second, units, pending, reverses, resolves, metadata)``,
#: the kind as its text and the accounts as their names
Entry = tuple[
    int, str, str, date, datetime, str, str, int, bool, "int | None", "int | None", tuple[tuple[str, str], ...]
]  # fmt: skip

# The position of each field in an entry (``Final``: type checkers see the field's own type).
SEQUENCE: Final = 0
KEY: Final = 1
KIND: Final = 2
EFFECTIVE: Final = 3
RECORDED_AT: Final = 4
FIRST: Final = 5
SECOND: Final = 6
UNITS: Final = 7
PENDING: Final = 8
REVERSES: Final = 9
RESOLVES: Final = 10
METADATA: Final = 11


def transaction_of(entry: Entry) -> Transaction:
    """The :class:`Transaction` an entry stands for (its parts were checked when the entry was made)."""
    sequence, key, kind, effective, recorded_at, first, second, units, pending, reverses, resolves, meta = entry
    postings = (trusted_posting(account_named(first), units), trusted_posting(account_named(second), -units))
    return trusted_transaction(
        sequence, key, _KINDS[kind], effective, recorded_at, postings, pending, reverses, resolves, meta
    )


_KINDS = {kind.value: kind for kind in TransactionKind}


def entry_of(transaction: Transaction) -> Entry:
    """The entry of a two-posting transaction (every transaction the ledger writes has exactly two)."""
    first, second = transaction.postings
    if first.units != -second.units:  # pragma: no cover - a transaction that balances with two postings
        raise ValueError(f"transaction #{transaction.sequence} is not one amount between two accounts")
    return (
        transaction.sequence,
        transaction.key,
        transaction.kind.value,
        transaction.effective,
        transaction.recorded_at,
        first.account.name,
        second.account.name,
        first.units,
        transaction.pending,
        transaction.reverses,
        transaction.resolves,
        transaction.metadata,
    )


class PostedBatch(Sequence[Transaction]):
    """The transactions a bulk posting returned, one per operation, each built from its entry when read.

    It is a read-only sequence (``len``, indexing, slicing, iteration), equal to the tuple of the same transactions.
    """

    __slots__ = ("_entries",)

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Transaction: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Transaction, ...]: ...

    def __getitem__(self, index: int | slice) -> Transaction | tuple[Transaction, ...]:
        if isinstance(index, slice):
            return tuple(map(transaction_of, self._entries[index]))
        return transaction_of(self._entries[index])

    def __iter__(self) -> Iterator[Transaction]:
        return map(transaction_of, self._entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PostedBatch):
            return self._entries == other._entries
        if isinstance(other, tuple):
            return len(other) == len(self._entries) and all(map(operator.eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, yet not immutable in what it wraps

    def __reduce__(self) -> tuple[type[PostedBatch], tuple[Sequence[Entry]]]:
        """Pickled and copied as its entries, with every protocol (a worker sends a batch back to its caller)."""
        return PostedBatch, (self._entries,)

    def __repr__(self) -> str:
        return f"<PostedBatch of {len(self._entries)} transactions>"
