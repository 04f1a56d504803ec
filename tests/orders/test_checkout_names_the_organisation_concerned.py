"""quote_order names whom it decided about: a renewal the partner places of a product the client does not hold names
the client, not the partner; a currency missing for the partner invoiced under the discount row names the partner,
not the client; and the access decision on the client's side records the person, the client, the organisation placing
the order and, for a member, the member's role."""

from __future__ import annotations

import pytest

from infomanager_core.access import Grant, PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.orders import NotTheClientsProduct, Order, quote_order

from .world import world

PRICES = example_price_list()


def test_a_partners_renewal_of_another_organisations_product_names_the_client_not_the_partner() -> None:
    placed = Order(
        id="REN-1", client="bakery", placed_by="agency", by="paula", product="web-hosting", renewing=["cafe-web"]
    )
    with pytest.raises(NotTheClientsProduct) as raised:
        quote_order(world(Grant.full()), PRICES, placed)
    assert (raised.value.client, raised.value.owner) == ("bakery", "cafe")
    assert raised.value.rule == "is held by 'cafe', not by the client 'bakery'"


def test_a_currency_missing_for_the_partner_invoiced_under_the_discount_row_names_the_partner() -> None:
    placed = Order(id="ORD-1", client="bakery", placed_by="agency", by="adam", product="web-hosting", quantity=1)
    with pytest.raises(InvalidInput) as raised:
        quote_order(
            world(Grant.full(PaymentMeans.PARTNER)),
            PRICES,
            placed,
            currency_of=lambda organisation: None if organisation.id == "agency" else "EUR",  # type: ignore[arg-type,return-value]
        )
    assert (raised.value.field, raised.value.value) == ("currency_of", None)
    assert raised.value.rule == "must give a currency code for 'agency'"


@pytest.mark.parametrize(
    ("grant", "placed_by", "by", "facts"),
    [
        (None, "bakery", "cleo", {"person": "cleo", "client": "bakery", "placed_by": "bakery", "role": "user"}),
        (Grant.full(), "bakery", "paula", {"person": "paula", "client": "bakery", "placed_by": "bakery"}),
        (Grant.full(), "cafe", "fred", {"person": "fred", "client": "bakery", "placed_by": "cafe"}),
    ],
    ids=["a client member", "not a member", "neither client nor partner"],
)
def test_the_decision_on_the_clients_side_records_the_person_the_client_the_placer_and_the_members_role(
    grant: Grant | None, placed_by: str, by: str, facts: dict[str, str]
) -> None:
    placed = Order(id="ORD-1", client="bakery", placed_by=placed_by, by=by, product="web-hosting", quantity=1)
    assert dict(quote_order(world(grant), PRICES, placed).decision.facts) == facts
