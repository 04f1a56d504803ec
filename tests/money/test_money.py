"""Money values: exact, single-currency, rounded only when asked."""

from __future__ import annotations

import pickle
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import (
    CurrencyMismatch,
    InvalidAmount,
    Money,
    NotInMinorUnits,
    UnknownCurrency,
)
from infomanager_core.errors import NotPlainDecimal
from tests import strategies as s


class TestConstruction:
    def test_accepts_decimal_int_and_decimal_strings(self) -> None:
        assert Money(Decimal("9.92"), "CHF") == Money("9.92", "CHF") == Money("9.920", "CHF") == Money("+9.92", "CHF")
        assert Money(10, "JPY").amount == Decimal(10)

    @pytest.mark.parametrize("bad", [0.1, float("nan"), 1e3])
    def test_refuses_floats_and_says_what_to_pass(self, bad: float) -> None:
        with pytest.raises(InvalidAmount) as caught:
            Money(bad, "CHF")
        assert caught.value.field == "amount"
        assert "never a float" in str(caught.value)
        assert "Decimal(" in str(caught.value)

    @pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN"), Decimal("Infinity")])
    def test_refuses_non_finite_decimals(self, bad: object) -> None:
        with pytest.raises(InvalidAmount, match="finite"):
            Money(bad, "CHF")

    @pytest.mark.parametrize("bad", ["NaN", "Infinity", "-inf"])
    def test_refuses_non_finite_strings_as_not_decimal_notation(self, bad: str) -> None:
        with pytest.raises(NotPlainDecimal, match="plain decimal notation"):
            Money(bad, "CHF")

    @pytest.mark.parametrize("bad", ["", "12,50", "ten", None, True, [1]])
    def test_refuses_things_that_are_not_numbers(self, bad: object) -> None:
        with pytest.raises(InvalidAmount):
            Money(bad, "CHF")

    def test_refuses_absurd_magnitudes(self) -> None:
        with pytest.raises(InvalidAmount, match="out of range"):
            Money(Decimal("1E+100"), "CHF")
        with pytest.raises(InvalidAmount, match="out of range"):
            Money("1" + "0" * 100, "CHF")

    @pytest.mark.parametrize("bad", ["chf", "XYZ", "", None, 756])
    def test_refuses_unknown_currencies(self, bad: object) -> None:
        with pytest.raises(UnknownCurrency) as caught:
            Money("1", bad)  # type: ignore[arg-type]
        assert caught.value.field == "currency"

    def test_suggests_the_upper_case_code(self) -> None:
        with pytest.raises(UnknownCurrency, match="did you mean 'CHF'"):
            Money("1", "chf")

    def test_minor_units_round_trip(self) -> None:
        assert Money.from_minor_units(20832, "CHF") == Money("208.32", "CHF")
        assert Money.from_minor_units(5, "JPY") == Money("5", "JPY")
        assert Money.from_minor_units(1234, "BHD") == Money("1.234", "BHD")

    @pytest.mark.parametrize("bad", [1.0, "12", True, Decimal(3)])
    def test_from_minor_units_wants_an_int(self, bad: object) -> None:
        with pytest.raises(InvalidAmount, match="units"):
            Money.from_minor_units(bad, "CHF")  # type: ignore[arg-type]


class TestArithmetic:
    def test_mixing_currencies_is_an_error(self) -> None:
        chf, eur = Money("1", "CHF"), Money("1", "EUR")
        for operation in (
            lambda: chf + eur,
            lambda: chf - eur,
            lambda: chf < eur,
            lambda: chf >= eur,
        ):
            with pytest.raises(CurrencyMismatch):
                operation()

    def test_amounts_in_different_currencies_are_simply_not_equal(self) -> None:
        assert Money("1", "CHF") != Money("1", "EUR")

    def test_multiplying_is_exact_and_refuses_floats_and_money(self) -> None:
        assert Money("9.92", "CHF") * 35 == Money("347.20", "CHF")
        assert Decimal("0.8") * Money("347.20", "CHF") == Money("277.760", "CHF")
        with pytest.raises(InvalidAmount):
            Money("1", "CHF") * 0.5
        with pytest.raises(InvalidAmount):
            Money("1", "CHF") * Money("1", "CHF")  # type: ignore[operator]

    def test_arithmetic_ignores_the_callers_decimal_context(self) -> None:
        with localcontext() as context:
            context.prec = 3
            assert Money("347.20", "CHF") * Decimal("0.8") == Money("277.76", "CHF")
            assert Money("1234.56", "CHF") + Money("0.01", "CHF") == Money("1234.57", "CHF")
            assert Money.from_minor_units(20832, "CHF") == Money("208.32", "CHF")
            assert Money("2083.20", "CHF").minor_units() == 208320
            assert Money("2083.205", "CHF").rounded() == Money("2083.21", "CHF")

    def test_an_inexact_result_is_an_error_not_a_silent_rounding(self) -> None:
        huge = Money("1" * 13 + "." + "1" * 27, "CHF")
        with pytest.raises(InvalidAmount, match="exactly within 40 significant digits"):
            huge * Decimal("1." + "1" * 30)
        with pytest.raises(InvalidAmount, match="exactly"):
            Money(Decimal("1E+13"), "CHF") + Money(Decimal("1E-50"), "CHF")

    @given(s.money(), s.money())
    def test_addition_commutes_within_a_currency(self, a: Money, b: Money) -> None:
        if a.currency == b.currency:
            assert a + b == b + a
            assert (a + b) - b == a

    @given(s.money("CHF"), s.money("CHF"), s.money("CHF"))
    def test_addition_is_associative(self, a: Money, b: Money, c: Money) -> None:
        assert (a + b) + c == a + (b + c)

    @given(s.money())
    def test_negation_and_absolute_value(self, a: Money) -> None:
        negated = -a
        assert -negated == a
        assert a + (-a) == Money.zero(a.currency)
        assert abs(a) >= Money.zero(a.currency)

    @given(st.lists(s.money("EUR"), max_size=20))
    def test_total_equals_the_sum_of_minor_units(self, amounts: list[Money]) -> None:
        total = Money.total(amounts, "EUR")
        assert total.minor_units() == sum(a.minor_units() for a in amounts)

    def test_total_of_nothing_is_zero_and_refuses_other_currencies(self) -> None:
        assert Money.total([], "CHF").is_zero()
        with pytest.raises(CurrencyMismatch):
            Money.total([Money("1", "EUR")], "CHF")


class TestRounding:
    @pytest.mark.parametrize(
        ("amount", "code", "expected"),
        [
            ("2.675", "CHF", "2.68"),
            ("2.665", "CHF", "2.67"),
            ("-2.675", "CHF", "-2.68"),
            ("0.005", "EUR", "0.01"),
            ("0.0049999", "EUR", "0.00"),
            ("277.760", "CHF", "277.76"),
            ("0.5", "JPY", "1"),
            ("1.2345", "BHD", "1.235"),
        ],
    )
    def test_rounds_half_away_from_zero_to_the_minor_unit(self, amount: str, code: str, expected: str) -> None:
        assert Money(amount, code).rounded() == Money(expected, code)
        assert Money(amount, code).rounded().amount.as_tuple() == Decimal(expected).as_tuple()

    @given(s.exact_amounts())
    def test_rounding_is_idempotent_and_within_half_a_unit(self, a: Money) -> None:
        rounded = a.rounded()
        assert rounded.rounded() == rounded
        assert rounded.is_rounded()
        assert abs(rounded.amount - a.amount) <= Decimal("0.005")

    def test_minor_units_refuse_sub_minor_amounts(self) -> None:
        with pytest.raises(NotInMinorUnits, match="round it first"):
            Money("0.001", "CHF").minor_units()
        assert Money("0.010", "CHF").minor_units() == 1


class TestPickling:
    def test_money_and_errors_survive_pickling(self) -> None:
        value = Money("1.05", "CHF")
        assert pickle.loads(pickle.dumps(value)) == value
        with pytest.raises(UnknownCurrency) as caught:
            Money("1", "chf")
        error = caught.value
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is UnknownCurrency
        assert (copy.field, copy.value, copy.rule, str(copy)) == (error.field, error.value, error.rule, str(error))
