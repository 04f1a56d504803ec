"""Allocation never loses a unit; cash rounding is explicit and shows its adjustment."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from infomanager_core import InvalidAmount, Money, NotInMinorUnits, allocate, cash_round
from tests import strategies as s

#: Whole-number ratios, or Decimal ratios with up to four places (shares such as 0.7 / 0.3 or 0.3333).
ratios = st.one_of(
    st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12),
    st.lists(st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n).scaleb(-4)), min_size=1, max_size=12),
)


class TestAllocation:
    @given(s.money(), ratios)
    def test_parts_sum_exactly_to_the_whole(self, total: Money, weights: list[int] | list[Decimal]) -> None:
        assume(sum(weights) > 0)
        parts = allocate(total, weights)
        assert len(parts) == len(weights)
        assert sum(p.minor_units() for p in parts) == total.minor_units()
        assert all(p.currency == total.currency for p in parts)

    @given(s.money(), ratios)
    def test_each_part_is_within_one_unit_of_its_exact_share(
        self, total: Money, weights: list[int] | list[Decimal]
    ) -> None:
        assume(sum(weights) > 0)
        units = total.minor_units()
        for part, weight in zip(allocate(total, weights), weights, strict=True):
            exact = Fraction(units) * Fraction(weight) / sum(Fraction(w) for w in weights)
            assert abs(part.minor_units() - exact) < 1

    @given(s.money(), ratios)
    def test_negative_totals_split_like_their_opposite(self, total: Money, weights: list[int] | list[Decimal]) -> None:
        assume(sum(weights) > 0)
        assert allocate(-total, weights) == tuple(-p for p in allocate(total, weights))

    def test_leftover_units_go_to_largest_remainders_then_earliest(self) -> None:
        assert allocate(Money("0.05", "CHF"), [1, 1]) == (
            Money("0.03", "CHF"),
            Money("0.02", "CHF"),
        )
        assert allocate(Money("1.00", "CHF"), [1, 2, 3]) == (
            Money("0.17", "CHF"),
            Money("0.33", "CHF"),
            Money("0.50", "CHF"),
        )
        assert allocate(Money("10", "JPY"), ["0.3", "0.7"]) == (
            Money("3", "JPY"),
            Money("7", "JPY"),
        )

    def test_zero_ratio_gets_nothing(self) -> None:
        assert allocate(Money("1.00", "EUR"), [0, 1]) == (Money("0", "EUR"), Money("1.00", "EUR"))

    @pytest.mark.parametrize("bad", [[], [0, 0], [1, -1], [0.5, 0.5]])
    def test_refuses_bad_ratios(self, bad: list[object]) -> None:
        with pytest.raises(InvalidAmount, match="ratios"):
            allocate(Money("1.00", "CHF"), bad)  # type: ignore[arg-type]

    def test_refuses_an_unrounded_total(self) -> None:
        with pytest.raises(NotInMinorUnits):
            allocate(Money("1.005", "CHF"), [1, 1])


class TestCashRounding:
    @pytest.mark.parametrize(
        ("total", "payable"),
        [
            ("208.32", "208.30"),
            ("208.33", "208.35"),
            ("208.325", None),
            ("0.025", None),
            ("0.02", "0.00"),
            ("0.03", "0.05"),
            ("-0.03", "-0.05"),
            ("260.40", "260.40"),
        ],
    )
    def test_chf_rounds_to_five_rappen_half_up(self, total: str, payable: str | None) -> None:
        if payable is None:
            with pytest.raises(NotInMinorUnits):
                cash_round(Money(total, "CHF"))
            return
        result = cash_round(Money(total, "CHF"))
        assert result.payable == Money(payable, "CHF")
        assert result.total + result.adjustment == result.payable

    @given(s.money("CHF"))
    def test_adjustment_is_at_most_half_a_step(self, total: Money) -> None:
        result = cash_round(total)
        assert abs(result.adjustment.minor_units()) <= 2
        assert result.payable.minor_units() % 5 == 0
        assert result.total + result.adjustment == result.payable

    @given(s.money("EUR"))
    def test_currencies_without_a_cash_step_are_unchanged(self, total: Money) -> None:
        assert cash_round(total).payable == total
