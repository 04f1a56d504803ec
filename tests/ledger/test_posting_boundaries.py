"""The posting engine at its edges: what mutation testing showed no other test pinned down.

Each test states a rule a billing engineer relies on, at the exact point where it turns (one cent, one day, exactly
what is available), or for the kind of input no earlier test sent.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    AlreadyReversed,
    AmountOutOfRange,
    BatchRefused,
    CashbackCredit,
    Iban,
    InsufficientFunds,
    Ledger,
    MemoryLedgerStore,
    NonPositiveAmount,
    OrderPayment,
    PayoutAlreadyResolved,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    Transaction,
    TransferDeposit,
    UnknownTransaction,
    check_invariants,
    prepaid,
)

from .support import snapshot
from .test_engine_edges import ReversedPostingsStore

MONDAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")

# -- bad input --------------------------------------------------------------------------------------------------

#: Every request that moves an amount, with the amount left to fill in.
AMOUNT_REQUESTS: dict[str, Any] = {
    "top-up": lambda amount: TopUp(organisation="acme", amount=amount, effective=MONDAY, key="t-2"),
    "order payment": lambda amount: OrderPayment(
        organisation="acme", order_id="A-1", amount=amount, effective=MONDAY, key="pay-1"
    ),
    "partial order payment": lambda amount: OrderPayment(
        organisation="acme", order_id="A-1", amount=amount, effective=MONDAY, key="pay-1", partial=True
    ),
    "cashback": lambda amount: CashbackCredit(partner="acme", order_id="A-1", amount=amount, effective=MONDAY),
    "transfer deposit": lambda amount: TransferDeposit(
        payer="acme", order_id="A-1", amount=amount, effective=MONDAY, key="bank-1"
    ),
    "payout request": lambda amount: PayoutRequest(
        organisation="acme", amount=amount, destination=IBAN, effective=MONDAY, key="p-1"
    ),
}

not_money = st.one_of(
    st.none(),
    st.integers(),
    st.decimals(allow_nan=False),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.tuples(st.integers(), st.just("CHF")),
)


@given(request=st.sampled_from(sorted(AMOUNT_REQUESTS)), amount=not_money)
def test_an_amount_that_is_not_money_is_refused_by_name_and_changes_nothing(request: str, amount: object) -> None:
    # a bare number or text would have to be guessed into a currency; the ledger refuses it as bad input (SPEC §9)
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many([AMOUNT_REQUESTS[request](amount)])
    refusal = raised.value.error
    assert isinstance(refusal, InvalidInput)
    assert (refusal.field, refusal.rule) == ("amount", "must be Money")
    assert snapshot(ledger) == before


def test_each_method_refuses_an_amount_given_as_a_number() -> None:
    ledger = Ledger()
    calls = [
        lambda: ledger.top_up(organisation="acme", amount=Decimal("10"), effective=MONDAY, key="t-1"),
        lambda: ledger.pay_order(organisation="acme", order_id="A-1", amount=10, effective=MONDAY, key="pay-1"),
        lambda: ledger.credit_cashback(partner="acme", order_id="A-1", amount="10.00", effective=MONDAY),
        lambda: ledger.deposit_cancelled_transfer(
            payer="acme", order_id="A-1", amount=10.0, effective=MONDAY, key="bank-1"
        ),
        lambda: ledger.request_payout(organisation="acme", amount=1000, destination=IBAN, effective=MONDAY, key="p"),
    ]
    for call in calls:
        with pytest.raises(InvalidInput, match=r"^amount: .* must be Money \(.*, never a float\)$"):
            call()
    assert ledger.journal() == ()


@given(request=st.sampled_from(sorted(AMOUNT_REQUESTS)), units=st.integers(min_value=-(10**15), max_value=0))
def test_a_zero_or_negative_amount_is_refused_and_changes_nothing(request: str, units: int) -> None:
    # a negative top-up would drain the account and a negative payment would credit it: direction comes from the
    # operation, never from the sign of its amount
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many([AMOUNT_REQUESTS[request](Money.from_minor_units(units, "CHF"))])
    assert isinstance(raised.value.error, NonPositiveAmount)
    assert raised.value.error.field == "amount"
    assert snapshot(ledger) == before


@pytest.mark.parametrize("request_name", sorted(AMOUNT_REQUESTS))
def test_one_minor_unit_is_the_smallest_amount_posted(request_name: str) -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    [posted] = ledger.post_many([AMOUNT_REQUESTS[request_name](Money("0.01", "CHF"))])
    assert sorted(abs(posting.units) for posting in posted.postings) == [1, 1]
    check_invariants(ledger.store)


def test_a_subclass_of_date_that_is_not_a_datetime_is_a_business_day() -> None:
    # business_date refuses datetimes and strings; a calendar library's own date type (a date subclass) is a day
    class CalendarDay(date):
        pass

    ledger = Ledger()
    posted = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=CalendarDay(2026, 3, 2), key="t")
    assert posted.effective == MONDAY


# -- the largest amount -----------------------------------------------------------------------------------------


def test_one_operation_moves_up_to_exactly_ten_to_the_fifteen_minor_units() -> None:
    # docs/decisions.md: "One operation moves at most MAX_UNITS = 10^15 minor units (10 trillion CHF)"; the cap
    # must hold at the cent, not only far past it
    ledger = Ledger()
    largest = Money("10000000000000.00", "CHF")
    assert largest.minor_units() == 10**15
    ledger.top_up(organisation="acme", amount=largest, effective=MONDAY, key="t-1")
    before = snapshot(ledger)
    with pytest.raises(AmountOutOfRange) as raised:
        ledger.top_up(organisation="acme", amount=Money("10000000000000.01", "CHF"), effective=MONDAY, key="t-2")
    assert raised.value.field == "amount"
    assert snapshot(ledger) == before
    assert ledger.balances("acme", "CHF").posted == largest


# -- what a resolution records ----------------------------------------------------------------------------------


@pytest.mark.parametrize("resolve", ["fail_payout", "cancel_payout"])
def test_a_released_payout_keeps_its_reason_and_records_none_when_none_is_given(resolve: str) -> None:
    # the reason is what support reads when a partner asks why the money came back
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    for n in (1, 2):
        ledger.request_payout(
            organisation="acme", amount=Money("10", "CHF"), destination=IBAN, effective=MONDAY, key=f"p-{n}"
        )
    with_reason = getattr(ledger, resolve)(request=2, effective=MONDAY, key="r-1", reason="account closed")
    without = getattr(ledger, resolve)(request=3, effective=MONDAY, key="r-2")
    assert with_reason.metadata == (("reason", "account closed"),)
    assert without.metadata == ()
    check_invariants(ledger.store)


# -- sequence numbers -------------------------------------------------------------------------------------------

SEQUENCE_USES: dict[str, Any] = {
    "reverse": lambda ledger, n: ledger.reverse(sequence=n, effective=MONDAY, key="k"),
    "complete_payout": lambda ledger, n: ledger.complete_payout(request=n, effective=MONDAY, key="k"),
    "fail_payout": lambda ledger, n: ledger.fail_payout(request=n, effective=MONDAY, key="k"),
    "cancel_payout": lambda ledger, n: ledger.cancel_payout(request=n, effective=MONDAY, key="k"),
    "balance_at": lambda ledger, n: ledger.balance_at("acme", "CHF", sequence=n),
}


@given(use=st.sampled_from(sorted(SEQUENCE_USES)), number=st.integers(max_value=0))
def test_sequences_start_at_one_so_zero_or_below_is_refused_as_no_sequence_number(use: str, number: int) -> None:
    # sequence 0 is not "before the first transaction": it names nothing, and says so as bad input, not as a
    # transaction that happens to be missing
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    before = snapshot(ledger)
    with pytest.raises(InvalidInput) as raised:
        SEQUENCE_USES[use](ledger, number)
    assert not isinstance(raised.value, UnknownTransaction)
    assert raised.value.rule == "must be a transaction sequence number (an int from 1 to 2**63 - 1)"
    assert snapshot(ledger) == before


def test_sequence_one_is_the_first_transaction() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    assert ledger.balance_at("acme", "CHF", sequence=1).posted == Money("100", "CHF")
    assert ledger.reverse(sequence=1, effective=MONDAY, key="undo").reverses == 1


# -- links made twice within one batch --------------------------------------------------------------------------


def test_a_stored_transaction_reversed_twice_in_one_batch_refuses_the_batch(ledger: Ledger) -> None:
    # the first reversal is not in the store yet when the second is checked: the batch itself must remember it
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    ledger.top_up(organisation="acme", amount=Money("50", "CHF"), effective=MONDAY, key="t-2")
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many(
            [
                Reversal(sequence=1, effective=MONDAY, key="undo-1"),
                Reversal(sequence=1, effective=MONDAY, key="undo-1-again"),
            ]
        )
    assert raised.value.index == 1
    assert isinstance(raised.value.error, AlreadyReversed)
    assert (raised.value.error.sequence, raised.value.error.reversal) == (1, 3)
    assert snapshot(ledger) == before


def test_a_stored_payout_request_resolved_twice_in_one_batch_refuses_the_batch(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    ledger.request_payout(organisation="acme", amount=Money("10", "CHF"), destination=IBAN, effective=MONDAY, key="p")
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many(
            [
                PayoutCompletion(request=2, effective=MONDAY, key="done"),
                PayoutFailure(request=2, effective=MONDAY, key="failed"),
            ]
        )
    assert raised.value.index == 1
    assert isinstance(raised.value.error, PayoutAlreadyResolved)
    assert snapshot(ledger) == before


class _LostFirstTransaction(MemoryLedgerStore):
    """A damaged store: it still records key ``t-1`` but no longer reads back the transaction it names."""

    def transaction(self, sequence: int) -> Transaction | None:
        return None if sequence == 1 else super().transaction(sequence)


def test_a_retry_whose_original_the_store_lost_is_refused_by_name_not_answered_with_nothing() -> None:
    ledger = Ledger(_LostFirstTransaction())
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    with pytest.raises(UnknownTransaction, match="recorded under a key but missing from the journal"):
        ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")


# -- one minor unit through every path that decides a direction -------------------------------------------------

STORES = {"memory": MemoryLedgerStore, "postings read back reversed": ReversedPostingsStore}
cents = st.integers(min_value=1, max_value=10_000)


@given(store=st.sampled_from(sorted(STORES)), units=cents, resolve=st.sampled_from(["complete_payout", "fail_payout"]))
@example(store="postings read back reversed", units=1, resolve="complete_payout")
@example(store="postings read back reversed", units=1, resolve="fail_payout")
def test_a_payout_of_any_size_down_to_one_cent_is_resolved_in_the_right_direction(
    store: str, units: int, resolve: str
) -> None:
    # which account pays is read from the request's postings, whichever order they come back in; a one-cent request
    # read back reversed is where a sign test off by one would turn the payout around
    ledger = Ledger(STORES[store]())
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t")
    amount = Money.from_minor_units(units, "CHF")
    ledger.request_payout(organisation="acme", amount=amount, destination=IBAN, effective=MONDAY, key="p")
    getattr(ledger, resolve)(request=2, effective=MONDAY, key="r")
    balances = ledger.balances("acme", "CHF")
    left = Money.from_minor_units(10_000 - units, "CHF") if resolve == "complete_payout" else Money("100", "CHF")
    assert (balances.posted, balances.pending, balances.available) == (left, Money("0", "CHF"), left)
    check_invariants(ledger.store)


@given(store=st.sampled_from(sorted(STORES)), units=cents)
@example(store="memory", units=1)
@example(store="postings read back reversed", units=1)
def test_reversing_a_reversal_of_any_amount_down_to_one_cent_restores_the_original(store: str, units: int) -> None:
    # top-up, its reversal (money back out), the reversal of that reversal (money in again): each step moves the
    # amount in the direction its postings say
    ledger = Ledger(STORES[store]())
    amount = Money.from_minor_units(units, "CHF")
    ledger.top_up(organisation="acme", amount=amount, effective=MONDAY, key="t")
    ledger.reverse(sequence=1, effective=MONDAY, key="undo")
    assert ledger.balances("acme", "CHF").posted == Money("0", "CHF")
    ledger.reverse(sequence=2, effective=MONDAY, key="redo")
    assert ledger.balances("acme", "CHF").posted == amount
    check_invariants(ledger.store)


def test_a_refused_reversal_reports_what_is_available_net_of_pending_payouts(ledger: Ledger) -> None:
    # 100 topped up, 30 reserved by a payout request, 50 paid: posted 50, available 20 — undoing the 100 top-up
    # needs 100 and only 20 may be taken
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=MONDAY, key="t-1")
    ledger.request_payout(organisation="acme", amount=Money("30", "CHF"), destination=IBAN, effective=MONDAY, key="p")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=Money("50", "CHF"), effective=MONDAY, key="pay-1")
    before = snapshot(ledger)
    with pytest.raises(InsufficientFunds) as raised:
        ledger.reverse(sequence=1, effective=MONDAY, key="undo")
    assert (raised.value.account, raised.value.requested, raised.value.available) == ("prepaid:acme:CHF", 10000, 2000)
    assert snapshot(ledger) == before


def test_a_partial_payment_takes_the_last_cent_and_refuses_only_an_empty_balance(ledger: Ledger) -> None:
    # 10.00 topped up, 9.99 paid: one cent is available, so a partial payment of 5.00 pays exactly that cent
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=MONDAY, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=Money("9.99", "CHF"), effective=MONDAY, key="pay-1")
    paid = ledger.pay_order(
        organisation="acme", order_id="A-2", amount=Money("5", "CHF"), effective=MONDAY, key="pay-2", partial=True
    )
    assert paid.units_for(prepaid("acme", "CHF")) == -1
    assert paid.meta("requested") == "500"
    before = snapshot(ledger)
    with pytest.raises(InsufficientFunds) as raised:
        ledger.pay_order(
            organisation="acme", order_id="A-3", amount=Money("5", "CHF"), effective=MONDAY, key="pay-3", partial=True
        )
    assert (raised.value.requested, raised.value.available) == (500, 0)
    assert snapshot(ledger) == before
