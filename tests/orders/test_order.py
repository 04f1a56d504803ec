"""Order: a new order names a quantity, a renewal the held products it renews; every field is checked on arrival."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput, UnprintableText
from infomanager_core.orders import InvalidOrder, NewOrRenewal, Order, RenewedTwice
from infomanager_core.pricing import MAX_PERIODS, MAX_QUANTITY, InvalidPeriod, InvalidQuantity

BASE: dict[str, object] = {"id": "ORD-1", "client": "bakery", "placed_by": "bakery", "by": "carl", "product": "web"}


def test_a_new_order_counts_its_quantity_and_a_renewal_its_products() -> None:
    assert Order(**BASE, quantity=3).count == 3  # type: ignore[arg-type]
    renewal = Order(**BASE, renewing=iter(["web-1", "web-2"]))  # type: ignore[arg-type]
    assert (renewal.count, renewal.renewing, renewal.is_renewal, renewal.quantity) == (
        2,
        ("web-1", "web-2"),
        True,
        None,
    )


@pytest.mark.parametrize(
    ("fields", "error", "field", "rule"),
    [
        (
            {},
            NewOrRenewal,
            "quantity",
            "must be given for a new order (or name the held products renewed in 'renewing')",
        ),
        (
            {"quantity": 2, "renewing": ["web-1"]},
            NewOrRenewal,
            "quantity",
            "must not be given for a renewal: it renews the products named in 'renewing'",
        ),
        ({"quantity": 0}, InvalidQuantity, "quantity", "must be at least 1"),
        ({"quantity": MAX_QUANTITY + 1}, InvalidQuantity, "quantity", f"must be at most {MAX_QUANTITY}"),
        ({"quantity": 2.0}, InvalidQuantity, "quantity", "must be a whole number (an int)"),
        ({"quantity": True}, InvalidQuantity, "quantity", "must be a whole number (an int)"),
        ({"renewing": "web-1"}, InvalidOrder, "renewing", "must be a collection of held product ids"),
        (
            {"renewing": ["web-1", "web-1"]},
            RenewedTwice,
            "renewing",
            "is named twice: a product is renewed once per order",
        ),
        ({"renewing": ["web-1 "]}, InvalidOrder, "renewing", "must not begin or end with a space"),
        ({"renewing": [7]}, InvalidOrder, "renewing", "must be a non-empty string"),
        ({"quantity": 1, "periods": 0}, InvalidQuantity, "periods", "must be at least 1"),
        ({"quantity": 1, "periods": MAX_PERIODS + 1}, InvalidQuantity, "periods", f"must be at most {MAX_PERIODS}"),
        ({"quantity": 1, "period": "week"}, InvalidPeriod, "period", "is not a billing period"),
        ({"quantity": 1, "id": ""}, InvalidOrder, "id", "must be a non-empty string"),
        ({"quantity": 1, "client": None}, InvalidOrder, "client", "must be a non-empty string"),
        ({"quantity": 1, "by": " carl"}, InvalidOrder, "by", "must not begin or end with a space"),
        (
            {"quantity": 1, "id": "ORD\ufe0f-1"},
            InvalidOrder,
            "id",
            "must not contain a character that draws nothing (found U+FE0F)",
        ),
    ],
)
def test_a_broken_order_is_refused_naming_the_field_the_value_and_the_rule(
    fields: dict[str, object], error: type[InvalidInput], field: str, rule: str
) -> None:
    with pytest.raises(error) as raised:
        Order(**{**BASE, **fields})  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.rule) == (field, rule)


def test_an_unprintable_id_is_refused_by_the_librarys_text_rule() -> None:
    with pytest.raises(UnprintableText) as raised:
        Order(**{**BASE, "placed_by": "agency\u200b"}, quantity=1)  # type: ignore[arg-type]
    assert raised.value.field == "placed_by"


def test_a_renewal_of_more_products_than_a_line_may_hold_is_refused() -> None:
    with pytest.raises(InvalidOrder) as raised:
        Order(**BASE, renewing=[f"web-{i}" for i in range(MAX_QUANTITY + 1)])  # type: ignore[arg-type]
    assert raised.value.value == MAX_QUANTITY + 1


@given(st.lists(st.from_regex(r"[a-z]{1,3}-[0-9]{1,2}", fullmatch=True), min_size=1, max_size=20, unique=True))
def test_a_renewal_keeps_its_products_in_the_order_given(products: list[str]) -> None:
    assert Order(**BASE, renewing=products).renewing == tuple(products)  # type: ignore[arg-type]


def test_a_renewal_given_a_quantity_suggests_a_new_order_for_that_quantity() -> None:
    """The hint speaks of the quantity given (5), not of the products renewed (1)."""
    with pytest.raises(NewOrRenewal) as raised:
        Order(**BASE, quantity=5, renewing=["web-1"])  # type: ignore[arg-type]
    assert raised.value.hint == "drop quantity, or place a new order for 5"
