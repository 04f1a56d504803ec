"""A batch's unit of work: the journal as it grows through a bulk posting, held in memory until the end.

:meth:`Ledger.post_many <infomanager_core.ledger.Ledger.post_many>` applies each operation of a batch with the same
rules as a single operation, against a :class:`PendingBatch`: a session that reads through to the store's open unit
of work and keeps what the batch appends (transactions, keys, resolutions, reversals, running balances) in Python.
Each later operation of the batch sees the earlier ones — a payment spends a top-up of the same batch, a key reused
in the batch returns its original — yet the store is written only once, by :meth:`PendingBatch.flush`, with
:meth:`~infomanager_core.ledger.LedgerSession.append_many`. A refusal anywhere leaves the store untouched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from .accounts import Account
from .balances import AccountBalance, account_balance
from .store import LedgerSession
from .transaction import Transaction

__all__ = ["PendingBatch"]


class PendingBatch:
    """A :class:`~infomanager_core.ledger.LedgerSession` over ``session`` whose appends wait for :meth:`flush`."""

    def __init__(self, session: LedgerSession) -> None:
        self._session = session
        self._base = session.head()
        self._head = self._base
        self._entries: list[tuple[Transaction, str]] = []
        self._keys: dict[str, tuple[str, int]] = {}
        self._resolutions: dict[int, int] = {}
        self._reversals: dict[int, int] = {}
        #: every account read or written so far: its running balance including the batch (None: never touched)
        self._balances: dict[Account, AccountBalance | None] = {}
        #: the batch's summed change per account, ``[posted, pending_debits, pending_credits]``
        self._changes: dict[Account, list[int]] = {}

    # -- LedgerReader -------------------------------------------------------------------------------------------

    def balance(self, account: Account) -> AccountBalance | None:
        try:
            return self._balances[account]
        except KeyError:
            balance = self._balances[account] = self._session.balance(account)
            return balance

    def balances(self) -> dict[Account, AccountBalance]:
        found = self._session.balances()
        found.update((account, balance) for account, balance in self._balances.items() if balance is not None)
        return found

    def transaction(self, sequence: int) -> Transaction | None:
        first = 1 if self._base is None else self._base[0] + 1
        if sequence < first:
            return self._session.transaction(sequence)
        if sequence - first < len(self._entries):
            return self._entries[sequence - first][0]
        return None

    def transactions(self, *, account: Account | None = None, upto: int | None = None) -> Iterator[Transaction]:
        yield from self._session.transactions(account=account, upto=upto)
        for transaction, _fingerprint in self._entries:
            if upto is not None and transaction.sequence > upto:
                return
            if account is None or account in transaction.accounts:
                yield transaction

    def head(self) -> tuple[int, date] | None:
        return self._head

    def recorded(self, key: str) -> tuple[str, int] | None:
        found = self._keys.get(key)
        return self._session.recorded(key) if found is None else found

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
        self._entries.append((transaction, fingerprint))
        self._keys[transaction.key] = (fingerprint, sequence)
        if transaction.resolves is not None:
            self._resolutions[transaction.resolves] = sequence
        if transaction.reverses is not None:
            self._reversals[transaction.reverses] = sequence
        self._head = (sequence, transaction.effective)

    def _apply(self, changes: Mapping[Account, AccountBalance]) -> None:
        balances = self._balances
        totals = self._changes
        for account, change in changes.items():
            current = balances[account] if account in balances else self._session.balance(account)
            balances[account] = change if current is None else current.plus(change)
            total = totals.get(account)
            if total is None:
                totals[account] = [change.posted, change.pending_debits, change.pending_credits]
            else:
                total[0] += change.posted
                total[1] += change.pending_debits
                total[2] += change.pending_credits

    def append_many(
        self, entries: Sequence[tuple[Transaction, str]], changes: Mapping[Account, AccountBalance]
    ) -> None:
        """Hold ``entries`` like one ``append`` each; ``changes`` must be their summed changes, applied once."""
        for transaction, fingerprint in entries:
            self._hold(transaction, fingerprint)
        self._apply(changes)

    # -- the one write ------------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the whole batch to the store's unit of work: one ``append_many``, nothing if the batch is empty."""
        if not self._entries:
            return
        self._session.append_many(
            self._entries,
            {
                account: account_balance(posted, debits, credits)
                for account, (posted, debits, credits) in self._changes.items()
            },
        )
