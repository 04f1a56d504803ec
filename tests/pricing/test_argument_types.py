"""Arguments of the wrong type are refused with the library's own errors, never a bare TypeError or AttributeError."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import UnknownCurrency
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.pricing import OrderLine, price_lines, quote, quote_line

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
