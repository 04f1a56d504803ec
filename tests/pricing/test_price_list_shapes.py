"""A price list built in code (not from TOML) refuses every malformed part by name, and its caps are the documented ones.

Each case here once passed the suite with its check removed (mutation testing): a list where a mapping belongs, a
price for a period that does not exist, a key that is not a ``(currency, period)`` pair, a price that is not Money…
Each would otherwise escape as a bare ``AttributeError``/``ValueError``, or be accepted and never be found again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.pricing import (
    InvalidPeriod,
    InvalidPrice,
    InvalidProductField,
    InvalidQuantity,
    InvalidTiers,
    NoPriceForPeriod,
    OrderLine,
    PriceList,
    Product,
    Tier,
    quote_line,
)

PRICES = example_price_list()
NINE_NINETY_TWO = Money("9.92", "CHF")


def _product(**changes: Any) -> Product:
    fields: dict[str, Any] = {
        "code": "web-hosting",
        "family": "web-hosting",
        "name": "Web hosting",
        "prices": {("CHF", "month"): NINE_NINETY_TWO},
        "partner_discount": Decimal("0.20"),
        "degressive": False,
    }
    fields.update(changes)
    return Product(**fields)


class TestPrices:
    def test_a_price_for_a_period_that_is_not_a_billing_period_is_refused(self) -> None:
        with pytest.raises(InvalidPeriod) as caught:
            _product(prices={("CHF", "week"): NINE_NINETY_TWO})
        assert caught.value.value == "week"

    @pytest.mark.parametrize(
        "prices",
        [
            [(("CHF", "month"), NINE_NINETY_TWO)],
            {"CHF": NINE_NINETY_TWO},
            {("CHF", "month", "HT"): NINE_NINETY_TWO},
            {("CHF", "month"): "9.92"},
        ],
        ids=["pairs-not-a-mapping", "currency-alone", "three-part-key", "text-price"],
    )
    def test_prices_of_the_wrong_shape_are_refused_as_invalid_prices(self, prices: object) -> None:
        with pytest.raises(InvalidPrice) as caught:
            _product(prices=prices)
        assert caught.value.field == "prices"

    def test_a_missing_period_lists_the_periods_priced_in_that_currency_only(self) -> None:
        product = _product(prices={("CHF", "month"): NINE_NINETY_TWO, ("EUR", "year"): Money("69.00", "EUR")})
        with pytest.raises(NoPriceForPeriod) as caught:
            product.price("CHF", "year")
        assert caught.value.available == ("month",)
        assert caught.value.hint == "priced per: month"

    def test_asking_for_a_period_that_does_not_exist_is_refused_as_a_period_not_a_missing_price(self) -> None:
        with pytest.raises(InvalidPeriod):
            _product().price("CHF", "week")
        with pytest.raises(InvalidPeriod):
            _product().price_units("CHF", "week")

    @pytest.mark.parametrize("flag", ["yes", 1, None])
    def test_degressive_is_true_or_false_and_nothing_that_merely_looks_like_it(self, flag: object) -> None:
        with pytest.raises(InvalidProductField) as caught:
            _product(degressive=flag)
        assert caught.value.field == "degressive"


class TestPriceListShape:
    def test_a_product_filed_under_another_code_is_refused(self) -> None:
        with pytest.raises(InvalidProductField) as caught:
            PriceList(name="x", products={"mail-hosting": _product()})
        assert caught.value.value == "mail-hosting"

    @pytest.mark.parametrize("products", [["web-hosting"], {"web-hosting": "web-hosting"}], ids=["list", "mapping"])
    def test_something_that_is_not_a_product_is_refused_among_the_products(self, products: object) -> None:
        with pytest.raises(InvalidProductField) as caught:
            PriceList(name="x", products=products)
        assert caught.value.field == "products"

    def test_products_keyed_by_their_own_codes_are_accepted(self) -> None:
        prices = PriceList(name="x", products={"web-hosting": _product()})
        assert prices.product("web-hosting").price("CHF") == NINE_NINETY_TWO

    @pytest.mark.parametrize("tiers", [[Tier(35, "0.25")], [("web-hosting", [Tier(35, "0.25")])]])
    def test_tiers_that_are_not_a_mapping_of_family_to_tiers_are_refused(self, tiers: object) -> None:
        with pytest.raises(InvalidTiers) as caught:
            PriceList(name="x", products=[_product(degressive=True)], tiers=tiers)
        assert caught.value.field == "tiers"

    @pytest.mark.parametrize("family", [1, "", " "], ids=["int", "empty", "blank"])
    def test_tiers_keyed_by_something_that_is_no_family_are_invalid_tiers(self, family: object) -> None:
        with pytest.raises(InvalidTiers) as caught:
            PriceList(name="x", products=[_product(degressive=True)], tiers={family: [Tier(35, "0.25")]})
        assert caught.value.field == "tiers"


class TestTheDocumentedCaps:
    """docs/decisions.md: at most 1,000,000 units a line, 1,200 periods (a century of months), 10**9 hostings held."""

    def test_a_million_units_on_a_line_are_accepted_and_one_more_is_refused(self) -> None:
        assert OrderLine(product="web-hosting", quantity=1_000_000).quantity == 1_000_000
        with pytest.raises(InvalidQuantity):
            OrderLine(product="web-hosting", quantity=1_000_001)

    @pytest.mark.parametrize("count", ["35", Decimal(35), 35.0], ids=["text", "decimal", "float"])
    def test_a_count_given_as_another_kind_of_number_is_told_that_counts_are_whole_numbers(self, count: object) -> None:
        with pytest.raises(InvalidQuantity) as caught:
            OrderLine(product="web-hosting", quantity=count)  # type: ignore[arg-type]
        assert caught.value.hint == "hostings and periods are counted in whole numbers"

    def test_a_century_of_months_is_accepted_and_one_more_month_is_refused(self) -> None:
        line = quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=False, periods=1_200)
        assert line.public == NINE_NINETY_TWO * 1_200
        with pytest.raises(InvalidQuantity):
            quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=False, periods=1_201)

    @pytest.mark.parametrize("count", [0, "35", Decimal(35), None], ids=["zero", "text", "decimal", "none"])
    def test_a_tier_is_chosen_by_a_whole_number_of_hostings_held_and_nothing_else(self, count: object) -> None:
        with pytest.raises(InvalidQuantity) as caught:
            PRICES.tier_rate("web-hosting", count)  # type: ignore[arg-type]
        assert caught.value.field == "tier_count"

    def test_a_billion_hostings_held_choose_a_tier_and_one_more_is_refused(self) -> None:
        assert PRICES.tier_rate("web-hosting", 10**9) == Decimal("0.25")
        assert Tier(10**9, "0.5").min_count == 10**9
        with pytest.raises(InvalidInput):
            PRICES.tier_rate("web-hosting", 10**9 + 1)
        with pytest.raises(InvalidInput):
            Tier(10**9 + 1, "0.5")
