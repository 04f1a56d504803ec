"""``round_half_up`` after the bad-input sweep, where mutation testing found rules no test pinned: ``places`` lies
between -MAX_DIGITS and MAX_DIGITS, both ends included; a ``places`` of another type, an ``amount`` that is no
Decimal, and an infinite amount are each refused with their own rule.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core import InvalidAmount
from infomanager_core.money import round_half_up
from infomanager_core.money.rounding import MAX_DIGITS


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
