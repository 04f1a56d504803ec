"""The decimal rules of the library, in one place.

* Arithmetic on amounts runs in :data:`EXACT`, a context with ample precision whose ``Inexact`` trap turns any
  silent loss of digits into an error: amounts are exact or the operation fails. The caller's thread-local decimal
  context never decides a result.
* Amounts of money are bounded: ``|amount| < MAX_AMOUNT`` major units (enforced by Money), which keeps every
  rounding and every minor-unit integer in range.
* Text becomes a number in one notation only, :data:`DECIMAL_TEXT`: an optional sign, ASCII digits, optionally a
  point and more digits (``"-1234.50"``). Amounts arrive from CSV imports and price files; what ``Decimal`` would also
  read — surrounding spaces, ``1_000``, ``1E+2``, Arabic-Indic or full-width digits — is refused, never guessed at.
* Rounding is always named. :data:`ROUNDING` is ``ROUND_HALF_UP`` (half away from zero), applied to a currency's
  minor unit by :func:`round_half_up`. Python's default half-even is never used for an amount.

>>> round_half_up(Decimal("2.675"), 2)
Decimal('2.68')
>>> round_half_up(Decimal("-2.675"), 2)
Decimal('-2.68')
>>> round_half_up(Decimal("2.665"), 2)
Decimal('2.67')
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)

from ..errors import InvalidAmount, NotPlainDecimal

__all__ = [
    "DECIMAL_TEXT",
    "DECIMAL_TEXT_RULE",
    "EXACT",
    "MAX_AMOUNT",
    "MAX_DIGITS",
    "ROUNDING",
    "ROUNDING_CONTEXT",
    "exact_decimal",
    "round_half_up",
]

#: The one rounding mode for money: half away from zero.
ROUNDING = ROUND_HALF_UP

#: Significant digits an amount may carry; far beyond any bill, small enough to stay fast.
MAX_DIGITS = 40

#: Every amount of money is strictly between ``-MAX_AMOUNT`` and ``MAX_AMOUNT`` major units (100 trillion), so that
#: every rounding fits the context and every amount in whole minor units fits a signed 64-bit integer (SQLite's
#: INTEGER) even for the currencies with four minor digits (CLF, UYW): 10**14 × 10**4 = 10**18 < 2**63.
MAX_AMOUNT = 10**14

#: Context for exact arithmetic: an operation whose result would need rounding raises instead.
EXACT = Context(
    prec=MAX_DIGITS,
    rounding=ROUNDING,
    Emax=99,
    Emin=-99,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)

#: Context for the deliberate, named rounding step.
ROUNDING_CONTEXT = Context(prec=MAX_DIGITS, rounding=ROUNDING, Emax=99, Emin=-99, traps=[InvalidOperation, Overflow])

#: The quantum of each usual number of places, so rounding does not rebuild it every time.
_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}

#: The one notation of a number given as text: an optional sign, ASCII digits, optionally ``.`` and more ASCII digits.
#: ``[0-9]``, not ``\d``, which would match every script's digits.
DECIMAL_TEXT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")

#: What :class:`~infomanager_core.errors.NotPlainDecimal` says about text that is not :data:`DECIMAL_TEXT`.
DECIMAL_TEXT_RULE = (
    "is not plain decimal notation: an optional sign, ASCII digits, optionally '.' and more digits "
    "(no spaces, underscores, exponent or non-ASCII digits)"
)

_FLOAT_RULE = "must be a Decimal, an int or a decimal string, never a float"


def exact_decimal(value: object, field: str) -> Decimal:
    """Coerce ``value`` to a finite Decimal or raise :class:`InvalidAmount` naming ``field``.

    Accepts ``Decimal``, ``int`` (not ``bool``) and decimal strings in :data:`DECIMAL_TEXT` notation such as
    ``"9.92"`` (anything else is :class:`~infomanager_core.errors.NotPlainDecimal`). Floats are refused because they
    cannot hold most decimal amounts exactly (``0.1`` is really ``0.1000000000000000055…``).

    >>> exact_decimal("347.20", "price")
    Decimal('347.20')
    >>> exact_decimal(0.1, "price")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidAmount: price: 0.1 must be a Decimal, an int or a decimal string, never a float (pass Decimal('0.1') or the string '0.1')
    >>> exact_decimal("1_000", "price")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.NotPlainDecimal: price: '1_000' is not plain decimal notation: an optional sign, ASCII digits, optionally '.' and more digits (no spaces, underscores, exponent or non-ASCII digits) (e.g. '1234.50')
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise InvalidAmount(field, value, "must be a number, not a bool")
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        if DECIMAL_TEXT.fullmatch(value) is None:
            raise NotPlainDecimal(field, value, DECIMAL_TEXT_RULE, hint="e.g. '1234.50'")
        number = Decimal(value)
    elif isinstance(value, float):
        raise InvalidAmount(field, value, _FLOAT_RULE, hint=f"pass Decimal('{value!r}') or the string '{value!r}'")
    else:
        raise InvalidAmount(field, value, _FLOAT_RULE)
    if not number.is_finite():
        raise InvalidAmount(field, value, "must be a finite number (NaN and infinities are refused)")
    if len(number.as_tuple().digits) > MAX_DIGITS or not -60 <= number.adjusted() <= 60:
        raise InvalidAmount(field, value, f"is out of range (at most {MAX_DIGITS} digits, magnitude 1e±60)")
    return number


def round_half_up(amount: Decimal, places: int) -> Decimal:
    """Round ``amount`` to ``places`` decimal places, half away from zero (:data:`ROUNDING`); negative ``places``
    round to tens, hundreds… as :meth:`~decimal.Decimal.quantize` does. A NaN or an infinity is refused, as is a
    ``places`` that is no int (a bool included) or lies beyond ±:data:`MAX_DIGITS`.

    >>> round_half_up(Decimal("0.125"), 2), round_half_up(Decimal("-0.5"), 0)
    (Decimal('0.13'), Decimal('-1'))
    >>> round_half_up(Decimal("NaN"), 2)
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidAmount: amount: Decimal('NaN') must be a finite Decimal (NaN and infinities are refused)
    """
    quantum = _QUANTA.get(places) if type(places) is int else None  # not hashed otherwise: True would pass for 1
    if quantum is None:
        if isinstance(places, bool) or not isinstance(places, int):
            raise InvalidAmount("places", places, "must be an int number of decimal places")
        if not -MAX_DIGITS <= places <= MAX_DIGITS:
            raise InvalidAmount("places", places, f"must lie between -{MAX_DIGITS} and {MAX_DIGITS}")
        quantum = Decimal(1).scaleb(-places, EXACT)
    try:
        rounded = amount.quantize(quantum, context=ROUNDING_CONTEXT)
    except (AttributeError, TypeError):
        raise InvalidAmount("amount", amount, "must be a Decimal") from None
    except ArithmeticError:  # an infinity, a signalling NaN, or more than MAX_DIGITS digits once rounded
        if not amount.is_finite():
            raise InvalidAmount("amount", amount, _FINITE_RULE) from None
        raise InvalidAmount(
            "amount", amount, f"cannot be rounded to {places} places within {MAX_DIGITS} digits"
        ) from None
    if rounded.is_nan():  # a quiet NaN quantizes to itself without a signal
        raise InvalidAmount("amount", amount, _FINITE_RULE)
    return rounded


_FINITE_RULE = "must be a finite Decimal (NaN and infinities are refused)"
