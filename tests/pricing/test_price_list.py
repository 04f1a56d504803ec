"""Price lists validate themselves when built, so that a quote never meets a broken one."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest

from infomanager_core import Money, NotInMinorUnits
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import (
    DegressiveWithoutTiers,
    DuplicateProduct,
    InvalidPrice,
    InvalidProductField,
    InvalidQuantity,
    InvalidRate,
    InvalidTiers,
    PriceList,
    Product,
    Tier,
    TiersWithoutDegressiveProduct,
    UnknownProduct,
    UnprintableProductText,
)


def _product(**changes: Any) -> Product:
    fields: dict[str, Any] = {
        "code": "web-hosting",
        "family": "web-hosting",
        "name": "Web hosting",
        "prices": {("CHF", "month"): Money("9.92", "CHF")},
        "partner_discount": Decimal("0.20"),
        "degressive": True,
    }
    fields.update(changes)
    return Product(**fields)


class TestProduct:
    @pytest.mark.parametrize("rate", [Decimal(1), Decimal("-0.01"), Decimal("1.5"), 2])
    def test_a_partner_discount_outside_zero_to_one_is_refused(self, rate: object) -> None:
        with pytest.raises(InvalidRate) as caught:
            _product(partner_discount=rate)
        assert caught.value.field == "partner_discount"
        assert "below 1" in str(caught.value)

    def test_a_float_rate_is_refused_with_what_to_pass_instead(self) -> None:
        with pytest.raises(InvalidRate, match="never a float"):
            _product(partner_discount=0.2)

    def test_rates_may_be_given_as_decimal_strings(self) -> None:
        assert _product(partner_discount="0.20").partner_discount == Decimal("0.20")

    def test_a_price_keyed_by_another_currency_is_refused(self) -> None:
        with pytest.raises(InvalidPrice, match="keyed by 'EUR'"):
            _product(prices={("EUR", "month"): Money("9.92", "CHF")})

    def test_a_negative_price_is_refused(self) -> None:
        with pytest.raises(InvalidPrice, match="negative"):
            _product(prices={("CHF", "month"): Money("-1", "CHF")})

    def test_a_price_finer_than_the_minor_unit_is_refused(self) -> None:
        with pytest.raises(NotInMinorUnits):
            _product(prices={("CHF", "month"): Money("9.925", "CHF")})

    @pytest.mark.parametrize("field", ["code", "family", "name"])
    def test_names_must_be_non_empty_strings(self, field: str) -> None:
        with pytest.raises(InvalidProductField) as caught:
            _product(**{field: " "})
        assert caught.value.field == field

    @pytest.mark.parametrize("field", ["code", "family", "name"])
    @pytest.mark.parametrize("character", ["\x00", "\n", "\u200b", "\ud800", "\u2028"])
    def test_control_format_and_surrogate_characters_are_refused_in_names(self, field: str, character: str) -> None:
        with pytest.raises(UnprintableProductText) as caught:
            _product(**{field: f"web{character}hosting"})
        assert caught.value.field == field
        assert caught.value.character == f"U+{ord(character):04X}"
        assert isinstance(caught.value, InvalidProductField)

    @pytest.mark.parametrize("field", ["code", "family"])
    def test_a_code_or_a_family_ending_in_a_line_break_is_refused_not_trimmed(self, field: str) -> None:
        with pytest.raises(UnprintableProductText) as caught:
            _product(**{field: "web-hosting\n"})
        assert caught.value.character == "U+000A"

    def test_a_name_is_trimmed_and_put_in_nfc_but_a_code_and_a_family_are_kept_as_given(self) -> None:
        product = _product(name=" Cafe\u0301 hosting ", family="web-hosting")
        assert product.name == "Caf\u00e9 hosting"
        with pytest.raises(InvalidProductField):
            _product(name="\u3164 ")  # a Hangul filler: blank once trimmed

    @pytest.mark.parametrize("field", ["code", "family"])
    @pytest.mark.parametrize(
        ("spelling", "hint"),
        [
            ("web-hosting ", "did you mean 'web-hosting'?"),
            (" web-hosting", "did you mean 'web-hosting'?"),
            ("he\u0301bergement", "write it as 'h\u00e9bergement'"),
        ],
    )
    def test_a_code_or_a_family_off_its_canonical_spelling_is_a_product_field_error(
        self, field: str, spelling: str, hint: str
    ) -> None:
        """Spaces around it, or an accent typed as a combining mark, would make another code that prints alike: the
        refusal is the pricing area's own InvalidProductField, like a blank code, with the canonical spelling."""
        with pytest.raises(InvalidProductField) as caught:
            _product(**{field: spelling})
        assert (caught.value.field, caught.value.hint) == (field, hint)

    def test_the_prices_cannot_be_changed_behind_the_price_lists_back(self) -> None:
        prices = {("CHF", "month"): Money("9.92", "CHF")}
        product = _product(prices=prices)
        prices[("CHF", "month")] = Money("0", "CHF")
        assert product.price("CHF") == Money("9.92", "CHF")
        with pytest.raises(TypeError):
            product.prices[("CHF", "year")] = Money("1", "CHF")  # type: ignore[index]


class TestTiers:
    def test_tiers_are_sorted_by_their_lower_bound(self) -> None:
        prices = PriceList(
            name="x",
            products=[_product()],
            tiers={"web-hosting": [Tier(35, Decimal("0.25")), Tier(10, Decimal("0.10"))]},
        )
        assert [tier.min_count for tier in prices.tiers["web-hosting"]] == [10, 35]

    def test_a_rate_that_falls_as_the_count_grows_is_refused(self) -> None:
        with pytest.raises(InvalidTiers, match="never raise the price"):
            PriceList(
                name="x",
                products=[_product()],
                tiers={"web-hosting": [Tier(10, Decimal("0.30")), Tier(35, Decimal("0.25"))]},
            )

    def test_two_tiers_with_one_lower_bound_are_refused(self) -> None:
        with pytest.raises(InvalidTiers, match="two tiers"):
            PriceList(
                name="x",
                products=[_product()],
                tiers={"web-hosting": [Tier(35, Decimal("0.25")), Tier(35, Decimal("0.30"))]},
            )

    @pytest.mark.parametrize(("min_count", "rate"), [(0, "0.1"), (1.5, "0.1"), (35, "1"), (35, 0.25)])
    def test_a_tier_needs_a_count_of_at_least_one_and_a_rate_in_range(self, min_count: object, rate: object) -> None:
        with pytest.raises((InvalidQuantity, InvalidRate)):
            Tier(min_count, rate)  # type: ignore[arg-type]

    def test_a_tier_family_that_no_degressive_product_has_is_refused(self) -> None:
        """The typo of the user-journey review: ``web_hosting`` for ``web-hosting`` would drop the tariff silently."""
        with pytest.raises(TiersWithoutDegressiveProduct) as caught:
            PriceList(
                name="x",
                products=[_product()],
                tiers={"web-hosting": [Tier(35, Decimal("0.25"))], "web_hosting": [Tier(35, Decimal("0.25"))]},
            )
        assert (caught.value.field, caught.value.family) == ("tiers.web_hosting", "web_hosting")
        assert caught.value.degressive_families == ("web-hosting",)

    def test_tiers_for_the_family_of_a_product_that_is_not_degressive_are_refused(self) -> None:
        with pytest.raises(TiersWithoutDegressiveProduct, match="never apply"):
            PriceList(name="x", products=[_product(degressive=False)], tiers={"web-hosting": [Tier(35, "0.25")]})

    @pytest.mark.parametrize("tiers", [{}, {"web-hosting": []}])
    def test_a_degressive_product_whose_family_has_no_tier_is_refused(self, tiers: dict[str, list[Tier]]) -> None:
        with pytest.raises(DegressiveWithoutTiers) as caught:
            PriceList(name="x", products=[_product()], tiers=tiers)
        assert (caught.value.product, caught.value.family, caught.value.field) == (
            "web-hosting",
            "web-hosting",
            "degressive",
        )

    def test_the_rate_is_zero_below_the_first_tier_and_for_a_family_without_tiers(self) -> None:
        prices = example_price_list()
        assert prices.tier_rate("web-hosting", 1) == 0
        assert prices.tier_rate("domain", 1000) == 0

    @pytest.mark.parametrize(("count", "rate"), [(9, "0"), (10, "0.10"), (34, "0.10"), (35, "0.25"), (10**6, "0.25")])
    def test_the_rate_of_the_highest_tier_reached_applies(self, count: int, rate: str) -> None:
        assert example_price_list().tier_rate("mail-hosting", count) == Decimal(rate)


class TestPriceList:
    def test_product_codes_are_unique(self) -> None:
        with pytest.raises(DuplicateProduct):
            PriceList(name="x", products=[_product(), _product()])

    def test_an_unknown_product_lists_the_known_ones(self) -> None:
        with pytest.raises(UnknownProduct, match="known products: web-hosting"):
            PriceList(name="x", products=[_product(degressive=False)]).product("mail")

    def test_the_example_price_list_is_labelled_as_example_data(self) -> None:
        assert example_price_list().example is True
        assert PriceList(name="x", products=[_product(degressive=False)]).example is False

    def test_errors_keep_their_data_when_pickled(self) -> None:
        with pytest.raises(UnknownProduct) as caught:
            example_price_list().product("nope")
        copy = pickle.loads(pickle.dumps(caught.value))
        assert (copy.code, copy.known, str(copy)) == (caught.value.code, caught.value.known, str(caught.value))


def test_a_product_without_any_price_is_refused() -> None:
    with pytest.raises(InvalidPrice, match="at least one price"):
        _product(prices={})
