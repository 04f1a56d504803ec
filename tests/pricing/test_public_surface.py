"""The pricing area's public surface is deliberate: this test pins it."""

from __future__ import annotations

import importlib

import pytest

from infomanager_core import pricing
from infomanager_core.errors import InvalidInput


def test_the_pricing_surface_is_pinned() -> None:
    assert pricing.__all__ == [
        "DEGRESSIVE_FAMILIES",
        "DEGRESSIVE_TARIFF",
        "MAX_PERIODS",
        "MAX_QUANTITY",
        "MAX_TIER_COUNT",
        "PARTNER_DISCOUNT",
        "PERIODS",
        "Cashback",
        "CashbackMismatch",
        "DegressiveOutsideHosting",
        "DegressiveWithoutTiers",
        "DuplicateProduct",
        "InvalidPeriod",
        "InvalidPrice",
        "InvalidProductField",
        "InvalidQuantity",
        "InvalidQuoteRequest",
        "InvalidRate",
        "InvalidTiers",
        "LineQuote",
        "LineShare",
        "NoPriceForCurrency",
        "NoPriceForPeriod",
        "OrderLine",
        "PriceList",
        "PriceListError",
        "PricedLine",
        "Product",
        "Quote",
        "Step",
        "Tier",
        "TiersWithoutDegressiveProduct",
        "UnknownFamily",
        "UnknownProduct",
        "UnprintableProductText",
        "cashback",
        "price_lines",
        "price_order_line",
        "pricing_steps",
        "quote",
        "quote_line",
        "split_line",
    ]


def test_every_pricing_error_is_bad_input() -> None:
    errors = importlib.import_module("infomanager_core.pricing.errors")
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), InvalidInput), name


@pytest.mark.parametrize(
    "module", ["infomanager_core.adapters", "infomanager_core.adapters.price_list_toml", "infomanager_core.cli"]
)
def test_edge_modules_declare_their_public_names(module: str) -> None:
    loaded = importlib.import_module(module)
    assert all(hasattr(loaded, name) for name in loaded.__all__)
