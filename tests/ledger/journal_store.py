"""A third journal store, written for the tests from the port's documentation alone (``ledger/store.py`` and
``docs/ledger.md``): proof that the port is enough to write a store of another shape, and a third store for the store
contract (``test_store_contract.py``) to hold to its obligations.

Its shape is neither the memory store's nor SQLite's: an **append-only journal of rows with versioned indexes**. Each
row is an :data:`~infomanager_core.ledger.entries.Entry`, at position ``sequence - 1``. Every index records, with each
value, the sequence from which it holds — an account's balance after each append that touched it, an order's standing
payment after each append that changed it, a key or a resolution with the sequence that recorded it — so that a reader
sees the journal as it was at the head published when the reader opened, without a lock and without copying
anything: the multi-version shape a PostgreSQL store gets from its snapshots.

A unit of work writes into the same rows and indexes (nothing below the published head is ever touched), keeps an undo
list of what it added, and publishes the new head when it commits; a discarded unit of work takes back what it added.
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from infomanager_core.ledger import Account, AccountBalance, Transaction
from infomanager_core.ledger.entries import (
    EFFECTIVE,
    FIRST,
    KEY,
    RESOLVES,
    REVERSES,
    SECOND,
    SEQUENCE,
    Entry,
    transaction_of,
)
from infomanager_core.ledger.plans import Fingerprint, fingerprint_text
from infomanager_core.ledger.store import (
    NO_ORDERS,
    checked_account,
    checked_bounds,
    checked_order,
    checked_sequence,
    checked_text,
    taken_keys,
)

__all__ = ["JournalLedgerStore", "JournalRefusal"]

_V = TypeVar("_V")
#: A versioned value: ``(sequences, values)``, the value ``values[i]`` holding from sequence ``sequences[i]`` on.
_History = tuple[list[int], list[_V]]


class JournalRefusal(RuntimeError):
    """The journal store refused an append: a bug of its caller, since the ledger checks every rule first."""


def _at(history: _History[_V] | None, head: int) -> _V | None:
    """The value a history holds at ``head``, or ``None`` before its first version."""
    if history is None:
        return None
    sequences, values = history
    index = bisect_right(sequences, head)
    return values[index - 1] if index else None


def _push(history: _History[_V], sequence: int, value: _V) -> None:
    history[0].append(sequence)
    history[1].append(value)


def _pop(history: _History[_V]) -> None:
    """Take back the last version (a unit of work discarded)."""
    history[0].pop()
    history[1].pop()


class _View:
    """The journal as it was at ``head``: every read of the port (:class:`~infomanager_core.ledger.LedgerReader`)."""

    def __init__(self, store: JournalLedgerStore, head: int) -> None:
        self._store = store
        self._head = head

    def _visible(self, sequence: int | None) -> int | None:
        return sequence if sequence is not None and sequence <= self._head else None

    def balance(self, account: Account) -> AccountBalance | None:
        checked_account(account)
        return _at(self._store._balances.get(account), self._head)

    def balances(self) -> dict[Account, AccountBalance]:
        seen = ((account, _at(history, self._head)) for account, history in list(self._store._balances.items()))
        return {account: balance for account, balance in seen if balance is not None}

    def prepaid_balances_of(self, organisation: str) -> dict[Account, AccountBalance]:
        if type(organisation) is not str:
            checked_text(organisation, "organisation")
        histories = self._store._balances
        seen = (
            (account, _at(histories[account], self._head)) for account in list(self._store._owned.get(organisation, ()))
        )
        return {account: balance for account, balance in seen if balance is not None}

    def transaction(self, sequence: int) -> Transaction | None:
        checked_sequence(sequence, "sequence")
        if not 1 <= sequence <= self._head:
            return None
        return transaction_of(self._store._rows[sequence - 1])

    def transactions(
        self, *, account: Account | None = None, since: int | None = None, upto: int | None = None
    ) -> Iterator[Transaction]:
        checked_bounds(account, since, upto)
        low = max(since or 1, 1)
        high = self._head if upto is None else min(upto, self._head)
        rows = self._store._rows
        if account is None:
            return (transaction_of(rows[sequence - 1]) for sequence in range(low, high + 1))
        touching = self._store._touching.get(account.name, [])
        start, end = bisect_right(touching, low - 1), bisect_right(touching, high)
        return (transaction_of(rows[sequence - 1]) for sequence in touching[start:end])

    def head(self) -> tuple[int, date] | None:
        if not self._head:
            return None
        return self._head, self._store._rows[self._head - 1][EFFECTIVE]

    def recorded(self, key: str) -> tuple[str, int] | None:
        if type(key) is not str:
            checked_text(key, "key")
        found = self._store._keys.get(key)
        return found if found is not None and found[1] <= self._head else None

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        wanted = taken_keys(keys, list)
        found = ((key, self.recorded(key)) for key in wanted)
        return {key: recorded for key, recorded in found if recorded is not None}

    def resolution_of(self, request: int) -> int | None:
        checked_sequence(request, "request")
        return self._visible(self._store._resolutions.get(request))

    def reversal_of(self, sequence: int) -> int | None:
        checked_sequence(sequence, "sequence")
        return self._visible(self._store._reversals.get(sequence))

    def order_payment(self, organisation: str, order_id: str) -> int | None:
        if type(organisation) is not str or type(order_id) is not str:
            checked_order(organisation, order_id)
        return _at(self._store._orders.get((organisation, order_id)), self._head)

    def paid_orders(self) -> dict[tuple[str, str], int]:
        standing = ((order, _at(history, self._head)) for order, history in list(self._store._orders.items()))
        return {order: payment for order, payment in standing if payment is not None}


class _Session(_View):
    """A unit of work: reads what its store holds up to the rows it wrote itself, and appends once."""

    def __init__(self, store: JournalLedgerStore) -> None:
        super().__init__(store, len(store._rows))
        self._appended = False

    def append(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        changes: Mapping[Account, AccountBalance],
        orders: Mapping[tuple[str, str], tuple[int | None, int | None]] = NO_ORDERS,
    ) -> None:
        store, undo = self._store, self._store._undo.append
        self._refuse_unless_it_fits(entries, fingerprints, orders)
        self._appended = True
        last = entries[-1][SEQUENCE]
        for entry, fingerprint in zip(entries, fingerprints, strict=True):
            sequence, key = entry[SEQUENCE], entry[KEY]
            store._rows.append(entry)
            undo(store._rows.pop)
            store._keys[key] = (fingerprint_text(fingerprint), sequence)
            undo(functools.partial(store._keys.pop, key))
            for taken, original in ((store._reversals, entry[REVERSES]), (store._resolutions, entry[RESOLVES])):
                if original is not None:
                    taken[original] = sequence
                    undo(functools.partial(taken.pop, original))
            for name in {entry[FIRST], entry[SECOND]}:
                touching = store._touching.setdefault(name, [])
                touching.append(sequence)
                undo(touching.pop)
        for account, change in changes.items():
            balances = store._balances.setdefault(account, ([], []))
            if account.owner and not balances[0]:  # an organisation's prepaid account, new (or new again)
                owned = store._owned.setdefault(account.owner, [])
                owned.append(account)
                undo(owned.pop)
            before = _at(balances, self._head)
            _push(balances, last, change if before is None else before.plus(change))
            undo(functools.partial(_pop, balances))
        for order, (_, after) in orders.items():
            payments = store._orders.setdefault(order, ([], []))
            _push(payments, last, after)
            undo(functools.partial(_pop, payments))
        self._head = last

    def _refuse_unless_it_fits(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        orders: Mapping[tuple[str, str], tuple[int | None, int | None]],
    ) -> None:
        """Every refusal the port names, checked before anything is written (a refused append changes nothing)."""
        if self._appended:
            raise JournalRefusal("a unit of work appends once")
        if not entries or len(entries) != len(fingerprints):
            raise JournalRefusal(f"{len(entries)} entries with {len(fingerprints)} fingerprints")
        keys: set[str] = set()
        reversed_: set[int] = set()
        resolved: set[int] = set()
        for expected, entry in enumerate(entries, start=self._head + 1):
            sequence, key, reverses, resolves = entry[SEQUENCE], entry[KEY], entry[REVERSES], entry[RESOLVES]
            if sequence != expected:
                raise JournalRefusal(f"sequence {sequence} does not follow the head {expected - 1}")
            if key in keys or self.recorded(key) is not None:
                raise JournalRefusal(f"key {key!r} is already taken")
            if reverses is not None and (reverses in reversed_ or self.reversal_of(reverses) is not None):
                raise JournalRefusal(f"transaction #{reverses} is already reversed")
            if resolves is not None and (resolves in resolved or self.resolution_of(resolves) is not None):
                raise JournalRefusal(f"payout request #{resolves} is already resolved")
            keys.add(key)
            if reverses is not None:
                reversed_.add(reverses)
            if resolves is not None:
                resolved.add(resolves)
        for (organisation, order_id), (before, _) in orders.items():
            standing = self.order_payment(organisation, order_id)
            if standing != before:
                raise JournalRefusal(
                    f"order {order_id!r} of {organisation!r} stands paid by {standing}, not by {before}"
                )


class JournalLedgerStore:
    """A :class:`~infomanager_core.ledger.LedgerStore` of rows and versioned indexes (see the module)."""

    def __init__(self) -> None:
        self._rows: list[Entry] = []
        self._keys: dict[str, tuple[str, int]] = {}
        self._resolutions: dict[int, int] = {}
        self._reversals: dict[int, int] = {}
        self._touching: dict[str, list[int]] = {}
        self._balances: dict[Account, _History[AccountBalance]] = {}
        self._owned: dict[str, list[Account]] = {}  # each organisation's prepaid accounts, as they first appeared
        self._orders: dict[tuple[str, str], _History[int | None]] = {}
        self._published = 0  # the head readers see
        self._undo: list[Callable[[], object]] = []  # what the open unit(s) of work added, to take back
        self._lock = threading.RLock()
        self._depth = 0  # how many units of work and batches are open, one inside the other
        self._owner: int | None = None  # the thread that holds the lock
        self._closed = False

    def _open(self) -> None:
        if self._closed:
            raise JournalRefusal("the journal store is closed")

    @contextmanager
    def reading(self) -> Iterator[_View]:
        """The journal as published; on the thread that holds a unit of work or a batch, as that thread wrote it."""
        self._open()
        yield _View(self, len(self._rows) if self._owner == threading.get_ident() else self._published)

    @contextmanager
    def writing(self) -> Iterator[_Session]:
        with self._unit():
            yield _Session(self)

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self._unit():
            yield

    @contextmanager
    def _unit(self) -> Iterator[None]:
        """A unit of work or a batch: a savepoint inside an open one, committed only when the outermost ends."""
        self._open()
        with self._held():
            self._depth += 1
            mark = len(self._undo)
            try:
                yield
            except BaseException:
                self._take_back(mark)
                raise
            finally:
                self._depth -= 1
            if not self._depth:
                self._commit()

    @contextmanager
    def _held(self) -> Iterator[None]:
        with self._lock:
            outer, self._owner = self._owner, threading.get_ident()
            try:
                yield
            finally:
                self._owner = outer

    def _commit(self) -> None:
        self._undo.clear()
        self._published = len(self._rows)

    def _take_back(self, mark: int) -> None:
        while len(self._undo) > mark:
            self._undo.pop()()

    def close(self) -> None:
        self._closed = True

    def __repr__(self) -> str:
        return f"<JournalLedgerStore of {self._published} transactions>"
