"""Amounts are bounded (|amount| < MAX_AMOUNT major units) so that every rounding and every minor-unit integer stays
in range: near the bound, every public money operation either works or raises InvalidInput, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidAmount, InvalidInput
from infomanager_core.formatting import format_money, parse_money
from infomanager_core.money import Money, allocate, cash_round, known_currency_codes
from infomanager_core.money.rounding import MAX_AMOUNT
from tests import strategies as s

INT64_MAX = 2**63 - 1


@pytest.mark.parametrize(
    "call",
    [
        lambda: Money("9" * 40, "CHF"),
        lambda: Money(Decimal("1e50"), "CHF"),
        lambda: Money(MAX_AMOUNT, "CHF"),
        lambda: Money(-MAX_AMOUNT, "EUR"),
        lambda: Money.from_minor_units(MAX_AMOUNT * 100, "CHF"),
        lambda: Money.from_minor_units(10**30, "CLF"),
        lambda: Money(Decimal("1e13"), "CHF") * 10,
        lambda: Money("99999999999999", "CHF") + Money("1", "CHF"),
        lambda: Money("-99999999999999", "CHF") - Money("1", "CHF"),
    ],
    ids=["40-nines", "1e50", "bound", "minus-bound", "units", "units-CLF", "product", "sum", "difference"],
)
def test_an_amount_at_or_beyond_the_bound_is_refused_as_invalid_amount(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidAmount):
        call()


def test_the_largest_amount_rounds_formats_and_fits_a_signed_64_bit_integer_in_every_currency() -> None:
    for code in sorted(known_currency_codes()):
        largest = Money(MAX_AMOUNT - 1, code)
        assert largest.rounded() == largest
        assert abs(largest.minor_units()) <= INT64_MAX
        assert abs((-largest).minor_units()) <= INT64_MAX
    assert format_money(Money("99999999999999.99", "CHF"), "de_CH") == "CHF\xa099'999'999'999'999.99"


def test_an_amount_that_would_round_onto_the_bound_is_refused_when_rounded_naming_that_amount() -> None:
    unrounded = Money("99999999999999.995", "CHF")
    with pytest.raises(InvalidAmount) as refused:
        unrounded.rounded()
    assert (refused.value.field, refused.value.value) == ("amount", unrounded)  # not a tuple of one operand
    assert str(refused.value).startswith("amount: Money('99999999999999.995', 'CHF') is out of range")


def _near_bound() -> st.SearchStrategy[Money]:
    edge = st.integers(min_value=MAX_AMOUNT * 10**4 - 10**6, max_value=MAX_AMOUNT * 10**4 - 1)
    return st.builds(
        lambda n, sign, code: Money(Decimal(sign * n).scaleb(-4), code),
        edge,
        st.sampled_from([1, -1]),
        st.sampled_from((*s.CURRENCIES, "CLF")),
    )


def _within_bound_or_invalid_input(call: Callable[[], object]) -> None:
    """The operation either refuses with InvalidInput or gives amounts within the bound; nothing else escapes."""
    try:
        result = call()
    except InvalidInput:
        return
    for value in result if isinstance(result, tuple) else (result,):
        if isinstance(value, Money):
            assert abs(value.amount) < MAX_AMOUNT


@given(_near_bound(), _near_bound(), st.integers(min_value=-10, max_value=10))
def test_near_the_bound_money_operations_stay_within_it_or_raise_invalid_input(a: Money, b: Money, factor: int) -> None:
    operations: list[Callable[[], object]] = [
        lambda: a + b,
        lambda: a - b,
        lambda: a * factor,
        lambda: a * Decimal("1.5"),
        lambda: -a,
        lambda: abs(a),
        lambda: a.rounded(),
        lambda: a.is_rounded(),
        lambda: a.rounded().minor_units(),
        lambda: Money.from_minor_units(a.rounded().minor_units() * factor, a.currency),
        lambda: Money.total([a, b, a], a.currency),
        lambda: allocate(a.rounded(), [1, Decimal("0.5")]),
        lambda: cash_round(a.rounded()),
        lambda: format_money(a, "de_CH"),
        lambda: parse_money(format_money(a, "fr_CH"), a.currency, "fr_CH"),
        lambda: a < b,
    ]
    for operation in operations:
        _within_bound_or_invalid_input(operation)
