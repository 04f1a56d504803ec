"""Currencies: an ISO 4217 code with its minor unit and cash step, as CLDR defines them.

A :class:`Currency` is a plain value. :func:`currency` looks one up by code and refuses codes that CLDR does not know,
and the ISO 4217 X-codes that are no money anyone is billed in (:data:`NOT_BILLING_CURRENCIES`: precious metals such
as ``XAU``, units of account such as ``XDR``, testing ``XTS``, "no currency" ``XXX``). The X-codes that are legal tender
somewhere (the CFA francs ``XAF`` and ``XOF``, the CFP franc ``XPF``, ``XCD``, ``XCG``) are currencies like any other.
The minor unit is the number of decimal places an amount is rounded to (CHF 2, EUR 2, JPY 0, BHD 3); the cash step is
the smallest amount a cash total is rounded to, in minor units (CHF 5, i.e. 0.05; most currencies 1).

>>> currency("CHF")
Currency(code='CHF', minor_digits=2, cash_step=5)
>>> currency("JPY").minor_digits
0
>>> currency("XXX")
Traceback (most recent call last):
...
infomanager_core.errors.NotABillingCurrency: currency: 'XXX' is not a billing currency (ISO 4217 code of 'Unknown Currency': an X-code no territory uses as legal tender) (bill in a currency such as 'CHF' or 'EUR')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from ..errors import NotABillingCurrency, UnknownCurrency
from ._cldr import CURRENCIES
from ._cldr import NOT_BILLING_CURRENCIES as _NOT_BILLING
from .rounding import EXACT

__all__ = ["BILLING_CURRENCIES", "NOT_BILLING_CURRENCIES", "Currency", "currency", "known_currency_codes"]

#: The ISO 4217 X-codes that CLDR lists as legal tender of no territory, with what they stand for (CLDR's English
#: name): precious metals, units of account and funds, testing, "no currency". Refused as :class:`NotABillingCurrency`.
NOT_BILLING_CURRENCIES: Mapping[str, str] = MappingProxyType(_NOT_BILLING)

#: Code -> (minor digits, cash step in minor units) of every currency the library accepts: CLDR's, less the above.
BILLING_CURRENCIES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {code: facts for code, facts in CURRENCIES.items() if code not in _NOT_BILLING}
)


@attrs.frozen(slots=True, kw_only=True)
class Currency:
    """An ISO 4217 currency; ``minor_digits`` and ``cash_step`` (in minor units) come from CLDR."""

    code: str
    minor_digits: int
    cash_step: int

    @property
    def quantum(self) -> Decimal:
        """The minor unit as a Decimal exponent, e.g. ``Decimal('0.01')`` for CHF."""
        return Decimal(1).scaleb(-self.minor_digits, EXACT)


def currency(code: str) -> Currency:
    """Return the :class:`Currency` for an ISO 4217 ``code``; raise :class:`UnknownCurrency` otherwise.

    >>> currency("EUR").cash_step
    1
    >>> currency("chf")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.UnknownCurrency: currency: 'chf' is not an ISO 4217 currency code known to CLDR (did you mean 'CHF'?)
    """
    try:
        return _BY_CODE[code]
    except Exception:  # KeyError, or what hashing a non-code raises: TypeError for ['CHF'], anything for a foreign type
        raise _unknown(code) from None


def _unknown(code: object) -> UnknownCurrency:
    if not isinstance(code, str):
        return UnknownCurrency("currency", code, "must be an ISO 4217 code given as a string", hint="e.g. 'CHF'")
    if code in NOT_BILLING_CURRENCIES:
        return NotABillingCurrency(code, NOT_BILLING_CURRENCIES[code])
    hint = f"did you mean {code.upper()!r}?" if code.upper() in BILLING_CURRENCIES else "e.g. 'CHF' or 'EUR'"
    return UnknownCurrency("currency", code, "is not an ISO 4217 currency code known to CLDR", hint=hint)


#: Every known currency, built once: a look-up is one dict access, and any argument (even unhashable) is answered.
_BY_CODE: dict[str, Currency] = {
    code: Currency(code=code, minor_digits=digits, cash_step=step)
    for code, (digits, step) in BILLING_CURRENCIES.items()
}


#: Built once, not per call: checking a billing currency asks for every code, and a frozenset of some 300 is not free.
_KNOWN_CODES = frozenset(BILLING_CURRENCIES)


def known_currency_codes() -> frozenset[str]:
    """Every currency code the library accepts: CLDR's, less :data:`NOT_BILLING_CURRENCIES`.

    >>> "CHF" in known_currency_codes(), "XAF" in known_currency_codes(), "XAU" in known_currency_codes()
    (True, True, False)
    """
    return _KNOWN_CODES
