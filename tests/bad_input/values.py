"""Entry points without state: value constructors and rules of money, formatting, pricing and text."""

from __future__ import annotations

from decimal import Decimal

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.formatting import format_money, parse_money
from infomanager_core.money import Money, allocate, cash_round, currency, round_half_up
from infomanager_core.pricing import (
    OrderLine,
    PriceList,
    Product,
    Tier,
    cashback,
    price_order_line,
    pricing_steps,
    quote,
    quote_line,
    split_line,
)
from infomanager_core.text import printable, printable_identifier, printable_text

from .harness import NAME_FORMS, EntryPoint

PRICES = example_price_list()


def _chf(amount: str = "10.00") -> Money:
    return Money(amount, "CHF")


def _product() -> Product:
    return Product(
        code="dns",
        family="domain",
        name="Domain",
        prices={("CHF", "year"): Money("13.00", "CHF")},
        partner_discount=Decimal("0.10"),
        degressive=False,
    )


#: Money any amount of which an operation takes: negative, or finer than its minor unit (not yet rounded).
ANY_MONEY = {"negative money": "any amount", "money below its minor unit": "an amount, not yet rounded"}

#: A number documented as accepted: an ``int`` (a subclass too) where a Decimal is wanted, exact and finite.
WHOLE = {"zero": "an int is an exact amount", "negative int": "an int is an exact amount", "subclass": "an int"}

#: printable and printable_text leave a blank text to their caller (documented: "it may be blank").
BLANK = {"empty text": "may be blank (documented)", "blank text": "may be blank (documented)", **NAME_FORMS}

ENTRY_POINTS = [
    EntryPoint(
        "Money",
        Money,
        {"amount": lambda: Decimal("1.50"), "currency": lambda: "CHF"},
        accepts={
            "amount": {
                **WHOLE,
                "Decimal -0": "minus zero is zero",
                "subclass": "a Decimal subclass is a Decimal",
            },
        },
    ),
    EntryPoint("Money.zero", Money.zero, {"code": lambda: "CHF"}, fields={"code": ("code", "currency")}),
    EntryPoint(
        "Money.from_minor_units",
        Money.from_minor_units,
        {"units": lambda: 150, "code": lambda: "CHF"},
        fields={"code": ("code", "currency")},
        accepts={"units": WHOLE},
    ),
    EntryPoint(
        "Money.total",
        Money.total,
        {"amounts": lambda: [_chf(), _chf()], "code": lambda: "CHF"},
        fields={"code": ("code", "currency"), "amounts": ("amounts", "other")},
        accepts={"amounts": {"empty list": "the total of nothing is zero", "generator": "any iterable of amounts"}},
    ),
    EntryPoint(
        "Money +",
        lambda a, other: a + other,
        {"other": _chf},
        make=_chf,
        fields={"other": ("other", "currency")},
        accepts={"other": ANY_MONEY},
    ),
    EntryPoint(
        "Money *",
        lambda a, factor: a * factor,
        {"factor": lambda: Decimal("0.8")},
        make=_chf,
        accepts={"factor": WHOLE | {"Decimal -0": "zero"}},
    ),
    EntryPoint(
        "Money <",
        lambda a, other: a < other,
        {"other": _chf},
        make=_chf,
        fields={"other": ("other", "currency")},
        accepts={"other": ANY_MONEY},
    ),
    EntryPoint("currency", currency, {"code": lambda: "CHF"}, fields={"code": ("code", "currency")}),
    EntryPoint(
        "round_half_up",
        round_half_up,
        {"amount": lambda: Decimal("0.125"), "places": lambda: 2},
        accepts={
            "amount": WHOLE | {"Decimal -0": "zero", "Decimal 1E-999999": "a finite Decimal rounds (to zero)"},
            "places": {"zero": "whole units", "negative int": "tens, hundreds… (documented)"},
        },
    ),
    EntryPoint(
        "cash_round",
        cash_round,
        {"total": lambda: _chf("0.03")},
        fields={"total": ("total", "amount")},  # not in minor units: refused on the amount
        accepts={"total": {"negative money": "a refund rounds too", "money in another currency": "any currency"}},
    ),
    EntryPoint(
        "split_line",
        split_line,
        {
            "line": lambda: quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True),
            "ratios": lambda: [20, 10, 5],
        },
        accepts={"ratios": {"tuple": "a sequence", "list": "a sequence"}},
    ),
    EntryPoint(
        "allocate",
        allocate,
        {"total": lambda: _chf("10.00"), "ratios": lambda: [Decimal("0.7"), Decimal("0.3")]},
        fields={"total": ("total", "amount")},
        accepts={
            "ratios": {"tuple": "a sequence", "list": "a sequence"},
            "total": {"negative money": "a refund splits too", "money in another currency": "any currency"},
        },
    ),
    EntryPoint(
        "format_money",
        format_money,
        {"money": lambda: _chf("1234.50"), "locale": lambda: "fr_CH", "currency_display": lambda: "symbol"},
        accepts={"money": {**ANY_MONEY, "money in another currency": "any currency"}},
    ),
    EntryPoint(
        "parse_money",
        parse_money,
        {
            "text": lambda: format_money(_chf("1234.50"), "fr_CH"),
            "currency_code": lambda: "CHF",
            "locale": lambda: "fr_CH",
        },
        fields={"currency_code": ("currency_code", "currency")},
    ),
    EntryPoint(
        "Tier",
        Tier,
        {"min_count": lambda: 35, "rate": lambda: Decimal("0.25")},
        accepts={"rate": WHOLE | {"Decimal -0": "no reduction"}},
    ),
    EntryPoint(
        "Product",
        Product,
        {
            "code": lambda: "dns",
            "family": lambda: "domain",
            "name": lambda: "Domain",
            "prices": lambda: {("CHF", "year"): Money("13.00", "CHF")},
            "partner_discount": lambda: Decimal("0.10"),
            "degressive": lambda: False,
        },
        accepts={"partner_discount": WHOLE | {"Decimal -0": "no discount"}},
    ),
    EntryPoint(
        "PriceList",
        PriceList,
        {"name": lambda: "Example", "products": lambda: [_product()], "tiers": dict, "example": lambda: True},
        fields={"tiers": ("tiers", "tiers.web-1")},
        accepts={"products": {"tuple": "an iterable of products", "generator": "an iterable of products"}},
    ),
    EntryPoint(
        "PriceList.product",
        PriceList.product,
        {"code": lambda: "web-hosting"},
        make=lambda: PRICES,
        fields={"code": ("product",)},
    ),
    EntryPoint(
        "PriceList.tier_rate",
        PriceList.tier_rate,
        {"family": lambda: "web-hosting", "count": lambda: 35},
        make=lambda: PRICES,
        fields={"count": ("tier_count",)},
    ),
    EntryPoint(
        "Product.price",
        Product.price,
        {"currency": lambda: "CHF", "period": lambda: "year"},
        make=_product,
    ),
    EntryPoint(
        "OrderLine",
        OrderLine,
        {
            "product": lambda: "web-hosting",
            "quantity": lambda: 35,
            "tier_count": lambda: 35,
            "periods": lambda: 12,
            "period": lambda: "month",
        },
        accepts={"tier_count": {"None": "the quantity is the tier count"}},
    ),
    EntryPoint(
        "quote_line",
        quote_line,
        {
            "price_list": lambda: PRICES,
            "product_code": lambda: "web-hosting",
            "quantity": lambda: 35,
            "currency": lambda: "CHF",
            "partner": lambda: True,
            "tier_count": lambda: 35,
            "periods": lambda: 1,
            "period": lambda: "month",
        },
        fields={"product_code": ("product",)},
    ),
    EntryPoint(
        "cashback",
        cashback,
        {
            "price_list": lambda: PRICES,
            "product_code": lambda: "web-hosting",
            "quantity": lambda: 35,
            "currency": lambda: "CHF",
            "tier_count": lambda: 35,
            "periods": lambda: 1,
            "period": lambda: "month",
        },
        fields={"product_code": ("product",)},
    ),
    EntryPoint(
        "price_order_line",
        price_order_line,
        {
            "price_list": lambda: PRICES,
            "line": lambda: OrderLine(product="web-hosting", quantity=35),
            "currency": lambda: "CHF",
            "partner": lambda: True,
        },
    ),
    EntryPoint(
        "quote",
        quote,
        {
            "price_list": lambda: PRICES,
            "lines": lambda: [OrderLine(product="web-hosting", quantity=35)],
            "currency": lambda: "CHF",
            "partner": lambda: True,
        },
        fields={"lines": ("lines", "lines[0]")},
    ),
    EntryPoint(
        "pricing_steps",
        pricing_steps,
        {"product": _product, "partner": lambda: True, "tier_rate": lambda: Decimal("0.25")},
        accepts={"tier_rate": WHOLE | {"Decimal -0": "no reduction"}},
    ),
    EntryPoint(
        "printable_text",
        lambda value: printable_text(value, field="name"),
        {"value": lambda: "Bakery"},
        fields={"value": ("name",)},
        accepts={"value": BLANK},
    ),
    EntryPoint(
        "printable_identifier",
        lambda value: printable_identifier(value, field="product"),
        {"value": lambda: "web-1"},
        fields={"value": ("product",)},
    ),
    EntryPoint(
        "printable",
        lambda value: printable(value, field="reason"),
        {"value": lambda: "a reason"},
        fields={"value": ("reason",)},
        accepts={"value": BLANK},
    ),
]
