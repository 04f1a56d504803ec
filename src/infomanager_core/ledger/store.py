"""The storage port: the small interface every journal store implements (memory, SQLite, later PostgreSQL).

A store keeps four things and forgets none of them: the transactions in sequence order, each account's running
balance, which payout request each resolution settles and which transaction each reversal undoes, and every
idempotency key with the fingerprint of what it recorded.

Atomicity is the store's job. :meth:`LedgerStore.writing` opens one exclusive unit of work: everything the
:class:`~infomanager_core.ledger.Ledger` reads inside it (a balance, a key) cannot change before it commits, so the
overdraft check and the write are one step, across threads and — for a file store — across processes. The unit
of work holds either one :meth:`LedgerSession.append` or one :meth:`LedgerSession.append_many` (a bulk posting),
written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from .accounts import Account
from .balances import AccountBalance
from .transaction import Transaction

__all__ = ["LedgerReader", "LedgerSession", "LedgerStore"]


class LedgerReader(Protocol):
    """A consistent view of a journal."""

    def balance(self, account: Account) -> AccountBalance | None:
        """The account's running balance, or ``None`` if no transaction ever touched it. Constant time."""
        ...

    def balances(self) -> dict[Account, AccountBalance]:
        """Every account's running balance."""
        ...

    def transaction(self, sequence: int) -> Transaction | None: ...

    def transactions(self, *, account: Account | None = None, upto: int | None = None) -> Iterator[Transaction]:
        """Transactions in sequence order, up to sequence ``upto``, only those touching ``account`` if given."""
        ...

    def head(self) -> tuple[int, date] | None:
        """The highest sequence and its effective date, or ``None`` for an empty journal."""
        ...

    def recorded(self, key: str) -> tuple[str, int] | None:
        """The fingerprint and sequence an idempotency key recorded, or ``None`` if the key is new."""
        ...

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        """:meth:`recorded` for many keys at once (a batch's), only those recorded; one query where the store can."""
        ...

    def resolution_of(self, request: int) -> int | None:
        """The sequence of the transaction that resolved payout request ``request``, if any."""
        ...

    def reversal_of(self, sequence: int) -> int | None:
        """The sequence of the transaction that reversed ``sequence``, if any."""
        ...


class LedgerSession(LedgerReader, Protocol):
    """An exclusive unit of work: a reader that may append one transaction, or a batch of them."""

    def append(self, transaction: Transaction, fingerprint: str, changes: Mapping[Account, AccountBalance]) -> None:
        """Record ``transaction`` under its key with ``fingerprint`` and apply ``changes`` to the running balances."""
        ...

    def append_many(
        self,
        transactions: Sequence[Transaction],
        fingerprints: Sequence[str],
        changes: Mapping[Account, AccountBalance],
    ) -> None:
        """Record a batch: each of ``transactions`` with the fingerprint at the same position, as :meth:`append` would.

        The transactions' sequences follow the journal's head and each other without a gap; ``changes`` is the sum
        of their balance changes, one per touched account, applied once. The ledger has already checked every rule
        against the journal as it grows through the batch, so a store only writes — in bulk where it can (SQL:
        ``executemany`` of the transactions, postings and keys, then one balance upsert per account) — and, like
        ``append``, refuses a sequence, key, resolution or reversal that is already taken.
        """
        ...


class LedgerStore(Protocol):
    """Where a journal lives."""

    def reading(self) -> AbstractContextManager[LedgerReader]:
        """A consistent read-only view."""
        ...

    def writing(self) -> AbstractContextManager[LedgerSession]:
        """An exclusive unit of work, committed when the block ends without error and discarded otherwise."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Group many units of work into one commit (bulk loads); each append stays whole or absent."""
        ...

    def close(self) -> None: ...
