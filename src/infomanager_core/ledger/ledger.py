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

import itertools
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

import attrs

from ..errors import InfomanagerError, InvalidInput
from ..money import Money
from .accounts import Account, AccountKind, prepaid, system
from .balances import ZERO, AccountBalance, Balances, account_balance, balance_changes, replay
from .batch import PendingBatch
from .errors import (
    AlreadyReversed,
    AmountOutOfRange,
    BackdatedTransaction,
    BatchRefused,
    FutureDatedTransaction,
    IdempotencyConflict,
    InsufficientFunds,
    NonPositiveAmount,
    NotAPayoutRequest,
    NotReversible,
    PayoutAlreadyResolved,
    UnknownAccount,
    UnknownTransaction,
)
from .memory_store import MemoryLedgerStore
from .operations import (
    CashbackCredit,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
)
from .payout_destinations import Iban, PaypalAddress
from .statement import Statement, statement_of
from .store import LedgerSession, LedgerStore
from .transaction import VOIDS, Posting, Transaction, TransactionKind, metadata, trusted_posting, trusted_transaction

__all__ = ["Ledger", "cashback_key"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def cashback_key(order_id: str) -> str:
    """The idempotency key of the cashback of an order or renewal: the order id itself, so it is credited once.

    >>> cashback_key("order-1")
    'cashback:order-1'
    """
    return f"cashback:{order_id}"


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field, value, "must be a non-empty string")
    return value


#: The largest amount one operation moves, in minor units: far beyond any bill, and small enough that no balance
#: of 64-bit minor units (SQLite's integers, PostgreSQL's BIGINT) can overflow before millions of such operations.
MAX_UNITS = 10**15


def _positive_units(amount: object, field: str = "amount") -> int:
    if not isinstance(amount, Money):
        raise InvalidInput(field, amount, "must be Money")
    units = amount.minor_units()
    if units <= 0:
        raise NonPositiveAmount(field, amount, "must be greater than zero")
    if units > MAX_UNITS:
        raise AmountOutOfRange(
            field, amount, f"exceeds the largest amount one operation moves ({MAX_UNITS} minor units)"
        )
    return units


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "must be True or False")
    return value


def _optional_text(value: object, field: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(field, value, "must be a string or None")
    return value


def _business_date(value: object, field: str = "effective") -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(field, value, "must be a date (a business day), not a datetime or a string")
    return value


_Build = Callable[[LedgerSession], "_Draft"]
#: What an operation will do once its unit of work is open: key, kind, effective date, fingerprint, and its draft
#: (or how to build the draft from what the session holds).
_Plan = tuple[str, TransactionKind, date, str, "_Draft | _Build"]


class _Draft(NamedTuple):
    """The entry an operation will append, before its sequence and time are known (a tuple: built on every write)."""

    postings: tuple[Posting, ...]
    #: the balance changes when known without the session (a transfer); otherwise computed by ``balance_changes``
    changes: dict[Account, AccountBalance] | None = None
    pending: bool = False
    reverses: int | None = None
    request: Transaction | None = None  # the payout request a resolution settles
    metadata: tuple[tuple[str, str], ...] = ()


@attrs.define
class Ledger:
    """Prepaid accounts over a journal ``store`` (in memory unless given); ``clock`` stamps ``recorded_at``."""

    store: LedgerStore = attrs.field(factory=MemoryLedgerStore)
    clock: Callable[[], datetime] = attrs.field(default=_utc_now)
    #: How many days after the clock's date an effective date may lie (time zones, a transfer value-dated tomorrow).
    max_days_ahead: int = attrs.field(default=1)

    @max_days_ahead.validator
    def _check_days_ahead(self, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput("max_days_ahead", value, "must be an int ≥ 0")

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
        return self._post(_cashback(partner, order_id, amount, effective))

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
        return self._post(_transfer_deposit(payer, order_id, amount, effective, key))

    def top_up(
        self, *, organisation: str, amount: Money, effective: date, key: str, reference: str | None = None
    ) -> Transaction:
        """Credit money the organisation sent to its own prepaid account; ``reference`` is the bank's, if any.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> ledger.balances("acme", "CHF").posted
        Money('100.00', 'CHF')
        """
        return self._post(_top_up(organisation, amount, effective, key, reference))

    def pay_order(
        self, *, organisation: str, order_id: str, amount: Money, effective: date, key: str, partial: bool = False
    ) -> Transaction:
        """Pay ``amount`` of an order or renewal from the organisation's prepaid balance.

        With ``partial=True`` the balance pays what it can (up to ``amount``) and the transaction says how much; the
        rest is for another means of payment. Otherwise the whole amount must be available.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("30", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> paid = ledger.pay_order(organisation="acme", order_id="A-3", amount=Money("80", "CHF"),
        ...                         effective=date(2026, 3, 3), key="pay-A-3", partial=True)
        >>> -paid.units_for(prepaid("acme", "CHF"))
        3000
        """
        return self._post(_order_payment(organisation, order_id, amount, effective, key, partial))

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
        return self._post(_payout_request(organisation, amount, destination, effective, key))

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
        return self._post(_resolution(TransactionKind.PAYOUT_COMPLETION, request, effective, key, None))

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
        return self._post(_resolution(TransactionKind.PAYOUT_FAILURE, request, effective, key, reason))

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
        return self._post(_resolution(TransactionKind.PAYOUT_CANCELLATION, request, effective, key, reason))

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
        return self._post(_reversal(sequence, effective, key, reason))

    def post_many(self, operations: Iterable[Operation]) -> tuple[Transaction, ...]:
        """Post ``operations`` (:class:`TopUp`, :class:`OrderPayment`…) in order, in one unit of work: all or none.

        Each operation follows exactly the rules of its single method — idempotency keys and fingerprints, no
        overdraft counting pending payouts, dates never backwards, sequences one after the other — and sees the
        operations before it in the batch. The result is what the single calls would have returned, one
        transaction per operation. If any operation is refused, nothing of the batch is written and
        :class:`BatchRefused` names its index (its ``error`` is the refusal the single call would raise). The store
        writes the batch at once (on SQLite: ``executemany`` and one balance update per account), which is what
        makes loads and high volumes fast.

        >>> ledger = Ledger()
        >>> day = date(2026, 3, 2)
        >>> posted = ledger.post_many([
        ...     TopUp(organisation="acme", amount=Money("100", "CHF"), effective=day, key="t-1"),
        ...     OrderPayment(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=day, key="p-1"),
        ... ])
        >>> [transaction.sequence for transaction in posted], ledger.balances("acme", "CHF").available
        ([1, 2], Money('70.00', 'CHF'))
        """
        operations = list(operations)
        posted: list[Transaction] = []
        with self.store.writing() as session:
            batch = PendingBatch(session, keys=[key for key in map(_key_of, operations) if key is not None])
            for index, operation in enumerate(operations):
                # Planned one at a time: holding every plan (closures, drafts) until the end would only feed the GC.
                try:
                    posted.append(self._apply(batch, _plan(operation)))
                except InfomanagerError as error:
                    raise BatchRefused(index, error) from error
            batch.flush()
        return tuple(posted)

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
        with self.store.reading() as reader:
            found = reader.balances()
        return tuple(
            Balances.of(account, balance)
            for account, balance in sorted(found.items(), key=lambda item: item[0].currency)
            if account.is_prepaid and account.owner == organisation
        )

    def account_balances(self, account: Account) -> Balances:
        """Posted, pending and available balance of any account; constant time.

        System accounts carry the other side of every movement, with the opposite sign:

        >>> ledger = Ledger()
        >>> _ = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("52.08", "CHF"),
        ...     effective=date(2026, 3, 2))
        >>> ledger.account_balances(system(AccountKind.CASHBACK_EXPENSE, "CHF")).posted
        Money('-52.08', 'CHF')
        """
        with self.store.reading() as reader:
            balance = reader.balance(account)
        if balance is None:
            raise UnknownAccount("account", str(account), "has never been credited")
        return Balances.of(account, balance)

    def balance_at(
        self, organisation: str, code: str, *, on: date | None = None, sequence: int | None = None
    ) -> Balances:
        """The prepaid account's balances at the end of business day ``on``, or just after transaction ``sequence``.

        Effective dates never go backwards along the sequence, so both describe a prefix of the journal.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 9), key="t-2")
        >>> ledger.balance_at("acme", "CHF", on=date(2026, 3, 5)).posted
        Money('10.00', 'CHF')
        """
        if (on is None) == (sequence is None):
            raise InvalidInput("on/sequence", (on, sequence), "exactly one of them must be given")
        if on is not None:
            _business_date(on, "on")
        if sequence is not None:
            _check_sequence_number(sequence, "sequence")
        account = _prepaid_account(organisation, code)
        with self.store.reading() as reader:
            if reader.balance(account) is None:
                raise UnknownAccount("account", str(account), "has never been credited")
            chosen = reader.transactions(account=account, upto=sequence)
            if on is not None:
                chosen = itertools.takewhile(lambda transaction: transaction.effective <= on, chosen)
            balances = replay(list(chosen))
        return Balances.of(account, balances.get(account, ZERO))

    def statement(
        self, organisation: str, code: str, *, start: date | None = None, end: date | None = None
    ) -> Statement:
        """The prepaid account's posted movements from ``start`` to ``end`` (inclusive) with running balances.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> [str(line.balance) for line in ledger.statement("acme", "CHF", start=date(2026, 3, 1)).lines]
        ['10.00 CHF']
        """
        for field, day in (("start", start), ("end", end)):
            if day is not None:
                _business_date(day, field)
        if start is not None and end is not None and start > end:
            raise InvalidInput("start/end", (start, end), "the period must not end before it starts")
        account = _prepaid_account(organisation, code)
        with self.store.reading() as reader:
            if reader.balance(account) is None:
                raise UnknownAccount("account", str(account), "has never been credited")
            return statement_of(account, list(reader.transactions(account=account)), start=start, end=end)

    def journal(self) -> tuple[Transaction, ...]:
        """Every transaction, in sequence order.

        >>> ledger = Ledger()
        >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        >>> [(transaction.sequence, transaction.kind.value) for transaction in ledger.journal()]
        [(1, 'top_up')]
        """
        with self.store.reading() as reader:
            return tuple(reader.transactions())

    # -- the one atomic step ------------------------------------------------------------------------------------

    def _post(self, plan: _Plan) -> Transaction:
        with self.store.writing() as session:
            return self._apply(session, plan)

    def _apply(self, session: LedgerSession, plan: _Plan) -> Transaction:
        """Carry out ``plan`` in the open unit of work ``session``: the original, a refusal, or one new entry."""
        key, kind, effective, fingerprint, draft = plan
        recorded = session.recorded(key)
        if recorded is not None:
            return _original(session, key, recorded, fingerprint)
        latest = self.clock().date() + timedelta(days=self.max_days_ahead)
        if effective > latest:
            raise FutureDatedTransaction(
                "effective",
                effective,
                f"is later than {latest.isoformat()} (today plus max_days_ahead={self.max_days_ahead})",
                hint="a future date would block every posting dated before it",
            )
        head = session.head()
        if head is not None and effective < head[1]:
            raise BackdatedTransaction(
                "effective", effective, f"is before the latest transaction's date {head[1].isoformat()}"
            )
        if not isinstance(draft, _Draft):
            draft = draft(session)
        recorded_at = self.clock()
        if recorded_at.tzinfo is None:
            raise InvalidInput("recorded_at", recorded_at, "must be timezone-aware")
        request = draft.request
        # Every part was validated or built by this module (postings balance by construction): trusted assembly.
        transaction = trusted_transaction(
            1 if head is None else head[0] + 1,
            key,
            kind,
            effective,
            recorded_at,
            draft.postings,
            draft.pending,
            draft.reverses,
            None if request is None else request.sequence,
            draft.metadata,
        )
        changes = draft.changes
        if changes is None:
            changes = balance_changes(transaction, request)
        _refuse_overdraft(session, changes)
        session.append(transaction, fingerprint, changes)
        return transaction


# -- plans: each operation's validation, fingerprint and draft, shared by the single and the bulk path ------------
#
# A fingerprint says canonically what an operation does: ``kind|name='value'|…`` with names sorted and each value
# quoted (``repr`` of the value as it is, money as ``(minor units, code)``), so no value can forge a separator and two
# contents never share a fingerprint (``None``, ``"None"``, ``5`` and ``"5"`` stay apart). The text is exactly what
# the generic formula of earlier versions stored; keys recorded by them still match.


def _cashback(partner: str, order_id: str, amount: Money, effective: date) -> _Plan:
    _text(partner, "partner")
    _text(order_id, "order_id")
    units = _positive_units(amount)
    code = amount.currency
    key = cashback_key(order_id)
    _business_date(effective)
    return (
        key,
        TransactionKind.CASHBACK,
        effective,
        f"cashback|amount={(units, code)!r}|order={order_id!r}|partner={partner!r}",
        _transfer(system(AccountKind.CASHBACK_EXPENSE, code), prepaid(partner, code), units, (("order", order_id),)),
    )


def _transfer_deposit(payer: str, order_id: str, amount: Money, effective: date, key: str) -> _Plan:
    _text(payer, "payer")
    _text(order_id, "order_id")
    units = _positive_units(amount)
    code = amount.currency
    _text(key, "key")
    _business_date(effective)
    return (
        key,
        TransactionKind.TRANSFER_DEPOSIT,
        effective,
        f"transfer_deposit|amount={(units, code)!r}|order={order_id!r}|payer={payer!r}",
        _transfer(system(AccountKind.TRANSFERS_RECEIVED, code), prepaid(payer, code), units, (("order", order_id),)),
    )


def _top_up(organisation: str, amount: Money, effective: date, key: str, reference: str | None) -> _Plan:
    _text(organisation, "organisation")
    _optional_text(reference, "reference")
    units = _positive_units(amount)
    code = amount.currency
    _text(key, "key")
    _business_date(effective)
    return (
        key,
        TransactionKind.TOP_UP,
        effective,
        f"top_up|amount={(units, code)!r}|organisation={organisation!r}|reference={reference!r}",
        _transfer(
            system(AccountKind.TRANSFERS_RECEIVED, code),
            prepaid(organisation, code),
            units,
            () if reference is None else (("reference", reference),),
        ),
    )


def _order_payment(organisation: str, order_id: str, amount: Money, effective: date, key: str, partial: bool) -> _Plan:
    _text(organisation, "organisation")
    _text(order_id, "order_id")
    _flag(partial, "partial")
    units = _positive_units(amount)
    code = amount.currency
    account = prepaid(organisation, code)
    settlement = system(AccountKind.ORDER_SETTLEMENT, code)
    _text(key, "key")
    _business_date(effective)

    def build(session: LedgerSession) -> _Draft:
        balance = _existing(session, account)
        paying = units
        if partial:
            paying = min(units, balance.available)
            if paying <= 0:
                raise InsufficientFunds(str(account), requested=units, available=balance.available)
        meta = (("order", order_id),) if paying == units else (("order", order_id), ("requested", str(units)))
        return _transfer(account, settlement, paying, meta)

    return (
        key,
        TransactionKind.ORDER_PAYMENT,
        effective,
        f"order_payment|amount={(units, code)!r}|order={order_id!r}|organisation={organisation!r}|partial={partial!r}",
        build,
    )


def _payout_request(
    organisation: str, amount: Money, destination: Iban | PaypalAddress, effective: date, key: str
) -> _Plan:
    _text(organisation, "organisation")
    if not isinstance(destination, Iban | PaypalAddress):
        raise InvalidInput("destination", destination, "must be an Iban or a PaypalAddress")
    units = _positive_units(amount)
    code = amount.currency
    account = prepaid(organisation, code)
    _text(key, "key")
    _business_date(effective)

    def build(session: LedgerSession) -> _Draft:
        _existing(session, account)
        return _Draft(
            postings=_postings(account, system(AccountKind.PAYOUTS_IN_TRANSIT, code), units),
            pending=True,
            metadata=(("destination", str(destination)),),
        )

    return (
        key,
        TransactionKind.PAYOUT_REQUEST,
        effective,
        f"payout_request|amount={(units, code)!r}|destination={str(destination)!r}|organisation={organisation!r}",
        build,
    )


def _resolution(kind: TransactionKind, request: int, effective: date, key: str, reason: str | None) -> _Plan:
    _check_sequence_number(request, "request")
    _optional_text(reason, "reason")
    _text(key, "key")
    _business_date(effective)

    def build(session: LedgerSession) -> _Draft:
        pending = session.transaction(request)
        if pending is None:
            raise UnknownTransaction("request", request, "names no transaction")
        if not pending.pending:
            raise NotAPayoutRequest("request", request, f"is a {pending.kind.value}, not a payout request")
        resolution = session.resolution_of(request)
        if resolution is not None:
            raise PayoutAlreadyResolved(request, resolution=resolution)
        return _Draft(postings=pending.postings, request=pending, metadata=metadata({"reason": reason}))

    return (
        key,
        kind,
        effective,
        f"{kind.value}|reason={reason!r}|request={request!r}",
        build,
    )


def _reversal(sequence: int, effective: date, key: str, reason: str | None) -> _Plan:
    _check_sequence_number(sequence, "sequence")
    _optional_text(reason, "reason")
    _text(key, "key")
    _business_date(effective)

    def build(session: LedgerSession) -> _Draft:
        original = session.transaction(sequence)
        if original is None:
            raise UnknownTransaction("sequence", sequence, "names no transaction")
        if original.pending or original.kind in VOIDS:
            raise NotReversible(sequence, kind=original.kind.value)
        reversal = session.reversal_of(sequence)
        if reversal is not None:
            raise AlreadyReversed(sequence, reversal=reversal)
        return _Draft(
            postings=tuple(trusted_posting(posting.account, -posting.units) for posting in original.postings),
            reverses=sequence,
            metadata=metadata({"reason": reason}),
        )

    return (
        key,
        TransactionKind.REVERSAL,
        effective,
        f"reversal|reason={reason!r}|sequence={sequence!r}",
        build,
    )


def _key_of(operation: object) -> str | None:
    """The idempotency key an operation request will use, if it has a usable one (to look keys up in one go)."""
    if isinstance(operation, CashbackCredit):
        return cashback_key(operation.order_id) if isinstance(operation.order_id, str) else None
    key = getattr(operation, "key", None)
    return key if isinstance(key, str) else None


#: Each request class's plan, looked up by exact type (one dict lookup instead of a ``match`` over nine classes).
_PLANS: dict[type, Callable[[Any], _Plan]] = {
    TopUp: lambda o: _top_up(o.organisation, o.amount, o.effective, o.key, o.reference),
    CashbackCredit: lambda o: _cashback(o.partner, o.order_id, o.amount, o.effective),
    TransferDeposit: lambda o: _transfer_deposit(o.payer, o.order_id, o.amount, o.effective, o.key),
    OrderPayment: lambda o: _order_payment(o.organisation, o.order_id, o.amount, o.effective, o.key, o.partial),
    PayoutRequest: lambda o: _payout_request(o.organisation, o.amount, o.destination, o.effective, o.key),
    PayoutCompletion: lambda o: _resolution(TransactionKind.PAYOUT_COMPLETION, o.request, o.effective, o.key, None),
    PayoutFailure: lambda o: _resolution(TransactionKind.PAYOUT_FAILURE, o.request, o.effective, o.key, o.reason),
    PayoutCancellation: lambda o: _resolution(
        TransactionKind.PAYOUT_CANCELLATION, o.request, o.effective, o.key, o.reason
    ),
    Reversal: lambda o: _reversal(o.sequence, o.effective, o.key, o.reason),
}


def _plan(operation: Operation) -> _Plan:
    """The plan of one operation request of a batch: the same function its single method calls."""
    plan = _PLANS.get(type(operation))
    if plan is not None:
        return plan(operation)
    match operation:  # a subclass of a request class, or not a request at all
        case TopUp(organisation=organisation, amount=amount, effective=effective, key=key, reference=reference):
            return _top_up(organisation, amount, effective, key, reference)
        case CashbackCredit(partner=partner, order_id=order_id, amount=amount, effective=effective):
            return _cashback(partner, order_id, amount, effective)
        case TransferDeposit(payer=payer, order_id=order_id, amount=amount, effective=effective, key=key):
            return _transfer_deposit(payer, order_id, amount, effective, key)
        case OrderPayment(organisation=organisation, order_id=order_id, amount=amount, effective=effective, key=key,
                          partial=partial):  # fmt: skip
            return _order_payment(organisation, order_id, amount, effective, key, partial)
        case PayoutRequest(organisation=organisation, amount=amount, destination=destination, effective=effective,
                           key=key):  # fmt: skip
            return _payout_request(organisation, amount, destination, effective, key)
        case PayoutCompletion(request=request, effective=effective, key=key):
            return _resolution(TransactionKind.PAYOUT_COMPLETION, request, effective, key, None)
        case PayoutFailure(request=request, effective=effective, key=key, reason=reason):
            return _resolution(TransactionKind.PAYOUT_FAILURE, request, effective, key, reason)
        case PayoutCancellation(request=request, effective=effective, key=key, reason=reason):
            return _resolution(TransactionKind.PAYOUT_CANCELLATION, request, effective, key, reason)
        case Reversal(sequence=sequence, effective=effective, key=key, reason=reason):
            return _reversal(sequence, effective, key, reason)
    raise InvalidInput("operation", operation, "must be an operation request (TopUp, OrderPayment, Reversal…)")


def _original(session: LedgerSession, key: str, recorded: tuple[str, int], fingerprint: str) -> Transaction:
    recorded_fingerprint, sequence = recorded
    if recorded_fingerprint != fingerprint:
        raise IdempotencyConflict(key, recorded=recorded_fingerprint, submitted=fingerprint, sequence=sequence)
    original = session.transaction(sequence)
    if original is None:  # pragma: no cover - a store that lost a keyed transaction is corrupt
        raise UnknownTransaction("sequence", sequence, "is recorded under a key but missing from the journal")
    return original


def _prepaid_account(organisation: object, code: object) -> Account:
    """The prepaid account of a query, its parts checked first (they key a cache, so must be plain strings)."""
    _text(organisation, "organisation")
    if not isinstance(code, str):
        raise InvalidInput("currency", code, "must be an ISO 4217 code given as a string")
    return prepaid(organisation, code)


def _postings(source: Account, target: Account, units: int) -> tuple[Posting, ...]:
    return (trusted_posting(target, units), trusted_posting(source, -units))


def _transfer(source: Account, target: Account, units: int, meta: tuple[tuple[str, str], ...]) -> _Draft:
    """``units`` (> 0) from ``source`` to ``target``, two distinct accounts: both postings and both changes."""
    return _Draft(
        postings=(trusted_posting(target, units), trusted_posting(source, -units)),
        changes={target: account_balance(units), source: account_balance(-units)},
        metadata=meta,
    )


def _existing(session: LedgerSession, account: Account) -> AccountBalance:
    balance = session.balance(account)
    if balance is None:
        raise UnknownAccount("account", str(account), "has never been credited")
    return balance


def _refuse_overdraft(session: LedgerSession, changes: dict[Account, AccountBalance]) -> None:
    for account, change in changes.items():
        if not account.is_prepaid or change.available >= 0:
            continue
        current = session.balance(account) or ZERO
        if current.available + change.available < 0:
            raise InsufficientFunds(str(account), requested=-change.available, available=current.available)


def _check_sequence_number(value: object, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(field, value, "must be a transaction sequence number (an int ≥ 1)")
