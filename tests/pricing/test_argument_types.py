"""Arguments of the wrong type are refused with the library's own errors, never a bare TypeError or AttributeError."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from infomanager_core import UnknownCurrency
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.pricing import (
    InvalidQuoteRequest,
    OrderLine,
    PriceList,
    UnknownProduct,
    cashback,
    price_lines,
    price_order_line,
    pricing_steps,
    quote,
    quote_line,
)
from tests.error_support import what_it_says

PRICES = example_price_list()
WEB = OrderLine(product="web-hosting", quantity=1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: PRICES.product("web-hosting").price(["CHF"]),
        lambda: PRICES.product("web-hosting").price_units(["CHF"]),
        lambda: list(price_lines(PRICES, [WEB], currency=["CHF"], partner=True)),
        lambda: quote_line(PRICES, "web-hosting", 1, currency=["CHF"], partner=True),
        lambda: quote(PRICES, [WEB], currency=["CHF"], partner=True),
    ],
    ids=["price", "price_units", "price_lines", "quote_line", "quote"],
)
def test_an_unhashable_currency_is_an_unknown_currency(call: Callable[[], object]) -> None:
    with pytest.raises(UnknownCurrency) as raised:
        call()
    assert raised.value.value == ["CHF"]


def test_an_unhashable_family_is_refused_naming_the_family() -> None:
    with pytest.raises(InvalidInput) as raised:
        PRICES.tier_rate(["x"], 40)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("family", ["x"])


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: quote_line(None, "web-hosting", 1, currency="CHF", partner=True), "price_list"),
        (lambda: price_order_line(None, WEB, currency="CHF", partner=True), "price_list"),
        (lambda: price_order_line(PRICES, ("web-hosting", 1), currency="CHF", partner=True), "line"),
        (lambda: quote(None, [WEB], currency="CHF", partner=True), "price_list"),
        (lambda: quote(PRICES, None, currency="CHF", partner=True), "lines"),
        (lambda: price_lines(PRICES, None, currency="CHF", partner=True), "lines"),
        (lambda: price_lines(None, [WEB], currency="CHF", partner=True), "price_list"),
        (lambda: cashback(None, "web-hosting", 35, currency="CHF"), "price_list"),
    ],
    ids=[
        "quote_line",
        "price_order_line",
        "price_order_line-line",
        "quote",
        "quote-lines",
        "price_lines-lines",
        "price_lines",
        "cashback",
    ],
)
def test_a_quote_of_the_wrong_shape_is_refused_naming_the_argument(call: Callable[[], object], field: str) -> None:
    with pytest.raises(InvalidQuoteRequest) as raised:
        call()
    assert raised.value.field == field


@pytest.mark.parametrize("lines", ["web-hosting", b"web-hosting"], ids=["text", "bytes"])
def test_text_is_no_list_of_order_lines(lines: object) -> None:
    with pytest.raises(InvalidQuoteRequest) as raised:
        quote(PRICES, lines, currency="CHF", partner=True)  # type: ignore[arg-type]
    assert raised.value.field == "lines"


PRODUCTS = list(PRICES.products.values())


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"products": None}, "products"),
        ({"products": 5}, "products"),
        ({"products": []}, "products"),
        ({"products": PRODUCTS, "tiers": {"web-hosting": [{"min_count": 1}]}}, "tiers.web-hosting"),
        ({"products": PRODUCTS, "tiers": {"web-hosting": None}}, "tiers.web-hosting"),
        ({"products": PRODUCTS, "tiers": {1: []}}, "tiers"),
        ({"products": PRODUCTS, "tiers": PRICES.tiers, "example": "no"}, "example"),
    ],
    ids=["products-none", "products-int", "no-products", "tier-dict", "tiers-none", "family-int", "example-str"],
)
def test_a_price_list_of_the_wrong_shape_is_refused_naming_the_field(arguments: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        PriceList(name="bad", **arguments)
    assert raised.value.field == field


@pytest.mark.parametrize("product", [["web-hosting"], None, 5, "", "  ", "web-hosting\n"], ids=repr)
def test_an_order_line_whose_product_is_not_a_code_is_refused_when_made_naming_the_product(product: object) -> None:
    # A list was kept, then price_lines failed on it with a bare TypeError (unhashable type: 'list').
    with pytest.raises(InvalidInput) as raised:
        OrderLine(product=product, quantity=1)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("product", product)


def test_price_lines_and_quote_refuse_an_unknown_product_code_alike() -> None:
    line = OrderLine(product="hosting", quantity=1)
    with pytest.raises(UnknownProduct):
        quote(PRICES, [line], currency="CHF", partner=True)
    with pytest.raises(UnknownProduct):
        list(price_lines(PRICES, [line], currency="CHF", partner=True))


@pytest.mark.parametrize("product", ["web-hosting", None, {"code": "web-hosting"}])
def test_a_product_that_is_no_product_is_refused_with_its_rule_and_what_to_pass_instead(product: object) -> None:
    with pytest.raises(InvalidQuoteRequest) as raised:
        pricing_steps(product, partner=True, tier_rate=Decimal("0.25"))  # type: ignore[arg-type]
    assert what_it_says(raised.value) == (
        "product",
        product,
        "must be a Product",
        "e.g. price_list.product(code)",
    )
