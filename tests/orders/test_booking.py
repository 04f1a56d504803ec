"""book_order: the payment from the prepaid balance and the cashback of a quoted order, all or nothing, once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import Grant, PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import InsufficientFunds, Ledger, ReservedKey, UnknownAccount, check_invariants
from infomanager_core.money import Money
from infomanager_core.orders import Order, OrderQuote, OrderRefused, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import PriceList, Product

from .world import world

PRICES = example_price_list()
DAY = date(2026, 3, 2)


def quoted(grant: Grant | None, placed_by: str = "bakery", by: str = "carl", quantity: int = 33) -> OrderQuote:
    placed = Order(id="ORD-1", client="bakery", placed_by=placed_by, by=by, product="web-hosting", quantity=quantity)
    return quote_order(world(grant), PRICES, placed)


def funded(organisation: str, amount: str, currency: str) -> Ledger:
    ledger = Ledger()
    if not Money(amount, currency).is_zero():
        ledger.top_up(organisation=organisation, amount=Money(amount, currency), effective=date(2026, 3, 1), key="t-1")
    return ledger


def available(ledger: Ledger, organisation: str, currency: str) -> int:
    """The available balance in minor units, 0 for an account never credited (which ``balances`` refuses)."""
    found = [b.available for b in ledger.prepaid_balances(organisation) if b.available.currency == currency]
    return found[0].minor_units() if found else 0


def journal(ledger: Ledger) -> list[object]:
    return list(ledger.journal())


def test_a_cashback_order_credits_the_partner_once_however_often_it_is_booked() -> None:
    ledger = Ledger()
    quote = quoted(Grant.full())
    first = book_order(ledger, quote, effective=DAY)
    again = book_order(ledger, quote, effective=DAY)
    assert first == again
    assert (first.payment, first.paid_from_prepaid, first.still_due) == (
        None,
        Money("0", "EUR"),
        Money("142.31", "EUR"),
    )
    assert ledger.balances("agency", "EUR").available == Money("28.46", "EUR")
    assert len(journal(ledger)) == 1
    check_invariants(ledger)


def test_paying_in_full_from_the_balance_posts_the_payment_and_the_cashback_together() -> None:
    ledger = funded("bakery", "200", "EUR")
    booked = book_order(
        ledger, quoted(Grant.full()), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="p-1"
    )
    assert (booked.paid_from_prepaid, booked.still_due) == (Money("142.31", "EUR"), Money("0", "EUR"))
    assert ledger.balances("bakery", "EUR").available == Money("57.69", "EUR")
    assert ledger.balances("agency", "EUR").available == Money("28.46", "EUR")
    assert [booked.payment.sequence, booked.cashback.sequence] == [2, 3]
    check_invariants(ledger)


def test_a_balance_too_small_to_pay_in_full_refuses_the_order_and_credits_no_cashback() -> None:
    ledger = funded("bakery", "100", "EUR")
    before = journal(ledger)
    with pytest.raises(InsufficientFunds):
        book_order(ledger, quoted(Grant.full()), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="p-1")
    assert journal(ledger) == before
    assert ledger.prepaid_balances("agency") == ()


def test_paying_partially_takes_what_the_balance_holds_and_leaves_the_rest_due() -> None:
    ledger = funded("bakery", "100", "EUR")
    booked = book_order(
        ledger, quoted(Grant.full()), effective=DAY, prepaid_payment=PrepaidPayment.PARTIAL, payment_key="p-1"
    )
    assert (booked.paid_from_prepaid, booked.still_due) == (Money("100", "EUR"), Money("42.31", "EUR"))
    assert ledger.balances("bakery", "EUR").available == Money("0", "EUR")


def test_a_discount_order_is_paid_by_the_partner_in_its_own_currency_and_earns_no_cashback() -> None:
    ledger = funded("agency", "500", "CHF")
    quote = quoted(Grant.full(PaymentMeans.PARTNER), placed_by="agency", by="paula")
    booked = book_order(ledger, quote, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="p-1")
    assert (booked.paid_from_prepaid, booked.cashback) == (Money("196.42", "CHF"), None)
    assert ledger.balances("agency", "CHF").available == Money("303.58", "CHF")


def test_an_order_that_earns_nothing_and_is_not_paid_from_the_balance_posts_nothing() -> None:
    ledger = Ledger()
    booked = book_order(ledger, quoted(None), effective=DAY)
    assert (booked.payment, booked.cashback, booked.still_due) == (None, None, Money("142.31", "EUR"))
    assert journal(ledger) == []


def test_a_refused_quote_cannot_be_booked_and_says_why() -> None:
    ledger = Ledger()
    quote = quoted(Grant.limited({"web-1"}), placed_by="agency", by="paula")
    with pytest.raises(OrderRefused) as raised:
        book_order(ledger, quote, effective=DAY)
    assert (raised.value.field, raised.value.value) == ("quote", "ORD-1")
    assert raised.value.decision.reason.code == "limited-access-cannot-order"
    assert journal(ledger) == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"ledger": "ledger.db"}, "ledger"),
        ({"quote": "ORD-1"}, "quote"),
        ({"prepaid_payment": "full"}, "prepaid_payment"),
        ({"prepaid_payment": PrepaidPayment.FULL}, "payment_key"),
        ({"payment_key": "p-1"}, "payment_key"),
    ],
)
def test_book_order_refuses_bad_arguments_naming_them_and_writes_nothing(
    arguments: dict[str, object], field: str
) -> None:
    ledger = funded("bakery", "500", "EUR")
    before = journal(ledger)
    given_: dict[str, object] = {"ledger": ledger, "quote": quoted(Grant.full()), **arguments}
    with pytest.raises(InvalidInput) as raised:
        book_order(given_.pop("ledger"), given_.pop("quote"), effective=DAY, **given_)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert journal(ledger) == before


@given(
    grant=st.sampled_from(
        [Grant.full(PaymentMeans.CLIENT), Grant.full(PaymentMeans.PARTNER), Grant.limited({"web-1"}), None]
    ),
    side=st.sampled_from([("bakery", "carl"), ("agency", "paula")]),
    quantity=st.integers(1, 60),
    balance=st.integers(0, 40_000),
    payment=st.sampled_from(list(PrepaidPayment)),
)
def test_booking_moves_exactly_the_quoted_amounts_or_nothing(
    grant: Grant | None, side: tuple[str, str], quantity: int, balance: int, payment: PrepaidPayment
) -> None:
    quote = quoted(grant, *side, quantity=quantity)
    if not quote.allowed:
        return
    payer, currency = quote.payer, quote.currency
    ledger = funded(payer, str(Money.from_minor_units(balance, currency).amount), currency)
    key = None if payment is PrepaidPayment.NONE else "p-1"
    # the ledger's own refusals of pay_order: a payer never credited, nothing to take, or too little for FULL
    refusal: type[Exception] | None = None
    if payment is not PrepaidPayment.NONE and balance == 0:
        refusal = UnknownAccount
    elif payment is PrepaidPayment.FULL and balance < quote.due.minor_units():
        refusal = InsufficientFunds
    if refusal is not None:
        with pytest.raises(refusal):
            book_order(ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key)
        assert len(journal(ledger)) == (1 if balance else 0)  # the top-up alone: no cashback either
        return
    booked = book_order(ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key)
    paid = booked.paid_from_prepaid
    expected = {
        PrepaidPayment.NONE: 0,
        PrepaidPayment.FULL: quote.due.minor_units(),
        PrepaidPayment.PARTIAL: min(balance, quote.due.minor_units()),
    }[payment]
    assert paid.minor_units() == expected
    assert paid + booked.still_due == quote.due
    assert available(ledger, payer, currency) == balance - expected
    credited = quote.credited.minor_units() if quote.credited else 0
    if payer != "agency":  # the agency's own balance moved only by the payment above
        assert available(ledger, "agency", currency) == credited
    check_invariants(ledger)


@pytest.mark.parametrize("effective", ["2026-03-02", datetime(2026, 3, 2, tzinfo=UTC), None])
def test_a_bad_business_date_is_refused_even_when_nothing_would_be_posted(effective: object) -> None:
    """An order that earns nothing, not paid from the balance, posts nothing; its date is still checked, so the same
    mistake is refused whatever the order."""
    with pytest.raises(InvalidInput) as raised:
        book_order(Ledger(), quoted(None), effective=effective)  # type: ignore[arg-type]
    assert raised.value.field == "effective"


def test_what_the_balance_paid_is_written_in_minor_units_even_when_it_paid_nothing() -> None:
    # an invoice prints it beside the amount due: "0 EUR" beside "142.31 EUR" reads as a mistake
    ledger = Ledger()
    booked = book_order(ledger, quoted(Grant.full()), effective=DAY)
    assert (repr(booked.paid_from_prepaid), repr(booked.still_due)) == (
        "Money('0.00', 'EUR')",
        "Money('142.31', 'EUR')",
    )
    assert str(booked.paid_from_prepaid) == "0.00 EUR"


def test_a_payment_key_in_the_cashback_namespace_is_refused_naming_payment_key_and_nothing_is_written() -> None:
    ledger = funded("bakery", "500", "EUR")
    before = journal(ledger)
    with pytest.raises(ReservedKey) as refused:
        book_order(
            ledger, quoted(Grant.full()), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="cashback:A"
        )
    assert str(refused.value).startswith("payment_key: 'cashback:A' must not begin with 'cashback:'")
    assert refused.value.field == "payment_key"
    assert journal(ledger) == before


def test_a_cashback_of_nothing_credits_the_partner_nothing_and_posts_nothing() -> None:
    """A product sold to partners at its public price earns a cashback of 0.00: booking it posts no credit."""
    flat = Product(
        code="web-hosting",
        family="web-hosting",
        name="Web hosting",
        prices={("EUR", "month"): Money("4.31", "EUR")},
        partner_discount=Decimal(0),
        degressive=False,
    )
    placed = Order(id="ORD-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", quantity=3)
    quote = quote_order(world(Grant.full()), PriceList(name="flat", products=[flat], tiers={}), placed)
    assert (quote.credited_to, quote.credited) == ("agency", Money("0", "EUR"))
    ledger = Ledger()
    booked = book_order(ledger, quote, effective=DAY)
    assert (booked.cashback, booked.still_due) == (None, Money("12.93", "EUR"))
    assert journal(ledger) == []
