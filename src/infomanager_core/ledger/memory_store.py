"""The in-memory journal store: the reference implementation of the storage port, for tests and short-lived use.

One re-entrant lock serialises every unit of work, so threads sharing a store cannot interleave a balance check with
another write. An append changes nothing until it has checked everything it needs, then updates in one go. Each unit
of work, a batch's included, is a savepoint as SQLite's are: a block that ends with an error takes back what was
appended inside it (the entries' sequences, keys, resolutions and reversals are dropped, and the balances and paid
orders they changed get the values they replaced back), and a batch commits only when its outermost block ends well.

>>> store = MemoryLedgerStore()
>>> with store.reading() as reader:
...     reader.head() is None
True
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from types import TracebackType
from typing import TypeVar

import attrs

from .accounts import Account
from .balances import AccountBalance
from .entries import EFFECTIVE, FIRST, KEY, RESOLVES, REVERSES, SECOND, SEQUENCE, Entry, transaction_of
from .plans import Fingerprint, fingerprint_text
from .store import (
    NO_ORDERS,
    checked_account,
    checked_bounds,
    checked_order,
    checked_sequence,
    checked_text,
    taken_keys,
)
from .transaction import Transaction

__all__ = ["MemoryLedgerStore"]


@attrs.define(repr=False)
class MemoryLedgerStore:
    """A journal held in process memory; implements :class:`~infomanager_core.ledger.store.LedgerStore`.

    It keeps entries (:mod:`~infomanager_core.ledger.entries`), from which :class:`Transaction` values are built when
    read, and each account's current :class:`AccountBalance` (replaced once per append, not once per entry).

    >>> from infomanager_core.ledger import Ledger, prepaid
    >>> from infomanager_core.money import Money
    >>> store = MemoryLedgerStore()
    >>> _ = Ledger(store).top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> store.head(), store.balance(prepaid("acme", "CHF")).posted
    ((1, datetime.date(2026, 3, 2)), 10000)
    """

    _entries: list[Entry] = attrs.field(factory=list, init=False)
    _balances: dict[Account, AccountBalance] = attrs.field(factory=dict, init=False)
    #: each organisation's prepaid accounts, in the order they appeared (a tuple replaced, never changed: a snapshot's
    #: copy of the dict shares nothing that later postings change)
    _prepaid: dict[str, tuple[Account, ...]] = attrs.field(factory=dict, init=False)
    #: each idempotency key's sequence; the fingerprint of sequence ``n`` is ``_fingerprints[n - 1]``
    _keys: dict[str, int] = attrs.field(factory=dict, init=False)
    _fingerprints: list[Fingerprint] = attrs.field(factory=list, init=False)
    _resolutions: dict[int, int] = attrs.field(factory=dict, init=False)
    _reversals: dict[int, int] = attrs.field(factory=dict, init=False)
    #: each ``(organisation, order id)`` paid from prepaid by a payment that stands: that payment's sequence
    _paid_orders: dict[tuple[str, str], int] = attrs.field(factory=dict, init=False)
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False)
    _unit: _Locked = attrs.field(init=False)
    _view: _Held = attrs.field(init=False)
    #: each open unit of work's savepoint, innermost last: the journal's length and the undo log's when it opened
    _savepoints: list[tuple[int, int]] = attrs.field(factory=list, init=False)
    #: while a unit of work is open, what each of its appends replaced, in order: the balances and the paid orders it
    #: changed, each with its value before (``None``: absent) — two dicts an append, not a record per account, so that
    #: a batch of ten thousand adds two objects for the collector to track
    _replaced: list[tuple[dict[Account, AccountBalance | None], dict[tuple[str, str], int | None]]] = attrs.field(
        factory=list, init=False
    )

    def __reduce__(self) -> tuple[Callable[..., MemoryLedgerStore], tuple[object, ...]]:
        """Pickled and copied (``copy.copy`` too) as a snapshot of its journal, taken under its lock: a store of its
        own, with a lock of its own, that later postings on either side leave the other untouched."""
        with self._lock:
            return _restored, tuple(getattr(self, name).copy() for name in _JOURNAL_FIELDS)

    def __repr__(self) -> str:
        """The size, not the journal: a store shown in a message or a log stays one line."""
        count = len(self._entries)
        return f"MemoryLedgerStore({count} transaction{'' if count == 1 else 's'})"

    @_unit.default
    def _locked(self) -> _Locked:
        return _Locked(self)

    @_view.default
    def _held(self) -> _Held:
        return _Held(self)

    def reading(self) -> _Held:
        return self._view

    def writing(self) -> _Locked:
        return self._unit

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self._unit:  # a unit of work like any other: the units inside it are savepoints
            yield

    def close(self) -> None:
        """Nothing to release."""

    # -- LedgerReader -------------------------------------------------------------------------------------------

    def balance(self, account: Account) -> AccountBalance | None:
        checked_account(account)
        return self._balances.get(account)

    def balances(self) -> dict[Account, AccountBalance]:
        return dict(self._balances)

    def prepaid_balances_of(self, organisation: str) -> dict[Account, AccountBalance]:
        if type(organisation) is not str:
            checked_text(organisation, "organisation")
        balances = self._balances
        return {account: balances[account] for account in self._prepaid.get(organisation, ())}

    def transaction(self, sequence: int) -> Transaction | None:
        checked_sequence(sequence, "sequence")
        if 1 <= sequence <= len(self._entries):
            return transaction_of(self._entries[sequence - 1])
        return None

    def transactions(
        self, *, account: Account | None = None, since: int | None = None, upto: int | None = None
    ) -> Iterator[Transaction]:
        checked_bounds(account, since, upto)
        first = 0 if since is None else max(since - 1, 0)
        chosen = self._entries[first:] if upto is None else self._entries[first : max(upto, 0)]
        if account is not None:
            name = account.name
            chosen = [entry for entry in chosen if entry[FIRST] == name or entry[SECOND] == name]
        return map(transaction_of, list(chosen))

    def head(self) -> tuple[int, date] | None:
        if not self._entries:
            return None
        last = self._entries[-1]
        return last[SEQUENCE], last[EFFECTIVE]

    def recorded(self, key: str) -> tuple[str, int] | None:
        if type(key) is not str:
            checked_text(key, "key")
        sequence = self._keys.get(key)
        return None if sequence is None else (fingerprint_text(self._fingerprints[sequence - 1]), sequence)

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        recorded, fingerprints, wanted = self._keys, self._fingerprints, taken_keys(keys, set)
        return {
            key: (fingerprint_text(fingerprints[recorded[key] - 1]), recorded[key])
            for key in recorded.keys() & wanted  # in C: a batch's keys are usually all new
        }

    def resolution_of(self, request: int) -> int | None:
        checked_sequence(request, "request")
        return self._resolutions.get(request)

    def reversal_of(self, sequence: int) -> int | None:
        checked_sequence(sequence, "sequence")
        return self._reversals.get(sequence)

    def order_payment(self, organisation: str, order_id: str) -> int | None:
        if type(organisation) is not str or type(order_id) is not str:
            checked_order(organisation, order_id)
        return self._paid_orders.get((organisation, order_id))

    def paid_orders(self) -> dict[tuple[str, str], int]:
        return dict(self._paid_orders)

    # -- LedgerSession ------------------------------------------------------------------------------------------

    def append(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        changes: Mapping[Account, AccountBalance],
        orders: Mapping[tuple[str, str], tuple[int | None, int | None]] = NO_ORDERS,
    ) -> None:
        # Check everything first (one pass, no copy of the store), then write: a refused append changes nothing.
        if len(fingerprints) != len(entries):
            raise RuntimeError(f"{len(entries)} entries but {len(fingerprints)} fingerprints")
        keys, resolutions, reversals = self._keys, self._resolutions, self._reversals
        new_keys: dict[str, int] = {}
        resolving: dict[int, int] = {}
        reversing: dict[int, int] = {}
        expected = len(self._entries) + 1
        for entry in entries:
            sequence, key, resolves, reverses = entry[SEQUENCE], entry[KEY], entry[RESOLVES], entry[REVERSES]
            if sequence != expected:
                raise RuntimeError(f"sequence {sequence} does not follow {expected - 1}")
            if key in keys or key in new_keys:
                raise RuntimeError(f"idempotency key {key!r} is already recorded")
            new_keys[key] = sequence
            if resolves is not None:
                if resolves in resolutions or resolves in resolving:
                    raise RuntimeError(f"payout request #{resolves} is already resolved")
                resolving[resolves] = sequence
            if reverses is not None:
                if reverses in reversals or reverses in reversing:
                    raise RuntimeError(f"transaction #{reverses} is already reversed")
                reversing[reverses] = sequence
            expected += 1
        paid = self._paid_orders
        for order, (before, _) in orders.items():  # no loop at all for most appends: NO_ORDERS is empty
            if paid.get(order) != before:
                raise RuntimeError(f"order {order!r} is paid by #{paid.get(order)}, not #{before}")
        self._entries.extend(entries)
        self._fingerprints.extend(fingerprints)
        self._keys.update(new_keys)
        self._resolutions.update(resolving)
        self._reversals.update(reversing)
        for order, (_, after) in orders.items():
            if after is None:
                del paid[order]
            else:
                paid[order] = after
        balances = self._balances
        replaced = {account: balances.get(account) for account in changes}
        for account, change in changes.items():
            current = replaced[account]
            if current is None:
                balances[account] = change
                if account.is_prepaid:  # a prepaid account new to the store: indexed under its organisation
                    self._prepaid[account.owner] = (*self._prepaid.get(account.owner, ()), account)
            else:
                balances[account] = current.plus(change)
        if self._savepoints:  # inside a unit of work (always, through the ledger): what a rollback gives back
            self._replaced.append((replaced, {order: before for order, (before, _) in orders.items()}))

    def _roll_back_to(self, length: int, logged: int) -> None:
        """Take back every append since the journal had ``length`` entries and the undo log ``logged`` records."""
        for entry in self._entries[length:]:
            del self._keys[entry[KEY]]
            if entry[RESOLVES] is not None:
                del self._resolutions[entry[RESOLVES]]
            if entry[REVERSES] is not None:
                del self._reversals[entry[REVERSES]]
        del self._entries[length:], self._fingerprints[length:]
        for balances, orders in reversed(self._replaced[logged:]):
            _restore(self._balances, balances)
            _restore(self._paid_orders, orders)
            for account, before in balances.items():
                if before is None and account.is_prepaid:  # a prepaid account the append made: out of the index again
                    self._unindex(account)
        del self._replaced[logged:]

    def _unindex(self, account: Account) -> None:
        """Take ``account`` out of its organisation's prepaid accounts (an append that made it, rolled back)."""
        kept = tuple(held for held in self._prepaid[account.owner] if held != account)
        if kept:
            self._prepaid[account.owner] = kept
        else:
            del self._prepaid[account.owner]


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _restore(held: dict[_Key, _Value], replaced: dict[_Key, _Value | None]) -> None:
    """Give ``held`` back the values ``replaced`` records (``None``: the key was absent)."""
    for key, value in replaced.items():
        if value is None:
            del held[key]
        else:
            held[key] = value


#: The store's state, every field but its lock, unit of work and savepoints: what a snapshot copies, whatever is added
#: later. (A snapshot is taken under the lock, so by the thread of any open unit of work: it copies the journal so far.)
_JOURNAL_FIELDS = tuple(
    field.name
    for field in attrs.fields(MemoryLedgerStore)
    if field.name not in {"_lock", "_unit", "_view", "_savepoints", "_replaced"}
)


def _restored(*held: object) -> MemoryLedgerStore:
    """A store holding the journal a snapshot took (see :meth:`MemoryLedgerStore.__reduce__`)."""
    store = MemoryLedgerStore()
    for name, container in zip(_JOURNAL_FIELDS, held, strict=True):
        object.__setattr__(store, name, container)
    return store


class _Held:
    """A reading's unit: the store's lock held for the block, no savepoint (a reading appends nothing to take back)."""

    __slots__ = ("_lock", "_store")

    def __init__(self, store: MemoryLedgerStore) -> None:
        self._store = store
        self._lock = store._lock

    def __enter__(self) -> MemoryLedgerStore:
        self._lock.acquire()
        return self._store

    def __exit__(self, *_: object) -> None:
        self._lock.release()


class _Locked:
    """The store's unit of work: its lock held for the block, and a savepoint that an error ending the block rolls
    back to (a plain object: cheaper than a generator's)."""

    __slots__ = ("_store",)

    def __init__(self, store: MemoryLedgerStore) -> None:
        self._store = store

    def __enter__(self) -> MemoryLedgerStore:
        store = self._store
        store._lock.acquire()
        store._savepoints.append((len(store._entries), len(store._replaced)))
        return store

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        store = self._store
        try:
            length, logged = store._savepoints.pop()
            if kind is not None:
                store._roll_back_to(length, logged)
            elif not store._savepoints:  # the outermost block committed: nothing left to take back
                store._replaced.clear()
        finally:
            store._lock.release()
