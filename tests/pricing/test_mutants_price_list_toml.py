"""Loading a price list from TOML: the refusals mutation testing found unpinned, each a PriceListError naming its place.

Each case here once passed the suite with its check removed: a file that is not UTF-8 escaped as a bare
``UnboundLocalError``; a number where a table belongs was read as a string's characters or a bare ``TypeError``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infomanager_core.adapters.price_list_toml import load_price_list, parse_price_list
from infomanager_core.pricing import PriceListError

from .test_price_list_toml import VALID


def _refusal(text: str) -> PriceListError:
    with pytest.raises(PriceListError) as caught:
        parse_price_list(text, source="prices.toml")
    assert caught.value.path == "prices.toml"
    return caught.value


def test_a_file_that_is_not_utf8_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Web hosting", "Hébergement").encode("latin-1"))
    with pytest.raises(PriceListError) as caught:
        load_price_list(path)
    assert (caught.value.path, caught.value.product, caught.value.field) == (str(path), None, "file")
    assert caught.value.value == str(path)
    assert str(caught.value) == f"{path}: file: {str(path)!r} is not UTF-8 text"


@pytest.mark.parametrize(
    ("change", "product", "field", "value"),
    [
        (('[{ min_count = 35, rate = "0.25" }]', "[35]"), None, "tiers.web-hosting[0]", 35),
        (('[{ min_count = 35, rate = "0.25" }]', '["0.25"]'), None, "tiers.web-hosting[0]", "0.25"),
        (('prices.CHF = { month = "9.92" }', 'prices.CHF = "9.92"'), "web-hosting", "prices.CHF", "9.92"),
        (('prices.CHF = { month = "9.92" }', "prices.CHF = 9"), "web-hosting", "prices.CHF", 9),
    ],
    ids=["tier-number", "tier-text", "price-text", "price-number"],
)
def test_a_value_where_a_table_belongs_is_refused_as_not_a_table(
    change: tuple[str, str], product: str | None, field: str, value: object
) -> None:
    old, new = change
    assert old in VALID
    error = _refusal(VALID.replace(old, new, 1))
    assert (error.product, error.field, error.value, error.rule) == (product, field, value, "must be a table")


def test_a_product_that_is_not_a_table_is_refused_naming_its_code() -> None:
    error = _refusal('name = "x"\n[products]\ndns = "12.00"\n')
    assert (error.product, error.field, error.value, error.rule) == ("dns", "product", "12.00", "must be a table")


def test_of_several_unknown_keys_the_first_in_alphabetical_order_is_named() -> None:
    error = _refusal(VALID.replace("degressive = true", "degresive = true\nfamly = 1\nzone = 2", 1))
    assert (error.product, error.field, error.value, error.rule) == (
        "web-hosting",
        "product",
        "degresive",
        "is not a known key",
    )
    assert error.hint == "known keys: degressive, family, name, partner_discount, prices"


def test_a_missing_flag_is_told_it_is_required_and_a_wrong_one_that_it_must_be_true_or_false() -> None:
    missing = _refusal(VALID.replace("degressive = true\n", "", 1))
    assert (missing.field, missing.value, missing.rule) == ("degressive", None, "is required (true or false)")
    wrong = _refusal(VALID.replace("degressive = true", "degressive = 1", 1))
    assert (wrong.field, wrong.value, wrong.rule) == ("degressive", 1, "must be true or false")
    example = _refusal('example = "no"\n' + VALID)
    assert (example.product, example.field, example.value, example.rule) == (
        None,
        "example",
        "no",
        "must be true or false",
    )


def test_missing_products_are_told_they_are_required_and_products_that_are_no_tables_that_they_must_be() -> None:
    missing = _refusal('name = "x"\n')
    assert (missing.field, missing.value, missing.rule) == (
        "products",
        None,
        "is required (at least one [products.CODE] table)",
    )
    for text, value in [('name = "x"\nproducts = 5\n', 5), ('name = "x"\n[products]\n', {})]:
        wrong = _refusal(text)
        assert (wrong.product, wrong.field, wrong.value, wrong.rule) == (
            None,
            "products",
            value,
            "must hold at least one [products.CODE] table",
        )


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        (('[tiers]\nweb-hosting = [{ min_count = 35, rate = "0.25" }]', "tiers = 5"), "tiers", 5),
        (("web-hosting = [", "web-hosting = 5 #"), "tiers.web-hosting", 5),
        (
            ('[{ min_count = 35, rate = "0.25" }]', '{ min_count = 35, rate = "0.25" }'),
            "tiers.web-hosting",
            {"min_count": 35, "rate": "0.25"},
        ),
    ],
    ids=["tiers-a-number", "schedule-a-number", "schedule-a-table"],
)
def test_tiers_of_the_wrong_shape_are_refused_naming_where(change: tuple[str, str], field: str, value: object) -> None:
    old, new = change
    assert old in VALID
    error = _refusal(VALID.replace(old, new, 1))
    assert (error.product, error.field, error.value) == (None, field, value)


def test_missing_prices_are_told_they_are_required_and_prices_that_are_no_table_that_they_must_map_currencies() -> None:
    missing = _refusal(VALID.replace('prices.CHF = { month = "9.92" }', "", 1))
    assert (missing.product, missing.field, missing.value) == ("web-hosting", "prices", None)
    assert missing.rule == 'is required (prices.CHF = { month = "9.92" })'
    for new, value in [("prices = 5", 5), ("prices = {}", {})]:
        wrong = _refusal(VALID.replace('prices.CHF = { month = "9.92" }', new, 1))
        assert (wrong.product, wrong.field, wrong.value) == ("web-hosting", "prices", value)
        assert wrong.rule == "must map a currency to { month = …, year = … }"


def test_a_currency_without_a_month_or_a_year_price_is_refused_naming_the_currency() -> None:
    error = _refusal(VALID.replace('prices.CHF = { month = "9.92" }', "prices.CHF = {}", 1))
    assert (error.product, error.field, error.value) == ("web-hosting", "prices.CHF", {})
    assert error.rule == "must give a month or a year price"


@pytest.mark.parametrize("name", ["prices\x00.toml", "\ud800.toml"], ids=repr)
def test_a_path_no_file_can_have_is_refused_naming_the_file_field_and_the_path(name: str, tmp_path: Path) -> None:
    # mutation testing of the bad-input sweep: the field could be emptied unseen (its test matched only the rule)
    source = str(tmp_path / name)
    with pytest.raises(PriceListError) as caught:
        load_price_list(source)
    refusal = caught.value
    assert (refusal.path, refusal.field, refusal.value) == (repr(source), "file", source)
    assert refusal.rule == "cannot be read (no file name holds a NUL or a lone surrogate)"
