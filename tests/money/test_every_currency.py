"""The money laws hold in every currency the library accepts, whatever its minor unit (0, 2, 3 or 4 digits) and cash step.

Hypothesis draws the currency from all of them (``known_currency_codes()``, some 290); the sweeps below walk each one.
The precision is CLDR's (``docs/decisions.md``, Money): JPY 0 digits, CHF 2, KWD 3, CLF 4, and the same number wherever
an amount becomes minor units — Money, the memory ledger and the SQLite store.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_precision
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidAmount, Money, allocate, cash_round
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger
from infomanager_core.ledger.plans import MAX_UNITS
from infomanager_core.money import ROUNDING, currency
from infomanager_core.money._cldr import CURRENCIES
from infomanager_core.money.rounding import MAX_AMOUNT
from tests import strategies as s

ratios = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=8).filter(any)


def places(money: Money) -> int:
    """How many decimal places the amount is written with (``Decimal('1.50')``: 2, ``Decimal('12')``: 0)."""
    return max(0, -money.amount.as_tuple().exponent)  # type: ignore[operator]


def test_every_currencys_minor_unit_is_cldrs_and_its_cash_step_a_whole_number_of_minor_units() -> None:
    for code in s.BILLING_CODES:
        known = currency(code)
        assert known.minor_digits == get_currency_precision(code), code
        assert known.minor_digits in {0, 2, 3, 4}, code
        assert type(known.cash_step) is int, code
        assert known.cash_step >= 1, code
        one = Money.from_minor_units(1, code)
        assert (one.amount, places(one)) == (Decimal(1).scaleb(-known.minor_digits), known.minor_digits), code


def test_every_currency_a_locale_or_a_territory_names_has_a_minor_unit_in_the_snapshot() -> None:
    """No currency babel can write (a name or a symbol in any locale, legal tender of any territory) is missing from
    the table the library takes its minor units from."""
    named = {code for locale in s.ALL_LOCALES for code in Locale.parse(locale).currency_symbols}
    tender = {entry[0] for entries in get_global("territory_currencies").values() for entry in entries}
    assert named | tender <= set(CURRENCIES)


def test_every_number_of_minor_digits_is_exercised() -> None:
    digits = {currency(code).minor_digits for code in s.BILLING_CODES}
    assert digits == {currency(code).minor_digits for code in s.ONE_CURRENCY_PER_MINOR_DIGITS} == {0, 2, 3, 4}


class TestMinorUnits:
    @given(s.payable_amounts())
    def test_an_amount_in_whole_minor_units_comes_back_from_its_minor_units(self, money: Money) -> None:
        units = money.minor_units()
        back = Money.from_minor_units(units, money.currency)
        assert back == money
        assert places(back) == currency(money.currency).minor_digits
        assert Money(str(money.amount), money.currency).minor_units() == units  # from text, as a CSV import gives it

    @given(s.unrounded_amounts())
    def test_rounding_goes_to_the_currencys_minor_unit_half_away_from_zero(self, money: Money) -> None:
        digits = currency(money.currency).minor_digits
        rounded = money.rounded()
        assert ROUNDING == ROUND_HALF_UP
        assert rounded.amount == money.amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUNDING)
        assert places(rounded) == digits
        assert abs(rounded.amount - money.amount) * 2 <= Decimal(1).scaleb(-digits)
        assert Money.from_minor_units(rounded.minor_units(), money.currency) == rounded


class TestAllocation:
    @given(s.payable_amounts(), ratios)
    def test_parts_sum_to_the_whole_each_within_one_minor_unit_of_its_share(
        self, total: Money, weights: list[int]
    ) -> None:
        parts = allocate(total, weights)
        units = total.minor_units()
        assert sum(part.minor_units() for part in parts) == units
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part.minor_units() - Fraction(units * weight, sum(weights))) < 1
            assert part.currency == total.currency
            assert places(part) == currency(total.currency).minor_digits


def within_a_cash_step_of_the_bound(money: Money) -> bool:
    known = currency(money.currency)
    return abs(money.minor_units()) >= MAX_AMOUNT * 10**known.minor_digits - known.cash_step


class TestCashRounding:
    @given(s.payable_amounts().filter(lambda total: not within_a_cash_step_of_the_bound(total)))
    def test_what_is_payable_is_a_multiple_of_the_cash_step_within_half_a_step(self, total: Money) -> None:
        step = currency(total.currency).cash_step
        rounding = cash_round(total)
        units, payable = total.minor_units(), rounding.payable.minor_units()
        assert payable % step == 0
        assert 2 * abs(payable - units) <= step
        assert rounding.total + rounding.adjustment == rounding.payable
        assert places(rounding.payable) == places(rounding.adjustment) == currency(total.currency).minor_digits

    @given(s.payable_amounts().filter(lambda total: not within_a_cash_step_of_the_bound(total)))
    def test_cash_rounding_is_the_named_rounding_to_the_cash_step(self, total: Money) -> None:
        """ROUNDING (half away from zero) applied to the amount counted in cash steps gives what is payable."""
        step = currency(total.currency).cash_step
        steps = (Decimal(total.minor_units()) / step).quantize(Decimal(1), rounding=ROUNDING)
        assert cash_round(total).payable.minor_units() == int(steps) * step

    @pytest.mark.parametrize("code", [code for code in s.BILLING_CODES if currency(code).cash_step > 1])
    def test_every_amount_goes_to_the_nearest_cash_step_and_a_half_step_away_from_zero(self, code: str) -> None:
        step = currency(code).cash_step
        for offset in range(step):
            nearest = 7 * step if 2 * offset < step else 8 * step
            for sign in (1, -1):
                payable = cash_round(Money.from_minor_units(sign * (7 * step + offset), code)).payable
                assert payable.minor_units() == sign * nearest, (code, sign * (7 * step + offset))


class TestTheLedgerCountsInTheSameMinorUnit:
    @given(st.data())
    def test_a_top_up_is_posted_and_read_back_in_the_currencys_minor_units(self, data: st.DataObject) -> None:
        money: Money = data.draw(s.payable_amounts().filter(lambda money: 0 < money.minor_units() <= MAX_UNITS))
        ledger = Ledger()
        ledger.top_up(organisation="acme", amount=money, effective=date(2026, 3, 2), key="t-1")
        balance = ledger.balances("acme", money.currency).posted
        assert balance == money
        assert places(balance) == currency(money.currency).minor_digits

    @pytest.mark.parametrize("code", s.ONE_CURRENCY_PER_MINOR_DIGITS)
    def test_the_sqlite_store_reads_back_what_it_was_given(self, code: str, tmp_path: Path) -> None:
        money = Money.from_minor_units(123456789, code)
        with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
            Ledger(store).top_up(organisation="acme", amount=money, effective=date(2026, 3, 2), key="t-1")
        with SqliteLedgerStore(tmp_path / "ledger.sqlite", read_only=True) as store:
            balance = Ledger(store).balances("acme", code).posted
        assert balance == money
        assert places(balance) == currency(code).minor_digits


@pytest.mark.parametrize("code", [code for code in s.BILLING_CODES if currency(code).cash_step > 1])
def test_a_total_that_would_be_cash_rounded_onto_the_bound_is_refused_naming_the_total(code: str) -> None:
    limit, step = MAX_AMOUNT * 10 ** currency(code).minor_digits, currency(code).cash_step
    largest = Money.from_minor_units(limit - 1, code)
    for total in (largest, -largest):
        with pytest.raises(InvalidAmount) as caught:
            cash_round(total)
        assert (caught.value.field, caught.value.value) == ("total", total)
        assert "MAX_AMOUNT" in caught.value.rule
        assert caught.value.__suppress_context__  # one error: not the bound's own about the payable minor units
    one_step_less = largest - Money.from_minor_units(step, code)
    assert cash_round(one_step_less).payable == Money.from_minor_units(limit - step, code)
