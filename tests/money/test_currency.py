"""The CLDR snapshot the money type relies on agrees with the installed babel."""

from __future__ import annotations

import attrs
from tools.gen_currencies import cldr_table

from infomanager_core.money import CashRounding, Currency, currency, known_currency_codes
from infomanager_core.money._cldr import CURRENCIES


def test_snapshot_matches_the_installed_cldr_data() -> None:
    assert cldr_table() == CURRENCIES, "CLDR changed: run `python tools/gen_currencies.py`"


def test_programme_currencies_have_the_expected_minor_units_and_cash_steps() -> None:
    assert (currency("CHF").minor_digits, currency("CHF").cash_step) == (2, 5)
    assert (currency("EUR").minor_digits, currency("EUR").cash_step) == (2, 1)
    assert currency("JPY").minor_digits == 0
    assert {"CHF", "EUR", "USD", "GBP"} <= known_currency_codes()


def test_values_of_more_than_two_fields_are_built_by_keyword_only() -> None:
    """STYLE: a value with more than two fields is keyword-only, so fields cannot be swapped by position."""
    for value_type in (Currency, CashRounding):
        assert all(field.kw_only for field in attrs.fields(value_type))
