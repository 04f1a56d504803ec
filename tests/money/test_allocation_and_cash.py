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

    def test_the_leftover_unit_goes_to_the_largest_remainder_even_when_it_is_not_the_first_part(self) -> None:
        # 1.00 by 1:2 is 33.33… and 66.66…: the second part has the larger remainder and gets the leftover cent
        assert allocate(Money("1.00", "CHF"), [1, 2]) == (Money("0.33", "CHF"), Money("0.67", "CHF"))

    @given(s.money(), ratios)
    def test_a_part_given_a_leftover_unit_never_has_a_smaller_remainder_than_one_left_without(
        self, total: Money, weights: list[int] | list[Decimal]
    ) -> None:
        # SPEC §1: leftover units go to the largest remainders first, ties to the earliest part
        assume(sum(weights) > 0)
        magnitude = abs(total.minor_units())
        whole = sum(Fraction(w) for w in weights)
        shares = [magnitude * Fraction(w) / whole for w in weights]
        parts = [abs(part.minor_units()) for part in allocate(total, weights)]
        remainders = [share - int(share) for share in shares]
        given_one = [i for i, (part, share) in enumerate(zip(parts, shares, strict=True)) if part > int(share)]
        left = [i for i in range(len(parts)) if i not in given_one]
        for winner in given_one:
            for loser in left:
                assert (remainders[winner], -winner) > (remainders[loser], -loser)

    def test_zero_ratio_gets_nothing(self) -> None:
        assert allocate(Money("1.00", "EUR"), [0, 1]) == (Money("0", "EUR"), Money("1.00", "EUR"))

    @pytest.mark.parametrize("bad", [[], [0, 0], [1, -1], [0.5, 0.5]])
    def test_refuses_bad_ratios(self, bad: list[object]) -> None:
        with pytest.raises(InvalidAmount, match="ratios"):
            allocate(Money("1.00", "CHF"), bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "bad", [[2, -1], [3, Decimal("-0.5")], ["-0.0001", 1]], ids=["minus-one", "minus-a-half", "minus-a-little"]
    )
    def test_a_negative_ratio_is_refused_even_when_the_ratios_add_up_to_more_than_zero(self, bad: list[object]) -> None:
        # [2, -1] would give one part 200% of the whole and the other −100%: no split of a refund looks like that
        with pytest.raises(InvalidAmount, match="zero or more") as caught:
            allocate(Money("1.00", "CHF"), bad)  # type: ignore[arg-type]
        assert caught.value.field == "ratios"

    def test_no_ratio_at_all_is_refused_as_naming_no_part(self) -> None:
        with pytest.raises(InvalidAmount, match="at least one part"):
            allocate(Money("1.00", "CHF"), [])

    @pytest.mark.parametrize("bad", ["11", b"11"], ids=["text", "bytes"])
    def test_text_is_not_a_list_of_ratios(self, bad: object) -> None:
        # "11" would otherwise read as the ratios 1 and 1, and b"11" as 49 and 49
        with pytest.raises(InvalidAmount) as caught:
            allocate(Money("1.00", "CHF"), bad)  # type: ignore[arg-type]
        assert caught.value.field == "ratios"

    def test_the_smallest_debt_splits_into_itself_and_nothing(self) -> None:
        # one rappen owed, split in two: the whole rappen stays a debt on the first part, none turns into a credit
        assert allocate(Money("-0.01", "CHF"), [1, 1]) == (Money("-0.01", "CHF"), Money("0.00", "CHF"))
        assert allocate(Money("-0.05", "CHF"), [1, 1]) == (Money("-0.03", "CHF"), Money("-0.02", "CHF"))

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

    @pytest.mark.parametrize(
        ("total", "code", "payable"),
        [
            # DKK is paid in cash to 50 øre: 1.25 is exactly half way, and half goes away from zero
            ("1.25", "DKK", "1.50"),
            ("-1.25", "DKK", "-1.50"),
            ("1.24", "DKK", "1.00"),
            # SEK cash is whole kronor: 10.50 is half a krona over 10
            ("10.50", "SEK", "11.00"),
            ("10.49", "SEK", "10.00"),
        ],
    )
    def test_exactly_half_a_cash_step_rounds_away_from_zero(self, total: str, code: str, payable: str) -> None:
        result = cash_round(Money(total, code))
        assert result.payable == Money(payable, code)
        assert result.adjustment == Money(payable, code) - Money(total, code)

    @pytest.mark.parametrize(("total", "payable"), [(("-0.01", "EUR"), "-0.01"), (("-0.01", "CHF"), "0.00")])
    def test_the_smallest_debt_keeps_its_sign(self, total: tuple[str, str], payable: str) -> None:
        assert cash_round(Money(*total)).payable == Money(payable, total[1])

    @given(
        st.integers(min_value=-(10**6), max_value=10**6), st.sampled_from(["CHF", "DKK", "SEK", "EUR", "JPY", "HUF"])
    )
    def test_a_debt_rounds_like_the_credit_it_mirrors(self, units: int, code: str) -> None:
        total = Money.from_minor_units(units, code)
        mirrored = cash_round(-total)
        assert mirrored.payable == -cash_round(total).payable
        assert mirrored.adjustment == -cash_round(total).adjustment
