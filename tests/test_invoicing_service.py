"""An invoicing service built from README.md and docs/*.md alone, as a billing team embeds the library (review48).

A price list loaded from TOML, a partner and three clients (full access paid by the client, limited access, full
access paid by the partner), orders quoted and booked on an SQLite ledger, cashback, an order cancelled during a bank
transfer, top-ups, a payout, the billing notifications and an auto-renewal debited on its day, a statement CSV and
the journal's digest. Every figure is checked against a hand computation, written beside it.

Then the same service from four threads and from two processes, each worker with its own store on one file, some
requests sent twice (a retry that reached another worker) and some workers dying between the quote and the booking:
each order is paid and credited once, and the books add up to the cent.

Run as a script (``python tests/test_invoicing_service.py book FILE FIRST LAST STEP``), this module is one of those
worker processes.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from infomanager_core import Money
from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    PaymentMeans,
    Person,
    Programme,
    Role,
    UnknownOrganisation,
)
from infomanager_core.adapters.price_list_toml import load_price_list, parse_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.errors import InvalidAmount, InvalidInput, UnknownCurrency
from infomanager_core.ledger import (
    BackdatedTransaction,
    Iban,
    IdempotencyConflict,
    Ledger,
    UnknownAccount,
    check_invariants,
    prepaid,
    replay,
)
from infomanager_core.notifications import BillingNotifications, NotificationKind
from infomanager_core.orders import Order, OrderQuote, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import InvalidQuantity, PriceList, UnknownProduct

TARIFF = """
name = "Hosting tariff 2026"

[tiers]
web-hosting = [{ min_count = 10, rate = "0.10" }, { min_count = 35, rate = "0.25" }]
mail-hosting = [{ min_count = 5, rate = "0.05" }]

[products.web-hosting]
family = "web-hosting"
name = "Web hosting"
partner_discount = "0.20"
degressive = true
prices.CHF = { month = "9.92", year = "109.00" }
prices.EUR = { month = "5.75", year = "63.25" }

[products.mail-hosting]
family = "mail-hosting"
name = "Mail hosting"
partner_discount = "0.15"
degressive = true
prices.CHF = { month = "1.90" }
prices.EUR = { month = "1.75" }

[products.domain]
family = "domain"
name = "Domain"
partner_discount = "0.10"
degressive = false
prices.CHF = { year = "13.00" }
prices.EUR = { year = "12.00" }
"""

SIGNED_UP = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAY = date(2026, 11, 2)
ZURICH = ZoneInfo("Europe/Zurich")


def web(organisation: str, name: str) -> HeldProduct:
    return HeldProduct(id=f"{organisation}-web-{name}", code="web-hosting", family="web-hosting")


def the_programme() -> Programme:
    """The agency (CH, partner); the bakery (FR, 8 Web hostings), full access paid by the client; the cafe (CH, two
    Web hostings and a Mail hosting), limited access to one Web hosting; the dental practice (CH), full access paid
    by the partner."""
    programme = Programme()
    for person in ("paula", "adam", "carl", "cora", "dina"):
        programme.register_person(Person(person), at=SIGNED_UP)
    organisations = [
        Organisation(
            id="agency",
            name="Web Agency",
            country="CH",
            partner=True,
            members={"paula": Role.LEGAL_REPRESENTATIVE, "adam": Role.ADMINISTRATOR},
        ),
        Organisation(
            id="bakery",
            name="Boulangerie",
            country="FR",
            members={"carl": Role.LEGAL_REPRESENTATIVE},
            products=[web("bakery", str(i)) for i in range(8)],
        ),
        Organisation(
            id="cafe",
            name="Café du Lac",
            country="CH",
            members={"cora": Role.LEGAL_REPRESENTATIVE},
            products=[
                web("cafe", "1"),
                web("cafe", "2"),
                HeldProduct(id="cafe-mail-1", code="mail-hosting", family="mail-hosting"),
            ],
        ),
        Organisation(id="dental", name="Cabinet Dentaire", country="CH", members={"dina": Role.LEGAL_REPRESENTATIVE}),
    ]
    for organisation in organisations:
        programme.register_organisation(organisation, by=next(iter(organisation.members)), at=SIGNED_UP)
    grants = {
        "bakery": ("carl", Grant.full(PaymentMeans.CLIENT)),
        "cafe": ("cora", Grant.limited({"cafe-web-1"})),
        "dental": ("dina", Grant.full(PaymentMeans.PARTNER)),
    }
    for client, (representative, grant) in grants.items():
        [sent] = programme.invite(partner="agency", client=client, grant=grant, by="paula", at=SIGNED_UP)
        programme.accept(sent.subject, by=representative, at=SIGNED_UP)
    return programme


def the_prices() -> PriceList:
    return parse_price_list(TARIFF, source="tariff.toml")


def test_the_invoicing_story_books_every_figure_to_the_cent(tmp_path: Path) -> None:
    tariff = tmp_path / "tariff.toml"
    tariff.write_text(TARIFF, encoding="utf-8")
    prices = load_price_list(tariff)
    programme = the_programme()
    wall = [datetime(2026, 11, 2, 10, 0, tzinfo=UTC)]
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=lambda: wall[0])
        ledger.top_up(organisation="bakery", amount=Money("100.00", "EUR"), effective=DAY, key="bank-B-1")
        ledger.top_up(organisation="agency", amount=Money("500.00", "CHF"), effective=DAY, key="bank-A-1")

        # Full access, the client's payment means, ordered by the partner: the bakery pays the public price.
        # Tier count 8 held + 4 = 12: 10%. Public 4 × 5.75 = 23.00, less 10% = 20.70; the agency's price
        # 23.00 less 20% = 18.40, less 10% = 16.56; cashback 20.70 − 16.56 = 4.14.
        ord_1 = quote_order(
            programme,
            prices,
            Order(id="ORD-1", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=4),
        )
        assert (ord_1.payer, ord_1.currency, ord_1.tier_count) == ("bakery", "EUR", 12)
        assert (ord_1.due, ord_1.credited_to, ord_1.credited) == (Money("20.70", "EUR"), "agency", Money("4.14", "EUR"))
        booked_1 = book_order(
            ledger, ord_1, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-1"
        )
        assert (booked_1.paid_from_prepaid, booked_1.still_due) == (Money("20.70", "EUR"), Money("0.00", "EUR"))
        for name in ("n1", "n2", "n3", "n4"):  # installed: the next quote counts them
            programme.add_product("bakery", web("bakery", name), by="paula", at=SIGNED_UP)

        # Limited access to cafe-web-1, the cafe renews both Web hostings for a year: tier count 2, 0%; each line
        # 109.00; the managed one earns 109.00 − 87.20 (109.00 less 20%) = 21.80, the other nothing.
        ren_2 = quote_order(
            programme,
            prices,
            Order(
                id="REN-2",
                client="cafe",
                placed_by="cafe",
                by="cora",
                product="web-hosting",
                renewing=["cafe-web-1", "cafe-web-2"],
                period="year",
            ),
        )
        assert [(line.products, line.settlement.due, line.settlement.credited) for line in ren_2.lines] == [
            (("cafe-web-1",), Money("109.00", "CHF"), Money("21.80", "CHF")),
            (("cafe-web-2",), Money("109.00", "CHF"), None),
        ]
        assert (ren_2.due, ren_2.credited) == (Money("218.00", "CHF"), Money("21.80", "CHF"))
        assert book_order(ledger, ren_2, effective=DAY).payment is None  # paid by card, outside the ledger

        # Full access, the partner's payment means, ordered by the partner: the agency pays its own price in its
        # currency, 3 × 13.00 = 39.00 less 10% = 35.10 CHF, and earns nothing.
        ord_3 = quote_order(
            programme,
            prices,
            Order(
                id="ORD-3", client="dental", placed_by="agency", by="adam", product="domain", quantity=3, period="year"
            ),
        )
        assert (ord_3.payer, ord_3.due, ord_3.credited) == ("agency", Money("35.10", "CHF"), None)
        book_order(ledger, ord_3, effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-3")

        # The bakery's ORD-4 was cancelled while its bank transfer was under way; the transfer arrives.
        wall[0] = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
        ledger.deposit_cancelled_transfer(
            payer="bakery",
            order_id="ORD-4",
            amount=Money("57.50", "EUR"),
            effective=date(2026, 11, 3),
            key="bank-ref-4",
        )
        request = ledger.request_payout(
            organisation="agency",
            amount=Money("100.00", "CHF"),
            destination=Iban("CH93 0076 2011 6238 5295 7"),
            effective=date(2026, 11, 3),
            key="payout-A-1",
        )
        # 500.00 + 21.80 − 35.10 = 486.70 posted, 100.00 reserved
        reserved = ledger.balances("agency", "CHF")
        assert (reserved.posted, reserved.pending, reserved.available) == (
            Money("486.70", "CHF"),
            Money("100.00", "CHF"),
            Money("386.70", "CHF"),
        )
        wall[0] = datetime(2026, 11, 4, 10, 0, tzinfo=UTC)
        ledger.complete_payout(request=request.sequence, effective=date(2026, 11, 4), key="payout-A-1-sent")

        # The bakery now holds 12 Web hostings and orders 35 more: 47, the 25% tier. Public 35 × 5.75 = 201.25,
        # less 25% = 150.9375 → 150.94; the agency's price 201.25 → 161.00 → 120.75; cashback 30.19. Its balance,
        # 100.00 − 20.70 + 57.50 = 136.80, pays part; 150.94 − 136.80 = 14.14 is left to pay by another means.
        ord_5 = quote_order(
            programme,
            prices,
            Order(id="ORD-5", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=35),
        )
        assert ord_5.explain().splitlines()[2:8] == [
            "Tier count: bakery holds 12 of family web-hosting, plus the 35 ordered: 47",
            "Line 1: 35 units: cashback: full access with the client's payment means, ordered by the partner for the"
            " client: cashback",
            "  public price: 201.25 EUR; degressive tariff 25% −50.31 EUR → 150.94 EUR",
            "  partner price: 201.25 EUR; partner discount 20% −40.25 EUR → 161.00 EUR; degressive tariff 25% −40.25"
            " EUR → 120.75 EUR",
            "  bakery pays 150.94 EUR (the public price)",
            "  cashback to agency: 150.94 EUR − 120.75 EUR = 30.19 EUR",
        ]
        booked_5 = book_order(
            ledger, ord_5, effective=date(2026, 11, 4), prepaid_payment=PrepaidPayment.PARTIAL, payment_key="pay-ORD-5"
        )
        assert (booked_5.paid_from_prepaid, booked_5.still_due) == (Money("136.80", "EUR"), Money("14.14", "EUR"))
        assert booked_5.payment is not None
        assert booked_5.payment.meta("requested") == "15094"  # what was asked, in cents

        check_invariants(ledger.store)
        assert [(str(b.posted), str(b.pending)) for b in ledger.prepaid_balances("agency")] == [
            ("386.70 CHF", "0.00 CHF"),  # 486.70 − 100.00 paid out
            ("34.33 EUR", "0.00 EUR"),  # 4.14 + 30.19
        ]
        assert ledger.balances("bakery", "EUR").posted == Money("0.00", "EUR")
        november = ledger.statement("bakery", "EUR", start=date(2026, 11, 1), end=date(2026, 11, 30))
        assert statement_csv(november).splitlines() == [
            "account,sequence,effective,kind,reference,amount,currency,balance,recorded_at",
            "prepaid:bakery:EUR,,2026-11-01,opening,,,EUR,0.00,",
            "prepaid:bakery:EUR,1,2026-11-02,top_up,bank-B-1,100.00,EUR,100.00,2026-11-02T10:00:00+00:00",
            "prepaid:bakery:EUR,3,2026-11-02,order_payment,ORD-1,-20.70,EUR,79.30,2026-11-02T10:00:00+00:00",
            "prepaid:bakery:EUR,7,2026-11-03,transfer_deposit,ORD-4,57.50,EUR,136.80,2026-11-03T10:00:00+00:00",
            "prepaid:bakery:EUR,10,2026-11-04,order_payment,ORD-5,-136.80,EUR,0.00,2026-11-04T10:00:00+00:00",
            "prepaid:bakery:EUR,,2026-11-30,closing,,,EUR,0.00,",
        ]
        # 11 transactions: 2 top-ups, ORD-1's payment and cashback, REN-2's cashback, ORD-3's payment, the deposit, the
        # payout's request and completion, ORD-5's payment and cashback
        closed = str(ledger.journal_digest())
        assert closed.startswith("11:im-sha256-1:")

    # The billing notifications: the cafe's managed hosting renews automatically, due on 2 November 2027.
    registry = BillingNotifications()
    registry.add_organisation("cafe", zone=ZURICH, by="cora", at=SIGNED_UP)
    registry.add_product("cafe-web-1", organisation="cafe", due=date(2027, 11, 2), by="cora", at=SIGNED_UP)
    registry.switch_auto_renewal("cafe-web-1", True, by="cora", at=SIGNED_UP)
    assert [(str(n.day), n.kind.value) for n in registry.schedule("cafe-web-1", at=SIGNED_UP)] == [
        ("2027-10-02", "renewal reminder"),  # one month before
        ("2027-10-19", "auto-renewal reminder"),  # 14 days before
        ("2027-10-19", "first debit attempt"),
        ("2027-10-19", "renewal and debit confirmation"),
        ("2027-10-19", "invoice issued"),
        ("2027-10-26", "renewal reminder"),  # one week before
    ]
    # The sending job's run at 06:00 UTC on 18 October 2027: 19 October begins at 22:00 UTC in Zurich (CEST).
    watermark = datetime(2027, 10, 18, 6, 0, tzinfo=UTC)
    due = registry.due_between(watermark, watermark + timedelta(days=1))
    assert [n.kind for n in due] == [
        NotificationKind.AUTO_RENEWAL_REMINDER,
        NotificationKind.DEBIT_ATTEMPT,
        NotificationKind.RENEWAL_CONFIRMATION,
        NotificationKind.INVOICE_ISSUED,
    ]
    [debit] = [n for n in due if n.kind is NotificationKind.DEBIT_ATTEMPT]
    debit_day = datetime(2027, 10, 19, 10, 0, tzinfo=UTC)
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=lambda: debit_day)
        ledger.top_up(organisation="cafe", amount=Money("200.00", "CHF"), effective=debit_day.date(), key="bank-C-1")
        renewal = quote_order(
            programme,
            prices,
            Order(
                id=f"AUTO-{debit.product}-{debit.due}",
                client=registry.organisation(debit.product),
                placed_by="cafe",
                by="cora",
                product="web-hosting",
                renewing=[debit.product],
                period="year",
            ),
        )
        booked = book_order(
            ledger,
            renewal,
            effective=debit_day.date(),
            prepaid_payment=PrepaidPayment.FULL,
            payment_key=f"pay-{renewal.order.id}",
        )
        registry.set_due_date(debit.product, debit.due + relativedelta(years=1), by="cora", at=debit_day)
        # 109.00 from the cafe's 200.00; the agency earns 21.80 again: 386.70 + 21.80 = 408.50
        assert booked.cashback is not None
        assert booked.cashback.units_for(prepaid("agency", "CHF")) == 2180
        assert (ledger.balances("cafe", "CHF").available, ledger.balances("agency", "CHF").available) == (
            Money("91.00", "CHF"),
            Money("408.50", "CHF"),
        )
        check_invariants(ledger.store)
        ledger.verify_digest(closed)  # what came after the period does not count
    assert registry.schedule("cafe-web-1", at=debit_day)[0].due == date(2028, 11, 2)
    registry.check_invariants()
    programme.check_invariants()


def a_quote(**changes: object) -> OrderQuote:
    fields: dict[str, object] = {
        "id": "ORD-9", "client": "bakery", "placed_by": "agency", "by": "paula", "product": "web-hosting", "quantity": 2
    }  # fmt: skip
    return quote_order(the_programme(), the_prices(), Order(**(fields | changes)))  # type: ignore[arg-type]


def a_domain(quantity: int = 1) -> OrderQuote:
    """ORD-9: the agency orders domains for the dental practice and pays them itself, in francs."""
    return a_quote(client="dental", by="adam", product="domain", quantity=quantity, period="year")


def ord_9_booked(ledger: Ledger) -> None:
    book_order(ledger, a_domain(), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-9")


def another_worker_posted_the_next_day(ledger: Ledger) -> None:
    ledger.top_up(organisation="agency", amount=Money("1.00", "CHF"), effective=DAY + timedelta(days=1), key="late-1")


def nothing(ledger: Ledger) -> None:
    pass


# Ten kinds of bad data an invoicing service passes by mistake: what it wrote, the error it gets, the field named,
# and the words that tell it what to do instead.
MISTAKES = {
    "a float amount": (nothing, lambda ledger: Money(20.7, "EUR"), InvalidAmount, "amount", "never a float"),
    "a float given where Money goes": (
        nothing, lambda ledger: ledger.top_up(organisation="bakery", amount=20.7, effective=DAY, key="t-9"),
        InvalidInput, "amount", "e.g. Money('1234.50', 'CHF'), never a float",
    ),
    "a lowercase currency": (
        nothing, lambda ledger: Money("10.00", "eur"), UnknownCurrency, "currency", "did you mean 'EUR'"),
    "an unknown organisation": (
        nothing, lambda ledger: a_quote(client="bakeri"), UnknownOrganisation, "client", "'bakeri'"),
    "an unknown product": (
        nothing, lambda ledger: a_quote(product="webhosting"), UnknownProduct, "product", "web-hosting"),
    "a quantity as text": (nothing, lambda ledger: a_quote(quantity="2"), InvalidQuantity, "quantity", "an int"),
    "a date as text": (
        nothing, lambda ledger: book_order(ledger, a_quote(), effective="2026-11-02"), InvalidInput, "effective",
        "a date",
    ),
    "no payment key to pay from the balance": (
        nothing, lambda ledger: book_order(ledger, a_quote(), effective=DAY, prepaid_payment=PrepaidPayment.FULL),
        InvalidInput, "payment_key", "'pay-ORD-9'",
    ),
    "a payment from a balance of another currency": (
        nothing,
        lambda ledger: book_order(ledger, a_quote(), effective=DAY, prepaid_payment=PrepaidPayment.PARTIAL,
                                  payment_key="pay-ORD-9"),
        UnknownAccount, "account", "top it up",
    ),
    "another quote under a payment key already used": (
        ord_9_booked,
        lambda ledger: book_order(ledger, a_domain(2), effective=DAY, prepaid_payment=PrepaidPayment.FULL,
                                  payment_key="pay-ORD-9"),
        IdempotencyConflict, None, "'pay-ORD-9' already recorded transaction #3",
    ),
    "a date before another worker's": (
        another_worker_posted_the_next_day,
        lambda ledger: book_order(ledger, a_domain(), effective=DAY, prepaid_payment=PrepaidPayment.FULL,
                                  payment_key="pay-ORD-9"),
        BackdatedTransaction, "effective", "date it 2026-11-03",
    ),
}  # fmt: skip


@pytest.mark.parametrize("mistake", MISTAKES)
def test_bad_data_is_refused_naming_the_field_and_what_to_do_and_leaves_the_books_as_they_were(
    mistake: str, tmp_path: Path
) -> None:
    before, call, error, field, advice = MISTAKES[mistake]
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        ledger = Ledger(store, clock=lambda: SIGNED_UP)
        # the bakery (billed in EUR) topped up in francs by mistake: accepted, a second prepaid account
        ledger.top_up(organisation="bakery", amount=Money("50.00", "CHF"), effective=DAY, key="bank-B-CHF")
        ledger.top_up(organisation="agency", amount=Money("500.00", "CHF"), effective=DAY, key="bank-A-1")
        before(ledger)
        books = ledger.journal_digest()
        with pytest.raises(error) as refused:
            call(ledger)
        assert ledger.journal_digest() == books
        check_invariants(store)
    if field is not None:
        assert refused.value.field == field  # type: ignore[attr-defined]
    assert advice in str(refused.value)


def test_a_booking_refused_for_a_date_before_another_workers_is_dated_again_and_posted_once(tmp_path: Path) -> None:
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        ledger = Ledger(store, clock=lambda: SIGNED_UP)
        ledger.top_up(organisation="agency", amount=Money("500.00", "CHF"), effective=DAY, key="bank-A-1")
        another_worker_posted_the_next_day(ledger)
        with pytest.raises(BackdatedTransaction):
            book_order(ledger, a_domain(), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-9")
        dated_again = [
            book_order(ledger, a_domain(), effective=day, prepaid_payment=PrepaidPayment.FULL, payment_key="pay-ORD-9")
            for day in (DAY + timedelta(days=1), DAY + timedelta(days=2))  # and a retry after the next midnight
        ]
        assert dated_again[0] == dated_again[1]
        assert ledger.balances("agency", "CHF").available == Money("489.30", "CHF")  # 500.00 + 1.00 − 11.70


class Crash(Exception):
    """A worker that dies between the quote and the booking: nothing was booked, the request is sent again."""


def the_order(n: int) -> tuple[Order, PrepaidPayment]:
    """Order ``n``: by turns the bakery's Web hostings (1 to 3, from its balance), the cafe's managed renewal (by
    card) and the dental practice's domain (the agency pays, from its balance)."""
    if n % 3 == 0:
        quantity = 1 + n % 4 % 3
        placed = Order(
            id=f"B-{n}", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=quantity
        )
        return placed, PrepaidPayment.FULL
    if n % 3 == 1:
        renewal = Order(
            id=f"C-{n}", client="cafe", placed_by="cafe", by="cora", product="web-hosting", renewing=["cafe-web-1"]
        )
        return renewal, PrepaidPayment.NONE
    domain = Order(
        id=f"D-{n}", client="dental", placed_by="agency", by="adam", product="domain", quantity=1, period="year"
    )
    return domain, PrepaidPayment.FULL


# Order n's (payer, currency, due, credited), computed by hand. The bakery holds 8 Web hostings: 1 ordered is tier
# count 9 (0%): 5.75, the agency's price 5.75 less 20% = 4.60; 2 is 10 (10%): 11.50 → 10.35, 11.50 → 9.20 → 8.28;
# 3 is 11 (10%): 17.25 → 15.525 → 15.53, 17.25 → 13.80 → 12.42. The cafe's renewal: 9.92, the agency's price
# 7.936 → 7.94. The domain: 13.00 less 10% = 11.70, the agency's own price.
BY_HAND = {
    (0, 1): ("bakery", "EUR", Decimal("5.75"), Decimal("1.15")),
    (0, 2): ("bakery", "EUR", Decimal("10.35"), Decimal("2.07")),
    (0, 3): ("bakery", "EUR", Decimal("15.53"), Decimal("3.11")),
    (1, 1): ("cafe", "CHF", Decimal("9.92"), Decimal("1.98")),
    (2, 1): ("agency", "CHF", Decimal("11.70"), Decimal("0")),
}
FUNDS = {"bakery": Money("100000.00", "EUR"), "agency": Money("100000.00", "CHF")}


def by_hand(n: int) -> tuple[str, str, Decimal, Decimal]:
    return BY_HAND[n % 3, 1 + n % 4 % 3 if n % 3 == 0 else 1]


def funded_file(path: Path) -> None:
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=lambda: SIGNED_UP)
        for organisation, amount in FUNDS.items():
            ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=f"bank-{organisation}")


Booked = tuple[str, int | None, int | None]  # an order id, and the sequences of its payment and cashback


def book_in_threads(path: Path, numbers: list[int], resent: list[int], threads: int) -> list[Booked]:
    """Book orders ``numbers`` from ``threads`` workers, each with its own store on ``path``, sharing one programme
    under one lock (docs/ledger.md, "Several workers"); worker ``n % threads`` books order ``n``, and the next worker
    books the orders ``resent`` again; every seventh order's worker dies once between quote and booking."""
    prices, programme, lock = the_prices(), the_programme(), threading.Lock()

    def worker(share: list[int]) -> list[Booked]:
        done: list[Booked] = []
        with SqliteLedgerStore(path) as store:
            ledger = Ledger(store, clock=lambda: SIGNED_UP)
            for n in share:
                placed, paying = the_order(n)
                key = None if paying is PrepaidPayment.NONE else f"pay-{placed.id}"
                for attempt in (1, 2):
                    with lock:  # every query of a shared programme too
                        quote = quote_order(programme, prices, placed)
                    payer, currency, due, credited = by_hand(n)
                    assert (quote.payer, quote.currency, quote.due) == (payer, currency, Money(due, currency))
                    assert (quote.credited or Money(0, currency)) == Money(credited, currency)
                    try:
                        if n % 7 == 0 and attempt == 1:
                            raise Crash(placed.id)
                        booked = book_order(ledger, quote, effective=DAY, prepaid_payment=paying, payment_key=key)
                    except Crash:
                        continue
                    payment, cashback = booked.payment, booked.cashback
                    done.append((placed.id, payment and payment.sequence, cashback and cashback.sequence))
                    break
        return done

    shares = [
        [n for n in numbers if n % threads == w] + [n for n in resent if (n + 1) % threads == w] for w in range(threads)
    ]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [booked for share in pool.map(worker, shares) for booked in share]


def assert_each_order_booked_once_and_the_books_add_up(path: Path, numbers: list[int], booked: list[Booked]) -> None:
    first: dict[str, tuple[int | None, int | None]] = {}
    for order_id, payment, cashback in booked:  # a request sent twice got the same transactions back
        assert first.setdefault(order_id, (payment, cashback)) == (payment, cashback), order_id
    assert len(first) == len(numbers)
    expected: dict[str, Decimal] = collections.defaultdict(Decimal)
    for organisation, amount in FUNDS.items():
        expected[f"prepaid:{organisation}:{amount.currency}"] += amount.amount
    for n in numbers:
        payer, currency, due, credited = by_hand(n)
        if n % 3 != 1:  # paid from the prepaid balance
            expected[f"prepaid:{payer}:{currency}"] -= due
        if credited:
            expected[f"prepaid:agency:{currency}"] += credited
    with SqliteLedgerStore(path, read_only=True) as store:
        ledger = Ledger(store)
        check_invariants(store)
        journal = ledger.journal()
        ledger.verify_digest(str(ledger.journal_digest()))
    payments = collections.Counter(t.meta("order") for t in journal if t.kind.value == "order_payment")
    cashbacks = collections.Counter(t.meta("order") for t in journal if t.kind.value == "cashback")
    assert set(payments.values()) == set(cashbacks.values()) == {1}
    assert len(payments) == sum(1 for n in numbers if n % 3 != 1)
    assert len(cashbacks) == sum(1 for n in numbers if n % 3 != 2)
    assert len(journal) == len(FUNDS) + len(payments) + len(cashbacks)
    balances = replay(journal)
    found = {
        str(account): Money.from_minor_units(balance.posted, account.currency).amount
        for account, balance in balances.items()
        if account.kind.value == "prepaid"
    }
    assert found == expected
    per_currency: dict[str, int] = collections.defaultdict(int)
    for account, balance in balances.items():
        per_currency[account.currency] += balance.posted
    assert per_currency == {"CHF": 0, "EUR": 0}


def test_four_threads_booking_with_retries_and_crashes_book_each_order_once_and_the_books_add_up(
    tmp_path: Path,
) -> None:
    path = tmp_path / "threads.sqlite"
    funded_file(path)
    numbers = list(range(240))
    resent = numbers[::10]  # sent again: a timed-out request retried on another worker
    booked = book_in_threads(path, numbers, resent, threads=4)
    assert len(booked) == len(numbers) + len(resent)
    assert_each_order_booked_once_and_the_books_add_up(path, numbers, booked)


def test_two_processes_booking_on_one_file_book_each_order_once_and_the_books_add_up(tmp_path: Path) -> None:
    path = tmp_path / "processes.sqlite"
    funded_file(path)
    numbers = list(range(120))
    workers = [
        subprocess.Popen([sys.executable, __file__, "book", str(path), str(w)], stdout=subprocess.PIPE, text=True)
        for w in (0, 1)
    ]
    booked: list[Booked] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        booked += [(order_id, payment, cashback) for order_id, payment, cashback in json.loads(out)]
    assert len(booked) == len(numbers) + len(numbers[::5])
    assert_each_order_booked_once_and_the_books_add_up(path, numbers, booked)


def book_from_a_process(path: str, process: int) -> None:
    """Process ``process`` (0 or 1) of two books every other order, and every fifth order of the other's again."""
    mine, others = list(range(process, 120, 2)), list(range(1 - process, 120, 10))
    print(json.dumps(book_in_threads(Path(path), mine + others, [], threads=2)))


if __name__ == "__main__" and sys.argv[1:2] == ["book"]:
    book_from_a_process(sys.argv[2], int(sys.argv[3]))
