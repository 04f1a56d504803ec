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


def test_a_file_saved_with_a_byte_order_mark_reads_as_without_it(tmp_path: Path) -> None:
    """Notepad and PowerShell write UTF-8 with a BOM; tomllib called it 'Invalid statement (at line 1, column 1)'."""
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_price_list(path) == load_price_list(_write(tmp_path, VALID))


def test_a_byte_order_mark_past_the_first_is_refused_as_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "twice.toml"
    path.write_bytes(b"\xef\xbb\xbf" * 2 + VALID.encode("utf-8"))
    with pytest.raises(PriceListError) as caught:
        load_price_list(path)
    assert caught.value.field == "toml"


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
