"""Who earns what on an order or renewal (SPEC §3.4): the library agrees with the plain oracle of
``tests/pricing/oracle.py`` in every combination of partnership state, access level, payment-means setting, who places
the order and whether the product is managed, and to the cent on what is paid and credited.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    PaymentMeans,
    Person,
    Programme,
    Role,
    order_outcome,
    settle_order,
)
from infomanager_core.access.partnership import Partnership
from infomanager_core.ledger import Ledger
from infomanager_core.orders import Order, book_order, quote_order
from tests import strategies as s
from tests.pricing import oracle

MONDAY = datetime(2026, 1, 5, 9, tzinfo=UTC)
STATES = ("none", "pending", "ended", "active")
ACCESS = ("full", "limited")
MEANS = ("client", "partner")
SIDES = ("client", "partner")
ORG = {"client": "bakery", "partner": "agency", None: None}
MANAGED, UNMANAGED = "web-1", "web-2"  # a limited grant covers web-1 only


def grant_for(access: str, means: str) -> Grant:
    if access == "full":
        return Grant.full(PaymentMeans.CLIENT if means == "client" else PaymentMeans.PARTNER)
    return Grant.limited({MANAGED})


def programme_in(
    state: str,
    grant: Grant,
    *,
    client_country: str = "FR",
    partner_country: str = "CH",
    held: dict[str, int] | None = None,
) -> Programme:
    """Agency (partner, legal representative paula) and bakery (client, legal representative carl), the bakery holding
    ``held`` hostings per product code (web-1 and web-2 at least), their partnership in ``state``."""
    held = {"web-hosting": 2} | (held or {})
    products = [
        HeldProduct(id=f"{code.split('-')[0]}-{n}", code=code, family=code)
        for code, count in held.items()
        for n in range(1, count + 1)
    ]
    programme = Programme()
    for person in ("paula", "carl"):
        programme.register_person(Person(person), at=MONDAY)
    programme.register_organisation(
        Organisation(
            id="agency",
            name="Agency",
            country=partner_country,
            partner=True,
            members={"paula": Role.LEGAL_REPRESENTATIVE},
        ),
        at=MONDAY,
    )
    programme.register_organisation(
        Organisation(
            id="bakery",
            name="Bakery",
            country=client_country,
            members={"carl": Role.LEGAL_REPRESENTATIVE},
            products=products,
        ),
        at=MONDAY,
    )
    if state == "none":
        return programme
    [sent] = programme.invite(partner="agency", client="bakery", grant=grant, by="paula", at=MONDAY)
    if state == "pending":
        return programme
    programme.accept(sent.subject, by="carl", at=MONDAY)
    if state == "ended":
        current = programme.active_partnership("bakery")
        assert current is not None
        programme.end(current.id, by="carl", at=MONDAY + timedelta(days=1))
    return programme


def partnership_of(programme: Programme) -> Partnership | None:
    """The client's partnership as order_outcome takes it: the active one, else the last one (ended), else None."""
    return programme.active_partnership("bakery") or next(
        (p for p in reversed(programme.partnerships) if p.client == "bakery"), None
    )


COMBINATIONS = list(itertools.product(STATES, ACCESS, MEANS, SIDES, (MANAGED, UNMANAGED, None)))


@pytest.mark.parametrize(("state", "access", "means", "placed_by", "product"), COMBINATIONS)
def test_every_row_of_the_table_has_the_oracles_outcome_payer_invoice_and_installation(
    state: str, access: str, means: str, placed_by: str, product: str | None
) -> None:
    programme = programme_in(state, grant_for(access, means))
    partnership = partnership_of(programme)
    assert (partnership is not None and partnership.is_active) == (state == "active")
    library = order_outcome(client="bakery", placed_by=ORG[placed_by], partnership=partnership, product=product)
    # A new product (None) is not yet one of the products a limited grant covers.
    expected = oracle.order_outcome(
        partnership=state, access=access, payment_means=means, placed_by=placed_by, managed=product == MANAGED
    )
    assert library.outcome.value == expected["outcome"]
    assert (library.payer, library.invoice_in, library.installed_in) == (
        ORG[expected["payer"]],
        ORG[expected["invoice_in"]],
        ORG[expected["installed_in"]],
    )
    # SPEC §3.4, "who pays": whoever pays pays with its own payment means ("client's payment means" in row 2).
    assert library.payment_means_of == library.payer
    assert library.cashback_to == ("agency" if expected["outcome"] == oracle.CASHBACK else None)


@st.composite
def priced_lines(draw: st.DrawFn) -> tuple[dict, str, dict]:
    """A raw price list with one product per family, a currency, and a line of it (hostings the client holds)."""
    currency_code = draw(st.sampled_from(("CHF", "EUR")))
    raw = draw(s.raw_price_lists(currency_code, one_per_family=True))
    quantity = draw(st.integers(1, 50))
    line = {
        "code": draw(st.sampled_from(sorted(raw["products"]))),
        "period": draw(st.sampled_from(s.ORACLE_PERIODS)),
        "quantity": quantity,
        "periods": draw(st.integers(1, 24)),
        "hostings": quantity + draw(st.integers(0, 50)),
    }
    return raw, currency_code, line


OUTCOMES = {
    combination: order_outcome(
        client="bakery",
        placed_by=ORG[combination[3]],
        partnership=partnership_of(programme_in(combination[0], grant_for(combination[1], combination[2]))),
        product=combination[4],
    )
    for combination in COMBINATIONS
}


@given(priced_lines())
def test_what_each_row_pays_and_credits_is_the_oracles_to_the_cent(case: tuple[dict, str, dict]) -> None:
    raw, currency_code, line = case
    earned = s.library_cashback(raw, currency_code, line)
    figures = {key: line[key] for key in ("period", "quantity", "periods", "hostings")}
    public = s.oracle_line(raw, line["code"], currency_code=currency_code, partner=False, **figures)["final"]
    preferential = s.oracle_line(raw, line["code"], currency_code=currency_code, partner=True, **figures)["final"]
    for (state, access, means, placed_by, product), outcome in OUTCOMES.items():
        expected = oracle.order_outcome(
            partnership=state, access=access, payment_means=means, placed_by=placed_by, managed=product == MANAGED
        )
        settled = settle_order(outcome, earned)
        paid = oracle.amount_paid(expected["outcome"], public, preferential)
        assert settled.payer == ORG[expected["payer"]]
        if paid is None:
            assert settled.due is None
        else:
            assert settled.due is not None
            assert s.same(settled.due, paid, currency_code)
        earns = oracle.partner_earns(expected["outcome"], public, preferential)
        if expected["outcome"] == oracle.CASHBACK:
            assert settled.credited_to == "agency"
            assert settled.credited is not None
            assert s.same(settled.credited, earns, currency_code)
        else:
            assert (settled.credited_to, settled.credited) == (None, None)
            assert earns == 0


@st.composite
def checkouts(draw: st.DrawFn) -> dict:
    """A partnership in any state and grant, two organisations in CH or elsewhere, the client's hostings, and an order
    (new units or a renewal of held ones) placed by either side."""
    raw = draw(s.raw_price_lists("CHF", one_per_family=True))
    held = {"web-hosting": draw(st.integers(2, 40)), "mail-hosting": draw(st.integers(0, 12))}
    code = draw(st.sampled_from(("web-hosting", "mail-hosting")).filter(lambda c: held[c] > 0))
    prefix = code.split("-")[0]
    renewing = draw(
        st.one_of(
            st.just([]),
            st.lists(st.sampled_from([f"{prefix}-{n}" for n in range(1, held[code] + 1)]), min_size=1, unique=True),
        )
    )
    return {
        "raw": raw,
        "held": held,
        "state": draw(st.sampled_from(STATES)),
        "access": draw(st.sampled_from(ACCESS)),
        "means": draw(st.sampled_from(MEANS)),
        "placed_by": draw(st.sampled_from(SIDES)),
        "client_country": draw(st.sampled_from(("CH", "FR", "DE"))),
        "partner_country": draw(st.sampled_from(("CH", "FR"))),
        "code": code,
        "renewing": renewing,
        "quantity": None if renewing else draw(st.integers(1, 40)),
        "periods": draw(st.integers(1, 24)),
        "period": draw(st.sampled_from(s.ORACLE_PERIODS)),
    }


@given(checkouts())
def test_the_checkout_of_an_order_or_renewal_is_the_oracles(case: dict) -> None:
    raw, code = case["raw"], case["code"]
    programme = programme_in(
        case["state"],
        grant_for(case["access"], case["means"]),
        client_country=case["client_country"],
        partner_country=case["partner_country"],
        held=case["held"],
    )
    order = Order(
        id="ORD-1",
        client="bakery",
        placed_by=ORG[case["placed_by"]],
        by="carl" if case["placed_by"] == "client" else "paula",
        product=code,
        quantity=case["quantity"],
        renewing=case["renewing"],
        periods=case["periods"],
        period=case["period"],
    )
    result = quote_order(programme, s.library_price_list(raw), order)

    allowed = oracle.may_order(partnership=case["state"], access=case["access"], placed_by=case["placed_by"])
    assert result.allowed is allowed
    if not allowed:
        assert (result.lines, result.due, result.credited) == ((), None, None)
        return
    # One line per outcome: a renewal under limited access splits the managed products from the others.
    units: dict[str, int] = {}
    rows = {}
    for product in case["renewing"] or [None] * case["quantity"]:
        row = oracle.order_outcome(
            partnership=case["state"],
            access=case["access"],
            payment_means=case["means"],
            placed_by=case["placed_by"],
            managed=product == MANAGED,
        )
        units[row["outcome"]] = units.get(row["outcome"], 0) + 1
        rows[row["outcome"]] = row
    invoiced = {row["invoice_in"] for row in rows.values()}
    assert len(invoiced) == 1
    country = case["client_country"] if invoiced == {"client"} else case["partner_country"]
    currency_code = oracle.billing_currency(country)
    hostings = oracle.order_hostings(client_holds=case["held"][code], ordering=case["quantity"] or 0)
    assert (result.currency, result.tier_count) == (currency_code, hostings)

    library_lines = {line.outcome.outcome.value: line for line in result.lines}
    assert set(library_lines) == set(units)
    total_due = oracle.round_half_up(Decimal(0), currency_code)
    total_credited = None
    for outcome, quantity in units.items():
        line, row = library_lines[outcome], rows[outcome]
        figures = {"period": case["period"], "quantity": quantity, "periods": case["periods"], "hostings": hostings}
        public = s.oracle_line(raw, code, currency_code=currency_code, partner=False, **figures)
        preferential = s.oracle_line(raw, code, currency_code=currency_code, partner=True, **figures)
        assert line.quantity == quantity
        assert (line.outcome.payer, line.outcome.invoice_in, line.outcome.installed_in) == (
            ORG[row["payer"]],
            ORG[row["invoice_in"]],
            ORG[row["installed_in"]],
        )
        assert s.same(line.public.final, public["final"], currency_code)
        assert s.same(line.preferential.final, preferential["final"], currency_code)
        due = oracle.amount_paid(outcome, public["final"], preferential["final"])
        assert line.settlement.due is not None
        assert s.same(line.settlement.due, due, currency_code)
        total_due += due
        if outcome == oracle.CASHBACK:
            earned = oracle.partner_earns(outcome, public["final"], preferential["final"])
            assert line.settlement.credited is not None
            assert s.same(line.settlement.credited, earned, currency_code)
            total_credited = earned
    assert result.due is not None
    assert s.same(result.due, total_due, currency_code)
    if total_credited is None:
        assert result.credited is None
    else:
        assert result.credited is not None
        assert s.same(result.credited, total_credited, currency_code)
        assert result.credited_to == "agency"
        if total_credited > 0:  # SPEC §3.4: "credited to the partner's prepaid account, in the order's currency"
            ledger = Ledger()
            book_order(ledger, result, effective=date(2026, 1, 6))
            assert s.same(ledger.balances("agency", currency_code).available, total_credited, currency_code)
