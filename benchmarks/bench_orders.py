"""Benchmark: the checkout, each figure a ratio to the same answers computed another way in the same run.

* **checkout** — ``quote_order`` on 2,000 varied orders (new and renewals; client members, partner managers, assigned
  and unassigned partner users, strangers; full access with either payment means, limited access, no partnership)
  against the **same library calls made by hand**, as docs/access.md shows them: the access decision, then
  ``order_outcome``, ``billing_currency``, ``hostings_of_family``, ``cashback`` and ``settle_order`` per product. The
  ratio is what the checkout's one call costs over the bare composition: it also checks what the calls by hand do
  not (the person exists; every renewed product is the client's, of the product's code and family) and keeps both
  breakdowns of every line. Goal: ≥ 0.5× (the checkout costs at most as much again as the calls it makes), and
  thousands of orders a second.
* **for scale** — the amounts alone (public price, partner price, cashback) in bare ``Decimal`` from dicts, with no
  access decision, no outcome and no checks.
* **booking** — ``book_order`` of every allowed quote into a funded memory ledger (the payment in full from the prepaid
  balance, and the cashback), against the same operations built by hand from each quote and posted with
  ``Ledger.post_many``, one unit of work per order as ``book_order`` does. Goal: ≥ 0.8×.

The contenders are timed in alternation, in CPU time (``time.process_time``), and the best of each is kept.

Run: ``python benchmarks/bench_orders.py`` (3–10 s: about 3 s of CPU time). Higher ratios are faster; 1.00× is
parity.
"""

from __future__ import annotations

import platform
import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    Outcome,
    PaymentMeans,
    Person,
    Programme,
    Role,
    billing_currency,
    can_order,
    hostings_of_family,
    order_outcome,
    settle_order,
)
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.ledger import CashbackCredit, Ledger, Operation, OrderPayment, TopUp
from infomanager_core.money import Money
from infomanager_core.orders import Order, OrderQuote, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import PriceList, cashback

REPEATS = 7
CLIENTS = 100
ORDERS = 2_000
AT = datetime(2026, 1, 5, 9, tzinfo=UTC)
GRANTS = (Grant.full(PaymentMeans.CLIENT), Grant.full(PaymentMeans.PARTNER), "limited", None)
STAFF = ("paula", "adam", "uma", "ulla")  # legal representative, administrator, assigned user, unassigned user


def best_interleaved(ours: Callable[[], object], baseline: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best CPU time (``time.process_time``) of ``ours`` and of ``baseline``, timed in alternation.

    CPU time rather than the wall clock: on a shared machine another process's work would otherwise count as ours.
    """
    ours_timings, baseline_timings = [], []
    for repeat in range(repeats):
        pair = (ours, ours_timings), (baseline, baseline_timings)
        for run, timings in pair if repeat % 2 else reversed(pair):
            start = time.process_time()
            run()
            timings.append(time.process_time() - start)
    return min(ours_timings), min(baseline_timings)


# -- workload ------------------------------------------------------------------------------------------------------


def programme_and_orders() -> tuple[Programme, list[Order]]:
    """One partner, ``CLIENTS`` clients (a third Swiss) each holding 1–40 Web and 0–12 Mail hostings, and orders."""
    programme = Programme()
    roles = {"paula": Role.LEGAL_REPRESENTATIVE, "adam": Role.ADMINISTRATOR, "uma": Role.USER, "ulla": Role.USER}
    for person in roles:
        programme.register_person(Person(person), at=AT)
    programme.register_organisation(
        Organisation(id="agency", name="Agency", country="CH", partner=True, members=roles), at=AT
    )
    programme.register_person(Person("fred"), at=AT)
    programme.register_organisation(
        Organisation(id="stranger", name="Stranger", country="DE", members={"fred": Role.LEGAL_REPRESENTATIVE}), at=AT
    )
    for index in range(CLIENTS):
        client, owner = f"client-{index}", f"owner-{index}"
        programme.register_person(Person(owner), at=AT)
        web = [
            HeldProduct(id=f"{client}-web-{n}", code="web-hosting", family="web-hosting") for n in range(1 + index % 40)
        ]
        mail = [
            HeldProduct(id=f"{client}-mail-{n}", code="mail-hosting", family="mail-hosting") for n in range(index % 13)
        ]
        programme.register_organisation(
            Organisation(
                id=client,
                name=f"Client {index}",
                country="CH" if index % 3 == 0 else "FR",
                members={owner: Role.LEGAL_REPRESENTATIVE},
                products=[*web, *mail],
            ),
            at=AT,
        )
        grant = GRANTS[index % len(GRANTS)]
        if grant is None:
            continue
        granted = Grant.limited({web[0].id}) if grant == "limited" else grant
        [sent] = programme.invite(partner="agency", client=client, grant=Grant.full(), by="paula", at=AT)
        programme.accept(sent.subject, by=owner, at=AT, grant=granted)
        if index % 2 == 0:
            programme.assign_client(partner="agency", client=client, person="uma", by="paula", at=AT)
    orders = []
    for index in range(ORDERS):
        number = index % CLIENTS
        client = f"client-{number}"
        side = index % 7
        placed_by, by = (
            (client, f"owner-{number}")
            if side < 3
            else ("stranger", "fred")
            if side == 6
            else ("agency", STAFF[side - 2])
        )
        renewal = index % 3 == 0
        web_held = 1 + number % 40
        renewing = [f"{client}-web-{n}" for n in range(0, web_held, 1 + index % 5)][:12] if renewal else []
        orders.append(
            Order(
                id=f"ORD-{index}",
                client=client,
                placed_by=placed_by,
                by=by,
                product="web-hosting",
                quantity=None if renewal else 1 + index % 36,
                renewing=renewing,
                periods=1 + index % 12,
            )
        )
    return programme, orders


# -- the same answers by hand ------------------------------------------------------------------------------------


def by_hand(programme: Programme, prices: PriceList, order: Order) -> tuple[Any, ...]:
    """The calls of docs/access.md, one by one: who may order, the outcome per product, currency, tier, amounts."""
    partnership = programme.active_partnership(order.client)
    if order.placed_by == order.client:
        allowed = programme.role_of(order.by, order.client) is not None
    else:
        allowed = (
            partnership is not None
            and partnership.partner == order.placed_by
            and can_order(programme, order.by, order.client).allowed
        )
    if not allowed:
        return ()
    client = programme.organisation(order.client)
    family = prices.product(order.product).family
    held = hostings_of_family(client, family)
    tier_count = held if order.renewing else held + order.count
    parts: dict[str, tuple[Any, int]] = {}
    for product in order.renewing or (None,):
        outcome = order_outcome(
            client=order.client, placed_by=order.placed_by, partnership=partnership, product=product
        )
        found = parts.get(outcome.reason.code)
        parts[outcome.reason.code] = (outcome, found[1] + 1 if found else 1)
    settled = []
    for outcome, count in parts.values():
        currency = billing_currency(programme.organisation(outcome.invoice_in))
        quantity = count if order.renewing else order.count
        figures = cashback(
            prices, order.product, quantity, currency=currency, tier_count=tier_count, periods=order.periods
        )
        settled.append(settle_order(outcome, figures))
    return tuple(settled)


class BareAmounts:
    """The amounts alone from dicts in bare Decimal: public (degressive), partner (discount then degressive), cashback."""

    def __init__(self, prices: PriceList) -> None:
        self.cent = Decimal("0.01")
        self.unit = {
            currency: product.price(currency).amount
            for product in [prices.product("web-hosting")]
            for currency in ("CHF", "EUR")
        }
        self.discount = prices.product("web-hosting").partner_discount
        tiers = prices.tiers["web-hosting"]
        self.bounds = [tier.min_count for tier in tiers]
        self.rates = [Decimal(0)] + [tier.rate for tier in tiers]

    def amounts(self, currency: str, quantity: int, count: int, periods: int) -> tuple[Decimal, Decimal, Decimal]:
        rate = self.rates[bisect_right(self.bounds, count)]
        amount = (self.unit[currency] * quantity * periods).quantize(self.cent, ROUND_HALF_UP)
        public = (amount * (1 - rate)).quantize(self.cent, ROUND_HALF_UP)
        discounted = (amount * (1 - self.discount)).quantize(self.cent, ROUND_HALF_UP)
        partner = (discounted * (1 - rate)).quantize(self.cent, ROUND_HALF_UP)
        return public, partner, public - partner


def funded(allowed: list[OrderQuote]) -> Ledger:
    """A memory ledger where every payer of ``allowed`` holds 100,000 CHF and 100,000 EUR."""
    ledger = Ledger()
    payers = sorted({str(quote.payer) for quote in allowed})
    ledger.post_many(
        TopUp(organisation=payer, amount=Money("100000", code), effective=date(2026, 3, 1), key=f"t-{payer}-{code}")
        for payer in payers
        for code in ("CHF", "EUR")
    )
    return ledger


def operations(quote: OrderQuote) -> list[Operation]:
    """What book_order posts for ``quote``, built by hand: the payment in full, then the cashback if any."""
    due, credited, payer = quote.due, quote.credited, str(quote.payer)
    assert due is not None
    built: list[Operation] = []
    if not due.is_zero():
        built.append(
            OrderPayment(
                organisation=payer,
                order_id=quote.order.id,
                amount=due,
                effective=date(2026, 3, 2),
                key=f"pay-{quote.order.id}",
            )
        )
    if credited is not None and not credited.is_zero():
        built.append(
            CashbackCredit(
                partner=str(quote.credited_to), order_id=quote.order.id, amount=credited, effective=date(2026, 3, 2)
            )
        )
    return built


def book_all(ledger: Ledger, allowed: list[OrderQuote]) -> None:
    """``book_order`` of every quote: the payment in full from the prepaid balance, and the cashback."""
    for quote in allowed:
        book_order(
            ledger,
            quote,
            effective=date(2026, 3, 2),
            prepaid_payment=PrepaidPayment.FULL,
            payment_key=f"pay-{quote.order.id}",
        )


def post_all(ledger: Ledger, allowed: list[OrderQuote]) -> None:
    """The same operations built by hand and posted with ``post_many``, one unit of work per order."""
    for quote in allowed:
        ledger.post_many(operations(quote))


def main() -> None:
    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    prices = example_price_list()
    programme, orders = programme_and_orders()
    quotes = [quote_order(programme, prices, order) for order in orders]
    allowed = [quote for quote in quotes if quote.allowed]
    for quote in allowed:  # the two ways agree before either is timed
        assert tuple(line.settlement for line in quote.lines) == by_hand(programme, prices, quote.order)
    kinds = sorted({line.outcome.outcome.value for quote in allowed for line in quote.lines})
    print(
        f"orders  {len(orders):,} ({len(allowed):,} allowed, {sum(q.order.is_renewal for q in quotes):,} renewals; {', '.join(kinds)})"
    )

    ours, hand = best_interleaved(
        lambda: [quote_order(programme, prices, order) for order in orders],
        lambda: [by_hand(programme, prices, order) for order in orders],
        REPEATS,
    )
    print(
        f"checkout  quote_order {len(orders) / ours:,.0f} orders/s; the same calls by hand {len(orders) / hand:,.0f}/s"
        f" -> {hand / ours:.2f}x (goal >= 0.5x)"
    )

    bare = BareAmounts(prices)
    work = [
        (quote.currency, line.quantity, quote.tier_count, quote.order.periods)
        for quote in allowed
        for line in quote.lines
    ]
    _, bare_time = best_interleaved(lambda: None, lambda: [bare.amounts(*args) for args in work], REPEATS)
    print(
        f"scale     the amounts alone in bare Decimal (no access, no outcome, no checks): {len(work) / bare_time:,.0f} lines/s"
        f" -> quote_order is {bare_time / ours * len(orders) / len(work):.3f}x of it per order"
    )

    ledgers = [funded(allowed) for _ in range(2 * REPEATS)]  # each contender posts to a fresh, funded ledger
    booked, posted = best_interleaved(
        lambda: book_all(ledgers.pop(), allowed), lambda: post_all(ledgers.pop(), allowed), REPEATS
    )
    cashback_lines = sum(1 for quote in allowed for line in quote.lines if line.outcome.outcome is Outcome.CASHBACK)
    print(
        f"booking   book_order, payment in full and cashback, {len(allowed) / booked:,.0f} orders/s; the same"
        f" operations by hand with post_many {len(allowed) / posted:,.0f}/s -> {posted / booked:.2f}x (goal >= 0.8x);"
        f" {cashback_lines:,} cashback lines"
    )


if __name__ == "__main__":
    main()
