"""The in-memory journal store: the reference implementation of the storage port, for tests and short-lived use.

One re-entrant lock serialises every unit of work, so threads sharing a store cannot interleave a balance check with
another write. An append changes nothing until it has checked everything it needs, then updates in one go.

>>> store = MemoryLedgerStore()
>>> with store.reading() as reader:
...     reader.head() is None
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from types import TracebackType

import attrs

from .accounts import Account
from .balances import AccountBalance
from .transaction import Transaction

__all__ = ["MemoryLedgerStore"]


@attrs.define
class MemoryLedgerStore:
    """A journal held in process memory; implements :class:`~infomanager_core.ledger.store.LedgerStore`."""

    _transactions: list[Transaction] = attrs.field(factory=list, init=False)
    _balances: dict[Account, AccountBalance] = attrs.field(factory=dict, init=False)
    _keys: dict[str, tuple[str, int]] = attrs.field(factory=dict, init=False)
    _resolutions: dict[int, int] = attrs.field(factory=dict, init=False)
    _reversals: dict[int, int] = attrs.field(factory=dict, init=False)
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False)
    _unit: _Locked = attrs.field(init=False)

    @_unit.default
    def _locked(self) -> _Locked:
        return _Locked(self)

    def reading(self) -> _Locked:
        return self._unit

    def writing(self) -> _Locked:
        return self._unit

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self._lock:
            yield

    def close(self) -> None:
        """Nothing to release."""

    # -- LedgerReader -------------------------------------------------------------------------------------------

    def balance(self, account: Account) -> AccountBalance | None:
        return self._balances.get(account)

    def balances(self) -> dict[Account, AccountBalance]:
        return dict(self._balances)

    def transaction(self, sequence: int) -> Transaction | None:
        if 1 <= sequence <= len(self._transactions):
            return self._transactions[sequence - 1]
        return None

    def transactions(self, *, account: Account | None = None, upto: int | None = None) -> Iterator[Transaction]:
        chosen = self._transactions if upto is None else self._transactions[: max(upto, 0)]
        for transaction in list(chosen):
            if account is None or any(posting.account == account for posting in transaction.postings):
                yield transaction

    def head(self) -> tuple[int, date] | None:
        if not self._transactions:
            return None
        last = self._transactions[-1]
        return last.sequence, last.effective

    def recorded(self, key: str) -> tuple[str, int] | None:
        return self._keys.get(key)

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        recorded = self._keys
        return {key: recorded[key] for key in keys if key in recorded}

    def resolution_of(self, request: int) -> int | None:
        return self._resolutions.get(request)

    def reversal_of(self, sequence: int) -> int | None:
        return self._reversals.get(sequence)

    # -- LedgerSession ------------------------------------------------------------------------------------------

    def append(self, transaction: Transaction, fingerprint: str, changes: Mapping[Account, AccountBalance]) -> None:
        if transaction.sequence != len(self._transactions) + 1:
            raise RuntimeError(f"sequence {transaction.sequence} does not follow {len(self._transactions)}")
        if transaction.key in self._keys:
            raise RuntimeError(f"idempotency key {transaction.key!r} is already recorded")
        if transaction.resolves is not None and transaction.resolves in self._resolutions:
            raise RuntimeError(f"payout request #{transaction.resolves} is already resolved")
        if transaction.reverses is not None and transaction.reverses in self._reversals:
            raise RuntimeError(f"transaction #{transaction.reverses} is already reversed")
        self._record(transaction, fingerprint)
        self._apply(changes)

    def append_many(
        self,
        transactions: Sequence[Transaction],
        fingerprints: Sequence[str],
        changes: Mapping[Account, AccountBalance],
    ) -> None:
        self._check_new(transactions)
        for transaction, fingerprint in zip(transactions, fingerprints, strict=True):
            self._record(transaction, fingerprint)
        self._apply(changes)

    def _check_new(self, transactions: Sequence[Transaction]) -> None:
        """Refuse, before changing anything, what would break the journal's uniqueness rules."""
        expected = len(self._transactions) + 1
        keys: set[str] = set()
        resolves: set[int] = set()
        reverses: set[int] = set()
        for transaction in transactions:
            if transaction.sequence != expected:
                raise RuntimeError(f"sequence {transaction.sequence} does not follow {expected - 1}")
            expected += 1
            if transaction.key in self._keys or transaction.key in keys:
                raise RuntimeError(f"idempotency key {transaction.key!r} is already recorded")
            keys.add(transaction.key)
            if transaction.resolves is not None:
                if transaction.resolves in self._resolutions or transaction.resolves in resolves:
                    raise RuntimeError(f"payout request #{transaction.resolves} is already resolved")
                resolves.add(transaction.resolves)
            if transaction.reverses is not None:
                if transaction.reverses in self._reversals or transaction.reverses in reverses:
                    raise RuntimeError(f"transaction #{transaction.reverses} is already reversed")
                reverses.add(transaction.reverses)

    def _record(self, transaction: Transaction, fingerprint: str) -> None:
        self._transactions.append(transaction)
        self._keys[transaction.key] = (fingerprint, transaction.sequence)
        if transaction.resolves is not None:
            self._resolutions[transaction.resolves] = transaction.sequence
        if transaction.reverses is not None:
            self._reversals[transaction.reverses] = transaction.sequence

    def _apply(self, changes: Mapping[Account, AccountBalance]) -> None:
        balances = self._balances
        for account, change in changes.items():
            current = balances.get(account)
            balances[account] = change if current is None else current.plus(change)


class _Locked:
    """The store's unit of work: its lock held for the block (a plain object: cheaper than a generator's)."""

    __slots__ = ("_store",)

    def __init__(self, store: MemoryLedgerStore) -> None:
        self._store = store

    def __enter__(self) -> MemoryLedgerStore:
        self._store._lock.acquire()
        return self._store

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._store._lock.release()
