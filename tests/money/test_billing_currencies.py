"""Only billing currencies: the ISO 4217 X-codes that are legal tender nowhere are refused, the others accepted."""

from __future__ import annotations

import decimal
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tools.gen_currencies import not_billing_currencies

from infomanager_core import Money, UnknownCurrency, cash_round, currency
from infomanager_core.errors import NotABillingCurrency
from infomanager_core.formatting import format_money
from infomanager_core.money import known_currency_codes
from infomanager_core.money._cldr import CURRENCIES, NOT_BILLING_CURRENCIES
from infomanager_core.money.rounding import EXACT, MAX_AMOUNT

#: What ISO 4217 reserves these codes for: no currency, testing, precious metals, units of account.
NOT_MONEY = ["XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XUA", "XSU", "XBA", "XBB", "XBC", "XBD"]
#: The X-codes that are currencies: legal tender in their territories.
X_CURRENCIES = ["XAF", "XOF", "XPF", "XCD", "XCG"]


def test_the_refused_codes_are_the_ones_cldr_lists_as_legal_tender_nowhere() -> None:
    assert not_billing_currencies() == NOT_BILLING_CURRENCIES, "CLDR changed: run `python tools/gen_currencies.py`"
    assert set(NOT_MONEY) <= set(NOT_BILLING_CURRENCIES)
    assert not set(X_CURRENCIES) & set(NOT_BILLING_CURRENCIES)
    assert all(code.startswith("X") for code in NOT_BILLING_CURRENCIES)


@pytest.mark.parametrize("code", NOT_MONEY)
def test_a_code_that_is_no_currency_is_refused_naming_the_rule(code: str) -> None:
    with pytest.raises(NotABillingCurrency) as caught:
        Money("1", code)
    error = caught.value
    assert (error.field, error.value, error.code) == ("currency", code, code)
    assert "is not a billing currency" in error.rule
    assert error.name == NOT_BILLING_CURRENCIES[code]
    assert isinstance(error, UnknownCurrency)


@pytest.mark.parametrize("code", sorted(NOT_BILLING_CURRENCIES))
@pytest.mark.parametrize(
    "build",
    [
        lambda code: currency(code),
        lambda code: Money.zero(code),
        lambda code: Money.from_minor_units(100, code),
        lambda code: Money("1.00", code),
    ],
    ids=["currency", "zero", "from_minor_units", "Money"],
)
def test_no_way_of_building_an_amount_lets_one_in(code: str, build: object) -> None:
    with pytest.raises(NotABillingCurrency):
        build(code)  # type: ignore[operator]


@pytest.mark.parametrize("code", X_CURRENCIES)
def test_the_x_codes_that_are_currencies_are_accepted(code: str) -> None:
    assert Money.from_minor_units(100, code).currency == code
    assert code in known_currency_codes()


def test_the_known_codes_are_cldrs_less_the_refused_ones() -> None:
    assert known_currency_codes() == set(CURRENCIES) - set(NOT_BILLING_CURRENCIES)


@given(st.sampled_from(sorted(known_currency_codes())), st.integers(min_value=-(10**9), max_value=10**9))
def test_every_known_code_builds_rounds_and_formats_an_amount(code: str, units: int) -> None:
    money = Money.from_minor_units(units, code)
    assert money.rounded() == money
    assert cash_round(money).total == money
    assert format_money(money, "de_CH")


def test_the_refusal_keeps_its_data_when_pickled() -> None:
    with pytest.raises(NotABillingCurrency) as caught:
        currency("XAU")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, copy.name, str(copy)) == ("XAU", "Gold", str(caught.value))


def test_a_lower_case_code_is_not_told_to_use_a_refused_one() -> None:
    with pytest.raises(UnknownCurrency) as caught:
        currency("xxx")
    assert "XXX" not in str(caught.value)


@given(st.sampled_from(sorted(known_currency_codes())), st.data())
def test_an_amount_in_minor_units_has_exactly_its_currencys_places(code: str, data: st.DataObject) -> None:
    """1.00 CHF, not 1 CHF: the amount's exponent is the currency's, whatever the caller's decimal context."""
    digits = currency(code).minor_digits
    bound = MAX_AMOUNT * 10**digits - 1
    units = data.draw(st.integers(min_value=-bound, max_value=bound) | st.sampled_from([0, 1, -1, bound, -bound]))
    with decimal.localcontext(prec=3):  # a caller's context must not round the amount
        money = Money.from_minor_units(units, code)
    assert money.amount.as_tuple() == Decimal(units).scaleb(-digits, EXACT).as_tuple()
    assert money.minor_units() == units
