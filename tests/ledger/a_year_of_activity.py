"""A year of a partner programme's prepaid accounts, written to an SQLite ledger file with the public API only.

From June 2026 to May 2027, two partners (``agency`` in Switzerland, ``studio`` in France) and four clients:
top-ups, orders quoted and booked (paid in full, partially, or not from the balance; cashback, a discount), an order
cancelled during a bank transfer, payouts requested and completed, failed, cancelled (one pending across the year
end), reversals of a payment, a cashback and a top-up, retries, a month-end bank import through ``post_many``, two
entries recorded on the first working day of 2027 for 31 December 2026, and postings on the nights the clocks change
(25 October 2026, 28 March 2027). The clock reads Zurich time, as the service's does.

What the embedding service keeps beside the file is returned with it (:class:`YearOfActivity`): the programme, each
order's quote as it was booked and its explanation, and what was expected of a few retries. The tests of
``test_audit_a_year_later`` read the file back as an auditor would, a year later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs

from infomanager_core import Money
from infomanager_core.access import Grant, HeldProduct, Organisation, PaymentMeans, Person, Programme, Role
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import Iban, Ledger, PayoutCompletion, PayoutRequest, PaypalAddress, TopUp, Transaction
from infomanager_core.orders import Order, OrderQuote, PrepaidPayment, book_order, quote_order

ZURICH = ZoneInfo("Europe/Zurich")
AGENCY_IBAN = Iban("CH93 0076 2011 6238 5295 7")
GARAGE_IBAN = Iban("DE89 3704 0044 0532 0130 00")
STUDIO_PAYPAL = PaypalAddress("compta@studio.fr")


def zurich(year: int, month: int, day: int, hour: int = 10, minute: int = 0, *, fold: int = 0) -> datetime:
    """A moment on the service's wall clock in Zurich (``fold=1``: the second pass of an hour lived twice)."""
    return datetime(year, month, day, hour, minute, fold=fold, tzinfo=ZURICH)


@attrs.define
class WallClock:
    """The service's clock, set before each request is served."""

    now: datetime = attrs.field(factory=lambda: zurich(2026, 6, 1))

    def __call__(self) -> datetime:
        return self.now


@attrs.frozen(kw_only=True)
class YearOfActivity:
    """The ledger file and what the embedding service kept beside it."""

    path: Path
    programme: Programme
    quotes: dict[str, OrderQuote]  # by order id, as booked
    explanations: dict[str, str]  # by order id: quote.explain() when it was booked
    refused: list[tuple[str, str]]  # (key, error name) of the requests the ledger refused along the year
    named: dict[str, int]  # sequences the tests name: "back-dated top-up", "pending at year end"…


def build_year(directory: Path) -> YearOfActivity:
    """Write the year to ``directory / "ledger.sqlite"`` and close it; return the file and the service's state."""
    path = directory / "ledger.sqlite"
    clock = WallClock()
    programme = _programme(clock.now)
    prices = example_price_list()
    quotes: dict[str, OrderQuote] = {}
    explanations: dict[str, str] = {}
    refused: list[tuple[str, str]] = []
    named: dict[str, int] = {}

    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=clock)

        def at(moment: datetime) -> Ledger:
            clock.now = moment
            return ledger

        def book(
            moment: datetime,
            order: Order,
            effective: date,
            payment: PrepaidPayment = PrepaidPayment.NONE,
            *,
            installed: bool = True,
        ) -> tuple[Transaction | None, Transaction | None]:
            clock.now = moment
            quote = quotes.get(order.id) or quote_order(programme, prices, order)  # a retry books the quote kept
            key = None if payment is PrepaidPayment.NONE else f"pay-{order.id}"
            booked = book_order(ledger, quote, effective=effective, prepaid_payment=payment, payment_key=key)
            if order.id in quotes:
                return booked.payment, booked.cashback
            quotes[order.id], explanations[order.id] = quote, quote.explain()
            if installed and order.quantity is not None:  # the platform installs the new hostings: the tier grows
                for n in range(order.quantity):
                    hosting = HeldProduct(id=f"{order.id}-{n + 1}", code=order.product, family=order.product)
                    programme.add_product(order.client, hosting, at=moment)
            return booked.payment, booked.cashback

        def refuse(key: str, attempt: Callable[[], object]) -> None:
            try:
                attempt()
            except InfomanagerError as error:
                refused.append((key, type(error).__name__))
            else:  # pragma: no cover - the year is built to be refused here
                raise AssertionError(f"{key} was not refused")

        def web(order_id: str, client: str, placed_by: str, by: str, quantity: int) -> Order:
            return Order(
                id=order_id, client=client, placed_by=placed_by, by=by, product="web-hosting", quantity=quantity
            )

        def renewal(order_id: str, products: list[str], periods: int) -> Order:
            return Order(
                id=order_id,
                client="florist",
                placed_by="florist",
                by="flora",
                product="web-hosting",
                renewing=products,
                periods=periods,
            )

        def pay_out(moment: datetime, organisation: str, amount: Money, to: Iban | PaypalAddress, key: str) -> int:
            request = at(moment).request_payout(
                organisation=organisation, amount=amount, destination=to, effective=moment.date(), key=key
            )
            return request.sequence

        # June 2026: the bakery tops up and orders five hostings, paid from its balance; the agency earns cashback.
        at(zurich(2026, 6, 2)).top_up(
            organisation="bakery",
            amount=Money("500", "CHF"),
            effective=date(2026, 6, 2),
            key="bank-0602-17",
            reference="ZKB 0602-17",
        )
        ord_2001 = web("ORD-2001", "bakery", "bakery", "carl", 5)
        payment, _ = book(zurich(2026, 6, 15, 14), ord_2001, date(2026, 6, 15), PrepaidPayment.FULL)
        # the checkout timed out and the client clicked again, the next morning: the same booking, nothing new
        again, _ = book(zurich(2026, 6, 16, 8), ord_2001, date(2026, 6, 16), PrepaidPayment.FULL)
        assert again == payment

        # July: the florist tops up and renews its two hostings for a year, partly from its balance (only fl-web-1 is
        # managed by the studio: cashback on that line); the garage's cancelled order's transfer arrives.
        at(zurich(2026, 7, 1)).top_up(
            organisation="florist", amount=Money("40", "EUR"), effective=date(2026, 7, 1), key="sepa-0701-3"
        )
        book(
            zurich(2026, 7, 10),
            renewal("REN-3001", ["fl-web-1", "fl-web-2"], 12),
            date(2026, 7, 10),
            PrepaidPayment.PARTIAL,
        )
        at(zurich(2026, 7, 20)).deposit_cancelled_transfer(
            payer="garage",
            order_id="ORD-2002",
            amount=Money("120", "EUR"),
            effective=date(2026, 7, 20),
            key="bank-ref-7781",
        )

        # August: the agency's payout is sent; the studio's PayPal payout fails.
        request = pay_out(zurich(2026, 8, 3), "agency", Money("5", "CHF"), AGENCY_IBAN, "payout-agency-2026-08")
        at(zurich(2026, 8, 5)).complete_payout(
            request=request, effective=date(2026, 8, 5), key="payout-agency-2026-08-sent"
        )
        request = pay_out(zurich(2026, 8, 10), "studio", Money("3", "EUR"), STUDIO_PAYPAL, "payout-studio-2026-08")
        at(zurich(2026, 8, 12)).fail_payout(
            request=request,
            effective=date(2026, 8, 12),
            key="payout-studio-2026-08-failed",
            reason="PayPal account closed",
        )

        # September: the month-end bank import, one batch; imported twice by mistake, it posts once.
        month_end = [
            TopUp(organisation="bakery", amount=Money("250", "CHF"), effective=date(2026, 9, 30), key="bank-0930-1"),
            TopUp(organisation="cafe", amount=Money("300", "CHF"), effective=date(2026, 9, 30), key="bank-0930-2"),
            TopUp(
                organisation="agency",
                amount=Money("1000", "CHF"),
                effective=date(2026, 9, 30),
                key="bank-0930-3",
                reference="agency float",
            ),
            TopUp(organisation="garage", amount=Money("80", "EUR"), effective=date(2026, 9, 30), key="bank-0930-4"),
        ]
        first_import = at(zurich(2026, 10, 1, 7)).post_many(month_end)
        assert at(zurich(2026, 10, 1, 7, 5)).post_many(month_end) == first_import

        # October: the agency orders for the cafe with its own payment means (a discount: it pays its own price from
        # its balance, no cashback); the night the clocks go back, two top-ups at 02:30, once in each pass.
        book(
            zurich(2026, 10, 12), web("ORD-2004", "cafe", "agency", "paula", 3), date(2026, 10, 12), PrepaidPayment.FULL
        )
        for fold, (amount, key) in enumerate([("10", "card-1025-a"), ("20", "card-1025-b")]):
            at(zurich(2026, 10, 25, 2, 30, fold=fold)).top_up(
                organisation="bakery", amount=Money(amount, "CHF"), effective=date(2026, 10, 25), key=key
            )
        # an order cancelled two days after it was paid: its payment and its cashback are reversed
        payment, cashback = book(
            zurich(2026, 10, 27),
            web("ORD-2005", "bakery", "bakery", "carl", 1),
            date(2026, 10, 27),
            PrepaidPayment.FULL,
            installed=False,
        )
        assert payment is not None
        assert cashback is not None
        for original, key in ((payment, "refund-ORD-2005"), (cashback, "clawback-ORD-2005")):
            undone = at(zurich(2026, 10, 29)).reverse(
                sequence=original.sequence, effective=date(2026, 10, 29), key=key, reason="order ORD-2005 cancelled"
            )
            named[key] = undone.sequence
        named |= {"refunded payment": payment.sequence, "clawed-back cashback": cashback.sequence}

        # November: the cafe's bank sends a top-up twice; the copy is reversed. The agency asks for a payout and
        # cancels it. The day in dispute, 28 November, the bakery pays an order partly from its balance.
        for minute, key in ((0, "bank-1102-5"), (1, "bank-1102-5-copy")):
            copy = at(zurich(2026, 11, 2, 10, minute)).top_up(
                organisation="cafe", amount=Money("200", "CHF"), effective=date(2026, 11, 2), key=key
            )
        undo = at(zurich(2026, 11, 3)).reverse(
            sequence=copy.sequence, effective=date(2026, 11, 3), key="undo-bank-1102-5-copy", reason="imported twice"
        )
        named |= {"top-up sent twice": copy.sequence, "its reversal": undo.sequence}
        request = pay_out(zurich(2026, 11, 16), "agency", Money("400", "CHF"), AGENCY_IBAN, "payout-agency-2026-11")
        at(zurich(2026, 11, 17)).cancel_payout(
            request=request,
            effective=date(2026, 11, 17),
            key="payout-agency-2026-11-cancelled",
            reason="asked by the partner",
        )
        # a worker retrying with other content under the same key is refused, and writes nothing
        refuse(
            "bank-1102-5",
            lambda: at(zurich(2026, 11, 20)).top_up(
                organisation="cafe", amount=Money("250", "CHF"), effective=date(2026, 11, 20), key="bank-1102-5"
            ),
        )
        book(
            zurich(2026, 11, 28, 16),
            web("ORD-2006", "bakery", "bakery", "carl", 100),
            date(2026, 11, 28),
            PrepaidPayment.PARTIAL,
        )

        # December, and the year end: a payout requested on 30 December is still pending on 31 December and sent on
        # 5 January; the bank statement of 31 December is posted on Monday 4 January, dated 31 December, with the
        # florist's renewal signed that day.
        request = pay_out(zurich(2026, 12, 30), "agency", Money("600", "CHF"), AGENCY_IBAN, "payout-agency-2026-12")
        named["pending at year end"] = request
        late = at(zurich(2027, 1, 4, 8, 15)).top_up(
            organisation="bakery",
            amount=Money("150", "CHF"),
            effective=date(2026, 12, 31),
            key="bank-1231-9",
            reference="ZKB 1231-9",
        )
        named["back-dated top-up"] = late.sequence
        _, late_cashback = book(zurich(2027, 1, 4, 8, 20), renewal("REN-3002", ["fl-web-1"], 1), date(2026, 12, 31))
        assert late_cashback is not None
        named["back-dated cashback"] = late_cashback.sequence
        at(zurich(2027, 1, 5)).complete_payout(
            request=request, effective=date(2027, 1, 5), key="payout-agency-2026-12-sent"
        )
        # a top-up dated 4 January, sent once the 5th is posted, is refused: business dates never go backwards
        refuse(
            "sepa-0105-1",
            lambda: at(zurich(2027, 1, 6)).top_up(
                organisation="florist", amount=Money("10", "EUR"), effective=date(2027, 1, 4), key="sepa-0105-1"
            ),
        )

        # January to May 2027: the garage is paid out; the bakery's orders (one paid by card: cashback only); the
        # night the clocks go forward; the studio's payout, this time sent; a batch that requests and completes.
        request = pay_out(zurich(2027, 1, 15), "garage", Money("150", "EUR"), GARAGE_IBAN, "payout-garage-2027-01")
        at(zurich(2027, 1, 18)).complete_payout(
            request=request, effective=date(2027, 1, 18), key="payout-garage-2027-01-sent"
        )
        book(zurich(2027, 2, 10), web("ORD-2007", "bakery", "bakery", "carl", 2), date(2027, 2, 10))
        for hour, (amount, key) in ((1, ("15", "card-0328-a")), (3, ("25", "card-0328-b"))):
            at(zurich(2027, 3, 28, hour, 30)).top_up(
                organisation="cafe", amount=Money(amount, "CHF"), effective=date(2027, 3, 28), key=key
            )
        book(zurich(2027, 4, 6), renewal("REN-3003", ["fl-web-1"], 3), date(2027, 4, 6))
        head = len(at(zurich(2027, 5, 3)).journal())
        at(zurich(2027, 5, 3)).post_many(
            [
                PayoutRequest(
                    organisation="studio",
                    amount=Money("5", "EUR"),
                    destination=STUDIO_PAYPAL,
                    effective=date(2027, 5, 3),
                    key="payout-studio-2027-05",
                ),
                PayoutCompletion(request=head + 1, effective=date(2027, 5, 3), key="payout-studio-2027-05-sent"),
            ]
        )
        book(
            zurich(2027, 5, 31), web("ORD-2008", "bakery", "bakery", "carl", 1), date(2027, 5, 31), PrepaidPayment.FULL
        )
    return YearOfActivity(
        path=path, programme=programme, quotes=quotes, explanations=explanations, refused=refused, named=named
    )


def _programme(since: datetime) -> Programme:
    """The partners, their clients and the partnerships, as the service registered them on 1 June 2026."""
    programme = Programme()
    for person in ("paula", "sophie", "carl", "fred", "flora", "gus"):
        programme.register_person(Person(person, person.title()), at=since)
    lr = Role.LEGAL_REPRESENTATIVE

    def organisation(org: str, country: str, person: str, products: list[str], *, partner: bool = False) -> None:
        held = [HeldProduct(id=product, code="web-hosting", family="web-hosting") for product in products]
        programme.register_organisation(
            Organisation(
                id=org, name=org.title(), country=country, partner=partner, members={person: lr}, products=held
            ),
            at=since,
        )

    organisation("agency", "CH", "paula", [], partner=True)
    organisation("studio", "FR", "sophie", [], partner=True)
    organisation("bakery", "CH", "carl", ["bk-web-1", "bk-web-2"])
    organisation("cafe", "CH", "fred", ["cafe-web-1"])
    organisation("florist", "FR", "flora", ["fl-web-1", "fl-web-2"])
    organisation("garage", "DE", "gus", [])
    for partner, by, client, owner, grant in (
        ("agency", "paula", "bakery", "carl", Grant.full()),
        ("agency", "paula", "cafe", "fred", Grant.full(PaymentMeans.PARTNER)),
        ("studio", "sophie", "florist", "flora", Grant.limited({"fl-web-1"})),
    ):
        [sent] = programme.invite(partner=partner, client=client, grant=grant, by=by, at=since)
        programme.accept(sent.subject, by=owner, at=since)
    return programme
