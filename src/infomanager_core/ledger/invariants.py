"""The auditor: :func:`check_invariants` replays a whole journal and checks every law of the ledger.

The laws:

0. every stored row decodes (on a file) and every transaction passes its own validation (balanced postings, whole
   minor units);
1. sequences start at 1 and increase by one; effective dates never go backwards;
2. every transaction has at least two postings, summing to zero per currency; a transaction that moves money of its
   own kind (a top-up, cashback, a transfer deposit, a payment, a payout request) moves it between that kind's
   accounts, in that kind's direction (resolutions and reversals take their postings from their request or original);
   a cashback is keyed by the order it names (``cashback:<order>``);
3. no prepaid account's posted or available balance is below zero after any transaction;
4. only payout requests are pending; every resolution names a pending request, and each request is resolved at most
   once, a completion or void repeating the request's postings;
5. a reversal names an earlier, posted transaction, negates its postings exactly, and each transaction is reversed at
   most once;
6. idempotency keys are unique and each names its own transaction;
7. the store's running balances equal the replayed journal;
8. the store's index of order payments names, for every order paid from prepaid, the payment that stands (a payment,
   or a reversal of its reversal; none once it is reversed) — the index that refuses a second payment.

Tests call it after every step; an operator can call it on a live store at any time.

>>> from .memory_store import MemoryLedgerStore
>>> check_invariants(MemoryLedgerStore())
"""

from __future__ import annotations

import itertools
from collections import Counter

from ..errors import InvalidInput
from .accounts import Account, AccountKind
from .balances import ZERO, AccountBalance, changes_of
from .errors import InvariantViolation
from .ledger import Ledger
from .plans import cashback_key
from .store import LedgerReader, LedgerStore, ledger_store
from .transaction import RESOLUTIONS, VOIDS, Transaction, TransactionKind

__all__ = ["check_invariants"]


def check_invariants(store: LedgerStore | Ledger) -> None:
    """Raise :class:`InvariantViolation` naming the first broken law; return ``None`` when the ledger is sound.

    ``store`` is the store audited, or a :class:`~infomanager_core.ledger.Ledger`, whose store is audited.

    The journal is read once, as a stream. The audit keeps each account's replayed balance, the payout requests
    still open, which transactions were resolved or reversed (a bit each) and each order paid from prepaid with its
    standing payment — not the journal itself — so a file holding years of transactions is audited in memory that
    grows with its accounts and orders, not with its transactions and postings.

    >>> from datetime import date
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger()
    >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> check_invariants(ledger.store) is None, check_invariants(ledger) is None
    (True, True)
    """
    if isinstance(store, Ledger):  # the ledger given for its store: what it audits is the same journal
        store = store.store
    with ledger_store(store).reading() as reader:
        audit = _Audit(reader)
        journal = reader.transactions()
        while True:
            try:
                chunk = list(itertools.islice(journal, _CHUNK))
            except InvalidInput as error:  # a stored transaction no longer passes its own validation
                raise InvariantViolation("every stored transaction is well-formed", str(error)) from error
            if not chunk:
                break
            for transaction in chunk:
                audit.replay(transaction)
            audit.check_keys(chunk)
        audit.finish(reader.balances())


#: Transactions audited between two reads of their idempotency keys (one ``recorded_many`` each; SQLite asks for
#: 500 keys a query).
_CHUNK = 500


class _Sequences:
    """A set of sequence numbers kept as one bit each, so that remembering which transactions were resolved or
    reversed costs an eighth of a byte per transaction of the journal, not a set entry per one."""

    __slots__ = ("_bits",)

    def __init__(self) -> None:
        self._bits = bytearray()

    def add(self, sequence: int) -> None:
        index, bit = divmod(sequence, 8)
        if index >= len(self._bits):  # doubling: a journal streamed in order grows it a logarithmic number of times
            self._bits.extend(bytes(max(index + 1, 2 * len(self._bits)) - len(self._bits)))
        self._bits[index] |= 1 << bit

    def __contains__(self, sequence: int) -> bool:
        index, bit = divmod(sequence, 8)
        return 0 <= index < len(self._bits) and bool(self._bits[index] >> bit & 1)


class _Audit:
    """What the laws look back on, kept as the journal streams past."""

    def __init__(self, reader: LedgerReader) -> None:
        self.reader = reader
        self.previous: Transaction | None = None
        self.replayed: dict[Account, AccountBalance] = {}
        self.open_requests: dict[int, Transaction] = {}
        self.resolved = _Sequences()
        self.reversed = _Sequences()
        # Links the store holds whose later end the stream has not reached yet (request → resolution, original →
        # reversal): laws 4 and 5 are checked against the store's own records, not only against the journal.
        self.store_resolutions: dict[int, int] = {}
        self.store_reversals: dict[int, int] = {}
        # Each order paid from prepaid and its payment that stands, None once reversed (law 8): an entry per order,
        # held to the store's whole index at the end
        self.orders: dict[tuple[str, str], int | None] = {}

    def replay(self, transaction: Transaction) -> None:
        """Laws 1 to 5 for the next transaction, and its effect on the replayed balances."""
        sequence = transaction.sequence
        expected = 1 if self.previous is None else self.previous.sequence + 1
        if sequence != expected:
            raise InvariantViolation("sequences increase by one", (expected, sequence))
        if self.previous is not None and transaction.effective < self.previous.effective:
            raise InvariantViolation("effective dates never go backwards", sequence)
        _check_balanced(transaction)
        _check_shape(transaction)
        request = self._check_links(transaction)
        if transaction.kind is TransactionKind.ORDER_PAYMENT or transaction.reverses is not None:
            self._note_order_payment(transaction)
        for account, change in changes_of(transaction, request).items():
            balance = self.replayed.get(account, ZERO).plus(change)
            self.replayed[account] = balance
            if account.is_prepaid and (balance.posted < 0 or balance.available < 0):
                raise InvariantViolation("no prepaid balance below zero", (sequence, str(account)))
        self._note_store_links(sequence)
        if transaction.pending:
            self.open_requests[sequence] = transaction
        self.previous = transaction

    def _check_links(self, transaction: Transaction) -> Transaction | None:
        sequence = transaction.sequence
        if transaction.pending != (transaction.kind is TransactionKind.PAYOUT_REQUEST):
            raise InvariantViolation("only payout requests are pending", sequence)
        if (transaction.resolves is not None) != (transaction.kind in RESOLUTIONS):
            raise InvariantViolation("exactly the resolutions name a payout request", sequence)
        if (transaction.reverses is not None) != (transaction.kind is TransactionKind.REVERSAL):
            raise InvariantViolation("exactly the reversals name a reversed transaction", sequence)
        if transaction.reverses is not None:
            self._check_reversal(sequence, transaction.reverses, transaction)
        if transaction.resolves is not None:
            return self._resolve(sequence, transaction.resolves, transaction)
        return None

    def _resolve(self, sequence: int, request: int, resolution: Transaction) -> Transaction:
        if request in self.resolved:
            raise InvariantViolation("a payout request is resolved at most once", request)
        pending = self.open_requests.pop(request, None)
        if pending is None:
            raise InvariantViolation("a resolution names an earlier payout request", sequence)
        if resolution.postings != pending.postings:
            raise InvariantViolation("a resolution repeats its request's postings", sequence)
        stored = self.store_resolutions.pop(request, None)
        if stored != sequence:  # named with what the store says instead: the operator compares the two
            raise InvariantViolation("the store's resolutions match the journal", (request, sequence, stored))
        self.resolved.add(request)
        return pending

    def _check_reversal(self, sequence: int, reverses: int, reversal: Transaction) -> None:
        # the original is read back from the store: reversals are rare, and the audit keeps no journal to look in
        original = self.reader.transaction(reverses) if 0 < reverses < sequence else None
        if original is None or original.pending or original.kind in VOIDS:
            raise InvariantViolation("a reversal names an earlier posted transaction", sequence)
        negated = tuple((posting.account, -posting.units) for posting in original.postings)
        if tuple((posting.account, posting.units) for posting in reversal.postings) != negated:
            raise InvariantViolation("a reversal negates its original exactly", sequence)
        if reverses in self.reversed:
            raise InvariantViolation("a transaction is reversed at most once", reverses)
        stored = self.store_reversals.pop(reverses, None)
        if stored != sequence:  # as for resolutions
            raise InvariantViolation("the store's reversals match the journal", (reverses, sequence, stored))
        self.reversed.add(reverses)

    def _note_order_payment(self, transaction: Transaction) -> None:
        """Law 8 as the journal streams past: the payment of an order that stands, as the ledger and the SQLite
        file's migration decide it (the first that stands: a file of version 1 may hold an order paid twice)."""
        effect = _order_effect(transaction, self.reader)
        if effect is None:
            return
        order, pays = effect
        standing = self.orders.get(order)
        if pays:
            if standing is None:
                self.orders[order] = transaction.sequence
        elif standing == transaction.reverses:  # a reversal (``pays`` is False): ``reverses`` is never None here
            self.orders[order] = None

    def _note_store_links(self, sequence: int) -> None:
        """Remember what the store says resolves or reverses ``sequence``: the stream must reach it later."""
        resolution, reversal = self.reader.resolution_of(sequence), self.reader.reversal_of(sequence)
        if resolution is not None:
            self.store_resolutions[sequence] = resolution
        if reversal is not None:
            self.store_reversals[sequence] = reversal

    def check_keys(self, chunk: list[Transaction]) -> None:
        """Law 6 for a chunk of the journal: each transaction's key is recorded under that transaction."""
        records = self.reader.recorded_many(transaction.key for transaction in chunk)
        for transaction in chunk:
            record = records.get(transaction.key)
            if record is not None and record[1] == transaction.sequence:
                continue
            holder = None if record is None else self.reader.transaction(record[1])
            if holder is not None and holder.key == transaction.key:
                raise InvariantViolation("idempotency keys are unique", transaction.key)
            raise InvariantViolation("every key names its own transaction", transaction.key)

    def finish(self, stored: dict[Account, AccountBalance]) -> None:
        """Law 7, and no link the store holds is left without its transaction."""
        if self.store_resolutions:
            raise InvariantViolation(
                "the store's resolutions match the journal", sorted(self.store_resolutions.items())
            )
        if self.store_reversals:
            raise InvariantViolation("the store's reversals match the journal", sorted(self.store_reversals.items()))
        _check_running_balances(stored, self.replayed)
        standing = {order: sequence for order, sequence in self.orders.items() if sequence is not None}
        indexed = self.reader.paid_orders()  # the whole index at once: a row for an order never paid is found too
        if indexed != standing:
            order = min(
                order for order in indexed.keys() | standing.keys() if indexed.get(order) != standing.get(order)
            )
            raise InvariantViolation(
                "the store's order payments match the journal",
                (order, f"#{indexed.get(order)}", f"#{standing.get(order)}"),
            )


def _order_effect(transaction: Transaction, reader: LedgerReader) -> tuple[tuple[str, str], bool] | None:
    """The ``(organisation, order id)`` whose payment from prepaid ``transaction`` makes stand (``True``: the
    payment, a reversal of its reversal…) or ends (``False``: its reversal…), if any. A chain of reversals is read
    back from the store down to the payment it started from: reversals are rare."""
    pays = True
    while transaction.reverses is not None:
        original = reader.transaction(transaction.reverses)
        if original is None:  # law 5 has refused such a reversal already
            return None
        transaction, pays = original, not pays
    order_id = transaction.meta("order") if transaction.kind is TransactionKind.ORDER_PAYMENT else None
    if order_id is None:
        return None
    payer = next(posting.account.owner for posting in transaction.postings if posting.account.is_prepaid)
    return (payer, order_id), pays


def _check_balanced(transaction: Transaction) -> None:
    if len(transaction.postings) < 2:
        raise InvariantViolation("every transaction has at least two postings", transaction.sequence)
    totals: Counter[str] = Counter()
    for posting in transaction.postings:
        totals[posting.account.currency] += posting.units
    if any(totals.values()):
        raise InvariantViolation("postings sum to zero per currency", transaction.sequence)


#: The accounts each kind of transaction that originates money moves it between: the account credited, then the
#: account debited (resolutions repeat their request's postings and reversals negate their original's, law 4 and 5).
_SHAPES: dict[TransactionKind, tuple[AccountKind, AccountKind]] = {
    TransactionKind.CASHBACK: (AccountKind.PREPAID, AccountKind.CASHBACK_EXPENSE),
    TransactionKind.TRANSFER_DEPOSIT: (AccountKind.PREPAID, AccountKind.TRANSFERS_RECEIVED),
    TransactionKind.TOP_UP: (AccountKind.PREPAID, AccountKind.TRANSFERS_RECEIVED),
    TransactionKind.ORDER_PAYMENT: (AccountKind.ORDER_SETTLEMENT, AccountKind.PREPAID),
    TransactionKind.PAYOUT_REQUEST: (AccountKind.PAYOUTS_IN_TRANSIT, AccountKind.PREPAID),
}


def _cashback_key_or_none(order: str) -> str | None:
    """The key of the cashback of ``order``, or ``None`` for an order id no writer could have given (a control
    character edited into the file): the audit's answer is then the broken law, not the writer's refusal."""
    try:
        return cashback_key(order)
    except InvalidInput:
        return None


def _check_shape(transaction: Transaction) -> None:
    """A kind's accounts (a payment relabelled as a top-up by hand still balances, but no longer says what it did), and
    a cashback's key."""
    shape = _SHAPES.get(transaction.kind)
    if shape is None:
        return
    if transaction.kind is TransactionKind.CASHBACK:
        order = transaction.meta("order")
        if order is None or transaction.key != _cashback_key_or_none(order):
            # "credited once per order" rests on the key: with another order in its row, that order could be
            # credited again, and this one's statement line would name an order it was not paid for
            raise InvariantViolation("a cashback is keyed by its order", (transaction.sequence, transaction.key, order))
    credited, debited = shape
    postings = transaction.postings
    if len(postings) != 2 or {(p.account.kind, p.units > 0) for p in postings} != {(credited, True), (debited, False)}:
        accounts = tuple(str(posting.account) for posting in postings)
        raise InvariantViolation(
            "each kind moves money between its own accounts", (transaction.sequence, transaction.kind.value, accounts)
        )


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
