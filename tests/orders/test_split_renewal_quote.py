"""A renewal under limited access split into two lines, the unmanaged product named first and for a year of months:
each line counts and names its own products, the order's cashback is found on whichever line earns it, and the
explanation states the periods and every renewed product."""

from __future__ import annotations

from infomanager_core.access import Grant, Outcome
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.money import Money
from infomanager_core.orders import Order, OrderQuote, quote_order

from .world import world


def split_renewal() -> OrderQuote:
    """web-2 is not managed, web-1 and web-3 are: the line that earns nothing comes first."""
    programme = world(Grant.limited({"web-1", "web-3"}), web=3)
    placed = Order(
        id="REN-5",
        client="bakery",
        placed_by="bakery",
        by="carl",
        product="web-hosting",
        renewing=["web-2", "web-1", "web-3"],
        periods=12,
    )
    return quote_order(programme, example_price_list(), placed)


def test_the_cashback_of_a_split_renewal_is_found_on_its_second_line() -> None:
    quote = split_renewal()
    assert [(line.outcome.outcome, line.quantity) for line in quote.lines] == [
        (Outcome.NOTHING, 1),
        (Outcome.CASHBACK, 2),
    ]
    assert (quote.credited_to, quote.credited) == ("agency", Money("27.60", "EUR"))  # 138.00 − 110.40
    assert quote.due == Money("207.00", "EUR")  # 12 × 5.75 for each of the three


def test_the_explanation_of_a_split_renewal_names_each_lines_units_and_the_periods() -> None:
    assert split_renewal().explain().splitlines() == [
        "Order REN-5: web-hosting, renewal of web-2, web-1, web-3, for 12 months; client bakery, placed by bakery"
        " (carl)",
        "Access: allowed (client-member): members of the client order for their own organisation",
        "Tier count: bakery holds 3 of family web-hosting: 3",
        "Line 1: 1 unit (web-2): nothing: limited access, a product the partner does not manage, ordered by the"
        " client: nothing",
        "  public price: 69.00 EUR; degressive tariff 0% −0.00 EUR → 69.00 EUR",
        "  bakery pays 69.00 EUR (the public price)",
        "Line 2: 2 units (web-1, web-3): cashback: limited access, a product the partner manages, ordered by the"
        " client: cashback",
        "  public price: 138.00 EUR; degressive tariff 0% −0.00 EUR → 138.00 EUR",
        "  partner price: 138.00 EUR; partner discount 20% −27.60 EUR → 110.40 EUR; degressive tariff 0% −0.00 EUR"
        " → 110.40 EUR",
        "  bakery pays 138.00 EUR (the public price)",
        "  cashback to agency: 138.00 EUR − 110.40 EUR = 27.60 EUR",
        "Total: bakery pays 207.00 EUR, invoiced in bakery; agency is credited 27.60 EUR on its prepaid account",
        "Installed in bakery.",
    ]
