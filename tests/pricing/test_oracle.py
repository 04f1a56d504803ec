"""The library's prices, cashback, allocation and cash rounding agree with the plain oracle of ``oracle.py``.

Hypothesis draws raw data (families, prices in minor units, rates, tiers, quantities, periods, held hostings); both
the library and the oracle are built from the same raw data, and every figure of the library's breakdown must equal
the oracle's, exactly (same value, same number of places).
"""

from __future__ import annotations

import contextlib
import io
import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files

import pytest
from babel.core import get_global
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.money import allocate, cash_round, currency, known_currency_codes
from infomanager_core.pricing import (
    DEGRESSIVE_FAMILIES,
    DEGRESSIVE_TARIFF,
    PARTNER_DISCOUNT,
    DegressiveOutsideHosting,
    InvalidRate,
    LineQuote,
    OrderLine,
    cashback,
    price_lines,
    quote,
    quote_line,
)
from tests import strategies as s

from . import oracle


def library_breakdown(line: LineQuote) -> dict[str, tuple[Decimal, str, str]]:
    """The library's steps by name, as (rate, reduction, after), an absent step reading as a step at rate 0."""
    steps = {step.name: (step.rate, str(step.reduction.amount), str(step.after.amount)) for step in line.steps}
    before = str(line.public.amount)
    for name in (PARTNER_DISCOUNT, DEGRESSIVE_TARIFF):
        if name not in steps:
            steps[name] = (Decimal(0), str(Decimal(0).scaleb(-oracle.minor_unit(line.currency))), before)
        before = steps[name][2]
    return steps


def oracle_breakdown(line: dict) -> dict[str, tuple[Decimal, str, str]]:
    return {
        name: (step["rate"], str(step["reduction"]), str(step["after"]))
        for name, step in ((PARTNER_DISCOUNT, line["partner"]), (DEGRESSIVE_TARIFF, line["degressive"]))
    }


@st.composite
def single_lines(draw: st.DrawFn) -> tuple[dict, str, dict]:
    """A raw price list, a currency, and one line of it: product, period, quantity, periods, hostings, partner."""
    currency_code = draw(st.sampled_from(s.ORACLE_CURRENCIES))
    raw = draw(s.raw_price_lists(currency_code))
    quantity = draw(st.integers(1, 80))
    line = {
        "code": draw(st.sampled_from(sorted(raw["products"]))),
        "period": draw(st.sampled_from(s.ORACLE_PERIODS)),
        "quantity": quantity,
        "periods": draw(st.integers(1, 36)),
        "hostings": draw(st.none() | st.integers(quantity, quantity + 60)),  # None: only the ones ordered
        "partner": draw(st.booleans()),
    }
    return raw, currency_code, line


def hostings_of(line: dict) -> int:
    """SPEC §2.2: the hostings held, counting the ones being ordered; a line that says none holds only those."""
    return line["quantity"] if line["hostings"] is None else line["hostings"]


# --- the seed's worked example ----------------------------------------------------------------------------------

SEED_WEB = {
    "family": "web-hosting",
    "prices": {("CHF", "month"): Decimal("9.92"), ("EUR", "month"): Decimal("5.75")},
    "partner_rate": Decimal("0.20"),
    "degressive": True,
}
SEED = {"products": {"web-hosting": SEED_WEB}, "tiers": {"web-hosting": {35: Decimal("0.25")}}}


@pytest.mark.parametrize(
    ("currency_code", "public", "after_partner", "final", "public_price", "cashback_amount"),
    [
        ("CHF", "347.20", "277.76", "208.32", "260.40", "52.08"),
        ("EUR", "201.25", "161.00", "120.75", "150.94", "30.19"),
    ],
)
def test_the_seeds_35_web_hostings_cost_the_same_in_the_oracle_and_the_library(
    currency_code: str, public: str, after_partner: str, final: str, public_price: str, cashback_amount: str
) -> None:
    kwargs = {"currency_code": currency_code, "period": "month", "quantity": 35, "periods": 1, "hostings": 35}
    partner = s.oracle_line(SEED, "web-hosting", partner=True, **kwargs)
    client = s.oracle_line(SEED, "web-hosting", partner=False, **kwargs)
    assert (str(partner["public"]), str(partner["partner"]["after"]), str(partner["final"])) == (
        public,
        after_partner,
        final,
    )
    assert (str(client["final"]), str(oracle.cashback(client, partner))) == (public_price, cashback_amount)

    prices = s.library_price_list(SEED)
    line = quote_line(prices, "web-hosting", 35, currency=currency_code, partner=True)
    assert library_breakdown(line) == oracle_breakdown(partner)
    earned = cashback(prices, "web-hosting", 35, currency=currency_code)
    assert s.same(earned.public_price, client["final"], currency_code)
    assert s.same(earned.amount, oracle.cashback(client, partner), currency_code)


@given(
    st.sampled_from(("CHF", "EUR")),
    st.integers(1, 120).flatmap(lambda n: st.tuples(st.just(n), st.integers(n, 200))),
    st.integers(1, 36),
    st.booleans(),
)
def test_the_bundled_example_prices_web_hosting_as_the_seed_at_every_count(
    currency_code: str, counts: tuple[int, int], periods: int, partner: bool
) -> None:
    """SPEC §2.1: the example price list "reproduces the seed's figures" (9.92 CHF / 5.75 EUR a month, 20%, 35 → 25%)."""
    quantity, hostings = counts
    library = quote_line(
        example_price_list(),
        "web-hosting",
        quantity,
        currency=currency_code,
        partner=partner,
        tier_count=hostings,
        periods=periods,
    )
    expected = s.oracle_line(
        SEED,
        "web-hosting",
        currency_code=currency_code,
        period="month",
        quantity=quantity,
        periods=periods,
        hostings=hostings,
        partner=partner,
    )
    assert library_breakdown(library) == oracle_breakdown(expected)
    assert s.same(library.final, expected["final"], currency_code)


def raw_example_price_list() -> dict:
    """The bundled example file read with nothing but tomllib, as the oracle's raw data."""
    text = files("infomanager_core").joinpath("data/example_prices.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text, parse_float=Decimal)
    products = {
        code: {
            "family": table["family"],
            "prices": {
                (cur, period): Decimal(str(amount))
                for cur, per_period in table["prices"].items()
                for period, amount in per_period.items()
            },
            "partner_rate": Decimal(str(table["partner_discount"])),
            "degressive": table["degressive"],
        }
        for code, table in data["products"].items()
    }
    tiers = {
        family: {tier["min_count"]: Decimal(str(tier["rate"])) for tier in schedule}
        for family, schedule in data["tiers"].items()
    }
    return {"products": products, "tiers": tiers}


EXAMPLE = raw_example_price_list()


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[str, str, str, int, int, int, bool]:
    """A product of the bundled example, a currency and period it is priced in, quantity, tier count, periods."""
    code = draw(st.sampled_from(sorted(EXAMPLE["products"])))
    currency_code, period = draw(st.sampled_from(sorted(EXAMPLE["products"][code]["prices"])))
    quantity = draw(st.integers(1, 60))
    return (
        code,
        currency_code,
        period,
        quantity,
        draw(st.integers(quantity, 80)),
        draw(st.integers(1, 36)),
        draw(st.booleans()),
    )


@given(command_lines())
def test_infomanager_quote_json_gives_the_oracles_breakdown_of_the_bundled_file(
    case: tuple[str, str, str, int, int, int, bool],
) -> None:
    code, currency_code, period, quantity, hostings, periods, partner = case
    argv = ["quote", code, str(quantity), "--currency", currency_code, "--period", period]
    argv += ["--tier-count", str(hostings), "--periods", str(periods), "--json"] + (["--partner"] if partner else [])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    printed = json.loads(out.getvalue())
    expected = s.oracle_line(
        EXAMPLE,
        code,
        currency_code=currency_code,
        period=period,
        quantity=quantity,
        periods=periods,
        hostings=hostings,
        partner=partner,
    )
    steps = {step["name"]: (Decimal(step["rate"]), step["reduction"], step["after"]) for step in printed["steps"]}
    assert (printed["public"], printed["final"]) == (str(expected["public"]), str(expected["final"]))
    for name, (rate, reduction, after) in oracle_breakdown(expected).items():
        assert steps.get(name, (Decimal(0), reduction, after) if rate == 0 else None) == (rate, reduction, after)


def test_the_seeds_total_reduction_is_40_percent_not_45() -> None:
    partner = s.oracle_line(
        SEED, "web-hosting", currency_code="CHF", period="month", quantity=35, periods=1, hostings=35, partner=True
    )
    assert partner["public"] - partner["final"] == partner["public"] * Decimal("0.40")


# --- one line ----------------------------------------------------------------------------------------------------


@given(single_lines())
def test_a_line_quote_has_the_oracles_public_amount_steps_and_final_amount(case: tuple[dict, str, dict]) -> None:
    raw, currency_code, line = case
    library = quote_line(
        s.library_price_list(raw),
        line["code"],
        line["quantity"],
        currency=currency_code,
        partner=line["partner"],
        tier_count=line["hostings"],
        periods=line["periods"],
        period=line["period"],
    )
    expected = s.oracle_line(
        raw,
        line["code"],
        currency_code=currency_code,
        period=line["period"],
        quantity=line["quantity"],
        periods=line["periods"],
        hostings=hostings_of(line),
        partner=line["partner"],
    )
    assert s.same(library.public, expected["public"], currency_code)
    assert library_breakdown(library) == oracle_breakdown(expected)
    assert s.same(library.final, expected["final"], currency_code)
    # The absent steps read as rate 0 above; which steps are shown is documented: a partner step only for a partner,
    # a degressive step only for a degressive product.
    assert library.partner is line["partner"]
    shown = [step.name for step in library.steps]
    assert (DEGRESSIVE_TARIFF in shown) is raw["products"][line["code"]]["degressive"]


@given(single_lines())
def test_the_cashback_on_a_line_is_the_oracles(case: tuple[dict, str, dict]) -> None:
    raw, currency_code, line = case
    earned = s.library_cashback(raw, currency_code, line)
    kwargs = {key: line[key] for key in ("period", "quantity", "periods")} | {"hostings": hostings_of(line)}
    client = s.oracle_line(raw, line["code"], currency_code=currency_code, partner=False, **kwargs)
    partner = s.oracle_line(raw, line["code"], currency_code=currency_code, partner=True, **kwargs)
    assert s.same(earned.public_price, client["final"], currency_code)
    assert s.same(earned.preferential_price, partner["final"], currency_code)
    assert s.same(earned.amount, oracle.cashback(client, partner), currency_code)


# --- several lines -----------------------------------------------------------------------------------------------


@st.composite
def orders(draw: st.DrawFn) -> tuple[dict, str, bool, list[dict], dict[str, int]]:
    """A raw price list, a currency, partner or public, several lines, and hostings already held per family.

    A family whose organisation holds more than it orders gives that total as ``tier_count`` on some of its lines.
    """
    currency_code = draw(st.sampled_from(s.ORACLE_CURRENCIES))
    raw = draw(s.raw_price_lists(currency_code))
    codes = sorted(raw["products"])
    lines = [
        {
            "code": draw(st.sampled_from(codes)),
            "period": draw(st.sampled_from(s.ORACLE_PERIODS)),
            "quantity": draw(st.integers(1, 40)),
            "periods": draw(st.integers(1, 24)),
        }
        for _ in range(draw(st.integers(1, 6)))
    ]
    held = {family: draw(st.integers(0, 40)) for family in sorted({p["family"] for p in raw["products"].values()})}
    return raw, currency_code, draw(st.booleans()), lines, held


@given(orders(), st.data())
def test_a_quote_of_several_lines_has_the_oracles_lines_and_total(case: tuple, data: st.DataObject) -> None:
    raw, currency_code, partner, lines, held = case
    family_of = {code: p["family"] for code, p in raw["products"].items()}
    ordered: dict[str, int] = {}
    for line in lines:
        ordered[family_of[line["code"]]] = ordered.get(family_of[line["code"]], 0) + line["quantity"]
    # SPEC §2.2: the hostings of the family held by the organisation that pays, counting the ones being ordered.
    hostings = {family: held[family] + count for family, count in ordered.items()}
    first_line_of: dict[str, int] = {}
    for index, line in enumerate(lines):
        first_line_of.setdefault(family_of[line["code"]], index)
    order = []
    for index, line in enumerate(lines):
        family = family_of[line["code"]]
        # A family held beyond what is ordered says its count on its first line, and on the others at random.
        says_count = held[family] > 0 and (index == first_line_of[family] or data.draw(st.booleans()))
        order.append(
            OrderLine(
                product=line["code"],
                quantity=line["quantity"],
                periods=line["periods"],
                period=line["period"],
                tier_count=hostings[family] if says_count else None,
            )
        )
    result = quote(s.library_price_list(raw), order, currency=currency_code, partner=partner)
    expected = [
        s.oracle_line(
            raw,
            line["code"],
            currency_code=currency_code,
            period=line["period"],
            quantity=line["quantity"],
            periods=line["periods"],
            hostings=hostings[family_of[line["code"]]],
            partner=partner,
        )
        for line in lines
    ]
    assert len(result.lines) == len(expected)
    for library, oracle_figures in zip(result.lines, expected, strict=True):
        assert s.same(library.public, oracle_figures["public"], currency_code)
        assert library_breakdown(library) == oracle_breakdown(oracle_figures)
    totals = oracle.quote(expected, currency_code)
    assert list(result.totals) == [currency_code]
    assert s.same(result.totals[currency_code], totals["final"], currency_code)
    assert s.same(Money.total((line.public for line in result.lines), currency_code), totals["public"], currency_code)


# --- the bulk path -----------------------------------------------------------------------------------------------


@given(st.sampled_from(s.ORACLE_CURRENCIES).flatmap(lambda c: st.tuples(st.just(c), s.raw_price_lists(c))), st.data())
def test_bulk_pricing_agrees_with_the_oracle_line_by_line_in_minor_units(
    case: tuple[str, dict], data: st.DataObject
) -> None:
    currency_code, raw = case
    partner = data.draw(st.booleans())
    lines = []
    for _ in range(data.draw(st.integers(1, 8))):
        quantity = data.draw(st.integers(1, 80))
        lines.append(
            OrderLine(
                product=data.draw(st.sampled_from(sorted(raw["products"]))),
                quantity=quantity,
                tier_count=data.draw(st.none() | st.integers(quantity, quantity + 60)),
                periods=data.draw(st.integers(1, 36)),
                period=data.draw(st.sampled_from(s.ORACLE_PERIODS)),
            )
        )
    scale = 10 ** oracle.minor_unit(currency_code)
    priced = list(price_lines(s.library_price_list(raw), lines, currency=currency_code, partner=partner))
    assert len(priced) == len(lines)
    for line, result in zip(lines, priced, strict=True):
        # Each line of the bulk path is an order of its own: its tier count, or its quantity.
        expected = s.oracle_line(
            raw,
            line.product,
            currency_code=currency_code,
            period=line.period,
            quantity=line.quantity,
            periods=line.periods,
            hostings=line.count,
            partner=partner,
        )
        assert result.line == line
        assert result.public == expected["public"] * scale
        steps = [expected["partner"]] if partner else []
        if raw["products"][line.product]["degressive"]:
            steps.append(expected["degressive"])
        assert result.reductions == tuple(step["reduction"] * scale for step in steps)
        assert result.final == expected["final"] * scale


# --- SPEC §1: minor units, allocation, cash rounding -------------------------------------------------------------


def test_every_currency_has_cldrs_minor_unit_and_cash_step() -> None:
    fractions = get_global("currency_fractions")
    for code in sorted(known_currency_codes()):
        digits, _rounding, cash_digits, cash_rounding = fractions.get(code, fractions["DEFAULT"])
        info = currency(code)
        assert info.minor_digits == oracle.minor_unit(code) == digits, code
        step = Decimal(max(cash_rounding, 1)).scaleb(-cash_digits)
        assert info.cash_step == step.scaleb(digits), code


@given(st.integers(-(10**13), 10**13), st.integers(0, 8), st.sampled_from(s.ORACLE_CURRENCIES))
def test_rounding_an_amount_is_the_oracles_half_away_from_zero(digits: int, places: int, currency_code: str) -> None:
    amount = Decimal(digits).scaleb(-places)
    assert str(Money(amount, currency_code).rounded().amount) == str(oracle.round_half_up(amount, currency_code))


@given(
    st.integers(-(10**9), 10**9),
    st.sampled_from(s.ORACLE_CURRENCIES),
    st.lists(st.integers(0, 10**4).map(lambda n: Decimal(n).scaleb(-2)), min_size=1, max_size=8).filter(any),
)
def test_an_allocation_has_the_oracles_parts(units: int, currency_code: str, ratios: list[Decimal]) -> None:
    parts = allocate(Money.from_minor_units(units, currency_code), ratios)
    assert [part.minor_units() for part in parts] == oracle.allocate(units, [Fraction(r) for r in ratios])
    assert {part.currency for part in parts} == {currency_code}


@given(st.integers(-(10**9), 10**9), st.sampled_from(s.ORACLE_CURRENCIES))
def test_cash_rounding_of_a_total_is_the_oracles(units: int, currency_code: str) -> None:
    fractions = get_global("currency_fractions")
    _digits, _rounding, cash_digits, cash_rounding = fractions.get(currency_code, fractions["DEFAULT"])
    total = Money.from_minor_units(units, currency_code)
    adjustment, payable = oracle.cash_rounded(total.amount, Decimal(max(cash_rounding, 1)).scaleb(-cash_digits))
    rounded = cash_round(total)
    assert rounded.total == total
    assert rounded.adjustment.amount == adjustment
    assert rounded.payable.amount == payable


@pytest.mark.parametrize(
    ("partner_rate", "tier_rate", "field"),
    [(Decimal(1), Decimal("0.25"), "partner_discount"), (Decimal("0.20"), Decimal("1.00"), "rate")],
)
def test_a_rate_of_100_percent_is_refused_by_name(partner_rate: Decimal, tier_rate: Decimal, field: str) -> None:
    """SPEC says nothing of 100%; the library takes rates in [0, 1) (documented) and refuses 1 as typed bad input,
    so the generated rates stop at 0.9999 (and 0.99999999)."""
    raw = {"products": {"p": dict(SEED_WEB, partner_rate=partner_rate)}, "tiers": {"web-hosting": {35: tier_rate}}}
    with pytest.raises(InvalidRate) as caught:
        s.library_price_list(raw)
    assert (caught.value.field, caught.value.value) == (
        field,
        partner_rate if field == "partner_discount" else tier_rate,
    )


@pytest.mark.parametrize("family", ["domain", "ssl-certificate", "web_hosting", "Web-hosting"])
def test_a_degressive_product_outside_web_and_mail_hosting_is_refused_naming_it(family: str) -> None:
    """SPEC §2.2 [seed]: "The degressive tariff applies to Web and Mail hosting only". The library priced a degressive
    domain with its family's tiers, where the oracle (and the seed) give it no degressive reduction."""
    product = dict(SEED_WEB, family=family)
    with pytest.raises(DegressiveOutsideHosting) as caught:
        s.library_price_list({"products": {"p": product}, "tiers": {family: {35: Decimal("0.25")}}})
    error = caught.value
    assert (error.field, error.value, error.product, error.family) == ("degressive", True, "p", family)
    assert error.degressive_families == DEGRESSIVE_FAMILIES == tuple(sorted(oracle.HOSTING_FAMILIES))
