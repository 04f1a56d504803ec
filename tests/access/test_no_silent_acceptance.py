"""Doubtful input is refused with a typed error naming field, value and rule — never accepted in silence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import InvalidInput, UnknownCurrency
from infomanager_core.access import HeldProduct, Organisation, Role, billing_currency, hostings_of_family
from infomanager_core.access.countries import ISO_3166_ALPHA_2

LR = Role.LEGAL_REPRESENTATIVE


def organisation(country: str = "CH") -> Organisation:
    return Organisation(
        id="acme",
        name="Acme",
        country=country,
        members={"alice": LR},
        products=[HeldProduct(id="w1", code="web", family="web-hosting")],
    )


@pytest.mark.parametrize("country", ["XX", "ZZ", "EU", "UK", "AA"])
def test_a_country_must_be_an_assigned_iso_3166_alpha_2_code(country: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        organisation(country)
    assert (raised.value.field, raised.value.value) == ("country", country)
    assert "ISO 3166" in raised.value.rule


def test_every_assigned_country_is_accepted() -> None:
    assert len(ISO_3166_ALPHA_2) == 249
    for country in ("CH", "FR", "DE", "GB", "US", "LI", "AX"):
        assert organisation(country).country == country


REFUSED: dict[str, tuple[Callable[[], object], type[InvalidInput], str]] = {
    "an unknown currency for a country": (
        lambda: billing_currency(organisation(), by_country={"CH": "XYZ"}),
        UnknownCurrency,
        "by_country",
    ),
    "an unknown country in the mapping": (
        lambda: billing_currency(organisation(), by_country={"XX": "CHF"}),
        InvalidInput,
        "by_country",
    ),
    "a mapping that is no mapping": (
        lambda: billing_currency(organisation(), by_country=[("CH", "CHF")]),  # type: ignore[arg-type]
        InvalidInput,
        "by_country",
    ),
    "an unknown default currency": (
        lambda: billing_currency(organisation(), otherwise="EURO"),
        UnknownCurrency,
        "otherwise",
    ),
    "no organisation to bill": (lambda: billing_currency(None), InvalidInput, "organisation"),  # type: ignore[arg-type]
    "no organisation to count": (lambda: hostings_of_family(None, "web-hosting"), InvalidInput, "organisation"),  # type: ignore[arg-type]
    "no family to count": (lambda: hostings_of_family(organisation(), None), InvalidInput, "family"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_billing_and_counting_input_is_a_typed_error(case: str) -> None:
    call, error, field = REFUSED[case]
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field


def test_valid_billing_mappings_still_work() -> None:
    assert billing_currency(organisation("FR")) == "EUR"
    assert billing_currency(organisation("FR"), by_country={"FR": "CHF"}, otherwise="EUR") == "CHF"
    assert hostings_of_family(organisation(), "web-hosting") == 1
