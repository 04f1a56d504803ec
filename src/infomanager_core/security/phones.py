"""Phone numbers, in international (E.164) form, and the countries SMS codes are sent to.

A number is given in international form — ``+41 79 123 45 67`` or ``0041 79 123 45 67`` — and kept as E.164
(``+41791234567``): a plus, a country calling code and up to 15 digits in all. Spaces, dots, hyphens and brackets
between digits are dropped. A national form (``079 123 45 67``) is refused: the library does not guess the country.

The country of a number is read from its calling code, never given apart (it could not disagree with the number).
SMS codes are sent to numbers of Switzerland, France, Belgium and Germany only: +41, +33, +32, +49
(:data:`SMS_COUNTRIES`). France's overseas departments have calling codes of their own (+262, +590…) and are not
covered.

>>> number = phone_number("+41 79 123 45 67")
>>> str(number), sms_country(number)
('+41791234567', 'CH')
>>> sms_country(phone_number("+44 20 7946 0958")) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .errors import InvalidPhoneNumber

__all__ = ["SMS_COUNTRIES", "PhoneNumber", "phone_number", "sms_country"]

#: The countries SMS codes are sent to, with their country calling codes. Read-only: the table is public, and a
#: caller's change to it would send codes to another country for every account in the process.
SMS_COUNTRIES: Mapping[str, str] = MappingProxyType({"CH": "41", "FR": "33", "BE": "32", "DE": "49"})

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_SEPARATORS = re.compile(r"[ .()\-]")


def _check_e164(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _E164.fullmatch(value):
        raise InvalidPhoneNumber("phone", value, "must be in E.164 form: + then 7 to 15 digits, the first not 0")


@attrs.frozen
class PhoneNumber:
    """A phone number in E.164 form (``+41791234567``)."""

    e164: str = attrs.field(validator=_check_e164)

    def __str__(self) -> str:
        return self.e164


def phone_number(value: object, *, field: str = "phone") -> PhoneNumber:
    """``value`` as a :class:`PhoneNumber`: international form, separators dropped, ``00`` read as ``+``.

    >>> phone_number("0033 (1) 23.45.67.89")
    PhoneNumber(e164='+33123456789')
    >>> phone_number("079 123 45 67")
    Traceback (most recent call last):
    ...
    infomanager_core.security.errors.InvalidPhoneNumber: phone: '079 123 45 67' must be in international form: +<country code><number>, up to 15 digits (e.g. +41 79 123 45 67)
    """
    if isinstance(value, PhoneNumber):
        return value
    if not isinstance(value, str):
        raise InvalidPhoneNumber(field, value, "must be a string or a PhoneNumber")
    compact = _SEPARATORS.sub("", value.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not _E164.fullmatch(compact):
        raise InvalidPhoneNumber(
            field,
            value,
            "must be in international form: +<country code><number>, up to 15 digits",
            hint="e.g. +41 79 123 45 67",
        )
    return PhoneNumber(compact)


def sms_country(number: PhoneNumber) -> str | None:
    """The country of ``number`` if SMS codes are sent there (CH, FR, BE, DE), else ``None``.

    Calling codes are prefix-free, so at most one matches.

    >>> sms_country(phone_number("+32 470 12 34 56")), sms_country(phone_number("+352 621 123 456"))
    ('BE', None)
    """
    if not isinstance(number, PhoneNumber):
        raise InvalidPhoneNumber("phone", number, "must be a PhoneNumber (see phone_number)")
    digits = number.e164[1:]
    return next((country for country, code in SMS_COUNTRIES.items() if digits.startswith(code)), None)
