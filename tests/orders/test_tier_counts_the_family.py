"""The tier counts the hostings of the ordered product's family, which the price list names: a product whose code is
not its family's name (a "web-pro" in the "web-hosting" family) counts, and is counted with, the family's other
hostings, and a renewal of it is of the family the price list puts it in."""

from __future__ import annotations

from infomanager_core.access import Grant, HeldProduct
from infomanager_core.money import Money
from infomanager_core.orders import Order, quote_order
from infomanager_core.pricing import PriceList, Product, Tier

from .world import MONDAY, world

WEB_PRO = Product(
    code="web-pro",
    family="web-hosting",
    name="Web hosting pro",
    prices={("EUR", "month"): Money("10.00", "EUR")},
    partner_discount="0.20",
    degressive=True,
)
PRICES = PriceList(name="pro", products=[WEB_PRO], tiers={"web-hosting": (Tier(35, "0.25"),)})


def test_a_new_order_of_a_product_named_apart_from_its_family_counts_the_familys_hostings_held() -> None:
    """The bakery holds 2 Web hostings: 33 Web hostings pro make 35 of the family, the 25% tier."""
    placed = Order(id="ORD-1", client="bakery", placed_by="bakery", by="carl", product="web-pro", quantity=33)
    quote = quote_order(world(Grant.full()), PRICES, placed)
    assert (quote.family, quote.held, quote.tier_count) == ("web-hosting", 2, 35)
    assert quote.due == Money("247.50", "EUR")  # 330.00 − 25%


def test_a_renewal_of_a_product_named_apart_from_its_family_is_of_that_family() -> None:
    programme = world(Grant.full())
    programme.add_product("bakery", HeldProduct(id="pro-1", code="web-pro", family="web-hosting"), at=MONDAY)
    placed = Order(id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-pro", renewing=["pro-1"])
    quote = quote_order(programme, PRICES, placed)
    assert (quote.family, quote.tier_count, quote.due) == ("web-hosting", 3, Money("10.00", "EUR"))
