"""An order's edges: a renewal may name as many products as a new order may count (the cap is inclusive), and an order
is stated by keyword only, so that ``client`` and ``placed_by`` cannot be swapped by position.
"""

from __future__ import annotations

import pytest

from infomanager_core.orders import Order
from infomanager_core.pricing import MAX_QUANTITY

BASE: dict[str, object] = {"id": "REN-1", "client": "bakery", "placed_by": "bakery", "by": "carl", "product": "web"}


def test_a_renewal_may_name_as_many_products_as_a_new_order_may_count() -> None:
    # Refusing the renewal of exactly MAX_QUANTITY products (a '>=' for the '>') survived every test.
    products = [f"web-{i}" for i in range(MAX_QUANTITY)]
    renewal = Order(**BASE, renewing=products)  # type: ignore[arg-type]
    assert renewal.count == MAX_QUANTITY == Order(**BASE, quantity=MAX_QUANTITY).count  # type: ignore[arg-type]


def test_an_order_is_stated_by_keyword_only_so_that_client_and_placed_by_cannot_be_swapped_by_position() -> None:
    with pytest.raises(TypeError):
        Order("ORD-1", "bakery", "agency", "paula", "web", 3)  # type: ignore[misc]
