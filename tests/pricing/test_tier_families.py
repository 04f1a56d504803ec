"""A price list's tier families are exactly its degressive products' families: a typo cannot drop the tariff silently.

The user-journey review wrote ``web_hosting`` for ``web-hosting`` in ``[tiers]``: the file loaded, and 35 Web hostings
cost a partner 277.76 CHF instead of the 208.32 of SPEC §2.2.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.adapters.price_list_toml import example_price_list, parse_price_list
from infomanager_core.pricing import (
    DEGRESSIVE_FAMILIES,
    DEGRESSIVE_TARIFF,
    DegressiveOutsideHosting,
    DegressiveWithoutTiers,
    PriceListError,
    TiersWithoutDegressiveProduct,
    UnknownFamily,
    quote_line,
)

TYPO = """name = "T"
[tiers]
web_hosting = [{ min_count = 35, rate = "0.25" }]
[products.web-hosting]
family = "web-hosting"
name = "Web hosting"
partner_discount = "0.20"
degressive = true
prices.CHF = { month = "9.92" }
"""

FAMILIES = ["web-hosting", "web_hosting", "mail-hosting", "Web-hosting", "domain"]


def test_the_reviewed_typo_is_refused_naming_the_file_the_key_and_the_rule() -> None:
    with pytest.raises(PriceListError) as caught:
        parse_price_list(TYPO, source="tariff.toml")
    error = caught.value
    assert (error.path, error.product, error.field, error.value) == (
        "tariff.toml",
        None,
        "tiers.web_hosting",
        "web_hosting",
    )
    assert isinstance(error.cause, TiersWithoutDegressiveProduct)
    assert str(error) == (
        "tariff.toml: tiers.web_hosting: 'web_hosting' is the family of no degressive product, so its tiers would "
        "never apply (families of degressive products: web-hosting)"
    )


def test_with_the_family_spelt_right_the_seed_price_comes_out() -> None:
    prices = parse_price_list(TYPO.replace("web_hosting = [", "web-hosting = ["), source="tariff.toml")
    assert str(quote_line(prices, "web-hosting", 35, currency="CHF", partner=True).final) == "208.32 CHF"


def test_a_degressive_product_without_tiers_is_refused_naming_the_product() -> None:
    text = TYPO.replace('web_hosting = [{ min_count = 35, rate = "0.25" }]\n', "")
    with pytest.raises(PriceListError) as caught:
        parse_price_list(text, source="tariff.toml")
    error = caught.value
    assert (error.path, error.product, error.field) == ("tariff.toml", "web-hosting", "degressive")
    assert isinstance(error.cause, DegressiveWithoutTiers)
    assert "family 'web-hosting' has no tiers" in str(error)


def test_a_degressive_product_outside_web_and_mail_hosting_in_a_file_is_refused_naming_the_product() -> None:
    text = TYPO.replace("web_hosting = [", "domain = [").replace('family = "web-hosting"', 'family = "domain"')
    with pytest.raises(PriceListError) as caught:
        parse_price_list(text, source="tariff.toml")
    error = caught.value
    assert (error.path, error.product, error.field, error.value) == ("tariff.toml", "web-hosting", "degressive", True)
    assert isinstance(error.cause, DegressiveOutsideHosting)
    assert str(error).startswith(
        "tariff.toml: product 'web-hosting': degressive: True is set on product 'web-hosting' of family 'domain', but "
        "the degressive tariff applies to Web and Mail hosting only"
    )


@st.composite
def price_list_files(draw: st.DrawFn) -> tuple[str, set[str], dict[str, bool]]:
    """The TOML of a price list with products in drawn families and tiers for drawn families (some schedules empty);
    with the degressive families and, per tier family, whether its schedule has a tier."""
    products = draw(st.lists(st.tuples(st.sampled_from(FAMILIES), st.booleans()), min_size=1, max_size=4))
    degressive_families = {family for family, degressive in products if degressive}
    if draw(st.booleans()):  # half the files are consistent, so that both outcomes are well explored
        schedules = dict.fromkeys(sorted(degressive_families), True)
    else:
        schedules = draw(st.dictionaries(st.sampled_from(FAMILIES), st.booleans(), max_size=4))
    lines = ['name = "Generated"', "[tiers]"]
    lines += [f'{family} = [{{ min_count = 35, rate = "0.25" }}]' if filled else f"{family} = []"
              for family, filled in schedules.items()]  # fmt: skip
    for index, (family, degressive) in enumerate(products):
        lines += [
            f"[products.p{index}]",
            f'family = "{family}"',
            f'name = "Product {index}"',
            'partner_discount = "0.20"',
            f"degressive = {str(degressive).lower()}",
            'prices.CHF = { month = "9.92" }',
        ]
    return "\n".join(lines) + "\n", degressive_families, schedules


@given(price_list_files())
def test_a_file_loads_exactly_when_its_tier_families_are_its_degressive_families(
    case: tuple[str, set[str], dict[str, bool]],
) -> None:
    text, degressive_families, schedules = case
    tier_families = {family for family, filled in schedules.items() if filled}
    outside_hosting = degressive_families - set(DEGRESSIVE_FAMILIES)
    if outside_hosting:  # each product is checked as it is read, before the list's tier families
        with pytest.raises(PriceListError) as caught:
            parse_price_list(text, source="generated.toml")
        assert caught.value.path == "generated.toml"
        assert isinstance(caught.value.cause, DegressiveOutsideHosting)
        assert caught.value.cause.family in outside_hosting
    elif tier_families == degressive_families and all(schedules.values()):
        prices = parse_price_list(text, source="generated.toml")
        assert set(prices.tiers) == degressive_families
        for product in prices.products.values():
            line = quote_line(prices, product.code, 35, currency="CHF", partner=True)
            rates = {step.name: step.rate for step in line.steps}
            assert rates.get(DEGRESSIVE_TARIFF) == (Decimal("0.25") if product.degressive else None)
    else:
        with pytest.raises(PriceListError) as caught:
            parse_price_list(text, source="generated.toml")
        assert caught.value.path == "generated.toml"
        assert isinstance(caught.value.cause, TiersWithoutDegressiveProduct | DegressiveWithoutTiers)
        if isinstance(caught.value.cause, TiersWithoutDegressiveProduct):
            assert caught.value.cause.family in set(schedules) - degressive_families
        else:
            assert caught.value.cause.family in degressive_families - tier_families


@pytest.mark.parametrize("family", ["web_hosting", "Web-hosting", "hosting"])
def test_the_tier_rate_of_a_family_no_product_has_is_refused_not_zero(family: str) -> None:
    # It answered 0, the rate below the first tier: a misspelt family priced silently without the tariff.
    prices = example_price_list()
    with pytest.raises(UnknownFamily) as caught:
        prices.tier_rate(family, 35)
    assert (caught.value.field, caught.value.value) == ("family", family)
    assert caught.value.known == ("domain", "mail-hosting", "web-hosting")
    assert str(caught.value) == (
        f"family: {family!r} is the family of no product in the price list "
        "(families: domain, mail-hosting, web-hosting)"
    )


def test_a_family_without_tariff_still_has_rate_zero() -> None:
    assert example_price_list().tier_rate("domain", 1000) == 0
