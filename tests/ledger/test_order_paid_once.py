"""An organisation's order is paid from prepaid at most once while that payment stands, whatever the key.

The SPEC leaves idempotency keys to the caller, so a worker that retries with a fresh key, or two workers booking one
quote, used to debit the client twice for one order. A second payment of the same (organisation, order id) under
another key is refused with ``OrderAlreadyPaid``, naming the first payment, and changes nothing; the same key and
content still returns the first; once the payment is reversed the order may be paid again. The races (threads and
processes) are in ``test_racing_workers.py``, the rule in the ledger's stateful machine in ``test_stateful.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.access.examples import example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    BatchRefused,
    Ledger,
    MemoryLedgerStore,
    OrderAlreadyPaid,
    OrderPayment,
    Reversal,
    TopUp,
    Transaction,
    UnknownTransaction,
    check_invariants,
)
from infomanager_core.ledger.accounts import AccountKind, prepaid, system
from infomanager_core.ledger.balances import account_balance
from infomanager_core.ledger.errors import AlreadyReversed, LedgerError
from infomanager_core.orders import BookedOrder, Order, PrepaidPayment, book_order, quote_order

from .support import STORES, new_ledger, snapshot, standing_payments

DAY = date(2026, 3, 2)
ACME = prepaid("acme", "CHF")
RECEIVED = system(AccountKind.TRANSFERS_RECEIVED, "CHF")


@pytest.fixture(params=STORES)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    """A ledger with 100 CHF on acme's prepaid account, in memory or on file."""
    opened = new_ledger(request.param, tmp_path)
    opened.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    yield opened
    opened.store.close()


def pay(
    ledger: Ledger,
    key: str,
    amount: str = "30",
    *,
    order: str = "ORD-7",
    partial: bool = False,
    organisation: str = "acme",
    code: str = "CHF",
) -> Transaction:
    return ledger.pay_order(
        organisation=organisation, order_id=order, amount=Money(amount, code), effective=DAY, key=key, partial=partial
    )


def test_an_order_paid_again_under_another_key_is_refused_naming_the_first_payment_and_nothing_changes(
    ledger: Ledger,
) -> None:
    first = pay(ledger, "pay-ORD-7")
    before = snapshot(ledger)
    with pytest.raises(OrderAlreadyPaid) as refused:
        pay(ledger, "pay-ORD-7-retry")
    assert (refused.value.organisation, refused.value.order_id) == ("acme", "ORD-7")
    assert (refused.value.key, refused.value.sequence) == ("pay-ORD-7", first.sequence)
    for named in ("'ORD-7'", "'acme'", "'pay-ORD-7'", "#2"):
        assert named in str(refused.value)
    assert isinstance(refused.value, LedgerError)
    assert snapshot(ledger) == before
    assert ledger.balances("acme", "CHF").available == Money("70", "CHF")
    with ledger.store.reading() as reader:
        assert reader.recorded("pay-ORD-7-retry") is None  # the refused key stays free
        assert reader.order_payment("acme", "ORD-7") == first.sequence


def test_the_same_key_and_content_still_returns_the_first_payment(ledger: Ledger) -> None:
    first = pay(ledger, "pay-ORD-7")
    assert pay(ledger, "pay-ORD-7") == first
    assert len(ledger.journal()) == 2


def test_a_refused_second_payment_is_refused_before_the_balance_is_looked_at(ledger: Ledger) -> None:
    """An order already paid says so, even when the balance could not pay it again: the more useful answer."""
    pay(ledger, "pay-ORD-7", "100")
    with pytest.raises(OrderAlreadyPaid):
        pay(ledger, "pay-ORD-7-again", "100")


def test_the_rule_is_per_organisation_and_order_not_per_currency(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=Money("100", "EUR"), effective=DAY, key="t-eur")
    ledger.top_up(organisation="globex", amount=Money("100", "CHF"), effective=DAY, key="t-globex")
    pay(ledger, "pay-ORD-7")
    with pytest.raises(OrderAlreadyPaid):  # one order, one currency: the same order paid in euros is paid twice
        pay(ledger, "pay-ORD-7-eur", code="EUR")
    assert pay(ledger, "globex-pays-its-ORD-7", organisation="globex").sequence == 5  # another organisation's order
    assert pay(ledger, "pay-ORD-8", order="ORD-8").sequence == 6


def test_a_partial_payment_stands_for_the_order_and_the_rest_is_due_by_another_means(ledger: Ledger) -> None:
    part = pay(ledger, "pay-ORD-7", "250", partial=True)
    assert part.units_for(ACME) == -10_000
    ledger.top_up(organisation="acme", amount=Money("500", "CHF"), effective=DAY, key="t-2")
    with pytest.raises(OrderAlreadyPaid) as refused:  # the rest is not paid from prepaid under a second key
        pay(ledger, "pay-ORD-7-rest", "150")
    assert refused.value.sequence == part.sequence


def test_once_the_payment_is_reversed_the_order_may_be_paid_again(ledger: Ledger) -> None:
    first = pay(ledger, "pay-ORD-7")
    undone = ledger.reverse(sequence=first.sequence, effective=DAY, key="undo-pay-ORD-7")
    again = pay(ledger, "pay-ORD-7-again", "40")
    with ledger.store.reading() as reader:
        assert reader.order_payment("acme", "ORD-7") == again.sequence
    # undoing the reversal would pay the order a second time while the new payment stands
    before = snapshot(ledger)
    with pytest.raises(OrderAlreadyPaid) as refused:
        ledger.reverse(sequence=undone.sequence, effective=DAY, key="undo-the-undo")
    assert (refused.value.key, refused.value.sequence) == ("pay-ORD-7-again", again.sequence)
    assert snapshot(ledger) == before
    # once the new payment is reversed too, undoing the first reversal pays the order again, and it stands
    ledger.reverse(sequence=again.sequence, effective=DAY, key="undo-again")
    repaid = ledger.reverse(sequence=undone.sequence, effective=DAY, key="undo-the-undo")
    with ledger.store.reading() as reader:
        assert reader.order_payment("acme", "ORD-7") == repaid.sequence
    with pytest.raises(OrderAlreadyPaid) as refused:
        pay(ledger, "pay-ORD-7-third")
    assert refused.value.sequence == repaid.sequence
    ledger.reverse(sequence=repaid.sequence, effective=DAY, key="undo-repaid")
    assert pay(ledger, "pay-ORD-7-third").kind.value == "order_payment"
    assert ledger.balances("acme", "CHF").available == Money("70", "CHF")
    check_invariants(ledger.store)


def test_two_payments_of_one_order_in_one_batch_are_refused_whole(ledger: Ledger) -> None:
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([
            TopUp(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2"),
            OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
            OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("30", "CHF"), effective=DAY, key="p-2"),
        ])  # fmt: skip
    assert refused.value.index == 2
    assert isinstance(refused.value.error, OrderAlreadyPaid)
    assert (refused.value.error.key, refused.value.error.sequence) == ("p-1", 3)
    assert snapshot(ledger) == before


def test_a_batch_may_pay_reverse_and_pay_an_order_again(ledger: Ledger) -> None:
    posted = ledger.post_many([
        OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
        Reversal(sequence=2, effective=DAY, key="undo-p-1"),
        OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("40", "CHF"), effective=DAY, key="p-2"),
    ])  # fmt: skip
    with ledger.store.reading() as reader:
        assert reader.order_payment("acme", "ORD-7") == posted[2].sequence
    with pytest.raises(AlreadyReversed):
        ledger.reverse(sequence=2, effective=DAY, key="undo-p-1-again")


def test_a_batch_that_pays_an_order_and_reverses_the_payment_leaves_it_unpaid(ledger: Ledger) -> None:
    ledger.post_many([
        OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
        Reversal(sequence=2, effective=DAY, key="undo-p-1"),
    ])  # fmt: skip
    with ledger.store.reading() as reader:
        assert reader.order_payment("acme", "ORD-7") is None
    assert pay(ledger, "p-2").sequence == 4
    check_invariants(ledger.store)


def test_a_batch_that_pays_an_order_again_and_then_undoes_the_first_payments_reversal_is_refused_whole(
    ledger: Ledger,
) -> None:
    first = pay(ledger, "p-1")
    undone = ledger.reverse(sequence=first.sequence, effective=DAY, key="undo-p-1")
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([
            OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("40", "CHF"), effective=DAY, key="p-2"),
            Reversal(sequence=undone.sequence, effective=DAY, key="undo-undo-p-1"),
        ])  # fmt: skip
    assert refused.value.index == 1
    assert isinstance(refused.value.error, OrderAlreadyPaid)
    assert (refused.value.error.key, refused.value.error.sequence) == ("p-2", undone.sequence + 1)
    assert snapshot(ledger) == before


def test_a_batch_that_reverses_a_payment_from_before_it_frees_the_order(ledger: Ledger) -> None:
    first = pay(ledger, "p-1")
    ledger.post_many([
        Reversal(sequence=first.sequence, effective=DAY, key="undo-p-1"),
        OrderPayment(organisation="acme", order_id="ORD-7", amount=Money("40", "CHF"), effective=DAY, key="p-2"),
    ])  # fmt: skip
    assert ledger.balances("acme", "CHF").available == Money("60", "CHF")


def test_payments_of_one_order_in_units_of_work_of_one_store_batch_are_paid_once(tmp_path: Path) -> None:
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False) as store:
        ledger = Ledger(store)
        ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
        with store.batch():
            first = pay(ledger, "p-1")
            with pytest.raises(OrderAlreadyPaid):
                pay(ledger, "p-2")
            assert pay(ledger, "p-1") == first
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", read_only=True) as store:
        reopened = Ledger(store)
        assert [transaction.key for transaction in reopened.journal()] == ["t-1", "p-1"]
        with store.reading() as reader:
            assert reader.order_payment("acme", "ORD-7") == first.sequence


def booked(ledger: Ledger, payment_key: str) -> BookedOrder:
    quote = quote_order(example_programme(), example_price_list(), Order(
        id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-1"]))  # fmt: skip
    return book_order(ledger, quote, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key=payment_key)


@pytest.mark.parametrize("store", STORES)
def test_book_order_of_one_quote_under_two_payment_keys_pays_it_once(store: str, tmp_path: Path) -> None:
    ledger = new_ledger(store, tmp_path)
    try:
        ledger.top_up(organisation="bakery", amount=Money("20", "EUR"), effective=DAY, key="t-1")
        first = booked(ledger, "pay-REN-1")
        before = snapshot(ledger)
        with pytest.raises(OrderAlreadyPaid) as refused:
            booked(ledger, "pay-REN-1-retry")
        assert (refused.value.order_id, refused.value.key) == ("REN-1", "pay-REN-1")
        assert snapshot(ledger) == before
        assert ledger.balances("bakery", "EUR").available == Money("14.25", "EUR")
        assert booked(ledger, "pay-REN-1") == first  # the same key: the booking it made
    finally:
        ledger.store.close()


# -- the store's backstop ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("store", STORES)
def test_a_store_refuses_an_append_that_would_pay_a_paid_order_again_and_changes_nothing(
    store: str, tmp_path: Path
) -> None:
    ledger = new_ledger(store, tmp_path)
    try:
        ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
        first = pay(ledger, "p-1")
        before = snapshot(ledger)
        entry = (3, "t-2", "top_up", DAY, first.recorded_at, ACME.name, RECEIVED.name, 100, False, None, None, ())
        fingerprint = ("top_up", 100, "CHF", "acme", None)
        changes = {ACME: account_balance(100, 0, 0), RECEIVED: account_balance(-100, 0, 0)}
        for orders in (
            {("acme", "ORD-7"): (None, 3)},  # paid again while #2 stands
            {("acme", "ORD-7"): (1, None)},  # the end of a payment that is not the one standing
            {("acme", "ORD-8"): (2, 3)},  # an order nothing pays
        ):
            with pytest.raises((RuntimeError, sqlite3.IntegrityError)), ledger.store.writing() as session:
                session.append([entry], [fingerprint], changes, orders)
            assert snapshot(ledger) == before
    finally:
        ledger.store.close()


# -- the law, over any sequence of payments, retries and reversals ---------------------------------------------------

ORDERS = ("ORD-1", "ORD-2")
KEYS = tuple(f"k-{n}" for n in range(6))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.sampled_from(ORDERS), st.sampled_from(KEYS), st.integers(1, 40), st.booleans()),
        st.tuples(st.just("reverse"), st.integers(1, 12), st.sampled_from(KEYS)),
    ),
    max_size=14,
)


@settings(deadline=None)
@given(steps=steps)
def test_whatever_is_posted_an_order_has_at_most_one_standing_payment_and_the_store_knows_which(
    steps: list[tuple[Any, ...]],
) -> None:
    ledger = Ledger(MemoryLedgerStore())
    ledger.top_up(organisation="acme", amount=Money("500", "CHF"), effective=DAY, key="t-0")
    for step in steps:
        operation: OrderPayment | Reversal
        if step[0] == "pay":
            _, order, key, units, partial = step
            operation = OrderPayment(organisation="acme", order_id=order, amount=Money(units, "CHF"), effective=DAY,
                                     key=key, partial=partial)  # fmt: skip
        else:
            _, sequence, key = step
            operation = Reversal(sequence=sequence, effective=DAY, key=f"undo-{key}")
        before = snapshot(ledger)
        try:
            ledger.post_many([operation])
        except BatchRefused:
            assert snapshot(ledger) == before
    standing = standing_payments(ledger.journal())
    assert all(len(payments) <= 1 for payments in standing.values()), standing
    with ledger.store.reading() as reader:
        for (organisation, order), payments in standing.items():
            assert reader.order_payment(organisation, order) == (payments[0] if payments else None)


def test_a_booking_whose_payment_was_reversed_may_be_booked_again_and_its_cashback_is_not_credited_twice() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="bakery", amount=Money("20", "EUR"), effective=DAY, key="t-1")
    first = booked(ledger, "pay-REN-1")
    assert first.payment is not None
    ledger.reverse(sequence=first.payment.sequence, effective=DAY, key="undo-pay-REN-1")
    again = booked(ledger, "pay-REN-1-again")
    assert again.payment is not None
    assert again.payment.sequence == 5
    assert again.cashback == first.cashback
    assert ledger.balances("bakery", "EUR").available == Money("14.25", "EUR")
    assert ledger.balances("agency", "EUR").available == Money("1.15", "EUR")


@pytest.mark.parametrize("kind", ["cashback", "transfer deposit"])
def test_a_credit_naming_an_order_reversed_and_restored_pays_no_order(ledger: Ledger, kind: str) -> None:
    """A cashback or a cancelled transfer's deposit names its order too, but only a payment pays it: undoing the
    credit's reversal credits it again, and the order is still unpaid, in the ledger and in the audit."""
    if kind == "cashback":
        credit = ledger.credit_cashback(partner="acme", order_id="ORD-7", amount=Money("5", "CHF"), effective=DAY)
    else:
        credit = ledger.deposit_cancelled_transfer(
            payer="acme", order_id="ORD-7", amount=Money("5", "CHF"), effective=DAY, key="d-1"
        )
    undone = ledger.reverse(sequence=credit.sequence, effective=DAY, key="undo-credit")
    ledger.reverse(sequence=undone.sequence, effective=DAY, key="undo-the-undo")
    check_invariants(ledger.store)
    paid = pay(ledger, "pay-ORD-7")
    with ledger.store.reading() as reader:
        assert reader.order_payment("acme", "ORD-7") == paid.sequence
    check_invariants(ledger.store)


def test_an_order_whose_standing_payment_is_missing_from_the_file_is_refused_as_a_corrupt_store(tmp_path: Path) -> None:
    """A row of the index edited by hand to name a transaction the journal lacks: the payment is refused with a typed
    error naming that sequence, and nothing is written."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("INSERT INTO ledger_paid_orders VALUES ('acme', 'ORD-7', 99)")
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        before = snapshot(ledger)
        with pytest.raises(UnknownTransaction) as refused:
            pay(ledger, "pay-ORD-7")
        assert (refused.value.field, refused.value.value) == ("sequence", 99)
        assert snapshot(ledger) == before
