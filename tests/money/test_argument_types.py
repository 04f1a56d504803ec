"""Arguments of the wrong type are refused with the library's own errors, never a bare TypeError or AttributeError."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core.errors import UnknownCurrency
from infomanager_core.money import Money, currency


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
