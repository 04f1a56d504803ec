"""Quotes: the seed's example, tiers, rounding per step, periods, several lines, and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core import Money, UnknownCurrency
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidInput
from infomanager_core.pricing import (
    DEGRESSIVE_TARIFF,
    PARTNER_DISCOUNT,
    InvalidPeriod,
    InvalidQuantity,
    InvalidQuoteRequest,
    LineQuote,
    NoPriceForCurrency,
    NoPriceForPeriod,
    OrderLine,
    PriceList,
    Product,
    Tier,
    UnknownProduct,
    price_order_line,
    quote,
    quote_line,
)
from infomanager_core.pricing.quote import percent

PRICES = example_price_list()


def _amounts(line: LineQuote) -> list[str]:
    return [str(line.public.amount)] + [str(step.after.amount) for step in line.steps]


def _one_product_list(price: str, *, discount: str = "0.20", tiers: dict[str, list[Tier]] | None = None) -> PriceList:
    product = Product(
        code="p",
        family="web-hosting",
        name="P",
        prices={("CHF", "month"): Money(price, "CHF")},
        partner_discount=Decimal(discount),
        degressive=True,
    )
    schedule = {"web-hosting": [Tier(35, Decimal("0.25"))]} if tiers is None else tiers
    return PriceList(name="test", products=[product], tiers=schedule)


class TestTheSeedExample:
    @pytest.mark.parametrize(
        ("currency", "expected"),
        [("CHF", ["347.20", "277.76", "208.32"]), ("EUR", ["201.25", "161.00", "120.75"])],
    )
    def test_thirty_five_web_hostings_for_a_partner_match_the_faq(self, currency: str, expected: list[str]) -> None:
        line = quote_line(PRICES, "web-hosting", 35, currency=currency, partner=True)
        assert _amounts(line) == expected
        assert [step.name for step in line.steps] == [PARTNER_DISCOUNT, DEGRESSIVE_TARIFF]
        assert [step.rate for step in line.steps] == [Decimal("0.20"), Decimal("0.25")]

    def test_the_discounts_cumulate_to_forty_percent_not_forty_five(self) -> None:
        line = quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True)
        assert line.final == line.public * Decimal("0.60")
        assert line.reduction == Money("138.88", "CHF")

    def test_the_public_quote_has_only_the_degressive_step(self) -> None:
        line = quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=False)
        assert [step.name for step in line.steps] == [DEGRESSIVE_TARIFF]
        assert line.final == Money("260.40", "CHF")
        assert line.partner is False

    def test_tier_count_defaults_to_the_quantity(self) -> None:
        assert quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True).tier_count == 35


class TestTiers:
    @pytest.mark.parametrize(
        ("count", "rate", "final"),
        [(34, Decimal(0), "7.94"), (35, Decimal("0.25"), "5.96"), (36, Decimal("0.25"), "5.96")],
    )
    def test_the_tier_starts_at_its_inclusive_lower_bound(self, count: int, rate: Decimal, final: str) -> None:
        line = quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=True, tier_count=count)
        assert line.steps[-1].rate == rate
        assert line.final == Money(final, "CHF")

    # 34 × 9.92 = 337.28 → ×0.8 = 269.824 → 269.82, no tier yet.
    # 36 × 9.92 = 357.12 → ×0.8 = 285.696 → 285.70 → ×0.75 = 214.275 → 214.28 (half up).
    @pytest.mark.parametrize(("quantity", "final"), [(34, "269.82"), (35, "208.32"), (36, "214.28")])
    def test_a_volume_tier_applies_to_every_unit_of_the_line(self, quantity: int, final: str) -> None:
        assert quote_line(PRICES, "web-hosting", quantity, currency="CHF", partner=True).final == Money(final, "CHF")

    def test_below_the_first_tier_the_degressive_step_is_shown_at_rate_zero(self) -> None:
        step = quote_line(PRICES, "web-hosting", 3, currency="CHF", partner=True).steps[-1]
        assert (step.name, step.rate, step.reduction) == (DEGRESSIVE_TARIFF, Decimal(0), Money("0.00", "CHF"))

    def test_a_product_without_the_degressive_tariff_ignores_the_tiers(self) -> None:
        line = quote_line(PRICES, "domain", 40, currency="CHF", partner=True, period="year")
        assert [step.name for step in line.steps] == [PARTNER_DISCOUNT]

    def test_a_public_quote_of_a_non_degressive_product_has_no_step(self) -> None:
        line = quote_line(PRICES, "domain", 1, currency="CHF", partner=False, period="year")
        assert line.steps == ()
        assert line.final == line.public == Money("13.00", "CHF")

    def test_the_middle_tier_of_a_schedule_applies_between_its_bounds(self) -> None:
        rates = [
            quote_line(PRICES, "mail-hosting", n, currency="CHF", partner=False).steps[0].rate for n in (9, 10, 34)
        ]
        assert rates == [Decimal(0), Decimal("0.10"), Decimal("0.10")]


class TestRoundingPerStep:
    """Each step rounds the amount after it half away from zero; the next step starts from that rounded amount."""

    @pytest.mark.parametrize(
        ("price", "discount", "after_discount"),
        [
            ("10.05", "0.5", "5.03"),  # 5.025 → 5.03 (half up, not half even's 5.02)
            ("10.15", "0.5", "5.08"),  # 5.075 → 5.08
            ("0.01", "0.5", "0.01"),  # 0.005 → 0.01
            ("10.03", "0.5", "5.02"),  # 5.015 → 5.02
            ("10.02", "0.5", "5.01"),  # exact
        ],
    )
    def test_a_half_cent_after_a_step_rounds_up(self, price: str, discount: str, after_discount: str) -> None:
        line = quote_line(_one_product_list(price, discount=discount), "p", 1, currency="CHF", partner=True)
        assert line.steps[0].after == Money(after_discount, "CHF")
        assert line.steps[0].reduction == Money(price, "CHF") - Money(after_discount, "CHF")

    def test_the_degressive_step_applies_to_the_rounded_residual(self) -> None:
        # 0.03 × (1 − 0.5) = 0.015 → 0.02; then 0.02 × 0.75 = 0.015 → 0.02.
        # Had the residual stayed unrounded: 0.015 × 0.75 = 0.01125 → 0.01.
        line = quote_line(
            _one_product_list("0.03", discount="0.5"), "p", 1, currency="CHF", partner=True, tier_count=35
        )
        assert [step.after for step in line.steps] == [Money("0.02", "CHF"), Money("0.02", "CHF")]

    def test_rounding_happens_on_the_line_not_per_unit(self) -> None:
        # One unit: 0.05 × 0.9 = 0.045 → 0.05. Ten units: 0.50 × 0.9 = 0.45, not 10 × 0.05.
        line = quote_line(_one_product_list("0.05", discount="0.1"), "p", 10, currency="CHF", partner=True)
        assert line.steps[0].after == Money("0.45", "CHF")


class TestPeriodsAndLines:
    def test_the_line_amount_is_unit_price_times_quantity_times_periods(self) -> None:
        line = quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True, periods=12)
        assert line.public == Money("4166.40", "CHF")
        assert line.final == Money("2499.84", "CHF")

    def test_a_yearly_price_is_used_for_the_year_period(self) -> None:
        line = quote_line(PRICES, "web-hosting", 1, currency="EUR", partner=False, period="year", periods=2)
        assert line.public == Money("138.00", "EUR")

    def test_a_quote_totals_its_lines_in_its_currency(self) -> None:
        order = [
            OrderLine(product="web-hosting", quantity=35),
            OrderLine(product="domain", quantity=2, period="year"),
        ]
        result = quote(PRICES, order, currency="CHF", partner=True)
        assert [line.final for line in result.lines] == [Money("208.32", "CHF"), Money("23.40", "CHF")]
        assert dict(result.totals) == {"CHF": Money("231.72", "CHF")}

    def test_an_order_line_quotes_like_the_same_arguments(self) -> None:
        line = OrderLine(product="mail-hosting", quantity=12, tier_count=40, periods=3)
        assert price_order_line(PRICES, line, currency="EUR", partner=True) == quote_line(
            PRICES, "mail-hosting", 12, currency="EUR", partner=True, tier_count=40, periods=3
        )


class TestBadInput:
    @pytest.mark.parametrize("bad", [35.0, Decimal(35), "35", True, None])
    def test_a_quantity_that_is_not_an_int_is_refused(self, bad: object) -> None:
        with pytest.raises(InvalidQuantity) as caught:
            quote_line(PRICES, "web-hosting", bad, currency="CHF", partner=True)  # type: ignore[arg-type]
        assert caught.value.field == "quantity"
        assert "whole number" in str(caught.value)

    @pytest.mark.parametrize("bad", [0, -1, -35])
    def test_a_zero_or_negative_quantity_is_refused(self, bad: int) -> None:
        with pytest.raises(InvalidQuantity, match="at least 1"):
            quote_line(PRICES, "web-hosting", bad, currency="CHF", partner=True)

    @pytest.mark.parametrize(("field", "value"), [("periods", 0), ("periods", 1.5), ("tier_count", 0)])
    def test_bad_periods_and_tier_counts_are_refused(self, field: str, value: object) -> None:
        with pytest.raises(InvalidQuantity) as caught:
            quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=True, **{field: value})  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_a_tier_count_below_the_quantity_is_refused(self) -> None:
        with pytest.raises(InvalidQuantity, match="includes the hostings being ordered") as caught:
            quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True, tier_count=34)
        assert (caught.value.field, caught.value.value) == ("tier_count", 34)

    def test_an_order_line_with_a_tier_count_below_its_quantity_is_refused_when_made(self) -> None:
        # price_order_line, cashback and price_lines take the line's count as it is: the line itself must hold it
        with pytest.raises(InvalidQuantity, match="is below the quantity 35") as caught:
            OrderLine(product="web-hosting", quantity=35, tier_count=34)
        assert (caught.value.field, caught.value.value) == ("tier_count", 34)

    @pytest.mark.parametrize(("field", "value"), [("quantity", 0), ("periods", 0), ("tier_count", 0)])
    def test_an_order_line_with_a_bad_count_names_the_count_it_was_given(self, field: str, value: int) -> None:
        arguments: dict[str, object] = {"quantity": 1, field: value}
        with pytest.raises(InvalidQuantity) as caught:
            OrderLine(product="web-hosting", **arguments)
        assert (caught.value.field, caught.value.value) == (field, value)

    def test_an_unknown_product_is_named_with_the_known_ones(self) -> None:
        with pytest.raises(UnknownProduct) as caught:
            quote_line(PRICES, "web-hostin", 1, currency="CHF", partner=True)
        assert caught.value.code == "web-hostin"
        assert "web-hosting" in str(caught.value)

    def test_an_unknown_currency_is_refused_before_the_price_is_looked_up(self) -> None:
        with pytest.raises(UnknownCurrency):
            quote_line(PRICES, "web-hosting", 1, currency="XYZ", partner=True)

    def test_a_currency_the_product_is_not_priced_in_is_refused(self) -> None:
        with pytest.raises(NoPriceForCurrency) as caught:
            quote_line(PRICES, "web-hosting", 1, currency="USD", partner=True)
        assert (caught.value.product, caught.value.currency, caught.value.available) == (
            "web-hosting",
            "USD",
            ("CHF", "EUR"),
        )

    def test_a_period_the_product_is_not_priced_for_is_refused(self) -> None:
        with pytest.raises(NoPriceForPeriod, match="priced per: year"):
            quote_line(PRICES, "domain", 1, currency="CHF", partner=True)

    def test_an_unknown_period_is_refused(self) -> None:
        with pytest.raises(InvalidPeriod, match="'month' or 'year'"):
            quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=True, period="week")

    @pytest.mark.parametrize(("product", "currency"), [("nope", "CHF"), ("web-hosting", "XYZ")])
    def test_an_unknown_period_is_refused_as_such_whatever_else_is_wrong(self, product: str, currency: str) -> None:
        # as an OrderLine of that period is refused when made, before any product or currency is looked at
        with pytest.raises(InvalidPeriod) as caught:
            quote_line(PRICES, product, 1, currency=currency, partner=True, period="week")
        assert (caught.value.field, caught.value.value) == ("period", "week")

    def test_partner_must_be_a_bool(self) -> None:
        with pytest.raises(InvalidQuoteRequest):
            quote_line(PRICES, "web-hosting", 1, currency="CHF", partner="yes")  # type: ignore[arg-type]

    def test_a_quote_with_a_bad_partner_flag_is_refused_before_a_line_is_read(self) -> None:
        # the flag is checked first: the caller's stream of lines is left as it was, and no line's error hides it
        lines = iter([OrderLine(product="nope", quantity=1)])
        with pytest.raises(InvalidQuoteRequest) as caught:
            quote(PRICES, lines, currency="CHF", partner="yes")  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("partner", "yes")
        assert next(lines) == OrderLine(product="nope", quantity=1)

    @pytest.mark.parametrize("bad", [[], "web-hosting", OrderLine(product="web-hosting", quantity=1), [("a", 1)]])
    def test_a_quote_needs_an_iterable_of_order_lines(self, bad: object) -> None:
        with pytest.raises(InvalidQuoteRequest):
            quote(PRICES, bad, currency="CHF", partner=True)  # type: ignore[arg-type]

    def test_every_rejection_is_bad_input_and_leaves_the_price_list_as_it_was(self) -> None:
        before = (dict(PRICES.products), dict(PRICES.tiers), PRICES.name)
        for attempt in (
            lambda: quote_line(PRICES, "nope", 1, currency="CHF", partner=True),
            lambda: quote_line(PRICES, "web-hosting", -1, currency="CHF", partner=True),
            lambda: quote(PRICES, [OrderLine(product="web-hosting", quantity=1), "x"], currency="CHF", partner=True),  # type: ignore[list-item]
        ):
            with pytest.raises(InvalidInput):
                attempt()
        assert (dict(PRICES.products), dict(PRICES.tiers), PRICES.name) == before


def test_the_callers_decimal_context_never_changes_a_quote() -> None:
    from decimal import localcontext

    expected = quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True)
    tiny = _one_product_list("9.99", discount="0.12345")
    expected_odd = quote_line(tiny, "p", 7, currency="CHF", partner=True)
    with localcontext() as context:
        context.prec = 3
        assert quote_line(PRICES, "web-hosting", 35, currency="CHF", partner=True) == expected
        assert quote_line(tiny, "p", 7, currency="CHF", partner=True) == expected_odd
    assert expected_odd.steps[0].after == Money("61.30", "CHF")  # 69.93 × 0.87655 = 61.297… → 61.30


def test_a_rate_written_with_trailing_zeros_reads_as_a_percentage_without_them() -> None:
    """A price list keeps a rate as written (``0.200``); its breakdown says ``20%``, not ``20.0%``."""
    assert [percent(Decimal(rate)) for rate in ("0.200", "0.1250", "0.10")] == ["20%", "12.5%", "10%"]


def test_the_callers_decimal_context_never_rounds_a_rate_shown_as_a_percentage() -> None:
    from decimal import localcontext

    with localcontext() as context:
        context.prec = 3
        assert percent(Decimal("0.12345")) == "12.345%"


@pytest.mark.parametrize("bad", [1, 0])
def test_partner_given_as_one_or_zero_is_refused_not_read_as_true_or_false(bad: int) -> None:
    with pytest.raises(InvalidQuoteRequest, match=f"partner: {bad} must be True"):
        quote_line(PRICES, "web-hosting", 1, currency="CHF", partner=bad)  # type: ignore[arg-type]
