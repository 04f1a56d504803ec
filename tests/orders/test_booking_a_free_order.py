"""An order that costs nothing (a price list may give a product for 0.00) asks nothing of the prepaid balance: booking
it to be paid from the balance posts no payment, so it books on a ledger where the payer holds nothing at all."""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core.ledger import Ledger
from infomanager_core.money import Money
from infomanager_core.orders import Order, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import PriceList, Product

from .world import world

FREE = Product(
    code="web-hosting",
    family="web-hosting",
    name="Web hosting, first month free",
    prices={("EUR", "month"): Money("0.00", "EUR")},
    partner_discount="0",
    degressive=False,
)


@pytest.mark.parametrize("payment", [PrepaidPayment.FULL, PrepaidPayment.PARTIAL])
def test_a_free_order_paid_from_the_balance_posts_no_payment(payment: PrepaidPayment) -> None:
    placed = Order(id="ORD-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", quantity=2)
    quote = quote_order(world(None), PriceList(name="free", products=[FREE]), placed)
    assert quote.due == Money("0.00", "EUR")
    ledger = Ledger()
    booked = book_order(ledger, quote, effective=date(2026, 3, 2), prepaid_payment=payment, payment_key="p-1")
    assert (booked.payment, booked.cashback, booked.paid_from_prepaid, booked.still_due) == (
        None,
        None,
        Money("0.00", "EUR"),
        Money("0.00", "EUR"),
    )
    assert list(ledger.journal()) == []
