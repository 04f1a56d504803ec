"""explain() of an order under the discount row (full access, the partner's payment means, placed by the partner):
it shows the partner price the partner pays, says it is the partner price, and credits no cashback."""

from __future__ import annotations

from infomanager_core.access import Grant, PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.orders import Order, quote_order

from .world import world


def test_the_explanation_of_a_discount_order_shows_the_partner_price_the_partner_pays() -> None:
    placed = Order(id="ORD-4", client="bakery", placed_by="agency", by="adam", product="web-hosting", quantity=33)
    quote = quote_order(world(Grant.full(PaymentMeans.PARTNER)), example_price_list(), placed)
    assert quote.explain().splitlines() == [
        "Order ORD-4: web-hosting, 33 new, for 1 month; client bakery, placed by agency (adam)",
        "Access: allowed (full-access-orders): full access allows ordering and renewing",
        "Tier count: bakery holds 2 of family web-hosting, plus the 33 ordered: 35",
        "Line 1: 33 units: discount: full access with the partner's payment means, ordered by the partner: the partner"
        " pays the preferential price",
        "  public price: 327.36 CHF; degressive tariff 25% −81.84 CHF → 245.52 CHF",
        "  partner price: 327.36 CHF; partner discount 20% −65.47 CHF → 261.89 CHF; degressive tariff 25% −65.47 CHF"
        " → 196.42 CHF",
        "  agency pays 196.42 CHF (the partner price)",
        "Total: agency pays 196.42 CHF, invoiced in agency",
        "Installed in bakery.",
    ]
