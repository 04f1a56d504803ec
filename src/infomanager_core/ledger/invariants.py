"""The auditor: :func:`check_invariants` replays a whole journal and checks every law of the ledger.

The laws:

0. every stored row decodes (on a file) and every transaction passes its own validation (balanced postings, whole
   minor units);
1. sequences start at 1 and increase by one; effective dates never go backwards;
2. every transaction has at least two postings, summing to zero per currency;
3. no prepaid account's posted or available balance is below zero after any transaction;
4. only payout requests are pending; every resolution names a pending request, and each request is resolved at most
   once, a completion or void repeating the request's postings;
5. a reversal names an earlier, posted transaction, negates its postings exactly, and each transaction is reversed at
   most once;
6. idempotency keys are unique and each names its own transaction;
7. the store's running balances equal the replayed journal.

Tests call it after every step; an operator can call it on a live store at any time.

>>> from .memory_store import MemoryLedgerStore
>>> check_invariants(MemoryLedgerStore())
"""

from __future__ import annotations

from collections import Counter

from ..errors import InvalidInput
from .accounts import Account
from .balances import ZERO, AccountBalance, balance_changes
from .errors import InvariantViolation
from .store import LedgerStore
from .transaction import RESOLUTIONS, VOIDS, Transaction, TransactionKind

__all__ = ["check_invariants"]


def check_invariants(store: LedgerStore) -> None:
    """Raise :class:`InvariantViolation` naming the first broken law; return ``None`` when the ledger is sound.

    >>> from datetime import date
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger()
    >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> check_invariants(ledger.store) is None
    True
    """
    with store.reading() as reader:
        try:
            journal = list(reader.transactions())
        except InvalidInput as error:  # a stored transaction no longer passes its own validation
            raise InvariantViolation("every stored transaction is well-formed", str(error)) from error
        stored = reader.balances()
        keys = {transaction.key: reader.recorded(transaction.key) for transaction in journal}
        resolutions = {sequence: reader.resolution_of(sequence) for sequence in range(1, len(journal) + 1)}
        reversals = {sequence: reader.reversal_of(sequence) for sequence in range(1, len(journal) + 1)}

    replayed: dict[Account, AccountBalance] = {}
    by_sequence: dict[int, Transaction] = {}
    resolved: dict[int, int] = {}
    reversed_by: dict[int, int] = {}
    previous: Transaction | None = None
    for transaction in journal:
        expected = 1 if previous is None else previous.sequence + 1
        if transaction.sequence != expected:
            raise InvariantViolation("sequences increase by one", (expected, transaction.sequence))
        if previous is not None and transaction.effective < previous.effective:
            raise InvariantViolation("effective dates never go backwards", transaction.sequence)
        _check_balanced(transaction)
        request = _check_links(transaction, by_sequence, resolved, reversed_by)
        for account, change in balance_changes(transaction, request).items():
            balance = replayed.get(account, ZERO).plus(change)
            replayed[account] = balance
            if account.is_prepaid and (balance.posted < 0 or balance.available < 0):
                raise InvariantViolation("no prepaid balance below zero", (transaction.sequence, str(account)))
        by_sequence[transaction.sequence] = transaction
        previous = transaction

    counted = Counter(transaction.key for transaction in journal)
    duplicated = sorted(key for key, count in counted.items() if count > 1)
    if duplicated:
        raise InvariantViolation("idempotency keys are unique", duplicated)
    for transaction in journal:
        record = keys[transaction.key]
        if record is None or record[1] != transaction.sequence:
            raise InvariantViolation("every key names its own transaction", transaction.key)
    if {k: v for k, v in resolutions.items() if v is not None} != resolved:
        raise InvariantViolation("the store's resolutions match the journal", resolved)
    if {k: v for k, v in reversals.items() if v is not None} != reversed_by:
        raise InvariantViolation("the store's reversals match the journal", reversed_by)
    _check_running_balances(stored, replayed)


def _check_balanced(transaction: Transaction) -> None:
    if len(transaction.postings) < 2:
        raise InvariantViolation("every transaction has at least two postings", transaction.sequence)
    totals: Counter[str] = Counter()
    for posting in transaction.postings:
        totals[posting.account.currency] += posting.units
    if any(totals.values()):
        raise InvariantViolation("postings sum to zero per currency", transaction.sequence)


def _check_links(
    transaction: Transaction,
    by_sequence: dict[int, Transaction],
    resolved: dict[int, int],
    reversed_by: dict[int, int],
) -> Transaction | None:
    sequence = transaction.sequence
    if transaction.pending != (transaction.kind is TransactionKind.PAYOUT_REQUEST):
        raise InvariantViolation("only payout requests are pending", sequence)
    if (transaction.resolves is not None) != (transaction.kind in RESOLUTIONS):
        raise InvariantViolation("exactly the resolutions name a payout request", sequence)
    if (transaction.reverses is not None) != (transaction.kind is TransactionKind.REVERSAL):
        raise InvariantViolation("exactly the reversals name a reversed transaction", sequence)
    request = None
    if transaction.resolves is not None:
        request = by_sequence.get(transaction.resolves)
        if request is None or not request.pending:
            raise InvariantViolation("a resolution names an earlier payout request", sequence)
        if transaction.resolves in resolved:
            raise InvariantViolation("a payout request is resolved at most once", transaction.resolves)
        if transaction.postings != request.postings:
            raise InvariantViolation("a resolution repeats its request's postings", sequence)
        resolved[transaction.resolves] = sequence
    if transaction.reverses is not None:
        original = by_sequence.get(transaction.reverses)
        if original is None or original.pending or original.kind in VOIDS:
            raise InvariantViolation("a reversal names an earlier posted transaction", sequence)
        negated = tuple((posting.account, -posting.units) for posting in original.postings)
        if tuple((posting.account, posting.units) for posting in transaction.postings) != negated:
            raise InvariantViolation("a reversal negates its original exactly", sequence)
        if transaction.reverses in reversed_by:
            raise InvariantViolation("a transaction is reversed at most once", transaction.reverses)
        reversed_by[transaction.reverses] = sequence
    return request


def _check_running_balances(stored: dict[Account, AccountBalance], replayed: dict[Account, AccountBalance]) -> None:
    nonzero_stored = {account: balance for account, balance in stored.items() if balance != ZERO}
    nonzero_replayed = {account: balance for account, balance in replayed.items() if balance != ZERO}
    if nonzero_stored != nonzero_replayed:
        wrong = sorted(
            str(account)
            for account in set(nonzero_stored) | set(nonzero_replayed)
            if nonzero_stored.get(account, ZERO) != nonzero_replayed.get(account, ZERO)
        )
        raise InvariantViolation("running balances equal the replayed journal", wrong)
    missing = sorted(str(account) for account in replayed if account not in stored)
    if missing:
        raise InvariantViolation("every touched account has a running balance", missing)
