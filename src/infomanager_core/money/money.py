"""Money: an exact decimal amount in one currency.

Invariants of a :class:`Money` value:

* ``amount`` is a finite :class:`~decimal.Decimal`; floats, NaN and infinities never get in;
* ``|amount| < MAX_AMOUNT`` (10**14 major units), in every result too, so that rounding and minor units stay in range;
* ``currency`` is an ISO 4217 code that CLDR knows and that is a billing currency (not ``XXX``, ``XTS``, ``XAU``…);
* arithmetic is exact (it never rounds silently) and never mixes currencies;
* rounding happens only when asked, by :meth:`Money.rounded`, half away from zero to the minor unit.

An amount may carry more decimals than its currency's minor unit (a unit price times a rate, say); it becomes a
payable amount only once rounded. The ledger stores whole minor units: :meth:`Money.minor_units` refuses an amount
that is not a whole number of them instead of rounding it behind the caller's back.

>>> price = Money("9.92", "CHF")
>>> price * 35
Money('347.20', 'CHF')
>>> (price * 35 * Decimal("0.8")).rounded()
Money('277.76', 'CHF')
>>> Money("1.00", "CHF") + Money("1.00", "EUR")
Traceback (most recent call last):
...
infomanager_core.errors.CurrencyMismatch: currency: ('CHF', 'EUR') amounts in different currencies cannot be combined (convert explicitly first)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NoReturn

import attrs

from ..errors import CurrencyMismatch, InvalidAmount, NotInMinorUnits
from .currency import BILLING_CURRENCIES, Currency, currency
from .rounding import EXACT, MAX_AMOUNT, MAX_DIGITS, exact_decimal, round_half_up

__all__ = ["Money"]


_LIMIT = Decimal(MAX_AMOUNT)
_BOUND_RULE = "is out of range: an amount of money must lie strictly between -10**14 and 10**14 (MAX_AMOUNT)"


def _to_amount(value: object) -> Decimal:
    amount = exact_decimal(value, "amount")
    if not -_LIMIT < amount < _LIMIT:
        raise InvalidAmount("amount", value, _BOUND_RULE)
    return amount


def _bounded(amount: Decimal, code: str, what: str, operands: object) -> Money:
    """The result of an operation, refused as :class:`InvalidAmount` naming its ``operands`` if it leaves the range."""
    if not -_LIMIT < amount < _LIMIT:
        raise InvalidAmount(what, operands, _BOUND_RULE)
    return _make(amount, code)


def _check_currency(_instance: object, _attribute: object, code: str) -> None:
    currency(code)


class _MinorUnitsSlot:
    """Where a :class:`Money` remembers its amount in minor units once known: a slot outside its attrs fields, so it is
    no part of its value (equality, hash, repr, pickling, ``attrs.asdict``) and costs nothing until it is filled."""

    __slots__ = ("_units",)
    _units: int


@attrs.frozen(slots=True, repr=False)
class Money(_MinorUnitsSlot):
    """An exact amount of one currency. Build it from a ``Decimal``, an ``int`` or a decimal string.

    >>> Money("19.90", "CHF") + Money("0.10", "CHF")
    Money('20.00', 'CHF')
    """

    amount: Decimal = attrs.field(converter=_to_amount)
    currency: str = attrs.field(validator=_check_currency)

    # -- construction -------------------------------------------------------------------------------------------

    @classmethod
    def zero(cls, code: str) -> Money:
        """Zero in currency ``code``.

        >>> Money.zero("EUR")
        Money('0', 'EUR')
        """
        currency(code)
        return _make(Decimal(0), code)

    @classmethod
    def from_minor_units(cls, units: int, code: str) -> Money:
        """The amount of ``units`` minor units (cents, rappen…) of ``code``.

        >>> Money.from_minor_units(20832, "CHF")
        Money('208.32', 'CHF')
        """
        if type(units) is int:  # the hot path: one type test, one dict look-up, one range test
            try:
                minor = _MINOR_UNITS.get(code)
            except Exception:  # a code that cannot be hashed (a list, a foreign object): currency() below names it
                minor = None
            if minor is not None and -minor[1] < units < minor[1]:
                value = _new(Money)  # _scaled, inlined: the hot path of quotes and of every ledger read
                _set_amount(value, _exact_product(minor[0], units))
                _set_currency(value, code)
                _set_units(value, units)
                return value
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidAmount("units", units, "must be an int number of minor units")
        known = currency(code)
        digits = known.minor_digits
        if not -MAX_AMOUNT * 10**digits < units < MAX_AMOUNT * 10**digits:
            raise InvalidAmount("units", units, f"{_BOUND_RULE} ({MAX_AMOUNT * 10**digits} {code} minor units)")
        value = _scaled(units, known.quantum, code)
        _set_units(value, int(units))  # an int subclass (an IntEnum of prices) is remembered as the plain int
        return value

    @classmethod
    def total(cls, amounts: Iterable[Money], code: str) -> Money:
        """Sum ``amounts``, all in ``code``; the total of nothing is zero.

        >>> Money.total([Money("1.10", "CHF"), Money("2.20", "CHF")], "CHF")
        Money('3.30', 'CHF')
        """
        result = Money.zero(code)
        if isinstance(amounts, Money | str | bytes) or not isinstance(amounts, Iterable):
            raise InvalidAmount(
                "amounts", amounts, "must be an iterable of Money", hint=f"e.g. [Money('1.10', {code!r})]"
            )
        for amount in amounts:
            result = result + amount
        return result

    # -- facts --------------------------------------------------------------------------------------------------

    @property
    def currency_info(self) -> Currency:
        """The CLDR facts about this amount's currency."""
        return currency(self.currency)

    def is_zero(self) -> bool:
        """True for zero, however it is written.

        >>> Money("0.00", "CHF").is_zero(), Money("-0", "CHF").is_zero()
        (True, True)
        """
        return not self.amount

    def is_negative(self) -> bool:
        """True below zero.

        >>> Money("-0.01", "CHF").is_negative(), Money("-0", "CHF").is_negative()
        (True, False)
        """
        return self.amount < 0

    def is_rounded(self) -> bool:
        """True when the amount is a whole number of minor units.

        >>> Money("208.320", "CHF").is_rounded(), Money("208.325", "CHF").is_rounded()
        (True, False)
        """
        digits = currency(self.currency).minor_digits
        return self.amount == round_half_up(self.amount, digits)

    # -- rounding and minor units -------------------------------------------------------------------------------

    def rounded(self) -> Money:
        """Round half away from zero to the currency's minor unit (the library's only rounding).

        >>> Money("2.675", "EUR").rounded()
        Money('2.68', 'EUR')
        >>> Money("1234.5", "JPY").rounded()
        Money('1235', 'JPY')
        """
        rounded = round_half_up(self.amount, currency(self.currency).minor_digits)
        return _bounded(rounded, self.currency, "amount", self)

    def minor_units(self) -> int:
        """The amount as an int of minor units; raise :class:`NotInMinorUnits` if it is not a whole number of them.

        >>> Money("208.32", "CHF").minor_units()
        20832
        """
        try:
            return self._units  # the ledger asks on every posting: remembered
        except AttributeError:  # not known yet: built from a decimal, or the result of arithmetic
            pass
        digits = currency(self.currency).minor_digits
        scaled = self.amount.scaleb(digits, EXACT)
        if scaled != scaled.to_integral_value(context=EXACT):
            raise NotInMinorUnits(
                "amount",
                self.amount,
                f"has more than {digits} decimal places for {self.currency}",
                hint="round it first with Money.rounded()",
            )
        units = int(scaled)
        _set_units(self, units)
        return units

    # -- arithmetic ---------------------------------------------------------------------------------------------

    def _same_currency(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise InvalidAmount("other", other, "must be Money to combine with Money")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                "currency",
                (self.currency, other.currency),
                "amounts in different currencies cannot be combined",
                hint="convert explicitly first",
            )
        return other

    def __add__(self, other: Money) -> Money:
        try:
            return _bounded(
                EXACT.add(self.amount, self._same_currency(other).amount), self.currency, "sum", (self, other)
            )
        except ArithmeticError:
            raise _beyond_precision("sum", (self, other)) from None

    def __sub__(self, other: Money) -> Money:
        try:
            difference = EXACT.subtract(self.amount, self._same_currency(other).amount)
            return _bounded(difference, self.currency, "difference", (self, other))
        except ArithmeticError:
            raise _beyond_precision("difference", (self, other)) from None

    def __neg__(self) -> Money:
        return _make(EXACT.minus(self.amount), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _make(EXACT.abs(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, Money):
            raise InvalidAmount("factor", factor, "must be a number: money times money has no meaning")
        number = exact_decimal(factor, "factor")
        try:
            return _bounded(EXACT.multiply(self.amount, number), self.currency, "product", (self, factor))
        except ArithmeticError:
            raise _beyond_precision("product", (self, factor)) from None

    __rmul__ = __mul__

    def __radd__(self, other: object) -> Money:
        """Refuse ``number + Money``, which is what ``sum(amounts)`` does: its start is the int 0, and the sum of no
        amounts would be a 0 with no currency. ``Money.total(amounts, code)`` says the currency."""
        raise InvalidAmount(
            "other",
            other,
            "cannot be added to Money (only Money can)",
            hint=f"to sum amounts use Money.total(amounts, {self.currency!r}), not sum()",
        )

    def __rsub__(self, other: object) -> NoReturn:
        """Refuse ``number - Money``: only Money is subtracted from Money (``-amount`` negates it)."""
        raise InvalidAmount(
            "other", other, "cannot have Money subtracted from it (only Money can)", hint="to negate write -amount"
        )

    def __truediv__(self, divisor: object) -> NoReturn:
        """Refuse ``Money / n`` (and ``//``, ``%``, ``divmod``, ``n / Money``): a share of an amount is rarely a whole
        number of minor units, so dividing would round a unit away or invent one. :func:`allocate` splits exactly."""
        raise InvalidAmount(
            "divisor",
            divisor,
            "does not divide Money: equal shares would lose or invent a minor unit",
            hint="split it with allocate(amount, [1] * n), or multiply by an exact rate: amount * Decimal('0.25')",
        )

    __floordiv__ = __mod__ = __divmod__ = __truediv__

    def __rtruediv__(self, dividend: object) -> NoReturn:
        raise InvalidAmount(
            "dividend", dividend, "cannot be divided by Money", hint="to split money use allocate(amount, ratios)"
        )

    __rfloordiv__ = __rmod__ = __rdivmod__ = __rtruediv__

    def __round__(self, ndigits: int | None = None) -> NoReturn:
        """Refuse ``round(amount, n)``: the library has one rounding, to the currency's minor unit, half away from
        zero (Python's ``round`` on a Decimal rounds half to even)."""
        raise InvalidAmount(
            "ndigits",
            ndigits,
            "does not round Money: it is rounded to its currency's minor unit, half away from zero",
            hint="use amount.rounded()",
        )

    # -- comparison (ordering across currencies is an error; equality is simply False) --------------------------

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same_currency(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same_currency(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same_currency(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same_currency(other).amount

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"

    def __str__(self) -> str:
        """Locale-neutral text such as ``'208.32 CHF'``; use :mod:`infomanager_core.formatting` for people."""
        return f"{self.amount} {self.currency}"


def _beyond_precision(what: str, operands: tuple[object, ...]) -> InvalidAmount:
    return InvalidAmount(what, operands, f"cannot be computed exactly within {MAX_DIGITS} significant digits")


#: The minor unit (CHF 0.01, JPY 1) and the bound in minor units of every known currency, for the hot path of
#: :meth:`Money.from_minor_units`.
_MINOR_UNITS: dict[str, tuple[Decimal, int]] = {
    code: (Decimal(1).scaleb(-digits, EXACT), MAX_AMOUNT * 10**digits)
    for code, (digits, _step) in BILLING_CURRENCIES.items()
}

_new = object.__new__
_exact_product = EXACT.multiply
_set_amount = Money.__dict__["amount"].__set__  # the slot descriptors: frozen to users, writable here once
_set_currency = Money.__dict__["currency"].__set__
_set_units = _MinorUnitsSlot.__dict__["_units"].__set__


def trusted_minor_units(units: int, code: str) -> Money:
    """``units`` minor units of ``code``, built without checks: for amounts the library computed itself, in a currency
    it has checked and within the bound of an amount it has checked (a quote's steps lie between 0 and its public
    amount). Private to the library, as :mod:`infomanager_core._trusted` is; callers use :meth:`Money.from_minor_units`.

    >>> trusted_minor_units(20832, "CHF") == Money.from_minor_units(20832, "CHF")
    True
    """
    value: Any = _new(Money)
    _set_amount(value, _exact_product(_MINOR_UNITS[code][0], units))
    _set_currency(value, code)
    _set_units(value, units)
    return value  # type: ignore[no-any-return]


def _scaled(units: int, minor_unit: Decimal, code: str) -> Money:
    """``units`` minor units of ``code`` (its ``minor_unit``: 0.01 for CHF), units within the bound (inlines
    :func:`_make`). The exact product 0.01 × 12345 is 123.45, with the minor unit's exponent (100 gives 1.00), and
    costs a third less than scaling ``Decimal(units)``. The hot paths (``from_minor_units`` for a known currency,
    :func:`trusted_minor_units`) write it out: a Python call is a twentieth of a quote's instructions."""
    amount = _exact_product(minor_unit, units)
    value: Any = _new(Money)
    _set_amount(value, amount)
    _set_currency(value, code)
    return value  # type: ignore[no-any-return]


def _make(amount: Decimal, code: str) -> Money:
    """Build a Money from already-validated parts, skipping the converter (hot path of arithmetic)."""
    value: Any = _new(Money)
    _set_amount(value, amount)
    _set_currency(value, code)
    return value  # type: ignore[no-any-return]
