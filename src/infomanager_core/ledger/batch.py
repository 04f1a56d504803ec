"""A batch's unit of work: the journal as it grows through a bulk posting, held in memory until the end.

:meth:`Ledger.post_many <infomanager_core.ledger.Ledger.post_many>` applies each operation of a batch with the same
rules as a single operation, against a :class:`PendingBatch`: a session that reads through to the store's open unit
of work and keeps what the batch appends (transactions, keys, resolutions, reversals, running balances) in Python.
Each later operation of the batch sees the earlier ones — a payment spends a top-up of the same batch, a key reused
in the batch returns its original — yet the store is written only once, by :meth:`PendingBatch.flush`, with
:meth:`~infomanager_core.ledger.LedgerSession.append_many`. A refusal anywhere leaves the store untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date

from .accounts import Account
from .balances import AccountBalance, account_balance
from .store import LedgerSession
from .transaction import Transaction

__all__ = ["PendingBatch"]


class PendingBatch:
    """A :class:`~infomanager_core.ledger.LedgerSession` over ``session`` whose appends wait for :meth:`flush`."""

    def __init__(self, session: LedgerSession, keys: Iterable[str] = ()) -> None:
        self._session = session
        #: what the store recorded under the batch's keys, read in one go (``keys``: every key the batch will use)
        self._stored_keys = session.recorded_many(keys)
        self._known_keys = frozenset(keys)
        self._base = session.head()
        self._head = self._base
        self._transactions: list[Transaction] = []
        self._fingerprints: list[str] = []
        #: the batch's keys, each with its position in the batch (no tuple per entry: a batch is large)
        self._keys: dict[str, int] = {}
        self._resolutions: dict[int, int] = {}
        self._reversals: dict[int, int] = {}
        #: every account read so far: its balance in the store, and its running balance including the batch
        self._stored: dict[Account, AccountBalance | None] = {}
        self._balances: dict[Account, AccountBalance | None] = {}

    # -- LedgerReader -------------------------------------------------------------------------------------------

    def balance(self, account: Account) -> AccountBalance | None:
        try:
            return self._balances[account]
        except KeyError:
            balance = self._balances[account] = self._stored[account] = self._session.balance(account)
            return balance

    def balances(self) -> dict[Account, AccountBalance]:
        found = self._session.balances()
        found.update((account, balance) for account, balance in self._balances.items() if balance is not None)
        return found

    def transaction(self, sequence: int) -> Transaction | None:
        first = 1 if self._base is None else self._base[0] + 1
        if sequence < first:
            return self._session.transaction(sequence)
        if sequence - first < len(self._transactions):
            return self._transactions[sequence - first]
        return None

    def transactions(self, *, account: Account | None = None, upto: int | None = None) -> Iterator[Transaction]:
        yield from self._session.transactions(account=account, upto=upto)
        for transaction in self._transactions:
            if upto is not None and transaction.sequence > upto:
                return
            if account is None or account in transaction.accounts:
                yield transaction

    def head(self) -> tuple[int, date] | None:
        return self._head

    def recorded(self, key: str) -> tuple[str, int] | None:
        position = self._keys.get(key)
        if position is not None:
            return self._fingerprints[position], self._transactions[position].sequence
        if key in self._known_keys:
            return self._stored_keys.get(key)
        return self._session.recorded(key)

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        found = {}
        for key in keys:
            recorded = self.recorded(key)
            if recorded is not None:
                found[key] = recorded
        return found

    def resolution_of(self, request: int) -> int | None:
        found = self._resolutions.get(request)
        return self._session.resolution_of(request) if found is None else found

    def reversal_of(self, sequence: int) -> int | None:
        found = self._reversals.get(sequence)
        return self._session.reversal_of(sequence) if found is None else found

    # -- LedgerSession ------------------------------------------------------------------------------------------

    def append(self, transaction: Transaction, fingerprint: str, changes: Mapping[Account, AccountBalance]) -> None:
        self._hold(transaction, fingerprint)
        self._apply(changes)

    def _hold(self, transaction: Transaction, fingerprint: str) -> None:
        sequence = transaction.sequence
        self._keys[transaction.key] = len(self._transactions)
        self._transactions.append(transaction)
        self._fingerprints.append(fingerprint)
        if transaction.resolves is not None:
            self._resolutions[transaction.resolves] = sequence
        if transaction.reverses is not None:
            self._reversals[transaction.reverses] = sequence
        self._head = (sequence, transaction.effective)

    def _apply(self, changes: Mapping[Account, AccountBalance]) -> None:
        balances = self._balances
        for account, change in changes.items():
            try:
                current = balances[account]
            except KeyError:  # the batch's first use of the account
                current = self.balance(account)
            # ``current.plus(change)`` written out: two of these per operation of a batch.
            balances[account] = (
                change
                if current is None
                else account_balance(
                    current.posted + change.posted,
                    current.pending_debits + change.pending_debits,
                    current.pending_credits + change.pending_credits,
                )
            )

    def append_many(
        self,
        transactions: Sequence[Transaction],
        fingerprints: Sequence[str],
        changes: Mapping[Account, AccountBalance],
    ) -> None:
        """Hold each transaction like ``append``; ``changes`` must be their summed changes, applied once."""
        for transaction, fingerprint in zip(transactions, fingerprints, strict=True):
            self._hold(transaction, fingerprint)
        self._apply(changes)

    # -- the one write ------------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the whole batch to the store's unit of work: one ``append_many``, nothing if the batch is empty."""
        if not self._transactions:
            return
        changes = {}
        for account, balance in self._balances.items():
            stored = self._stored[account]
            if balance is stored or balance is None:
                continue
            if stored is None:
                changes[account] = balance
            else:
                changes[account] = account_balance(
                    balance.posted - stored.posted,
                    balance.pending_debits - stored.pending_debits,
                    balance.pending_credits - stored.pending_credits,
                )
        self._session.append_many(self._transactions, self._fingerprints, changes)
