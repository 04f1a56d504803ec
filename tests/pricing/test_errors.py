"""The pricing refusals as a caller catches them: each an ``InvalidInput`` (and its documented parents) keeping its
data as attributes, the lists it names sorted so that a message and an attribute never depend on a dict's order.

These pin the error classes' logic, not their message texts.
"""

from __future__ import annotations

from typing import Any

import pytest

from infomanager_core.errors import InfomanagerError, InvalidInput, UnprintableText
from infomanager_core.pricing import errors
from infomanager_core.pricing.errors import (
    CashbackMismatch,
    DegressiveOutsideHosting,
    DegressiveWithoutTiers,
    DuplicateProduct,
    InvalidPeriod,
    InvalidPrice,
    InvalidProductField,
    InvalidQuantity,
    InvalidQuoteRequest,
    InvalidRate,
    InvalidTiers,
    NoPriceForCurrency,
    NoPriceForPeriod,
    PriceListError,
    TiersWithoutDegressiveProduct,
    UnknownFamily,
    UnknownProduct,
    UnprintableProductText,
)
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

RATE = InvalidRate("partner_discount", "1.5", "must be below 1")

#: Each refusal, with its documented parents besides ``InvalidInput`` and the data it keeps.
REFUSALS: list[tuple[InvalidInput, tuple[type, ...], dict[str, Any]]] = [
    (
        UnknownProduct("web-hostin", ["web-hosting", "domain", "mail-hosting"]),
        (),
        {
            "field": "product",
            "value": "web-hostin",
            "code": "web-hostin",
            "known": ("domain", "mail-hosting", "web-hosting"),
        },
    ),
    (
        UnknownFamily("webhosting", ["web-hosting", "domain"]),
        (),
        {"field": "family", "value": "webhosting", "family": "webhosting", "known": ("domain", "web-hosting")},
    ),
    (InvalidQuantity("quantity", 0, "must be at least 1"), (), {"field": "quantity", "value": 0}),
    (InvalidQuoteRequest("lines", (), "must not be empty"), (), {"field": "lines", "value": ()}),
    (RATE, (), {"field": "partner_discount", "value": "1.5"}),
    (InvalidPeriod("period", "week", "must be month or year"), (), {"field": "period", "value": "week"}),
    (
        NoPriceForCurrency("web-hosting", "JPY", ["EUR", "CHF"]),
        (),
        {"field": "currency", "value": "JPY", "product": "web-hosting", "currency": "JPY", "available": ("CHF", "EUR")},
    ),
    (
        NoPriceForPeriod("web-hosting", "CHF", "week", ["year", "month"]),
        (),
        {
            "field": "period",
            "value": "week",
            "product": "web-hosting",
            "currency": "CHF",
            "period": "week",
            "available": ("month", "year"),
        },
    ),
    (InvalidPrice("prices.CHF", "-1", "must not be negative"), (), {"field": "prices.CHF", "value": "-1"}),
    (InvalidProductField("name", 5, "must be a string"), (), {"field": "name", "value": 5}),
    (
        UnprintableProductText("name", "Web\nHosting", "\n"),
        (InvalidProductField, UnprintableText),
        {"field": "name", "value": "Web\nHosting", "character": "U+000A"},
    ),
    (InvalidTiers("tiers.web-hosting", (), "must not be empty"), (), {"field": "tiers.web-hosting"}),
    (
        TiersWithoutDegressiveProduct("web_hosting", ["web-hosting", "mail-hosting"]),
        (InvalidTiers,),
        {
            "field": "tiers.web_hosting",
            "value": "web_hosting",
            "family": "web_hosting",
            "degressive_families": ("mail-hosting", "web-hosting"),
        },
    ),
    (
        DegressiveOutsideHosting("dns", "domain", ["web-hosting", "mail-hosting"]),
        (InvalidProductField,),
        {
            "field": "degressive",
            "value": True,
            "product": "dns",
            "family": "domain",
            "degressive_families": ("mail-hosting", "web-hosting"),
        },
    ),
    (
        DegressiveWithoutTiers("web", "web-hosting", ["mail", "dns"]),
        (InvalidTiers,),
        {
            "field": "degressive",
            "value": True,
            "product": "web",
            "family": "web-hosting",
            "tier_families": ("dns", "mail"),
        },
    ),
    (DuplicateProduct("products", "web", "is given twice"), (), {"field": "products", "value": "web"}),
    (
        CashbackMismatch("preferential.quantity", 34, "differs from the public quote's 35"),
        (),
        {"field": "preferential.quantity", "value": 34},
    ),
    (
        PriceListError(
            "prices.toml", "web", "partner_discount", "1.5", "must be below 1", hint="e.g. 0.25", cause=RATE
        ),
        (),
        {
            "path": "prices.toml",
            "product": "web",
            "field": "partner_discount",
            "value": "1.5",
            "rule": "must be below 1",
            "hint": "e.g. 0.25",
            "cause": RATE,
        },
    ),
    (
        PriceListError("prices.toml", None, "name", 5, "must be a string"),
        (),
        {"path": "prices.toml", "product": None, "field": "name", "value": 5, "cause": None},
    ),
]


def test_every_error_the_pricing_area_defines_is_listed_here() -> None:
    assert errors_defined_in(errors) == {type(error) for error, _, _ in REFUSALS}


@pytest.mark.parametrize(("error", "parents", "data"), REFUSALS, ids=[type(e).__name__ for e, _, _ in REFUSALS])
def test_a_pricing_refusal_is_invalid_input_and_its_documented_parents_keeping_its_data(
    error: InvalidInput, parents: tuple[type, ...], data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError, *parents))
    assert_keeps_its_data_even_pickled(error, data)


def test_a_price_list_error_names_its_file_and_product_before_the_broken_rule() -> None:
    for error, where in [
        (PriceListError("prices.toml", "web", "name", 5, "must be a string"), "prices.toml: product 'web': "),
        (PriceListError("prices.toml", None, "name", 5, "must be a string"), "prices.toml: "),
    ]:
        assert str(error).startswith(where)
        assert str(error).removeprefix(where) == str(InvalidInput("name", 5, "must be a string"))
