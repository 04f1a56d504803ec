"""Arguments of the wrong type are refused with the library's own errors, never a bare TypeError or AttributeError."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import Money, UnknownCurrency
from infomanager_core.errors import InvalidInput
from infomanager_core.formatting import UnknownLocale, format_money, parse_money

CHF = Money("1234.50", "CHF")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: format_money(CHF, ["de_CH"]), UnknownLocale),
        (lambda: parse_money("1", "CHF", ["de_CH"]), UnknownLocale),
        (lambda: parse_money("1", ["CHF"], "de_CH"), UnknownCurrency),
    ],
    ids=["format-locale", "parse-locale", "parse-currency"],
)
def test_an_unhashable_locale_or_currency_is_refused_by_name(
    call: Callable[[], object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        call()


@pytest.mark.parametrize("bad", [5, "1.00", None])
def test_formatting_something_that_is_not_money_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        format_money(bad, "de_CH")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("money", bad)
