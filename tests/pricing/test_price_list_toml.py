"""Loading price lists from TOML: every problem is a PriceListError naming the file, the product and the field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from infomanager_core import Money, NotInMinorUnits, UnknownCurrency
from infomanager_core.adapters.price_list_toml import example_price_list, load_price_list, parse_price_list
from infomanager_core.errors import InvalidAmount, NotABillingCurrency, NotPlainDecimal
from infomanager_core.pricing import (
    DegressiveWithoutTiers,
    InvalidRate,
    InvalidTiers,
    PriceListError,
    TiersWithoutDegressiveProduct,
    UnprintableProductText,
)

VALID = """
name = "Test prices"

[tiers]
web-hosting = [{ min_count = 35, rate = "0.25" }]

[products.web-hosting]
family = "web-hosting"
name = "Web hosting"
partner_discount = "0.20"
degressive = true
prices.CHF = { month = "9.92" }
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "prices.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_into_a_price_list(tmp_path: Path) -> None:
    prices = load_price_list(_write(tmp_path, VALID))
    assert prices.name == "Test prices"
    assert prices.example is False
    assert prices.product("web-hosting").price("CHF", "month") == Money("9.92", "CHF")
    assert prices.tier_rate("web-hosting", 35) == Decimal("0.25")


def test_toml_numbers_are_read_as_exact_decimals_not_floats() -> None:
    text = VALID.replace('partner_discount = "0.20"', "partner_discount = 0.1").replace('"9.92"', "9.92")
    product = parse_price_list(text).product("web-hosting")
    assert product.partner_discount == Decimal("0.1")
    assert product.price("CHF") == Money("9.92", "CHF")


def test_the_bundled_example_reproduces_the_seed_and_says_it_is_example_data() -> None:
    prices = example_price_list()
    web = prices.product("web-hosting")
    assert prices.example is True
    assert "example" in prices.name.lower()
    assert (web.price("CHF"), web.price("EUR")) == (Money("9.92", "CHF"), Money("5.75", "EUR"))
    assert (web.partner_discount, web.degressive, prices.tier_rate("web-hosting", 35)) == (
        Decimal("0.20"),
        True,
        Decimal("0.25"),
    )
    assert prices.product("mail-hosting").degressive is True
    assert prices.product("domain").degressive is False


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PriceListError) as caught:
        load_price_list(tmp_path / "absent.toml")
    assert caught.value.path.endswith("absent.toml")
    assert "cannot be read" in str(caught.value)


def test_an_empty_path_names_no_file_rather_than_the_current_directory() -> None:
    # Path("") is ".", so an unset variable passed as the path was refused "(Is a directory)" with an empty file name.
    with pytest.raises(PriceListError) as caught:
        load_price_list("")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("''", "file", "")
    assert "directory" not in str(caught.value)
    assert str(caught.value) == "'': file: '' cannot be read (an empty path names no file)"


def test_text_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PriceListError, match="is not valid TOML") as caught:
        load_price_list(_write(tmp_path, "name = "))
    assert caught.value.field == "toml"


@pytest.mark.parametrize(
    ("change", "product", "field", "cause"),
    [
        (('partner_discount = "0.20"', 'partner_discount = "1.20"'), "web-hosting", "partner_discount", InvalidRate),
        (('partner_discount = "0.20"', "partner_discount = true"), "web-hosting", "partner_discount", InvalidRate),
        (('partner_discount = "0.20"', ""), "web-hosting", "partner_discount", None),
        (('family = "web-hosting"', ""), "web-hosting", "family", None),
        (('name = "Web hosting"', 'name = ""'), "web-hosting", "name", None),
        (("degressive = true", 'degressive = "yes"'), "web-hosting", "degressive", None),
        (("degressive = true", "degresive = true"), "web-hosting", "product", None),
        (('{ month = "9.92" }', '{ month = "9,92" }'), "web-hosting", "prices.CHF.month", InvalidAmount),
        (('{ month = "9.92" }', '{ month = "9.925" }'), "web-hosting", "prices.CHF.month", NotInMinorUnits),
        (('{ month = "9.92" }', '{ month = "-9.92" }'), "web-hosting", "prices.CHF.month", None),
        (('{ month = "9.92" }', '{ week = "9.92" }'), "web-hosting", "prices.CHF", None),
        (
            ('prices.CHF = { month = "9.92" }', 'prices.CHX = { month = "9.92" }'),
            "web-hosting",
            "prices.CHX.month",
            UnknownCurrency,
        ),
        (('prices.CHF = { month = "9.92" }', ""), "web-hosting", "prices", None),
        (('rate = "0.25"', 'rate = "-0.25"'), None, "tiers.web-hosting[0].rate", InvalidRate),
        (("min_count = 35, ", ""), None, "tiers.web-hosting[0].min_count", None),
        (
            ("[{ min_count = 35", '[{ min_count = 10, rate = "0.30" }, { min_count = 35'),
            None,
            "tiers.web-hosting",
            InvalidTiers,
        ),
        (('name = "Test prices"', ""), None, "name", None),
        # The tier families are exactly the degressive products' families (a typo cannot drop the tariff).
        (("web-hosting = [", "web_hosting = ["), None, "tiers.web_hosting", TiersWithoutDegressiveProduct),
        (("degressive = true", "degressive = false"), None, "tiers.web-hosting", TiersWithoutDegressiveProduct),
        (('[{ min_count = 35, rate = "0.25" }]', "[]"), "web-hosting", "degressive", DegressiveWithoutTiers),
        (
            ('[tiers]\nweb-hosting = [{ min_count = 35, rate = "0.25" }]', ""),
            "web-hosting",
            "degressive",
            DegressiveWithoutTiers,
        ),
        # Names and families follow the shared text rule.
        (('name = "Web hosting"', 'name = "Web\\u0000hosting"'), "web-hosting", "name", UnprintableProductText),
        (('family = "web-hosting"', 'family = "web\\nhosting"'), "web-hosting", "family", UnprintableProductText),
        (('name = "Test prices"', 'name = "Test\\u202eprices"'), None, "name", UnprintableProductText),
        (("web-hosting = [", '"web\\u0000hosting" = ['), None, "tiers", UnprintableProductText),
        # Amount and rate strings are plain decimal notation; billing currencies only.
        (('{ month = "9.92" }', '{ month = " 9.92" }'), "web-hosting", "prices.CHF.month", NotPlainDecimal),
        (('{ month = "9.92" }', '{ month = "1E+1" }'), "web-hosting", "prices.CHF.month", NotPlainDecimal),
        (('{ month = "9.92" }', '{ month = "\u0669.92" }'), "web-hosting", "prices.CHF.month", NotPlainDecimal),
        (('partner_discount = "0.20"', 'partner_discount = "2E-1"'), "web-hosting", "partner_discount", InvalidRate),
        (('rate = "0.25"', 'rate = "0.2_5"'), None, "tiers.web-hosting[0].rate", InvalidRate),
        (
            ('prices.CHF = { month = "9.92" }', 'prices.XTS = { month = "9.92" }'),
            "web-hosting",
            "prices.XTS.month",
            NotABillingCurrency,
        ),
    ],
)
def test_each_malformed_field_is_named_with_its_file_and_product(
    tmp_path: Path, change: tuple[str, str], product: str | None, field: str, cause: type[Exception] | None
) -> None:
    old, new = change
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PriceListError) as caught:
        load_price_list(path)
    error = caught.value
    assert (error.path, error.product, error.field) == (str(path), product, field)
    assert str(error).startswith(f"{path}: ")
    assert field in str(error)
    if product is not None:
        assert f"product {product!r}" in str(error)
    if cause is None:
        assert error.cause is None
    else:
        assert isinstance(error.cause, cause)


def test_a_file_without_products_is_refused() -> None:
    with pytest.raises(PriceListError, match="products") as caught:
        parse_price_list('name = "x"', source="empty.toml")
    assert caught.value.path == "empty.toml"


def test_an_unknown_top_level_key_is_refused() -> None:
    with pytest.raises(PriceListError, match="is not a known key") as caught:
        parse_price_list('currency = "CHF"\n' + VALID, source="typo.toml")
    assert (caught.value.product, caught.value.value) == (None, "currency")


def test_price_list_text_that_is_not_a_string_is_refused_naming_the_source() -> None:
    with pytest.raises(PriceListError) as raised:
        parse_price_list(None, source="given.toml")  # type: ignore[arg-type]
    assert raised.value.path == "given.toml"


@pytest.mark.parametrize("path", [None, 5, ["prices.toml"]], ids=["None", "int", "list"])
def test_a_path_that_is_not_a_path_is_refused_naming_it(path: object) -> None:
    # None was a bare TypeError from os.fspath (the invoicing-service review).
    with pytest.raises(PriceListError) as caught:
        load_price_list(path)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("path", path)


@pytest.mark.parametrize(
    ("written", "shown"), [("1e1", "10.00"), ("10", "10.00"), ("9.5", "9.50"), ('"9.5"', "9.50"), ("0.2e2", "20.00")]
)
def test_a_unit_price_is_kept_in_the_currencys_minor_units_however_the_toml_writes_it(written: str, shown: str) -> None:
    # TOML numbers such as 1e1 are exact but keep their exponent: Money('1E+1') printed "1E+1" as a unit price,
    # which the library itself refuses as money text, and "10" beside "9.92" looked like another kind of figure
    prices = parse_price_list(VALID.replace('month = "9.92"', f"month = {written}"), source="prices.toml")
    price = prices.product("web-hosting").price("CHF")
    assert (str(price.amount), price) == (shown, Money(shown, "CHF"))
