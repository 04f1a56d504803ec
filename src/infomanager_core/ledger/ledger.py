"""The ledger service: every operation that moves money on prepaid accounts, each one atomic and idempotent.

Each operation takes plain values (an organisation id, an order id, a :class:`~infomanager_core.money.Money`
amount, a business date) and an **idempotency key** chosen by the caller. It validates its input, then, in one
exclusive unit of work of the store: returns the original transaction if the key was already used with the same
content (and raises :class:`IdempotencyConflict` if it was used with other content), checks that no prepaid
account's available balance would go below zero, and appends exactly one balanced transaction. A refused operation
leaves the ledger as it was.

>>> from datetime import date
>>> ledger = Ledger()
>>> _ = ledger.credit_cashback(partner="acme", order_id="order-1", amount=Money("52.08", "CHF"), effective=date(2026, 3, 2))
>>> ledger.balances("acme", "CHF").available
Money('52.08', 'CHF')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs

from ..errors import InfomanagerError, InvalidInput
from ..money import Money
from ..text import printable_identifier
from . import plans
from .accounts import Account, prepaid
from .balances import ZERO, AccountBalance, Balances, account_balance, replay
from .batch import Batch
from .digest import JournalDigest, journal_digest, verify_digest
from .entries import PostedBatch, transaction_of
from .errors import BatchRefused, UnknownTransaction
from .memory_store import MemoryLedgerStore
from .operations import Operation
from .payout_destinations import Iban, PaypalAddress
from .periods import sequences_between, transactions_between
from .plans import (
    KEY,
    MAX_UNITS,
    PARTS,
    Plan,
    business_date,
    business_period,
    cashback_key,
    plan_of,
    sequence_number,
)
from .statement import Statement, posted_units, statement_of
from .store import LedgerReader, LedgerSession, LedgerStore, ledger_store, never_credited, prepaid_balances_of
from .transaction import Transaction, TransactionKind

__all__ = ["MAX_UNITS", "Ledger", "cashback_key"]


#: The furthest ahead an effective date may ever be allowed: a year and a day (a value date, not a forecast).
MAX_DAYS_AHEAD = 366


def _utc_now() -> datetime:
    return datetime.now(UTC)


@attrs.define
class Ledger:
    """Prepaid accounts over a journal ``store`` (in memory unless given); ``clock`` stamps ``recorded_at``.

    >>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> ledger.balances("acme", "CHF").available
    Money('100.00', 'CHF')
    """

    store: LedgerStore = attrs.field(factory=MemoryLedgerStore)
    clock: Callable[[], datetime] = attrs.field(default=_utc_now)
    #: How many days after the clock's date an effective date may lie (time zones, a transfer value-dated tomorrow).
    max_days_ahead: int = attrs.field(default=1)

    @store.validator
    def _check_store(self, _attribute: object, value: object) -> None:
        ledger_store(value)

    @clock.validator
    def _check_clock(self, _attribute: object, value: object) -> None:
        if not callable(value):
            raise InvalidInput("clock", value, "must be a function that returns the current timezone-aware datetime")

    @max_days_ahead.validator
    def _check_days_ahead(self, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS_AHEAD:
            raise InvalidInput("max_days_ahead", value, f"must be an int from 0 to {MAX_DAYS_AHEAD} (days)")

    # -- operations ---------------------------------------------------------------------------------------------

    def credit_cashback(self, *, partner: str, order_id: str, amount: Money, effective: date) -> Transaction:
        """Credit ``amount`` of cashback on ``order_id`` (an order or a renewal) to the partner's prepaid account.

        The order id is the idempotency key (:func:`cashback_key`): however often an order's cashback is submitted,
        it is credited once.

        >>> ledger = Ledger()
        >>> first = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("5", "CHF"), effective=date(2026, 3, 2))
        >>> again = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("5", "CHF"), effective=date(2026, 3, 2))
        >>> again == first, ledger.balances("acme", "CHF").posted
        (True, Money('5.00', 'CHF'))
        """
        return self._post(plans.cashback(partner, order_id, amount, effective))

    def deposit_cancelled_transfer(
        self, *, payer: str, order_id: str, amount: Money, effective: date, key: str
    ) -> Transaction:
        """Deposit a bank transfer that arrived for ``order_id``, cancelled while the transfer was under way.

        The money goes to the payer's prepaid account on the day it arrives (``effective``).

        >>> ledger = Ledger()
        >>> deposit = ledger.deposit_cancelled_transfer(
        ...     payer="client-9", order_id="A-2", amount=Money("120", "EUR"), effective=date(2026, 3, 4), key="bank-7781")
        >>> deposit.kind.value, ledger.balances("client-9", "EUR").available
        ('transfer_deposit', Money('120.00', 'EUR'))
        """
        return self._post(plans.transfer_deposit(payer, order_id, amount, effective, key))

    def top_up(
        self, *, organisation: str, amount: Money, effective: date, key: str, reference: str | None = None
    ) -> Transaction:
        """Credit money the organisation sent to its own prepaid account; ``reference`` is the bank's, if any.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> ledger.balances("acme", "CHF").posted
        Money('100.00', 'CHF')
        """
        return self._post(plans.top_up(organisation, amount, effective, key, reference))

    def pay_order(
        self, *, organisation: str, order_id: str, amount: Money, effective: date, key: str, partial: bool = False
    ) -> Transaction:
        """Pay ``amount`` of an order or renewal from the organisation's prepaid balance.

        With ``partial=True`` the balance pays what it can (up to ``amount``) and the transaction says how much; the
        rest is for another means of payment. Otherwise the whole amount must be available. An organisation's order is
        paid from prepaid at most once while that payment stands: another key for ``order_id`` meanwhile is refused
        with :class:`OrderAlreadyPaid`, naming the standing payment (reverse it to pay the order again).

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("30", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> paid = ledger.pay_order(organisation="acme", order_id="A-3", amount=Money("80", "CHF"),
        ...                         effective=date(2026, 3, 3), key="pay-A-3", partial=True)
        >>> -paid.units_for(prepaid("acme", "CHF"))
        3000
        """
        return self._post(plans.order_payment(organisation, order_id, amount, effective, key, partial))

    def request_payout(
        self, *, organisation: str, amount: Money, destination: Iban | PaypalAddress, effective: date, key: str
    ) -> Transaction:
        """Reserve ``amount`` of the prepaid balance to pay it out to ``destination``; the request is pending.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> request = ledger.request_payout(organisation="acme", amount=Money("60", "CHF"),
        ...     destination=PaypalAddress("billing@acme.ch"), effective=date(2026, 3, 5), key="payout-1")
        >>> balances = ledger.balances("acme", "CHF")
        >>> balances.posted, balances.pending, balances.available
        (Money('100.00', 'CHF'), Money('60.00', 'CHF'), Money('40.00', 'CHF'))
        """
        return self._post(plans.payout_request(organisation, amount, destination, effective, key))

    def complete_payout(self, *, request: int, effective: date, key: str) -> Transaction:
        """Post a payout request: the money has left for its destination.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> request = ledger.request_payout(organisation="acme", amount=Money("60", "CHF"),
        ...     destination=PaypalAddress("billing@acme.ch"), effective=date(2026, 3, 5), key="payout-1")
        >>> _ = ledger.complete_payout(request=request.sequence, effective=date(2026, 3, 6), key="payout-1-done")
        >>> ledger.balances("acme", "CHF").posted
        Money('40.00', 'CHF')
        """
        return self._post(plans.completion(request, effective, key))

    def fail_payout(self, *, request: int, effective: date, key: str, reason: str | None = None) -> Transaction:
        """Void a payout request the bank or PayPal refused; the reserved amount is available again.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> request = ledger.request_payout(organisation="acme", amount=Money("60", "CHF"),
        ...     destination=PaypalAddress("billing@acme.ch"), effective=date(2026, 3, 5), key="payout-1")
        >>> _ = ledger.fail_payout(request=request.sequence, effective=date(2026, 3, 6), key="payout-1-failed",
        ...     reason="PayPal account closed")
        >>> ledger.balances("acme", "CHF").available
        Money('100.00', 'CHF')
        """
        return self._post(plans.failure(request, effective, key, reason))

    def cancel_payout(self, *, request: int, effective: date, key: str, reason: str | None = None) -> Transaction:
        """Void a payout request before it is sent; the reserved amount is available again.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> request = ledger.request_payout(organisation="acme", amount=Money("60", "CHF"),
        ...     destination=Iban("CH93 0076 2011 6238 5295 7"), effective=date(2026, 3, 5), key="payout-1")
        >>> cancelled = ledger.cancel_payout(request=request.sequence, effective=date(2026, 3, 5), key="payout-1-x")
        >>> cancelled.resolves == request.sequence, ledger.balances("acme", "CHF").pending
        (True, Money('0.00', 'CHF'))
        """
        return self._post(plans.cancellation(request, effective, key, reason))

    def reverse(self, *, sequence: int, effective: date, key: str, reason: str | None = None) -> Transaction:
        """Undo transaction ``sequence`` with a new transaction of opposite postings that references it.

        Nothing is edited or deleted. A transaction is reversed at most once (a reversal may itself be reversed,
        once). A reversal that would overdraw a prepaid account is refused like any other debit.

        >>> ledger = Ledger()
        >>> top_up = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> _ = ledger.reverse(sequence=top_up.sequence, effective=date(2026, 3, 3), key="undo-t-1", reason="sent twice")
        >>> ledger.balances("acme", "CHF").posted
        Money('0.00', 'CHF')
        """
        return self._post(plans.reversal(sequence, effective, key, reason))

    def post_many(self, operations: Iterable[Operation]) -> PostedBatch:
        """Post ``operations`` (:class:`TopUp`, :class:`OrderPayment`…) in order, in one unit of work: all or none.

        Each operation follows exactly the rules of its single method — idempotency keys and fingerprints, no
        overdraft counting pending payouts, dates never backwards, sequences one after the other — and sees the
        operations before it in the batch. The result is what the single calls would have returned, one
        transaction per operation. If any operation is refused, nothing of the batch is written and
        :class:`BatchRefused` names its index (its ``error`` is the refusal the single call would raise). The store
        writes the batch at once (on SQLite: ``executemany`` and one balance update per account), which is what
        makes loads and high volumes fast.

        >>> from infomanager_core.ledger import OrderPayment, TopUp
        >>> ledger = Ledger()
        >>> day = date(2026, 3, 2)
        >>> posted = ledger.post_many([
        ...     TopUp(organisation="acme", amount=Money("100", "CHF"), effective=day, key="t-1"),
        ...     OrderPayment(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=day, key="p-1"),
        ... ])
        >>> [transaction.sequence for transaction in posted], ledger.balances("acme", "CHF").available
        ([1, 2], Money('70.00', 'CHF'))
        """
        rule = "must be an iterable of operation requests"
        if isinstance(operations, str | bytes | Mapping):  # one value, not requests: never taken apart
            raise InvalidInput("operations", operations, rule, hint="a list of TopUp, OrderPayment… in order")
        try:
            requests = iter(operations)  # read once, as each is planned: no copy of the batch first
        except TypeError:
            raise InvalidInput("operations", operations, rule) from None
        # Every request is checked before the unit of work opens (the store's lock is held only to apply them); the
        # first bad one is refused in its turn, after the ones before it, as if each were checked as it came.
        # The plans are held flat, their parts one after the other, read back PARTS at a time: the garbage collector
        # stops tracking a tuple of plain values only once the tuples it holds are untracked, and a collection looks
        # at a tuple held by a list before the tuples that tuple holds — a plan, its metadata, the metadata's pair
        # each took one more collection, and every plan was promoted to the oldest generation, where full
        # collections walk it. Held by the list itself, the metadata and the fingerprint are let go at their first
        # or second collection, and a plan's tuple is freed as soon as it is made.
        parts: list[Any] = []
        bad: tuple[int, Exception] | None = None
        try:
            for plan in map(plan_of, requests):
                parts += plan  # a tuple's items copied in C (itertools.chain costs two calls an item)
        except Exception as error:  # the plans made before are kept: their count is the bad request's index
            bad = (len(parts) // PARTS, error)
        with self.store.writing() as session:
            batch = self._batch(session, parts[KEY::PARTS])
            try:
                batch.post(zip(*[iter(parts)] * PARTS, strict=True))
            except InfomanagerError as error:
                raise BatchRefused(len(batch.posted), error) from error
            if bad is not None:
                position, refusal = bad
                if isinstance(refusal, InfomanagerError):
                    raise BatchRefused(position, refusal) from refusal
                raise refusal
            batch.flush()
        return PostedBatch(batch.posted)

    # -- queries ------------------------------------------------------------------------------------------------

    def balances(self, organisation: str, code: str) -> Balances:
        """Posted, pending and available balance of the organisation's prepaid account in ``code``; constant time.

        >>> ledger = Ledger()
        >>> _ = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("52.08", "CHF"),
        ...     effective=date(2026, 3, 2))
        >>> balances = ledger.balances("acme", "CHF")
        >>> balances.posted, balances.pending, balances.available
        (Money('52.08', 'CHF'), Money('0.00', 'CHF'), Money('52.08', 'CHF'))
        """
        return self.account_balances(_prepaid_account(organisation, code))

    def prepaid_balances(self, organisation: str) -> tuple[Balances, ...]:
        """The balances of every prepaid account of ``organisation``, by currency code; empty if it has none.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "EUR"), effective=date(2026, 3, 2), key="t-1")
        >>> [balances.available for balances in ledger.prepaid_balances("acme")]
        [Money('5.00', 'EUR')]
        """
        printable_identifier(organisation, field="organisation")
        with self.store.reading() as reader:
            found = prepaid_balances_of(reader, organisation)
        return tuple(
            Balances.of(account, balance)
            for account, balance in sorted(found.items(), key=lambda item: item[0].currency)
        )

    def account_balances(self, account: Account) -> Balances:
        """Posted, pending and available balance of any account; constant time.

        System accounts carry the other side of every movement, with the opposite sign:

        >>> from infomanager_core.ledger import AccountKind, system
        >>> ledger = Ledger()
        >>> _ = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("52.08", "CHF"),
        ...     effective=date(2026, 3, 2))
        >>> ledger.account_balances(system(AccountKind.CASHBACK_EXPENSE, "CHF")).posted
        Money('-52.08', 'CHF')
        """
        if not isinstance(account, Account):
            raise InvalidInput("account", account, "must be an Account (e.g. prepaid('acme', 'CHF'), not its text)")
        with self.store.reading() as reader:
            balance = reader.balance(account)
            if balance is None:
                raise never_credited(reader, account)
        return Balances.of(account, balance)

    def balance_at(
        self, organisation: str, code: str, *, on: date | None = None, sequence: int | None = None
    ) -> Balances:
        """The prepaid account's balances at the end of business day ``on``, or just after transaction ``sequence``.

        Effective dates never go backwards along the sequence, so both describe a prefix of the journal. A sequence
        the journal has not reached names no transaction and is refused (:class:`UnknownTransaction`), not answered
        with the balance now. A day is found by binary search; then the account's history up to the moment is
        replayed, or what came after it undone from the current balance, whichever is shorter.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 9), key="t-2")
        >>> ledger.balance_at("acme", "CHF", on=date(2026, 3, 5)).posted
        Money('10.00', 'CHF')
        """
        if (on is None) == (sequence is None):
            raise InvalidInput("on/sequence", (on, sequence), "exactly one of them must be given")
        if on is not None:
            business_date(on, "on")
        if sequence is not None:
            sequence_number(sequence, "sequence")
        account = _prepaid_account(organisation, code)
        with self.store.reading() as reader:
            current = reader.balance(account)
            head = reader.head()
            if current is None or head is None:
                raise never_credited(reader, account)
            if sequence is not None and sequence > head[0]:  # not "the balance now": the caller named no transaction
                raise UnknownTransaction("sequence", sequence, f"names no transaction (the journal ends at #{head[0]})")
            upto = sequence if sequence is not None else sequences_between(reader, end=on).stop - 1
            balance = _balance_upto(reader, account, current, head[0], upto)
        return Balances.of(account, balance)

    def pending_payouts(self, organisation: str, code: str, *, on: date | None = None) -> tuple[Transaction, ...]:
        """The payout requests of the prepaid account still pending at the end of business day ``on`` (by default,
        now), in sequence order: what a payout job completes, and what makes up the pending balance.

        Only the account's own transactions are read (an account index on a file). Asked for now, they are read back
        from the newest, in windows that double, until the requests found still open reserve all the account's pending
        debits: the cost is the history since the oldest open request, and none at all when nothing is reserved. Asked
        for a day nearer the journal's end than its start, what came after the day is read to know what was reserved
        then (as :meth:`balance_at` does), then the same reading back from the day's last transaction: the history
        since the oldest request open that day. For a day nearer the start, the history up to that day is read once.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> first = ledger.request_payout(organisation="acme", amount=Money("30", "CHF"),
        ...     destination=PaypalAddress("billing@acme.ch"), effective=date(2026, 3, 3), key="p-1")
        >>> second = ledger.request_payout(organisation="acme", amount=Money("20", "CHF"),
        ...     destination=PaypalAddress("billing@acme.ch"), effective=date(2026, 3, 4), key="p-2")
        >>> _ = ledger.complete_payout(request=first.sequence, effective=date(2026, 3, 5), key="p-1-sent")
        >>> [request.key for request in ledger.pending_payouts("acme", "CHF")]
        ['p-2']
        >>> [request.key for request in ledger.pending_payouts("acme", "CHF", on=date(2026, 3, 4))]
        ['p-1', 'p-2']
        """
        if on is not None:
            business_date(on, "on")
        account = _prepaid_account(organisation, code)
        with self.store.reading() as reader:
            balance = reader.balance(account)
            if balance is None:
                raise never_credited(reader, account)
            if on is None:
                return _open_requests(reader, account, balance.pending_debits)
            upto = sequences_between(reader, end=on).stop - 1
            head = reader.head()
            last = 0 if head is None else head[0]
            if 2 * upto >= last:  # nearer the end: what that day reserved, then read back from its last transaction
                reserved = _balance_upto(reader, account, balance, last, upto).pending_debits
                return _open_requests(reader, account, reserved, upto=upto)
            # nearer the start: the history up to that day, read once, gives its balance and its open requests alike
            pending: dict[int, Transaction] = {}
            for transaction in reader.transactions(account=account, upto=upto):
                if transaction.kind is TransactionKind.PAYOUT_REQUEST:
                    pending[transaction.sequence] = transaction
                elif transaction.resolves is not None:  # a completion, failure or cancellation ends the request
                    pending.pop(transaction.resolves, None)
        return tuple(pending.values())

    def statement(
        self, organisation: str, code: str, *, start: date | None = None, end: date | None = None
    ) -> Statement:
        """The prepaid account's posted movements from ``start`` to ``end`` (inclusive) with running balances.

        The period is found by binary search; the account's transactions are then read either up to the period's end
        or from its start to the newest (the opening balance being the current one less what was posted since),
        whichever is the shorter run of sequences (the second held whole, so only when shorter by more than an eighth):
        the cost is the period and the shorter way to its opening balance, never the history on both sides of it.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> [str(line.balance) for line in ledger.statement("acme", "CHF", start=date(2026, 3, 1)).lines]
        ['10.00 CHF']
        """
        business_period(start, end)
        account = _prepaid_account(organisation, code)
        with self.store.reading() as reader:
            current = reader.balance(account)
            if current is None:
                raise never_credited(reader, account)
            period = sequences_between(reader, start=start, end=end)
            first, last = period.start, period.stop - 1
            head = reader.head()
            # Read up to the period's end, streamed, unless reading from its start to the newest transaction is
            # shorter by more than an eighth: that run is held whole (its sum comes before the first line), which
            # costs about an eighth more a transaction (measured on the 60,000 transactions of bench_ledger_reads).
            if head is None or 8 * (head[0] - first + 1) >= 7 * last:
                return statement_of(account, reader.transactions(account=account, upto=last), start=start, end=end)
            # From the period on (last month, the usual question; a period left open at its end, unless it starts
            # near the beginning): the opening balance is the current one less what was posted since.
            since, requests = _transactions_since(reader, account, first)
            return statement_of(
                account,
                since,
                start=start,
                end=end,
                opening_units=current.posted - sum(posted_units(t, account) for t in since),
                requests=requests,
            )

    def journal(self, *, start: date | None = None, end: date | None = None) -> tuple[Transaction, ...]:
        """Every transaction, in sequence order; only those effective from ``start`` to ``end`` (inclusive) if given.

        A period is found by binary search (:func:`~infomanager_core.ledger.transactions_between`): what comes before
        it is not read.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 9), key="t-2")
        >>> [(transaction.sequence, transaction.kind.value) for transaction in ledger.journal()]
        [(1, 'top_up'), (2, 'top_up')]
        >>> [transaction.key for transaction in ledger.journal(start=date(2026, 3, 3))]
        ['t-2']
        """
        with self.store.reading() as reader:
            return tuple(transactions_between(reader, start=start, end=end))

    def journal_digest(self, *, through: int | None = None) -> JournalDigest:
        """The digest of the journal up to sequence ``through`` (by default the head; 0: the empty journal), for an
        auditor to keep outside the file at a period's close and check with :meth:`verify_digest` later.

        It covers every field of every transaction up to ``through``, in an encoding the library fixes and names
        (scheme ``im-sha256-1``, :mod:`~infomanager_core.ledger.digest`), chained so that what comes after
        ``through`` does not change it. The journal is read once, as a stream. A sequence the journal has not reached
        is refused (:class:`UnknownTransaction`).

        >>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> kept = ledger.journal_digest()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 2), key="t-2")
        >>> ledger.journal_digest(through=1) == kept, str(kept)[:14]
        (True, '1:im-sha256-1:')
        """
        with self.store.reading() as reader:
            return journal_digest(reader, through)

    def verify_digest(self, kept: JournalDigest | str) -> None:
        """Return if the journal up to ``kept``'s sequence still has ``kept``'s digest (a :class:`JournalDigest` or its
        text); raise :class:`DigestMismatch`, naming the sequence and both digests, if anything up to it changed.

        A kept digest of a sequence past the head (the file cut short, or another ledger's) is refused as
        :class:`UnknownTransaction`; a text that is no digest, or of a scheme this library does not know, as
        :class:`~infomanager_core.errors.InvalidInput`.

        >>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> ledger.verify_digest(str(ledger.journal_digest())) is None
        True
        """
        with self.store.reading() as reader:
            verify_digest(reader, kept)

    # -- the one atomic step ------------------------------------------------------------------------------------

    def _post(self, plan: Plan) -> Transaction:
        """Post one operation's plan alone: what each operation's method does."""
        with self.store.writing() as session:
            batch = self._batch(session, (plan[KEY],))
            batch.post((plan,))
            batch.flush()
        return transaction_of(batch.posted[0])

    def _batch(self, session: LedgerSession, keys: Iterable[str]) -> Batch:
        """A unit of work over ``session``, stamped with one reading of the clock."""
        now = self.clock()  # a naive reading is refused by the batch's first new entry, not by an empty batch
        if not isinstance(now, datetime):  # a clock wired by mistake (a date, a timestamp): the caller's error
            raise InvalidInput("clock", now, "must return a timezone-aware datetime (the moment of the posting)")
        # the calendar ends: a reading within max_days_ahead of its last day accepts any date up to it
        latest = now.date() + timedelta(days=min(self.max_days_ahead, (date.max - now.date()).days))
        return Batch(session, now=now, latest=latest, days_ahead=self.max_days_ahead, keys=keys)


def _open_requests(
    reader: LedgerReader, account: Account, reserved: int, *, upto: int | None = None
) -> tuple[Transaction, ...]:
    """The account's payout requests open just after sequence ``upto`` (by default, now), which reserve ``reserved``
    minor units in all then, in sequence order.

    Read back from ``upto`` (by default the newest transaction), 64 sequences first and twice as many each time after,
    stopping once the requests found reserve ``reserved``: a request resolves later than it was made, so every
    resolution up to ``upto`` of a request read is read before it (one after ``upto`` is not read: the request was
    open then). A payout job asking every few minutes pays for the history since the oldest open request, not the
    account's whole history (every pending request reserves something: with nothing reserved, nothing is read).
    """
    if upto is None:
        head = reader.head()
        upto = 0 if head is None else head[0]
    newest = upto if reserved else 0
    newest_first: list[Transaction] = []
    resolved: set[int] = set()
    found, width = 0, 64
    while found < reserved and newest >= 1:
        oldest = max(newest - width + 1, 1)
        for transaction in reversed(list(reader.transactions(account=account, since=oldest, upto=newest))):
            if transaction.resolves is not None:  # a completion, failure or cancellation ends the request
                resolved.add(transaction.resolves)
            elif transaction.kind is TransactionKind.PAYOUT_REQUEST and transaction.sequence not in resolved:
                newest_first.append(transaction)
                found -= transaction.units_for(account)
        newest, width = oldest - 1, 2 * width
    return tuple(reversed(newest_first))


def _balance_upto(
    reader: LedgerReader, account: Account, current: AccountBalance, head: int, upto: int
) -> AccountBalance:
    """The account's balance just after sequence ``upto``, its ``current`` one being after ``head``: the history up to
    ``upto`` replayed, or what came after it undone from ``current``, whichever is shorter."""
    if upto >= head:
        return current
    if 2 * upto < head:  # nearer the start: replay what came before
        return replay(reader.transactions(account=account, upto=upto)).get(account, ZERO)
    # nearer the end (a recent day, the usual question): undo what came after from the current balance
    after, requests = _transactions_since(reader, account, upto + 1)
    undone = replay(after, requests=requests).get(account, ZERO)
    return account_balance(
        current.posted - undone.posted,
        current.pending_debits - undone.pending_debits,
        current.pending_credits - undone.pending_credits,
    )


def _transactions_since(
    reader: LedgerReader, account: Account, first: int
) -> tuple[list[Transaction], dict[int, Transaction]]:
    """The account's transactions from sequence ``first`` on, and the earlier payout requests some of them resolve
    (read back: a completion's effect and its destination are its request's)."""
    since = list(reader.transactions(account=account, since=first))
    earlier = {t.resolves for t in since if t.resolves is not None and t.resolves < first}
    requests = {request: reader.transaction(request) for request in earlier}
    return since, {sequence: request for sequence, request in requests.items() if request is not None}


def _prepaid_account(organisation: object, code: object) -> Account:
    """The prepaid account of a query, its parts checked first (they key a cache, so must be plain strings)."""
    printable_identifier(organisation, field="organisation")
    if not isinstance(code, str):
        raise InvalidInput("currency", code, "must be an ISO 4217 code given as a string")
    return prepaid(organisation, code)
