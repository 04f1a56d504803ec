"""book_order's arguments: a payment key must be a printable id (one that is not is refused by name and nothing is
paid; a key is never made one with ``str()``, as ``5`` or ``b"p"`` would be, since a retry passing the same object
would not find it and a typo'd key would pay twice), paying from the balance without a key says why one is needed,
and a booked order is built by keyword only.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from infomanager_core.access import Grant
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money
from infomanager_core.orders import (
    BookedOrder,
    Order,
    OrderQuote,
    OrderRefused,
    PrepaidPayment,
    book_order,
    quote_order,
)

from .world import world

PRICES = example_price_list()
DAY = date(2026, 3, 2)


def quoted(grant: Grant | None = None, quantity: int = 1) -> OrderQuote:
    placed = Order(id="ORD-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", quantity=quantity)
    return quote_order(world(grant), PRICES, placed)


def funded(amount: str = "500") -> Ledger:
    ledger = Ledger()
    ledger.top_up(organisation="bakery", amount=Money(amount, "EUR"), effective=date(2026, 3, 1), key="t-1")
    return ledger


@pytest.mark.parametrize("key", [5, b"p-1", ["p-1"], "", " p-1", "p\n1"], ids=repr)
@pytest.mark.parametrize("payment", [PrepaidPayment.FULL, PrepaidPayment.PARTIAL])
def test_a_payment_key_that_is_no_printable_id_is_refused_naming_it_and_nothing_is_paid(
    key: object, payment: PrepaidPayment
) -> None:
    ledger = funded()
    before = list(ledger.journal())
    with pytest.raises(InvalidInput) as raised:
        book_order(ledger, quoted(), effective=DAY, prepaid_payment=payment, payment_key=key)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("payment_key", key)
    assert list(ledger.journal()) == before


def test_a_booked_order_is_built_by_keyword_only() -> None:
    booked = book_order(Ledger(), quoted(), effective=DAY)
    with pytest.raises(TypeError):
        type(booked)(booked.quote, None, None, booked.paid_from_prepaid)  # type: ignore[misc]
    rebuilt = type(booked)(quote=booked.quote, payment=None, cashback=None, paid_from_prepaid=booked.paid_from_prepaid)
    assert rebuilt == booked


def test_paying_from_the_balance_without_a_key_says_why_a_key_is_needed_and_suggests_one() -> None:
    ledger = funded()
    with pytest.raises(InvalidInput) as raised:
        book_order(ledger, quoted(), effective=DAY, prepaid_payment=PrepaidPayment.PARTIAL)
    assert (raised.value.field, raised.value.value, raised.value.hint) == ("payment_key", None, "e.g. 'pay-ORD-1'")
    assert raised.value.rule == "must be given to pay from the prepaid balance: a retry repeats it and pays once"


def test_a_quote_with_lines_but_no_currency_is_refused_when_made() -> None:
    """A quote is ``quote_order``'s, but its class is public: one made by hand with lines and no currency would have
    no amount due, and booking it failed on an ``assert`` (nothing at all under ``python -O``)."""
    with pytest.raises(InvalidInput) as raised:
        attrs.evolve(quoted(), currency=None)
    assert (raised.value.field, raised.value.value) == ("currency", None)


@pytest.mark.parametrize(
    "missing", [{"due": None, "payer": None}, {"due": None}, {"payer": None}], ids=["neither", "no due", "no payer"]
)
def test_a_quote_with_a_line_that_lacks_its_payer_or_its_amount_due_is_refused_when_made(
    missing: dict[str, None],
) -> None:
    """Each figure of a quote reads both: a line with an amount due and no one to pay it is no more a quote's than a
    line with a payer and nothing due."""
    allowed = quoted()
    [line] = allowed.lines
    unpaid = attrs.evolve(line, settlement=attrs.evolve(line.settlement, **missing))
    with pytest.raises(InvalidInput) as raised:
        attrs.evolve(allowed, lines=(unpaid,))
    assert raised.value.field == "lines"


def test_a_booked_order_of_a_refused_quote_is_refused_when_made() -> None:
    """Only an allowed quote is booked: a booked order made by hand of a refused one would owe nothing it could say."""
    refused = quoted(quantity=1)
    refused = attrs.evolve(refused, decision=attrs.evolve(refused.decision, allowed=False), lines=(), currency=None)
    with pytest.raises(InvalidInput) as raised:
        BookedOrder(quote=refused, payment=None, cashback=None, paid_from_prepaid=Money("0", "EUR"))
    assert (raised.value.field, raised.value.value) == ("quote", refused)


def test_a_booked_order_of_something_else_than_a_quote_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput) as raised:
        BookedOrder(quote="Q-17", payment=None, cashback=None, paid_from_prepaid=Money("0", "EUR"))  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("quote", "Q-17")


def test_a_quote_made_by_hand_with_an_allowed_decision_and_no_lines_is_not_allowed_and_books_nothing() -> None:
    """A quote is allowed only with lines to pay: one made by hand without them owes nothing, names no payer, is
    explained as owing nothing, and booking it is refused as a refused quote is."""
    empty = attrs.evolve(quoted(), lines=())
    assert empty.decision.allowed
    assert (empty.allowed, empty.payer, empty.due, empty.credited_to, empty.credited) == (False, None, None, None, None)
    assert empty.explain().endswith("Nothing is due and nothing is credited.")
    ledger = funded()
    before = list(ledger.journal())
    with pytest.raises(OrderRefused):
        book_order(ledger, empty, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="p-1")
    assert list(ledger.journal()) == before
