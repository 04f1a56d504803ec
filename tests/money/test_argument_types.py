"""Arguments of the wrong type are refused with the library's own errors, never a bare TypeError or AttributeError."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from infomanager_core.errors import InvalidAmount, InvalidInput, UnknownCurrency
from infomanager_core.money import Money, allocate, cash_round, currency, round_half_up


@pytest.mark.parametrize(
    "call",
    [
        lambda: currency(["CHF"]),
        lambda: Money("1", ["CHF"]),
        lambda: Money.zero(["CHF"]),
        lambda: Money.from_minor_units(1, ["CHF"]),
    ],
    ids=["currency", "Money", "zero", "from_minor_units"],
)
def test_an_unhashable_currency_code_is_an_unknown_currency(call: Callable[[], object]) -> None:
    with pytest.raises(UnknownCurrency) as raised:
        call()
    assert raised.value.value == ["CHF"]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: allocate(1, [1]), "total"),
        (lambda: allocate(Money("1.00", "CHF"), None), "ratios"),
        (lambda: cash_round(5), "total"),
        (lambda: Money.total(None, "CHF"), "amounts"),
        (lambda: round_half_up(5, 2), "amount"),
        (lambda: round_half_up(Decimal(5), "2"), "places"),
    ],
    ids=["allocate-total", "allocate-ratios", "cash_round", "total", "round_half_up-amount", "round_half_up-places"],
)
def test_a_value_of_the_wrong_type_is_refused_naming_its_field(call: Callable[[], object], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        call()
    assert raised.value.field == field


def test_sum_of_money_is_refused_with_a_pointer_to_money_total() -> None:
    """``sum()`` starts from the int 0, and ``sum([])`` would be a currency-less 0: Money.total is the way."""
    with pytest.raises(InvalidAmount) as raised:
        sum([Money("1.00", "CHF"), Money("2.00", "CHF")])
    assert raised.value.value == 0
    assert "Money.total" in (raised.value.hint or "")


BILL = Money("100.00", "CHF")


@pytest.mark.parametrize(
    ("call", "value", "pointer"),
    [
        (lambda: BILL / 3, 3, "allocate"),
        (lambda: BILL // 3, 3, "allocate"),
        (lambda: BILL % 3, 3, "allocate"),
        (lambda: divmod(BILL, 3), 3, "allocate"),
        (lambda: BILL / BILL, BILL, "allocate"),
        (lambda: 1 / BILL, 1, "allocate"),
        (lambda: 0 - BILL, 0, "-amount"),
        (lambda: round(BILL, 1), 1, "rounded()"),
        (lambda: round(BILL), None, "rounded()"),
    ],
    ids=["truediv", "floordiv", "mod", "divmod", "money-by-money", "rtruediv", "rsub", "round-places", "round"],
)
def test_dividing_or_rounding_money_with_operators_is_refused_pointing_to_the_library_s_way(
    call: Callable[[], object], value: object, pointer: str
) -> None:
    # Splitting an invoice three ways as amount / 3 was a bare TypeError ("unsupported operand type(s)"), like
    # round(amount, 2) and 0 - amount; sum() already had its typed refusal (found by the invoicing-service review).
    with pytest.raises(InvalidAmount) as raised:
        call()
    assert raised.value.value == value
    assert pointer in (raised.value.hint or "")
