"""The checkout and its booking driven together with the access model: whatever the partnership has become, every
booked order moves exactly its quote's amounts, refusals move nothing, retries move nothing, and the ledger stays
sound."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from infomanager_core.access import Grant, HeldProduct, PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.ledger import InsufficientFunds, Ledger, UnknownAccount, check_invariants, prepaid
from infomanager_core.money import Money
from infomanager_core.orders import BookedOrder, Order, OrderQuote, PrepaidPayment, book_order, quote_order

from .world import MONDAY, world

PRICES = example_price_list()
DAY = date(2026, 3, 2)
GRANTS = st.sampled_from(
    [
        Grant.full(PaymentMeans.CLIENT),
        Grant.full(PaymentMeans.PARTNER),
        Grant.limited({"web-1"}),
        Grant.limited({"web-2"}),
    ]
)
SIDES = st.sampled_from(
    [("bakery", "carl"), ("bakery", "cleo"), ("agency", "paula"), ("agency", "uma"), ("agency", "ulla")]
)


class CheckoutMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.programme = world(Grant.full())
        self.ledger = Ledger()
        self.balances: Counter[tuple[str, str]] = Counter()  # the model: each prepaid account's minor units
        self.booked: list[tuple[OrderQuote, PrepaidPayment, str | None, BookedOrder]] = []
        self.numbers = itertools.count(1)
        self.web = 2

    # -- the programme changes under the orders -----------------------------------------------------------------

    @property
    def partnership(self) -> str | None:
        current = self.programme.active_partnership("bakery")
        return current.id if current else None

    @precondition(lambda self: self.partnership is not None)
    @rule(grant=GRANTS)
    def client_changes_the_grant(self, grant: Grant) -> None:
        self.programme.change_access(str(self.partnership), grant, by="carl", at=MONDAY)

    @precondition(lambda self: self.partnership is not None)
    @rule()
    def client_ends_the_partnership(self) -> None:
        self.programme.end(str(self.partnership), by="carl", at=MONDAY)

    @precondition(lambda self: self.partnership is None)
    @rule(grant=GRANTS)
    def partner_is_invited_again(self, grant: Grant) -> None:
        [sent] = self.programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=MONDAY)
        self.programme.accept(sent.subject, by="carl", at=MONDAY, grant=grant)

    @precondition(lambda self: self.partnership is not None)
    @rule(assigned=st.booleans())
    def partner_assigns_or_unassigns_uma(self, assigned: bool) -> None:
        now = self.programme.assigned_clients("agency", "uma")
        if assigned and "bakery" not in now:
            self.programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=MONDAY)
        elif not assigned and "bakery" in now:
            self.programme.unassign_client(partner="agency", client="bakery", person="uma", by="paula", at=MONDAY)

    @rule()
    def client_installs_a_hosting(self) -> None:
        self.web += 1
        product = HeldProduct(id=f"web-{self.web}", code="web-hosting", family="web-hosting")
        self.programme.add_product("bakery", product, at=MONDAY)

    # -- money ------------------------------------------------------------------------------------------------------

    @rule(
        organisation=st.sampled_from(["bakery", "agency"]),
        currency=st.sampled_from(["CHF", "EUR"]),
        cents=st.integers(1, 50_000),
    )
    def top_up(self, organisation: str, currency: str, cents: int) -> None:
        amount = Money.from_minor_units(cents, currency)
        self.ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=f"t-{next(self.numbers)}")
        self.balances[organisation, currency] += cents

    @rule(
        side=SIDES,
        renew=st.lists(st.integers(1, 8), unique=True, max_size=4),
        quantity=st.integers(1, 40),
        periods=st.integers(1, 12),
        payment=st.sampled_from(list(PrepaidPayment)),
    )
    def order(
        self, side: tuple[str, str], renew: list[int], quantity: int, periods: int, payment: PrepaidPayment
    ) -> None:
        number = next(self.numbers)
        quote = quote_order(self.programme, PRICES, self.order_of(f"ORD-{number}", side, renew, quantity, periods))
        if not quote.allowed:
            event(f"refused: {quote.decision.reason.code}")
            return
        key = None if payment is PrepaidPayment.NONE else f"pay-{number}"
        payer, currency = str(quote.payer), str(quote.currency)
        held, due = self.balances[payer, currency], quote.due
        assert due is not None
        journal = len(list(self.ledger.journal()))
        try:
            booked = book_order(self.ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key)
        except (InsufficientFunds, UnknownAccount):
            assert payment is not PrepaidPayment.NONE
            assert held < due.minor_units() if payment is PrepaidPayment.FULL else held == 0
            assert len(list(self.ledger.journal())) == journal  # nothing, not even the cashback
            event("the ledger refused the payment")
            return
        paid = booked.paid_from_prepaid.minor_units()
        expected = {
            PrepaidPayment.NONE: 0,
            PrepaidPayment.FULL: due.minor_units(),
            PrepaidPayment.PARTIAL: min(held, due.minor_units()),
        }
        assert paid == expected[payment]
        moved = 0 if booked.payment is None else -booked.payment.units_for(prepaid(payer, currency))
        assert paid == moved  # what the booking says was paid is what the ledger took from the balance
        self.balances[payer, currency] -= paid
        if quote.credited is not None:
            self.balances[str(quote.credited_to), currency] += quote.credited.minor_units()
        self.booked.append((quote, payment, key, booked))
        event(f"booked: {', '.join(line.outcome.outcome.value for line in quote.lines)}; {payment.value}")

    @rule(
        side=SIDES,
        renew=st.lists(st.integers(1, 8), unique=True, max_size=4),
        quantity=st.integers(1, 40),
        periods=st.integers(1, 12),
        payment=st.sampled_from([PrepaidPayment.FULL, PrepaidPayment.PARTIAL]),
    )
    def the_payer_tops_up_what_an_order_is_due_then_orders_it(
        self, side: tuple[str, str], renew: list[int], quantity: int, periods: int, payment: PrepaidPayment
    ) -> None:
        """Top-ups of at most 500.00 rarely cover an order of up to 40 hostings for 12 months, so an order paid in
        full from the prepaid balance (and one that also earns cashback) was rare: here the payer first tops up what
        is missing, or a part of it for a partial payment."""
        quote = quote_order(self.programme, PRICES, self.order_of("ORD-quoted", side, renew, quantity, periods))
        if quote.allowed and quote.due is not None:
            payer, currency = str(quote.payer), str(quote.currency)
            missing = quote.due.minor_units() - self.balances[payer, currency]
            if payment is PrepaidPayment.PARTIAL:
                missing //= 2
            if missing > 0:
                self.top_up(payer, currency, missing)
        self.order(side, renew, quantity, periods, payment)

    def order_of(self, id: str, side: tuple[str, str], renew: list[int], quantity: int, periods: int) -> Order:
        """The order of web hostings for the bakery: new ones, or those of ``renew`` it holds."""
        renewing = [f"web-{n}" for n in renew if n <= self.web]
        return Order(
            id=id,
            client="bakery",
            placed_by=side[0],
            by=side[1],
            product="web-hosting",
            quantity=None if renewing else quantity,
            renewing=renewing,
            periods=periods,
        )

    @precondition(lambda self: self.booked)
    @rule(data=st.data())
    def a_booking_is_retried(self, data: st.DataObject) -> None:
        quote, payment, key, booked = data.draw(st.sampled_from(self.booked))
        journal = len(list(self.ledger.journal()))
        assert book_order(self.ledger, quote, effective=DAY, prepaid_payment=payment, payment_key=key) == booked
        assert len(list(self.ledger.journal())) == journal

    # -- laws -----------------------------------------------------------------------------------------------------

    @invariant()
    def every_prepaid_balance_is_the_models(self) -> None:
        for (organisation, currency), cents in self.balances.items():
            found = [
                b.available for b in self.ledger.prepaid_balances(organisation) if b.available.currency == currency
            ]
            assert (found[0].minor_units() if found else 0) == cents

    @invariant()
    def the_ledger_is_sound(self) -> None:
        check_invariants(self.ledger)


TestCheckoutMachine = CheckoutMachine.TestCase
