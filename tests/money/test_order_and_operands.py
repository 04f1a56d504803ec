"""Amounts are ordered like the numbers they are; every operand that is not an amount is refused by name.

The laws here are the ones a billing engineer leans on without thinking: ``a < b`` exactly when ``b − a`` is a positive
amount, the four comparisons agree with each other, and the money bound holds to the unit in every currency, whichever
way the amount is built.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidAmount, Money
from infomanager_core.money import currency, known_currency_codes
from infomanager_core.money.rounding import MAX_AMOUNT
from tests import strategies as s


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Money, Money]:
    """Two amounts in one currency, often equal or one minor unit apart (where ``<`` and ``<=`` part ways)."""
    code = draw(st.sampled_from(s.CURRENCIES))
    a = draw(s.money(code))
    b = draw(
        st.one_of(s.money(code), st.builds(lambda step: a + Money.from_minor_units(step, code), st.integers(-1, 1)))
    )
    return a, b


class TestOrdering:
    def test_one_rappen_more_is_more(self) -> None:
        low, high = Money("208.32", "CHF"), Money("208.33", "CHF")
        assert [low < high, low <= high, high > low, high >= low] == [True] * 4
        assert [high < low, high <= low, low > high, low >= high] == [False] * 4

    def test_an_amount_is_not_less_than_itself_however_it_is_written(self) -> None:
        one, same = Money("208.3", "CHF"), Money("208.300", "CHF")
        assert [one < same, one > same, one <= same, one >= same] == [False, False, True, True]

    def test_a_debt_is_less_than_nothing(self) -> None:
        debt, nothing = Money("-0.01", "EUR"), Money.zero("EUR")
        assert [debt < nothing, nothing > debt, debt >= nothing, nothing <= debt] == [True, True, False, False]

    @given(pairs())
    def test_a_is_less_than_b_exactly_when_b_minus_a_is_positive(self, pair: tuple[Money, Money]) -> None:
        a, b = pair
        difference = b - a
        positive = not difference.is_zero() and not difference.is_negative()
        assert (a < b) is positive
        assert (b > a) is positive
        assert (a <= b) is (not difference.is_negative())
        assert (b >= a) is (not difference.is_negative())

    @given(pairs())
    def test_the_four_comparisons_agree_with_equality(self, pair: tuple[Money, Money]) -> None:
        a, b = pair
        assert (a <= b) is (a < b or a == b)
        assert (a >= b) is (a > b or a == b)
        assert [a < b, a == b, a > b].count(True) == 1

    @given(st.lists(s.money("CHF"), min_size=1, max_size=8))
    def test_sorting_amounts_sorts_their_minor_units(self, amounts: list[Money]) -> None:
        assert [a.minor_units() for a in sorted(amounts)] == sorted(a.minor_units() for a in amounts)
        assert max(amounts).minor_units() == max(a.minor_units() for a in amounts)


class TestOperands:
    @given(s.money())
    def test_unary_plus_is_the_amount_itself(self, a: Money) -> None:
        assert +a == a

    @pytest.mark.parametrize(
        "call",
        [
            lambda a: a + 1,
            lambda a: a - 1,
            lambda a: a < 1,
            lambda a: a <= 1,
            lambda a: a > 1,
            lambda a: a >= 1,
            lambda a: a + "1.00",
        ],
        ids=["add", "subtract", "lt", "le", "gt", "ge", "add-text"],
    )
    def test_a_number_is_no_amount_to_add_or_compare_and_is_refused_by_name(
        self, call: Callable[[Money], object]
    ) -> None:
        with pytest.raises(InvalidAmount) as caught:
            call(Money("1.00", "CHF"))
        assert caught.value.field == "other"

    @pytest.mark.parametrize("bad", ["1.00", b"1.00", Money("1.00", "CHF")], ids=["text", "bytes", "one-amount"])
    def test_a_total_of_something_that_is_not_a_collection_of_amounts_is_refused_naming_it(self, bad: object) -> None:
        with pytest.raises(InvalidAmount) as caught:
            Money.total(bad, "CHF")  # type: ignore[arg-type]
        assert caught.value.field == "amounts"

    def test_a_difference_that_cannot_be_exact_is_refused_not_rounded(self) -> None:
        # 10**13 − 10**-50 needs 64 significant digits; the library carries 40 and never rounds silently
        with pytest.raises(InvalidAmount, match="exactly") as caught:
            Money(Decimal("1E+13"), "CHF") - Money(Decimal("1E-50"), "CHF")
        assert caught.value.field == "difference"

    def test_money_times_money_is_refused_as_meaningless(self) -> None:
        with pytest.raises(InvalidAmount, match="money times money") as caught:
            Money("2.00", "CHF") * Money("3.00", "CHF")  # type: ignore[operator]
        assert caught.value.field == "factor"


class Cents(enum.IntEnum):
    """Prices an operator keeps as an int enum: ``int`` subclasses, not ``int`` itself."""

    SMALL = 992
    LARGE = 34720


class Units(int):
    """Any other ``int`` subclass (a counter type of some import code)."""


class TestMinorUnitsBound:
    @pytest.mark.parametrize("kind", [int, Units], ids=["int", "int-subclass"])
    def test_the_largest_amount_in_minor_units_is_accepted_and_one_more_is_refused_in_every_currency(
        self, kind: type[int]
    ) -> None:
        for code in sorted(known_currency_codes()):
            bound = MAX_AMOUNT * 10 ** currency(code).minor_digits  # 10**14 major units, in minor units
            for sign in (1, -1):
                largest = Money.from_minor_units(kind(sign * (bound - 1)), code)
                assert largest.minor_units() == sign * (bound - 1), code
                assert abs(largest.amount) == MAX_AMOUNT - currency(code).quantum, code
                with pytest.raises(InvalidAmount) as caught:
                    Money.from_minor_units(kind(sign * bound), code)
                assert caught.value.field == "units", code

    def test_an_int_subclass_is_read_as_its_plain_int(self) -> None:
        price = Money.from_minor_units(Cents.SMALL, "CHF")
        assert price == Money("9.92", "CHF")
        assert price.minor_units() == 992
        assert type(price.minor_units()) is int
        assert Money.from_minor_units(Cents.LARGE, "JPY") == Money("34720", "JPY")

    def test_an_int_subclass_beyond_the_bound_is_refused_too(self) -> None:
        class Huge(enum.IntEnum):
            UNITS = MAX_AMOUNT * 100

        with pytest.raises(InvalidAmount):
            Money.from_minor_units(Huge.UNITS, "CHF")
