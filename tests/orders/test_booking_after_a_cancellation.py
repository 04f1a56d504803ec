"""An order cancelled after booking: its payment and cashback are reversed, and booking it again is refused rather
than answered with transactions that no longer stand (docs/orders.md, "An order cancelled after it was booked")."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from infomanager_core.access import Grant
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import IdempotencyConflict, Ledger, MemoryLedgerStore, check_invariants
from infomanager_core.money import Money
from infomanager_core.orders import BookedOrder, BookingReversed, PrepaidPayment, book_order

from .test_booking import DAY, funded, journal, quoted

LATER = date(2026, 3, 3)


def booked_in_full(ledger: Ledger, key: str = "p-1", effective: date = DAY) -> BookedOrder:
    quote = quoted(Grant.full())
    return book_order(ledger, quote, effective=effective, prepaid_payment=PrepaidPayment.FULL, payment_key=key)


def test_booking_again_an_order_whose_cashback_was_reversed_is_refused_naming_the_order_and_writes_nothing() -> None:
    ledger = funded("bakery", "400", "EUR")
    booked = booked_in_full(ledger)
    ledger.reverse(sequence=booked.payment.sequence, effective=LATER, key="undo-pay", reason="cancelled")
    clawed = ledger.reverse(sequence=booked.cashback.sequence, effective=LATER, key="undo-cb", reason="cancelled")
    before = journal(ledger)
    with pytest.raises(BookingReversed) as refused:
        booked_in_full(ledger, key="p-2")  # a new payment key: the payment alone would be posted again
    assert (refused.value.field, refused.value.value, refused.value.what) == ("quote", "ORD-1", "cashback")
    assert (refused.value.sequence, refused.value.reversal) == (booked.cashback.sequence, clawed.sequence)
    assert "new order id" in str(refused.value)
    assert journal(ledger) == before
    assert ledger.balances("bakery", "EUR").available == Money("400", "EUR")
    check_invariants(ledger)


def test_retrying_a_payment_that_was_reversed_is_refused_naming_its_key() -> None:
    ledger = funded("bakery", "400", "EUR")
    booked = booked_in_full(ledger)
    undone = ledger.reverse(sequence=booked.payment.sequence, effective=LATER, key="undo-pay", reason="refund")
    before = journal(ledger)
    with pytest.raises(BookingReversed) as refused:
        booked_in_full(ledger)  # the same key: the ledger would answer with the reversed payment
    assert (refused.value.field, refused.value.value, refused.value.what) == ("payment_key", "p-1", "payment")
    assert (refused.value.sequence, refused.value.reversal) == (booked.payment.sequence, undone.sequence)
    assert isinstance(refused.value, InvalidInput)
    assert journal(ledger) == before


def test_a_payment_reversed_and_made_again_under_a_new_key_books_with_the_standing_cashback() -> None:
    ledger = funded("bakery", "400", "EUR")
    booked = booked_in_full(ledger)
    ledger.reverse(sequence=booked.payment.sequence, effective=LATER, key="undo-pay", reason="paid twice by mistake")
    again = booked_in_full(ledger, key="p-2", effective=LATER)
    assert again.cashback == booked.cashback  # the cashback stands: credited once, answered again
    assert again.payment is not None
    assert again.payment.sequence > booked.payment.sequence
    assert ledger.balances("bakery", "EUR").available == Money("400", "EUR") - again.paid_from_prepaid
    check_invariants(ledger)


def test_a_reversal_reversed_in_turn_leaves_the_booking_standing_so_a_retry_answers_it() -> None:
    ledger = funded("bakery", "400", "EUR")
    booked = booked_in_full(ledger)
    undo = ledger.reverse(sequence=booked.cashback.sequence, effective=LATER, key="undo-cb", reason="cancelled")
    ledger.reverse(sequence=undo.sequence, effective=LATER, key="redo-cb", reason="not cancelled after all")
    assert booked_in_full(ledger) == booked
    redo = journal(ledger)[-1]
    ledger.reverse(sequence=redo.sequence, effective=LATER, key="undo-again", reason="cancelled for good")
    with pytest.raises(BookingReversed) as refused:  # the first reversal stands again, so the cashback is undone
        booked_in_full(ledger)
    assert (refused.value.sequence, refused.value.reversal) == (booked.cashback.sequence, undo.sequence)


def test_a_booking_reversed_is_refused_on_a_ledger_file_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore

    store = SqliteLedgerStore(tmp_path / "ledger.sqlite")
    try:
        ledger = Ledger(store=store)
        ledger.top_up(organisation="bakery", amount=Money("400", "EUR"), effective=date(2026, 3, 1), key="t-1")
        booked = booked_in_full(ledger)
        ledger.reverse(sequence=booked.cashback.sequence, effective=LATER, key="undo-cb", reason="cancelled")
        with pytest.raises(BookingReversed):
            booked_in_full(ledger, key="p-2")
        assert len(journal(ledger)) == 4
    finally:
        store.close()


def test_a_booking_reversed_is_named_the_same_after_crossing_a_process_boundary() -> None:
    error = BookingReversed("quote", "ORD-1", what="cashback", sequence=3, reversal=5, hint="a new order id")
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.sequence, copy.reversal, copy.what) == (str(error), 3, 5, "cashback")


def test_a_first_booking_is_not_refused_when_nothing_was_recorded_before() -> None:
    booked = book_order(Ledger(store=MemoryLedgerStore()), quoted(Grant.full()), effective=DAY)
    assert booked.cashback is not None
    assert booked.payment is None


def test_a_retried_payment_that_was_reversed_is_refused_saying_it_would_pay_nothing_and_to_pay_under_a_new_key() -> (
    None
):
    ledger = funded("bakery", "400", "EUR")
    booked = booked_in_full(ledger)
    ledger.reverse(sequence=booked.payment.sequence, effective=LATER, key="undo-pay", reason="refund")
    with pytest.raises(BookingReversed) as refused:
        booked_in_full(ledger)
    assert str(refused.value).startswith("payment_key: 'p-1' was booked before and its payment, transaction #")
    assert ": booking it again would pay nothing (pay again under a new payment_key)" in str(refused.value)


@pytest.mark.parametrize("reversed_since", [False, True], ids=["standing", "reversed"])
def test_a_payment_key_that_another_operation_took_is_a_conflict_whether_or_not_that_operation_was_reversed(
    reversed_since: bool,
) -> None:
    """The key names a top-up, not this order's payment: the ledger would not answer the booking with it, so the
    refusal is the ledger's own (the key taken with other content), never "its payment was reversed"."""
    ledger = funded("bakery", "400", "EUR")
    other = ledger.top_up(organisation="bakery", amount=Money("5", "EUR"), effective=DAY, key="p-1")
    if reversed_since:
        ledger.reverse(sequence=other.sequence, effective=LATER, key="undo", reason="sent twice")
    before = journal(ledger)
    with pytest.raises(IdempotencyConflict) as refused:
        booked_in_full(ledger, effective=LATER)
    assert "p-1" in str(refused.value)
    assert journal(ledger) == before
