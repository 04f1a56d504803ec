"""The decimal rules of the library (``money.rounding``), stated as laws and checked at their edges.

``round_half_up`` is public and takes any number of places, not only a currency's minor unit; ``exact_decimal`` is
the one door every amount, factor, ratio and rate comes in by, and its range is part of its contract: a number the
library cannot carry exactly is refused at the door, not deep inside a quote.
``round_half_up``'s ``places`` lies between -MAX_DIGITS and MAX_DIGITS, both ends included, and each wrong argument
is refused with its own rule.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidAmount, Money
from infomanager_core.money import round_half_up
from infomanager_core.money.rounding import MAX_DIGITS, exact_decimal


def half_away_from_zero(value: Fraction, places: int) -> Fraction:
    """The reference: scale, add one half in the direction of the sign, truncate toward zero, scale back."""
    scale = Fraction(10) ** places
    magnitude = int(abs(value) * scale + Fraction(1, 2))
    return (magnitude if value >= 0 else -magnitude) / scale


numbers = st.builds(
    lambda digits, exponent: Decimal(digits).scaleb(exponent),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=-12, max_value=3),
)


class TestRoundHalfUp:
    @given(numbers, st.integers(min_value=-3, max_value=12))
    def test_agrees_with_half_away_from_zero_computed_by_hand_for_any_number_of_places(
        self, amount: Decimal, places: int
    ) -> None:
        rounded = round_half_up(amount, places)
        assert Fraction(rounded) == half_away_from_zero(Fraction(amount), places)
        assert rounded.as_tuple().exponent == -places

    @pytest.mark.parametrize(
        ("amount", "places", "expected"),
        [
            # more places than any currency has: a unit price or a rate kept to 8 places
            ("0.123456785", 8, "0.12345679"),
            ("-0.123456785", 8, "-0.12345679"),
            ("0.123456784", 8, "0.12345678"),
            ("1.00000000005", 10, "1.0000000001"),
            # negative places: to the hundred
            ("149.99", -2, "1E+2"),
            ("150", -2, "2E+2"),
            ("-150", -2, "-2E+2"),
        ],
    )
    def test_rounds_beyond_the_usual_places_too(self, amount: str, places: int, expected: str) -> None:
        assert round_half_up(Decimal(amount), places).as_tuple() == Decimal(expected).as_tuple()

    def test_a_rounding_that_would_need_more_digits_than_the_library_carries_is_refused(self) -> None:
        # 10**39 to two places is 42 digits: more than MAX_DIGITS (40); an answer would have to drop digits
        with pytest.raises(InvalidAmount) as caught:
            round_half_up(Decimal("1E+39"), 2)
        assert caught.value.field == "amount"
        assert "40 digits" in str(caught.value)


class TestTheRangeOfNumbers:
    """What comes in through ``exact_decimal``: at most 40 significant digits, magnitude from 1e-60 to 1e60."""

    @pytest.mark.parametrize(
        "number",
        [
            Decimal("1E-60"),
            Decimal("-1E-60"),
            Decimal("9.99E+60"),
            Decimal("1" * MAX_DIGITS),
            Decimal("0." + "1" * MAX_DIGITS),
        ],
        ids=["1e-60", "-1e-60", "9.99e60", "40-digits", "40-decimals"],
    )
    def test_a_number_at_the_edge_of_the_range_is_accepted_exactly(self, number: Decimal) -> None:
        assert exact_decimal(number, "factor").as_tuple() == number.as_tuple()

    @pytest.mark.parametrize(
        "number",
        [
            Decimal("9.99E-61"),
            Decimal("-9.99E-61"),
            Decimal("1E+61"),
            Decimal("1" * (MAX_DIGITS + 1)),
            Decimal("0." + "1" * (MAX_DIGITS + 1)),
        ],
        ids=["below-1e-60", "minus-below-1e-60", "1e61", "41-digits", "41-decimals"],
    )
    def test_a_number_beyond_the_range_is_refused_naming_the_field(self, number: Decimal) -> None:
        with pytest.raises(InvalidAmount, match="out of range") as caught:
            exact_decimal(number, "factor")
        assert caught.value.field == "factor"

    def test_a_factor_too_fine_to_carry_is_refused_not_kept(self) -> None:
        # 41 significant digits, all below one rappen: nothing a bill could show, and more than the library carries
        with pytest.raises(InvalidAmount, match="out of range"):
            Money("1.00", "CHF") * Decimal("0." + "1" * (MAX_DIGITS + 1))
        with pytest.raises(InvalidAmount, match="out of range"):
            Money("1.00", "CHF") * Decimal("1E-61")

    @pytest.mark.parametrize("bad", [None, [1], object()])
    def test_only_a_float_is_told_to_pass_its_decimal_text(self, bad: object) -> None:
        with pytest.raises(InvalidAmount) as caught:
            exact_decimal(bad, "amount")
        assert caught.value.hint is None
        assert "Decimal(" not in str(caught.value)


@pytest.mark.parametrize("places", [MAX_DIGITS, -MAX_DIGITS])
def test_places_at_either_end_of_the_range_are_taken(places: int) -> None:
    assert round_half_up(Decimal(0), places).as_tuple().exponent == -places


@pytest.mark.parametrize("places", [MAX_DIGITS + 1, -MAX_DIGITS - 1])
def test_places_beyond_either_end_of_the_range_are_refused_by_name(places: int) -> None:
    with pytest.raises(InvalidAmount) as raised:
        round_half_up(Decimal(0), places)
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "places",
        places,
        f"must lie between -{MAX_DIGITS} and {MAX_DIGITS}",
    )


@pytest.mark.parametrize("places", [2.0, "2", True, None])
def test_places_that_are_no_int_are_refused_with_their_rule(places: object) -> None:
    with pytest.raises(InvalidAmount) as raised:
        round_half_up(Decimal("1.005"), places)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "places",
        places,
        "must be an int number of decimal places",
    )


@pytest.mark.parametrize("amount", ["1.005", 1.005, 1, None])
def test_an_amount_that_is_no_decimal_is_refused_with_its_rule(amount: object) -> None:
    with pytest.raises(InvalidAmount) as raised:
        round_half_up(amount, 2)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("amount", amount, "must be a Decimal")


@pytest.mark.parametrize("amount", [Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN"), Decimal("NaN")])
def test_an_infinite_or_nan_amount_is_refused_as_not_finite_not_as_too_long(amount: Decimal) -> None:
    with pytest.raises(InvalidAmount) as raised:
        round_half_up(amount, 2)
    assert (raised.value.field, raised.value.rule) == (
        "amount",
        "must be a finite Decimal (NaN and infinities are refused)",
    )
