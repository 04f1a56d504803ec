"""Random sequences of every ledger operation, retries and reused keys included, against a plain reference model.

The model is dicts of ints. After every step the ledger must agree with it on every prepaid balance (posted, pending,
available), on each organisation's prepaid accounts read together, and on each order's standing payment from prepaid
(at most one, whatever the keys), keep every transaction it held after the step before exactly as it was (nothing
edited or deleted), and pass :func:`check_invariants`. The same machine runs over the memory store, the
SQLite store and the tests' journal store.

Some steps run a few operations inside ``store.batch()``: a batch abandoned halfway by the caller's own error must leave
the store exactly as before (the model is put back as it was at the batch's start), every key, resolution, reversal and
order it took free again; a batch that commits keeps every operation that succeeded inside it, whatever refusal, failed
unit of work or abandoned batch came between them.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import tempfile
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RULE_MARKER,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from infomanager_core import Money
from infomanager_core.ledger import (
    AccountKind,
    AlreadyReversed,
    AmountOutOfRange,
    BackdatedTransaction,
    Balances,
    BatchRefused,
    Iban,
    IdempotencyConflict,
    InsufficientFunds,
    Ledger,
    NotAPayoutRequest,
    NotReversible,
    OrderAlreadyPaid,
    PayoutAlreadyResolved,
    PaypalAddress,
    TopUp,
    Transaction,
    UnknownAccount,
    check_invariants,
    prepaid,
    replay,
    statement_of,
    system,
)
from infomanager_core.ledger.balances import ZERO
from infomanager_core.ledger.ledger import MAX_UNITS
from infomanager_core.ledger.plans import cashback_key
from infomanager_core.money import currency
from infomanager_core.money.rounding import MAX_AMOUNT

from .support import new_ledger, standing_payments

ORGANISATIONS = ("acme", "globex")
CURRENCIES = ("CHF", "EUR", "JPY", "BHD")  # two, zero and three minor digits
KEYS = tuple(f"key-{n}" for n in range(40))
ORDERS = tuple(f"order-{n}" for n in range(20))
DESTINATIONS = (Iban("CH9300762011623852957"), PaypalAddress("billing@acme.ch"))
#: Small amounts (so balances run out and refusals happen), and now and then a huge one: 4 × 10^13 minor units is within
#: both the ledger's cap (MAX_UNITS) and Money's bound in every currency drawn here, JPY's zero minor digits included;
#: three of them in yen are beyond that bound (10^14 yen), where a posting is refused (``AmountOutOfRange``): a balance
#: beyond it could not be reported.
HUGE = 4 * 10**13
assert HUGE <= MAX_UNITS
assert 2 * HUGE < MAX_AMOUNT <= 3 * HUGE
amounts = st.one_of(st.integers(min_value=1, max_value=4000), st.just(HUGE))
#: What a_rarely_reversed_transaction_is_reversed picks from (the operations that recorded them, see Model.kinds).
RARELY_REVERSED = frozenset({"complete", "reverse", "payout", "fail", "cancel"})
#: The rules a batch runs inside it, each drawn with its own arguments when its preconditions hold: every rule that
#: records, refuses or retries through the ledger.
IN_A_BATCH = (
    "a_backdated_operation_is_refused", "credit_cashback", "deposit_cancelled_transfer", "top_up", "pay_order",
    "request_payout", "top_up_in_bulk", "resolve_payout", "a_funded_account_requests_a_payout",
    "a_pending_payout_is_resolved", "reverse", "a_rarely_reversed_transaction_is_reversed", "retry_a_successful_call",
)  # fmt: skip
#: Inside a committed batch, after its first operations: a unit of work of the caller's that fails, a batch inside it
#: abandoned or committed, or nothing.
INSIDE_A_COMMITTED_BATCH = ("a failed unit of work", "an abandoned batch", "a committed batch", "nothing")


class GaveUp(Exception):
    """The caller's own error, ending a batch or a unit of work it opened."""


@attrs.define
class Model:
    """What the ledger should hold, as plain ints: prepaid posted and pending per (organisation, currency)."""

    posted: dict[tuple[str, str], int] = attrs.field(factory=dict)
    pending: dict[tuple[str, str], int] = attrs.field(factory=dict)
    keys: dict[str, tuple[Any, ...]] = attrs.field(factory=dict)
    results: dict[str, Transaction] = attrs.field(factory=dict)
    #: sequence -> (account, posted change on it) for posted transactions that may be reversed
    effects: dict[int, tuple[tuple[str, str], int]] = attrs.field(factory=dict)
    #: sequence -> (account, units) of payout requests
    requests: dict[int, tuple[tuple[str, str], int]] = attrs.field(factory=dict)
    resolved: set[int] = attrs.field(factory=set)
    reversed: set[int] = attrs.field(factory=set)
    unreversible: set[int] = attrs.field(factory=set)
    #: (organisation, order) -> the sequence of its payment from prepaid that stands
    paid: dict[tuple[str, str], int] = attrs.field(factory=dict)
    #: sequence -> (organisation, order) and whether it pays it (a payment, a reversal's reversal) or ends a payment
    order_effects: dict[int, tuple[tuple[str, str], bool]] = attrs.field(factory=dict)
    #: sequence -> the operation that recorded it (``top_up``, ``pay``, ``complete``, ``reverse``...), for events
    kinds: dict[int, str] = attrs.field(factory=dict)
    #: (kind, code) -> the posted balance of the programme's own account, which sums every organisation's postings
    programme: dict[tuple[AccountKind, str], int] = attrs.field(factory=dict)
    #: sequence -> the programme's account on the other side of ``effects[sequence]``
    counters: dict[int, AccountKind] = attrs.field(factory=dict)
    #: code -> what pending payout requests hold in transit (``payouts_in_transit``'s pending credits)
    in_transit: dict[str, int] = attrs.field(factory=dict)
    sequence: int = 0

    def available(self, account: tuple[str, str]) -> int:
        return self.posted.get(account, 0) - self.pending.get(account, 0)

    def programme_after(self, kind: AccountKind, code: str, units: int) -> int:
        return self.programme.get((kind, code), 0) + units

    @staticmethod
    def beyond(code: str, *balances: int) -> bool:
        """Whether a balance of ``balances`` (minor units of ``code``) is beyond what Money holds: such a posting is
        refused, as the ledger could not report that balance."""
        bound = MAX_AMOUNT * 10 ** currency(code).minor_digits
        return not all(-bound < units < bound for units in balances)

    def copy(self) -> Model:
        """A model of its own: every container copied (what they hold — ints, tuples, transactions — never changes)."""
        return attrs.evolve(
            self, **{name: getattr(self, name).copy() for name in attrs.fields_dict(Model) if name != "sequence"}
        )


class LedgerMachine(RuleBasedStateMachine):
    store_kind = "memory"

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="ledger-machine-"))
        self.ledger: Ledger = new_ledger(self.store_kind, self.directory)
        self.model = Model()
        self.today = date(2026, 3, 2)
        self.latest: date | None = None  # the effective date of the last recorded transaction
        self.spellings = itertools.cycle((False, True, True))
        self.calls: list[tuple[Callable[[], Transaction], Transaction]] = []
        self.fresh = itertools.count()  # keys outside KEYS, for the rules that must not meet a conflict
        self.journal: tuple[Transaction, ...] = ()  # as the last step left it

    def teardown(self) -> None:
        self.ledger.store.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    # -- the one way every rule submits an operation ------------------------------------------------------------

    def submit(
        self,
        key: str,
        content: tuple[Any, ...],
        call: Callable[[], Transaction],
        expect: Callable[[], type[Exception] | None],
        apply: Callable[[Transaction], None],
    ) -> None:
        """Run ``call``; the model decides what must happen: the original, a conflict, a refusal or a new entry."""
        model = self.model
        if key in model.keys:
            if model.keys[key] == content:
                event("same key, same content: the original")
                assert call() == model.results[key]
            else:
                event("same key, other content: conflict")
                with pytest.raises(IdempotencyConflict):
                    call()
            return
        refusal = expect()
        if refusal is not None:
            event(f"refused: {refusal.__name__}")
            if refusal is AmountOutOfRange:
                event(f"beyond the largest balance: {content[0]}")
            with pytest.raises(refusal):
                call()
            return
        event(f"recorded: {content[0]}")
        transaction = call()
        model.sequence += 1
        assert transaction.sequence == model.sequence
        assert transaction.key == key
        model.keys[key] = content
        model.results[key] = transaction
        model.kinds[transaction.sequence] = content[0]
        self.latest = transaction.effective
        self.calls.append((call, transaction))
        apply(transaction)

    def money(self, units: int, code: str) -> Money:
        """``units`` of ``code``, spelled in turn as minor units or as a decimal with a redundant trailing zero.

        The same amount spelled ``100`` and ``100.00`` is the same content: a retry spelled differently must return
        the original, never a conflict.
        """
        if not next(self.spellings):
            return Money.from_minor_units(units, code)
        digits = currency(code).minor_digits
        return Money(f"{Decimal(units).scaleb(-digits):f}" + ("0" if digits else ".0"), code)

    def credit(self, account: tuple[str, str], units: int, sequence: int, counter: AccountKind) -> None:
        """``units`` to ``account`` (a debit if negative), taken from the programme's ``counter`` account."""
        model = self.model
        model.posted[account] = model.posted.get(account, 0) + units
        model.pending.setdefault(account, 0)
        model.effects[sequence] = (account, units)
        model.programme[(counter, account[1])] = model.programme_after(counter, account[1], -units)
        model.counters[sequence] = counter

    def crediting(
        self, account: tuple[str, str], units: int, counter: AccountKind
    ) -> Callable[[], type[Exception] | None]:
        """What a credit of ``units`` to ``account`` from ``counter`` expects: nothing, or a balance out of range."""
        return lambda: (
            AmountOutOfRange
            if self.model.beyond(
                account[1],
                self.model.posted.get(account, 0) + units,
                self.model.programme_after(counter, account[1], -units),
            )
            else None
        )

    # -- rules --------------------------------------------------------------------------------------------------

    @initialize()
    def start(self) -> None:
        check_invariants(self.ledger.store)

    @rule(organisation=st.sampled_from(ORGANISATIONS), code=st.sampled_from(CURRENCIES), units=amounts,
          back=st.integers(1, 5), key=st.sampled_from(KEYS))  # fmt: skip
    def a_backdated_operation_is_refused(self, organisation: str, code: str, units: int, back: int, key: str) -> None:
        if self.latest is None or key in self.model.keys:  # a known key answers before any date is looked at
            return
        event("refused: BackdatedTransaction")
        with pytest.raises(BackdatedTransaction):
            self.ledger.top_up(
                organisation=organisation,
                amount=self.money(units, code),
                effective=self.latest - timedelta(days=back),
                key=key,
            )

    @rule(days=st.integers(0, 3))
    def time_passes(self, days: int) -> None:
        self.today += timedelta(days=days)

    @rule(partner=st.sampled_from(ORGANISATIONS), order=st.sampled_from(ORDERS), code=st.sampled_from(CURRENCIES),
          units=amounts)  # fmt: skip
    def credit_cashback(self, partner: str, order: str, code: str, units: int) -> None:
        amount = self.money(units, code)
        self.submit(
            cashback_key(order),
            ("cashback", partner, order, amount),
            lambda: self.ledger.credit_cashback(partner=partner, order_id=order, amount=amount, effective=self.today),
            self.crediting((partner, code), units, AccountKind.CASHBACK_EXPENSE),
            lambda transaction: self.credit((partner, code), units, transaction.sequence, AccountKind.CASHBACK_EXPENSE),
        )

    @rule(payer=st.sampled_from(ORGANISATIONS), order=st.sampled_from(ORDERS), code=st.sampled_from(CURRENCIES),
          units=amounts, key=st.sampled_from(KEYS))  # fmt: skip
    def deposit_cancelled_transfer(self, payer: str, order: str, code: str, units: int, key: str) -> None:
        amount = self.money(units, code)
        self.submit(
            key,
            ("deposit", payer, order, amount),
            lambda: self.ledger.deposit_cancelled_transfer(
                payer=payer, order_id=order, amount=amount, effective=self.today, key=key
            ),
            self.crediting((payer, code), units, AccountKind.TRANSFERS_RECEIVED),
            lambda transaction: self.credit((payer, code), units, transaction.sequence, AccountKind.TRANSFERS_RECEIVED),
        )

    @rule(organisation=st.sampled_from(ORGANISATIONS), code=st.sampled_from(CURRENCIES), units=amounts,
          key=st.sampled_from(KEYS))  # fmt: skip
    def top_up(self, organisation: str, code: str, units: int, key: str) -> None:
        amount = self.money(units, code)
        self.submit(
            key,
            ("top_up", organisation, amount),
            lambda: self.ledger.top_up(organisation=organisation, amount=amount, effective=self.today, key=key),
            self.crediting((organisation, code), units, AccountKind.TRANSFERS_RECEIVED),
            lambda transaction: self.credit(
                (organisation, code), units, transaction.sequence, AccountKind.TRANSFERS_RECEIVED
            ),
        )

    @rule(organisation=st.sampled_from(ORGANISATIONS), order=st.sampled_from(ORDERS[:4]),  # so orders come again
          code=st.sampled_from(CURRENCIES), units=amounts, partial=st.booleans(), key=st.sampled_from(KEYS))  # fmt: skip
    def pay_order(self, organisation: str, order: str, code: str, units: int, partial: bool, key: str) -> None:
        account = (organisation, code)
        amount = self.money(units, code)
        available = self.model.available(account)
        paying = min(units, available) if partial else units

        def expect() -> type[Exception] | None:
            if account not in self.model.posted:
                return UnknownAccount
            if (organisation, order) in self.model.paid:  # whatever the key, the currency or the amount
                return OrderAlreadyPaid
            if paying <= 0 or paying > available:
                return InsufficientFunds
            if self.model.beyond(code, self.model.programme_after(AccountKind.ORDER_SETTLEMENT, code, paying)):
                return AmountOutOfRange
            return None

        def apply(transaction: Transaction) -> None:
            if paying < units:
                event("pay: partial, less than asked")
            self.credit(account, -paying, transaction.sequence, AccountKind.ORDER_SETTLEMENT)
            self.model.paid[(organisation, order)] = transaction.sequence
            self.model.order_effects[transaction.sequence] = ((organisation, order), True)

        self.submit(
            key,
            ("pay", organisation, order, amount, partial),
            lambda: self.ledger.pay_order(
                organisation=organisation, order_id=order, amount=amount, effective=self.today, key=key, partial=partial
            ),
            expect,
            apply,
        )

    @rule(organisation=st.sampled_from(ORGANISATIONS), code=st.sampled_from(CURRENCIES), units=amounts,
          destination=st.sampled_from(DESTINATIONS), key=st.sampled_from(KEYS))  # fmt: skip
    def request_payout(self, organisation: str, code: str, units: int, destination: Any, key: str) -> None:
        account = (organisation, code)
        amount = self.money(units, code)

        def expect() -> type[Exception] | None:
            if account not in self.model.posted:
                return UnknownAccount
            if units > self.model.available(account):
                return InsufficientFunds
            if self.model.beyond(code, self.model.in_transit.get(code, 0) + units):
                return AmountOutOfRange
            return None

        def apply(transaction: Transaction) -> None:
            self.model.pending[account] += units
            self.model.in_transit[code] = self.model.in_transit.get(code, 0) + units
            self.model.requests[transaction.sequence] = (account, units)
            self.model.unreversible.add(transaction.sequence)

        self.submit(
            key,
            ("payout", organisation, amount, destination),
            lambda: self.ledger.request_payout(
                organisation=organisation, amount=amount, destination=destination, effective=self.today, key=key
            ),
            expect,
            apply,
        )

    @rule(entries=st.lists(st.tuples(st.sampled_from(ORGANISATIONS), st.sampled_from(CURRENCIES), amounts,
                                     st.sampled_from(KEYS)), max_size=4))  # fmt: skip
    def top_up_in_bulk(self, entries: list[tuple[str, str, int, str]]) -> None:
        """Top-ups posted with ``post_many``: each like ``top_up`` alone, and a conflict anywhere refuses them all."""
        model = self.model
        contents = [("top_up", organisation, self.money(units, code)) for organisation, code, units, _ in entries]
        requests = [
            TopUp(organisation=organisation, amount=content[2], effective=self.today, key=key)
            for (organisation, _code, _units, key), content in zip(entries, contents, strict=True)
        ]
        seen = dict(model.keys)
        posted, programme = dict(model.posted), dict(model.programme)  # as each new top-up in turn leaves them
        for index, ((organisation, code, units, key), content) in enumerate(zip(entries, contents, strict=True)):
            if key in seen:
                if seen[key] != content:
                    self.bulk_refused(requests, index, IdempotencyConflict, "a key conflict")
                    return
                continue  # a retry, in the batch or of an earlier call: the original
            seen[key] = content
            account, received = (organisation, code), (AccountKind.TRANSFERS_RECEIVED, code)
            posted[account] = posted.get(account, 0) + units
            programme[received] = programme.get(received, 0) - units
            if model.beyond(code, posted[account], programme[received]):
                self.bulk_refused(requests, index, AmountOutOfRange, "a balance out of range")
                return
        event("bulk: posted")
        for (organisation, code, units, key), content, transaction in zip(
            entries, contents, self.ledger.post_many(requests), strict=True
        ):
            if key in model.keys:
                assert transaction == model.results[key]
                continue
            model.sequence += 1
            assert transaction.sequence == model.sequence
            model.keys[key] = content
            model.results[key] = transaction
            model.kinds[transaction.sequence] = content[0]
            self.calls.append((functools.partial(self.ledger.top_up, organisation=organisation, amount=content[2],
                                                 effective=transaction.effective, key=key), transaction))  # fmt: skip
            self.credit((organisation, code), units, transaction.sequence, AccountKind.TRANSFERS_RECEIVED)

    def bulk_refused(self, requests: list[TopUp], index: int, refusal: type[Exception], why: str) -> None:
        """``post_many(requests)`` is refused at ``index`` with ``refusal``, changing nothing."""
        event(f"bulk: {why} refuses the batch")
        before = self.ledger.journal()
        with pytest.raises(BatchRefused) as refused:
            self.ledger.post_many(requests)
        assert refused.value.index == index
        assert isinstance(refused.value.error, refusal)
        assert self.ledger.journal() == before

    @precondition(lambda self: self.model.sequence > 0)
    @rule(pick=st.integers(0, 10**6), outcome=st.sampled_from(["complete", "fail", "cancel"]),
          key=st.sampled_from(KEYS))  # fmt: skip
    def resolve_payout(self, pick: int, outcome: str, key: str) -> None:
        model = self.model
        requests = sorted(model.requests)
        # Mostly a real request; sometimes any transaction, to exercise NotAPayoutRequest.
        request = requests[pick % len(requests)] if requests and pick % 4 else pick % model.sequence + 1
        self.resolve(request, outcome, key)

    @precondition(lambda self: any(self.model.available(account) > 0 for account in self.model.posted))
    @rule(pick=st.integers(0, 10**6), percent=st.integers(1, 100), destination=st.sampled_from(DESTINATIONS))
    def a_funded_account_requests_a_payout(self, pick: int, percent: int, destination: Any) -> None:
        """Up to all that is available, under a fresh key: ``request_payout`` draws an account, an amount and a key
        at random, so that most requests met an unknown account, too little money or a conflict."""
        funded = sorted(account for account in self.model.posted if self.model.available(account) > 0)
        organisation, code = funded[pick % len(funded)]
        units = max(1, self.model.available((organisation, code)) * percent // 100)
        self.request_payout(organisation, code, units, destination, f"fresh-{next(self.fresh)}")

    @precondition(lambda self: set(self.model.requests) - self.model.resolved)
    @rule(pick=st.integers(0, 10**6), outcome=st.sampled_from(["complete", "fail", "cancel"]), returned=st.booleans())
    def a_pending_payout_is_resolved(self, pick: int, outcome: str, returned: bool) -> None:
        """A request still pending, resolved under a fresh key, and a completion now and then returned by the bank
        (reversed): ``resolve_payout`` draws its key from the shared pool and its request from every request, so a
        completion was rare and its reversal never seen in the default profile."""
        pending = sorted(set(self.model.requests) - self.model.resolved)
        self.resolve(pending[pick % len(pending)], outcome, f"fresh-{next(self.fresh)}")
        if outcome == "complete" and returned:
            self.reverse_one(self.model.sequence, f"fresh-{next(self.fresh)}")

    def resolve(self, request: int, outcome: str, key: str) -> None:
        model = self.model
        operation = {
            "complete": self.ledger.complete_payout,
            "fail": self.ledger.fail_payout,
            "cancel": self.ledger.cancel_payout,
        }[outcome]

        def expect() -> type[Exception] | None:
            if request not in model.requests:
                return NotAPayoutRequest
            if request in model.resolved:
                return PayoutAlreadyResolved
            (_, code), units = model.requests[request]
            if outcome == "complete" and model.beyond(
                code, model.programme_after(AccountKind.PAYOUTS_IN_TRANSIT, code, units)
            ):
                return AmountOutOfRange
            return None

        def apply(transaction: Transaction) -> None:
            account, units = model.requests[request]
            model.resolved.add(request)
            model.pending[account] -= units
            model.in_transit[account[1]] -= units
            if outcome == "complete":
                self.credit(account, -units, transaction.sequence, AccountKind.PAYOUTS_IN_TRANSIT)
            else:
                model.unreversible.add(transaction.sequence)

        self.submit(
            key,
            (outcome, request),
            lambda: operation(request=request, effective=self.today, key=key),
            expect,
            apply,
        )

    @precondition(lambda self: self.model.sequence > 0)
    @rule(pick=st.integers(0, 10**6), key=st.sampled_from(KEYS))
    def reverse(self, pick: int, key: str) -> None:
        self.reverse_one(pick % self.model.sequence + 1, key)

    @precondition(lambda self: any(self.model.available(account) >= 2 for account in self.model.posted))
    @rule(pick=st.integers(0, 10**6), units=st.integers(1, 4000))
    def an_ended_payment_is_not_reinstated_while_another_pays_its_order(self, pick: int, units: int) -> None:
        """An order paid, its payment reversed, the order paid again, and then the reversal reversed: the first
        payment would stand again beside the second, so that is refused (``OrderAlreadyPaid``). ``reverse`` picks any
        transaction, and met a reversal of an ended payment of an order paid again in no default run."""
        funded = sorted(account for account in self.model.posted if self.model.available(account) >= 2)
        organisation, code = account = funded[pick % len(funded)]
        unpaid = [order for order in ORDERS[:4] if (organisation, order) not in self.model.paid]
        if not unpaid:
            return
        order, units = unpaid[pick % len(unpaid)], max(1, min(units, self.model.available(account) // 2))
        self.pay_order(organisation, order, code, units, False, f"fresh-{next(self.fresh)}")
        self.reverse_one(self.model.sequence, f"fresh-{next(self.fresh)}")
        ended = self.model.sequence
        self.pay_order(organisation, order, code, units, False, f"fresh-{next(self.fresh)}")
        self.reverse_one(ended, f"fresh-{next(self.fresh)}")

    @precondition(lambda self: any(kind in RARELY_REVERSED for kind in self.model.kinds.values()))
    @rule(pick=st.integers(0, 10**6))
    def a_rarely_reversed_transaction_is_reversed(self, pick: int) -> None:
        """A completed payout the bank returned, a reversal, or what cannot be reversed (a request, a failure, a
        cancellation), under a fresh key: ``reverse`` picks any sequence, mostly a credit."""
        rare = sorted(sequence for sequence, kind in self.model.kinds.items() if kind in RARELY_REVERSED)
        self.reverse_one(rare[pick % len(rare)], f"fresh-{next(self.fresh)}")

    def reverse_one(self, sequence: int, key: str) -> None:
        model = self.model

        def refusal() -> type[Exception] | None:
            if sequence in model.unreversible:
                return NotReversible
            if sequence in model.reversed:
                return AlreadyReversed
            order, pays = model.order_effects.get(sequence, (None, True))
            if not pays and order in model.paid:  # undoing the end of a payment pays the order again
                return OrderAlreadyPaid
            account, units = model.effects[sequence]
            if units > 0 and model.available(account) < units:
                return InsufficientFunds
            counter = model.programme_after(model.counters[sequence], account[1], units)
            if model.beyond(account[1], model.posted[account] - units, counter):
                return AmountOutOfRange
            return None

        def expect() -> type[Exception] | None:
            refused = refusal()
            event(f"reverse of a {model.kinds[sequence]}: {'recorded' if refused is None else refused.__name__}")
            return refused

        def apply(transaction: Transaction) -> None:
            account, units = model.effects[sequence]
            model.reversed.add(sequence)
            self.credit(account, -units, transaction.sequence, model.counters[sequence])
            if sequence in model.order_effects:
                order, pays = model.order_effects[sequence]
                model.order_effects[transaction.sequence] = (order, not pays)
                if not pays:
                    model.paid[order] = transaction.sequence
                elif model.paid.get(order) == sequence:
                    del model.paid[order]

        self.submit(
            key,
            ("reverse", sequence),
            lambda: self.ledger.reverse(sequence=sequence, effective=self.today, key=key),
            expect,
            apply,
        )

    @precondition(lambda self: self.calls)
    @rule(pick=st.integers(0, 10**6), days=st.integers(0, 2))
    def retry_a_successful_call(self, pick: int, days: int) -> None:
        """A retry, even on a later day, returns the original transaction and changes nothing."""
        self.today += timedelta(days=days)
        call, original = self.calls[pick % len(self.calls)]
        before = self.ledger.journal()
        assert call() == original
        assert self.ledger.journal() == before

    @rule(organisation=st.sampled_from(ORGANISATIONS), code=st.sampled_from(CURRENCIES), first=st.integers(0, 60),
          length=st.one_of(st.none(), st.integers(0, 4)))  # fmt: skip
    def a_statement_of_a_period_is_the_whole_history_cut_to_it(
        self, organisation: str, code: str, first: int, length: int | None
    ) -> None:
        """The statement reads from its period on (opening = current balance less what came after): it must equal
        the statement built from the account's whole history, payouts requested before the period included."""
        if (organisation, code) not in self.model.posted:
            return
        start = self.today - timedelta(days=first)
        end = None if length is None else start + timedelta(days=length)
        account = prepaid(organisation, code)
        with self.ledger.store.reading() as reader:
            whole = statement_of(account, list(reader.transactions(account=account)), start=start, end=end)
        assert self.ledger.statement(organisation, code, start=start, end=end) == whole

    @rule(organisation=st.sampled_from(ORGANISATIONS), code=st.sampled_from(CURRENCIES), back=st.integers(0, 60),
          pick=st.integers(0, 10**6), by_sequence=st.booleans())  # fmt: skip
    def a_past_balance_is_the_journal_replayed_up_to_it(
        self, organisation: str, code: str, back: int, pick: int, by_sequence: bool
    ) -> None:
        """Whether it replays from the start or undoes from the current balance (it picks the shorter way), a past
        balance equals the whole journal replayed up to that moment."""
        if (organisation, code) not in self.model.posted:
            return
        journal = self.ledger.journal()
        account = prepaid(organisation, code)
        if by_sequence:
            sequence = 1 + pick % len(journal)
            past = self.ledger.balance_at(organisation, code, sequence=sequence)
            expected = replay(journal, upto=sequence).get(account, ZERO)
        else:
            day = self.today - timedelta(days=back)
            past = self.ledger.balance_at(organisation, code, on=day)
            expected = replay(t for t in journal if t.effective <= day).get(account, ZERO)
        assert past == Balances.of(account, expected)

    # -- batches: committed with refusals and failures inside, or abandoned halfway ------------------------------

    def run_a_few(self, data: st.DataObject) -> None:
        """One or two of the machine's operations (IN_A_BATCH), each drawn with its arguments as the machine draws
        them, among those whose preconditions hold now."""
        for _ in range(data.draw(st.integers(1, 2), label="operations")):
            rules = {name: getattr(getattr(self, name), RULE_MARKER) for name in IN_A_BATCH}
            allowed = [name for name, ruled in rules.items() if all(holds(self) for holds in ruled.preconditions)]
            name = data.draw(st.sampled_from(allowed), label="operation")
            getattr(self, name)(**data.draw(st.fixed_dictionaries(rules[name].arguments), label=name))

    def abandon(self, data: st.DataObject, unit: Callable[[], AbstractContextManager[Any]], depth: int) -> None:
        """Open ``unit`` (a batch, or a unit of work), run a few operations inside it (and, ``depth`` allowing, a batch
        inside it committed or abandoned), then raise the caller's own error: the ledger must be exactly as before,
        and every key, resolution, reversal and order the operations took free again."""
        model, calls, latest = self.model.copy(), len(self.calls), self.latest
        with self.ledger.store.reading() as reader:
            balances = reader.balances()  # every account's, the system accounts' too

        def give_up_halfway() -> None:
            with unit():
                self.run_a_few(data)
                if depth and data.draw(st.booleans(), label="a batch inside"):
                    self.a_batch_commits_every_success_inside_it(data, depth - 1)
                raise GaveUp

        with pytest.raises(GaveUp):
            give_up_halfway()
        taken = self.model
        self.model, self.latest = model, latest
        del self.calls[calls:]
        with self.ledger.store.reading() as reader:
            assert reader.balances() == balances
            assert [key for key in taken.keys.keys() - model.keys if reader.recorded(key) is not None] == []
            assert [request for request in taken.resolved - model.resolved if reader.resolution_of(request)] == []
            assert [sequence for sequence in taken.reversed - model.reversed if reader.reversal_of(sequence)] == []
            assert reader.paid_orders() == model.paid
            assert (reader.head() or (0,))[0] == model.sequence

    @rule(data=st.data())
    def a_batch_abandoned_halfway_takes_back_everything_in_it(self, data: st.DataObject) -> None:
        event("batch: abandoned")
        self.abandon(data, self.ledger.store.batch, depth=1)

    @rule(data=st.data())
    def a_batch_commits_every_success_inside_it(self, data: st.DataObject, depth: int = 1) -> None:
        """Refusals inside a batch, a unit of work of the caller's that fails, a batch inside it abandoned: the batch
        commits every operation that succeeded (the model took each as it came), and nothing of what failed."""
        with self.ledger.store.batch():
            self.run_a_few(data)
            choices = INSIDE_A_COMMITTED_BATCH if depth else ("a failed unit of work", "nothing")
            inside = data.draw(st.sampled_from(choices), label="inside")
            event(f"batch: committed, with {inside} inside")
            if inside == "a failed unit of work":
                self.abandon(data, self.ledger.store.writing, depth=0)
            elif inside == "an abandoned batch":
                self.abandon(data, self.ledger.store.batch, depth=0)
            elif inside == "a committed batch":
                self.a_batch_commits_every_success_inside_it(data, depth - 1)
            self.run_a_few(data)
        if depth:  # the outermost batch: committed, so a reader on another thread sees all of it
            heads: list[int] = []
            reader = threading.Thread(target=lambda: heads.append(self.head_read_afresh()))
            reader.start()
            reader.join()
            assert heads == [self.model.sequence]

    def head_read_afresh(self) -> int:
        with self.ledger.store.reading() as reader:
            return (reader.head() or (0,))[0]

    # -- after every step ---------------------------------------------------------------------------------------

    @invariant()
    def ledger_agrees_with_the_model(self) -> None:
        check_invariants(self.ledger.store)
        model = self.model
        for account, posted in model.posted.items():
            balances = self.ledger.balances(*account)
            assert balances.posted.minor_units() == posted
            assert balances.pending.minor_units() == model.pending[account]
            assert balances.available.minor_units() == model.available(account)
            assert balances.available.minor_units() >= 0
            # read back from the newest in doubling windows, across batches, reversals and every store
            still_open = sorted(r for r, (on, _) in model.requests.items() if on == account and r not in model.resolved)
            assert [request.sequence for request in self.ledger.pending_payouts(*account)] == still_open
        for organisation in ORGANISATIONS:
            for code in CURRENCIES:
                if (organisation, code) not in model.posted:
                    with pytest.raises(UnknownAccount):
                        self.ledger.balances(organisation, code)
            # every account of the organisation, read alone (the store's index by organisation, rolled back too)
            held = sorted(code for owner, code in model.posted if owner == organisation)
            found = self.ledger.prepaid_balances(organisation)
            assert [(b.account.currency, b.posted.minor_units(), b.pending.minor_units()) for b in found] == [
                (code, model.posted[organisation, code], model.pending[organisation, code]) for code in held
            ]
        for (kind, code), posted in model.programme.items():
            assert self.ledger.account_balances(system(kind, code)).posted.minor_units() == posted
        with self.ledger.store.reading() as reader:
            for code, units in model.in_transit.items():
                held = reader.balance(system(AccountKind.PAYOUTS_IN_TRANSIT, code))
                assert held is not None
                assert held.pending_credits == units
        journal = self.ledger.journal()
        assert journal[: len(self.journal)] == self.journal, "a step edited or deleted a recorded transaction"
        self.journal = journal
        standing = standing_payments(journal)
        assert all(len(payments) <= 1 for payments in standing.values()), standing
        assert {order: payments[0] for order, payments in standing.items() if payments} == model.paid
        with self.ledger.store.reading() as reader:
            index = {
                (organisation, order): reader.order_payment(organisation, order)
                for organisation in ORGANISATIONS
                for order in ORDERS[:4]
            }
        assert {order: sequence for order, sequence in index.items() if sequence is not None} == model.paid


class SqliteLedgerMachine(LedgerMachine):
    store_kind = "sqlite"


class JournalLedgerMachine(LedgerMachine):
    store_kind = "journal"


TestLedgerOverMemory = LedgerMachine.TestCase
TestLedgerOverSqlite = SqliteLedgerMachine.TestCase
TestLedgerOverJournal = JournalLedgerMachine.TestCase
# Every step of the SQLite machine is a real file transaction: in the thorough profile, a tenth of the examples keeps
# the run in minutes rather than hours, while the memory machine (same rules, same model) takes the full count.
TestLedgerOverSqlite.settings = settings(max_examples=max(settings().max_examples // 10, 50))
