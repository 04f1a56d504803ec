"""A cashback's figures belong together: the public and partner quotes of one line, and their difference.

``Cashback.between`` took any two line quotes, and ``Cashback`` any three figures: a partner quote given as the public
one gave a cashback of −52.08 CHF, two lines of different products or tiers a difference that is the cashback of no
line, and a hand-built value an amount that is not public − preferential. ``settle_order`` credits ``amount`` as it
finds it, so each would have reached the partner's prepaid account.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import CurrencyMismatch, InvalidAmount
from infomanager_core.pricing import Cashback, CashbackMismatch, LineQuote, cashback, quote_line

PRICES = example_price_list()


def line(partner: bool, **changes: Any) -> LineQuote:
    arguments: dict[str, Any] = {"product_code": "web-hosting", "quantity": 35, "currency": "CHF"} | changes
    return quote_line(PRICES, arguments.pop("product_code"), arguments.pop("quantity"), partner=partner, **arguments)


def test_the_public_and_partner_quotes_of_one_line_give_the_spec_cashback() -> None:
    earned = Cashback.between(line(False), line(True))
    assert (earned.public_price, earned.preferential_price, earned.amount) == (
        Money("260.40", "CHF"),
        Money("208.32", "CHF"),
        Money("52.08", "CHF"),
    )
    assert earned == cashback(PRICES, "web-hosting", 35, currency="CHF")


@pytest.mark.parametrize(
    ("public", "preferential", "field"),
    [
        (line(True), line(True), "public.partner"),
        (line(False), line(False), "preferential.partner"),
        (line(True), line(False), "public.partner"),
    ],
    ids=["two-partner-quotes", "two-public-quotes", "swapped"],
)
def test_a_public_quote_and_a_partner_quote_are_refused_in_each_others_place(
    public: LineQuote, preferential: LineQuote, field: str
) -> None:
    with pytest.raises(CashbackMismatch) as refused:
        Cashback.between(public, preferential)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("changes", "differs"),
    [
        ({"product_code": "mail-hosting"}, "product"),
        ({"quantity": 34}, "quantity"),
        ({"tier_count": 40}, "tier_count"),
        ({"periods": 12}, "periods"),
        ({"period": "year"}, "period"),
        ({"currency": "EUR"}, "currency"),
    ],
)
def test_the_partner_quote_of_another_line_is_refused_naming_what_differs(
    changes: dict[str, Any], differs: str
) -> None:
    public = line(False)
    other = line(True, **changes)
    with pytest.raises(CashbackMismatch) as refused:
        Cashback.between(public, other)
    error = refused.value
    assert (error.field, error.value) == (f"preferential.{differs}", getattr(other, differs))
    assert getattr(public, differs) != error.value


def test_a_cashback_whose_amount_is_not_the_difference_of_its_prices_is_refused() -> None:
    earned = cashback(PRICES, "web-hosting", 35, currency="CHF")
    with pytest.raises(CashbackMismatch) as refused:
        attrs.evolve(earned, amount=Money("1000.00", "CHF"))
    assert (refused.value.field, refused.value.value) == ("amount", Money("1000.00", "CHF"))


def test_a_cashback_whose_preferential_price_is_above_the_public_price_is_refused() -> None:
    with pytest.raises(CashbackMismatch) as refused:
        Cashback(
            public_price=Money("208.32", "CHF"),
            preferential_price=Money("260.40", "CHF"),
            amount=Money("-52.08", "CHF"),
        )
    assert refused.value.field == "preferential_price"


@pytest.mark.parametrize("field", ["public_price", "preferential_price", "amount"])
def test_a_cashback_figure_that_is_no_money_or_of_another_currency_is_refused_by_name(field: str) -> None:
    earned = cashback(PRICES, "web-hosting", 35, currency="CHF")
    with pytest.raises(InvalidAmount) as refused:
        attrs.evolve(earned, **{field: "52.08"})
    assert refused.value.field == field
    with pytest.raises(CurrencyMismatch) as mixed:
        attrs.evolve(earned, **{field: Money(getattr(earned, field).amount, "EUR")})
    assert mixed.value.field == ("preferential_price" if field == "public_price" else field)
