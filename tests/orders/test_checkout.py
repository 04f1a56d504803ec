"""quote_order: access, outcome, currency, tier and prices of an order in one call, each as the library's own rules
give it; nothing changes."""

from __future__ import annotations

import copy
import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import (
    Grant,
    HeldProduct,
    OrderOutcome,
    Outcome,
    PaymentMeans,
    Programme,
    UnknownOrganisation,
    UnknownPerson,
    billing_currency,
    can_order,
    hostings_of_family,
    order_outcome,
    settle_order,
)
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.money import Money
from infomanager_core.orders import NotTheClientsProduct, NotTheProductOrdered, Order, quote_order
from infomanager_core.pricing import NoPriceForPeriod, cashback

from .world import AGENCY_STAFF, BAKERY_STAFF, MONDAY, web_ids, world

PRICES = example_price_list()
GRANTS = {
    "full, client's means": Grant.full(PaymentMeans.CLIENT),
    "full, partner's means": Grant.full(PaymentMeans.PARTNER),
    "limited to web-1": Grant.limited({"web-1"}),
    "no partnership": None,
}


def order(placed_by: str, by: str, **fields: object) -> Order:
    fields.setdefault("quantity", 35)
    return Order(id="ORD-1", client="bakery", placed_by=placed_by, by=by, product="web-hosting", **fields)


# -- SPEC §3.4, row by row -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grant", "placed_by", "by", "outcome", "payer", "due", "credited"),
    [
        # 2 held + 33 new = 35: the 25% tier. Bakery (FR) is billed in EUR, the agency (CH) in CHF.
        ("full, client's means", "bakery", "carl", Outcome.CASHBACK, "bakery", "142.31 EUR", "28.46 EUR"),
        ("full, client's means", "agency", "paula", Outcome.CASHBACK, "bakery", "142.31 EUR", "28.46 EUR"),
        ("full, partner's means", "bakery", "cleo", Outcome.CASHBACK, "bakery", "142.31 EUR", "28.46 EUR"),
        ("full, partner's means", "agency", "adam", Outcome.DISCOUNT, "agency", "196.42 CHF", None),
        ("limited to web-1", "bakery", "carl", Outcome.NOTHING, "bakery", "142.31 EUR", None),
        ("no partnership", "bakery", "carl", Outcome.NOTHING, "bakery", "142.31 EUR", None),
    ],
)
def test_each_row_of_the_outcome_table_prices_as_the_seed_says(
    grant: str, placed_by: str, by: str, outcome: Outcome, payer: str, due: str, credited: str | None
) -> None:
    """33 new Web hostings at 5.75 EUR: 189.75 public, −25% = 142.31; partner: −20% = 151.80, −25% = 113.85, so
    28.46 of cashback. In CHF at 9.92: 327.36, −20% = 261.89, −25% = 196.42 for the agency itself."""
    quote = quote_order(world(GRANTS[grant]), PRICES, order(placed_by, by, quantity=33))
    assert quote.allowed
    assert [line.outcome.outcome for line in quote.lines] == [outcome]
    assert quote.tier_count == 35
    assert (quote.payer, str(quote.due)) == (payer, due)
    assert (str(quote.credited) if quote.credited else None) == credited
    assert quote.credited_to == ("agency" if credited else None)


def test_a_new_order_under_limited_access_earns_nothing_because_no_grant_covers_a_new_product() -> None:
    quote = quote_order(world(Grant.limited({"web-1"})), PRICES, order("bakery", "carl", quantity=1))
    assert quote.lines[0].outcome.reason.code == "limited-unmanaged-by-client"
    assert quote.credited is None


def test_a_renewal_under_limited_access_is_split_into_managed_and_other_products() -> None:
    """web-1 and web-3 are managed, web-2 is not: two lines, each at the client's tier, rounded on its own."""
    programme = world(Grant.limited({"web-1", "web-3"}), web=3)
    quote = quote_order(programme, PRICES, order("bakery", "carl", quantity=None, renewing=["web-1", "web-2", "web-3"]))
    assert [(line.outcome.outcome, line.products) for line in quote.lines] == [
        (Outcome.CASHBACK, ("web-1", "web-3")),
        (Outcome.NOTHING, ("web-2",)),
    ]
    assert quote.tier_count == 3  # a renewal renews hostings already counted
    assert quote.due == Money("17.25", "EUR")  # 11.50 + 5.75
    assert quote.credited == Money("2.30", "EUR")  # 11.50 − 9.20 on the managed line only


# -- access: who may place an order ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grant", "placed_by", "by", "code"),
    [
        ("limited to web-1", "agency", "paula", "limited-access-cannot-order"),
        ("full, client's means", "agency", "ulla", "not-assigned"),
        ("full, client's means", "agency", "carl", "not-partner-staff"),
        ("full, client's means", "bakery", "paula", "not-a-member-of-client"),
        ("full, client's means", "cafe", "fred", "not-client-or-partner"),
        ("no partnership", "agency", "paula", "not-client-or-partner"),
    ],
)
def test_an_order_nobody_may_place_is_refused_with_its_reason_and_no_amounts(
    grant: str, placed_by: str, by: str, code: str
) -> None:
    quote = quote_order(world(GRANTS[grant]), PRICES, order(placed_by, by))
    assert not quote.allowed
    assert quote.decision.reason.code == code
    assert (quote.lines, quote.currency, quote.payer, quote.due, quote.credited) == ((), None, None, None, None)
    assert "Nothing is due and nothing is credited." in quote.explain()


orders = st.builds(
    lambda grant, side, renewal, quantity, periods, period, product: (
        grant,
        side,
        renewal,
        quantity,
        periods,
        period,
        product,
    ),
    st.sampled_from(list(GRANTS)),
    st.sampled_from([("bakery", p) for p in BAKERY_STAFF] + [("agency", p) for p in AGENCY_STAFF] + [("cafe", "fred")]),
    st.lists(st.sampled_from(web_ids(4)), unique=True, max_size=4),
    st.integers(1, 60),
    st.integers(1, 24),
    st.sampled_from(["month", "year"]),
    st.sampled_from(["web-hosting", "mail-hosting"]),
)


def _order_from(drawn: tuple[object, ...]) -> tuple[Programme, Order]:
    grant, (placed_by, by), renewal, quantity, periods, period, product = drawn
    programme = world(GRANTS[grant], web=4, mail=2)
    if product == "mail-hosting":
        renewal = [id_.replace("web", "mail") for id_ in renewal if id_ in ("web-1", "web-2")]
    fields = {"renewing": renewal} if renewal else {"quantity": quantity}
    placed = Order(
        id="ORD-9",
        client="bakery",
        placed_by=placed_by,
        by=by,
        product=product,
        periods=periods,
        period=period,
        **fields,
    )
    return programme, placed


@given(orders)
def test_an_order_is_allowed_exactly_when_a_client_member_or_the_partner_staff_allowed_to_order_places_it(
    drawn: tuple[object, ...],
) -> None:
    programme, placed = _order_from(drawn)
    quote = quote_order(programme, PRICES, placed)
    partnership = programme.active_partnership("bakery")
    if placed.placed_by == "bakery":
        expected = placed.by in BAKERY_STAFF
    elif partnership is not None and placed.placed_by == partnership.partner:
        expected = bool(can_order(programme, placed.by, "bakery"))
    else:
        expected = False
    assert quote.allowed is expected


@given(orders)
def test_the_checkout_gives_exactly_what_the_six_calls_give_by_hand(drawn: tuple[object, ...]) -> None:
    """The law of the façade: billing_currency, hostings_of_family, cashback, order_outcome and settle_order, called
    by hand as docs/access.md shows (a renewal split by outcome, each part one line), give the same settlements."""
    programme, placed = _order_from(drawn)
    quote = quote_order(programme, PRICES, placed)
    if not quote.allowed:
        return
    family = PRICES.product(placed.product).family
    held = hostings_of_family(programme.organisation("bakery"), family)
    tier_count = held if placed.is_renewal else held + placed.count
    partnership = programme.active_partnership("bakery")
    parts: dict[str, tuple[OrderOutcome, list[str | None]]] = {}
    for product in placed.renewing or (None,):
        outcome = order_outcome(client="bakery", placed_by=placed.placed_by, partnership=partnership, product=product)
        parts.setdefault(outcome.reason.code, (outcome, []))[1].append(product)
    by_hand = []
    for outcome, products in parts.values():
        currency = billing_currency(programme.organisation(outcome.invoice_in))
        quantity = placed.count if products == [None] else len(products)
        figures = cashback(
            PRICES,
            placed.product,
            quantity,
            currency=currency,
            tier_count=tier_count,
            periods=placed.periods,
            period=placed.period,
        )
        by_hand.append(settle_order(outcome, figures))
    assert [line.settlement for line in quote.lines] == by_hand


def test_each_line_of_a_renewal_rounds_on_its_own_line_not_per_unit() -> None:
    """Two managed mail hostings for 7 months at 1.70 EUR: 23.80, partner −20% = 19.04, cashback 4.76 on the line."""
    programme = world(Grant.limited({"mail-1", "mail-2"}), mail=2)
    placed = Order(
        id="R",
        client="bakery",
        placed_by="bakery",
        by="carl",
        product="mail-hosting",
        renewing=["mail-1", "mail-2"],
        periods=7,
    )
    [line] = quote_order(programme, PRICES, placed).lines
    assert (line.public.final, line.preferential.final, line.settlement.credited) == (
        Money("23.80", "EUR"),
        Money("19.04", "EUR"),
        Money("4.76", "EUR"),
    )


@given(orders)
def test_every_line_keeps_the_laws_of_its_outcome(drawn: tuple[object, ...]) -> None:
    programme, placed = _order_from(drawn)
    quote = quote_order(programme, PRICES, placed)
    if not quote.allowed:
        return
    assert sum(line.quantity for line in quote.lines) == placed.count
    renewed = [product for line in quote.lines for product in line.products]
    assert sorted(renewed) == sorted(placed.renewing)  # each renewed product on exactly one line
    partnership = programme.active_partnership("bakery")
    for line in quote.lines:
        for product in line.products:
            alone = order_outcome(client="bakery", placed_by=placed.placed_by, partnership=partnership, product=product)
            assert alone == line.outcome
    for line in quote.lines:
        settled, kind = line.settlement, line.outcome.outcome
        assert line.public.currency == line.preferential.currency == quote.currency
        assert line.public.tier_count == quote.tier_count
        assert line.preferential.final <= line.public.final
        if kind is Outcome.DISCOUNT:
            assert (settled.due, settled.credited) == (line.preferential.final, None)
        else:
            assert settled.due == line.public.final
            assert settled.credited == (
                line.public.final - line.preferential.final if kind is Outcome.CASHBACK else None
            )
        assert line.outcome.installed_in == "bakery"


@given(orders)
def test_quoting_changes_nothing_in_the_programme(drawn: tuple[object, ...]) -> None:
    programme, placed = _order_from(drawn)
    before = copy.deepcopy(programme)
    quote_order(programme, PRICES, placed)
    assert programme == before


def test_the_billing_currency_mapping_is_the_callers_to_choose() -> None:
    in_chf = functools.partial(billing_currency, by_country={"FR": "CHF"})
    quote = quote_order(world(Grant.full()), PRICES, order("bakery", "carl"), currency_of=in_chf)
    assert (quote.currency, quote.due) == ("CHF", Money("260.40", "CHF"))


def test_the_explanation_shows_every_figure_to_the_cent() -> None:
    quote = quote_order(world(Grant.full(), web=0), PRICES, order("agency", "uma"))
    assert quote.explain().splitlines() == [
        "Order ORD-1: web-hosting, 35 new, for 1 month; client bakery, placed by agency (uma)",
        "Access: allowed (full-access-orders): full access allows ordering and renewing",
        "Tier count: bakery holds 0 of family web-hosting, plus the 35 ordered: 35",
        "Line 1: 35 units: cashback: full access with the client's payment means, ordered by the partner for the"
        " client: cashback",
        "  public price: 201.25 EUR; degressive tariff 25% −50.31 EUR → 150.94 EUR",
        "  partner price: 201.25 EUR; partner discount 20% −40.25 EUR → 161.00 EUR; degressive tariff 25% −40.25 EUR"
        " → 120.75 EUR",
        "  bakery pays 150.94 EUR (the public price)",
        "  cashback to agency: 150.94 EUR − 120.75 EUR = 30.19 EUR",
        "Total: bakery pays 150.94 EUR, invoiced in bakery; agency is credited 30.19 EUR on its prepaid account",
        "Installed in bakery.",
    ]


# -- bad input --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "error", "field", "rule"),
    [
        ({"by": "ghost"}, UnknownPerson, "by", "is not a known person"),
        ({"client": "nobody"}, UnknownOrganisation, "client", "is not a known organisation"),
        ({"placed_by": "nobody"}, UnknownOrganisation, "placed_by", "is not a known organisation"),
        (
            {"renewing": ["cafe-web"], "quantity": None},
            NotTheClientsProduct,
            "renewing",
            "is held by 'cafe', not by the client 'bakery'",
        ),
        (
            {"renewing": ["web-9"], "quantity": None},
            NotTheClientsProduct,
            "renewing",
            "is not held by any organisation, not by the client 'bakery'",
        ),
        (
            {"renewing": ["mail-1"], "quantity": None},
            NotTheProductOrdered,
            "renewing",
            "is a 'mail-hosting', not the product renewed 'web-hosting'",
        ),
    ],
)
def test_an_order_that_does_not_fit_the_programme_is_refused_naming_its_field(
    fields: dict[str, object], error: type[InvalidInput], field: str, rule: str
) -> None:
    programme = world(Grant.full())
    base: dict[str, object] = {
        "id": "O",
        "client": "bakery",
        "placed_by": "bakery",
        "by": "carl",
        "product": "web-hosting",
        "quantity": 1,
    }
    placed = Order(**{**base, **fields})
    before = copy.deepcopy(programme)
    with pytest.raises(error) as raised:
        quote_order(programme, PRICES, placed)
    assert (raised.value.field, raised.value.rule) == (field, rule)
    assert programme == before


def test_a_renewed_product_recorded_in_another_family_than_the_price_lists_is_refused() -> None:
    """The tier counts the family's hostings: a product filed under the wrong family would be counted wrongly."""
    programme = world(Grant.full())
    odd = HeldProduct(id="web-odd", code="web-hosting", family="mail-hosting")
    programme.add_product("bakery", odd, at=MONDAY)
    placed = Order(id="O", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-odd"])
    with pytest.raises(NotTheProductOrdered) as raised:
        quote_order(programme, PRICES, placed)
    assert (
        raised.value.rule == "is recorded in family 'mail-hosting', the price list puts 'web-hosting' in 'web-hosting'"
    )


def test_a_product_without_a_price_for_the_period_is_refused_by_pricing() -> None:
    with pytest.raises(NoPriceForPeriod):
        quote_order(
            world(Grant.full()),
            PRICES,
            Order(id="O", client="bakery", placed_by="bakery", by="carl", product="domain", quantity=1, period="month"),
        )


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"programme": None}, "programme"),
        ({"price_list": {}}, "price_list"),
        ({"order": "ORD-1"}, "order"),
        ({"currency_of": "EUR"}, "currency_of"),
        ({"currency_of": lambda organisation: None}, "currency_of"),
    ],
)
def test_quote_order_refuses_the_wrong_kind_of_argument_naming_it(arguments: dict[str, object], field: str) -> None:
    given_ = {"programme": world(Grant.full()), "price_list": PRICES, "order": order("bakery", "carl"), **arguments}
    with pytest.raises(InvalidInput) as raised:
        quote_order(given_.pop("programme"), given_.pop("price_list"), given_.pop("order"), **given_)
    assert raised.value.field == field
