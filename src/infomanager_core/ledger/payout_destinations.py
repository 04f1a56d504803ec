"""Where a payout goes: a bank account (IBAN) or a PayPal account (an e-mail address).

An :class:`Iban` is checked when it is built: its country's length (the SWIFT IBAN registry), letters and digits only,
and the ISO 7064 mod-97 check digits. It is kept in electronic form (no spaces, upper case). A
:class:`PaypalAddress` must look like an e-mail address (one ``@``, a dotted domain, no spaces and no other mail-header
special such as ``,`` or ``<``) and hold no character that draws nothing (a Hangul filler, a variation selector:
Unicode's default-ignorable code points); it is kept as given. PayPal itself is the only judge of whether it exists.

>>> Iban("CH93 0076 2011 6238 5295 7").value
'CH9300762011623852957'
>>> Iban("CH93 0076 2011 6238 5295 8")
Traceback (most recent call last):
...
infomanager_core.ledger.errors.InvalidIban: iban: 'CH9300762011623852958' fails its mod-97 check digits (check for a typing error)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ..errors import UnprintableText
from ..text import DRAWS_NOTHING, INVISIBLE_FILLERS, is_email_address, printable
from .errors import InvalidIban, InvalidPaypalAddress

__all__ = ["IBAN_LENGTHS", "Iban", "PayoutDestination", "PaypalAddress"]

#: Length of an IBAN per country (SWIFT IBAN registry). Read-only: the table is public, and a caller's change to it
#: would change every IBAN check in the process.
IBAN_LENGTHS: Mapping[str, int] = MappingProxyType({
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
    "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
})  # fmt: skip

_IBAN_CHARACTERS = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+")


def _electronic(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidIban("iban", value, "must be a string")
    return "".join(value.split()).upper()


def _check_iban(_instance: object, _attribute: object, iban: str) -> None:
    if not _IBAN_CHARACTERS.fullmatch(iban):
        raise InvalidIban("iban", iban, "must be a country code, two check digits and letters or digits")
    country = iban[:2]
    if country not in IBAN_LENGTHS:
        raise InvalidIban("iban", iban, f"has country {country}, which has no IBAN")
    if len(iban) != IBAN_LENGTHS[country]:
        raise InvalidIban("iban", iban, f"must have {IBAN_LENGTHS[country]} characters for {country}, not {len(iban)}")
    rearranged = iban[4:] + iban[:4]
    if int("".join(str(int(character, 36)) for character in rearranged)) % 97 != 1:
        raise InvalidIban("iban", iban, "fails its mod-97 check digits", hint="check for a typing error")


@attrs.frozen(slots=True)
class Iban:
    """A bank account number whose country length and mod-97 check digits are valid.

    >>> Iban("CH93 0076 2011 6238 5295 7")
    Iban(value='CH9300762011623852957')
    """

    value: str = attrs.field(converter=_electronic, validator=_check_iban)

    def __str__(self) -> str:
        return f"iban:{self.value}"


def _check_email(_instance: object, _attribute: object, address: str) -> None:
    if not isinstance(address, str) or not is_email_address(address):
        raise InvalidPaypalAddress(
            "paypal", address, "must be an e-mail address", hint="like name@example.com, without spaces"
        )
    try:  # the shape allows any non-space character; a store, a log or an export must not choke on one
        printable(address, field="paypal")
    except UnprintableText:
        raise InvalidPaypalAddress(
            "paypal", address, "must not contain control, format or line-breaking characters"
        ) from None
    # a Hangul filler, a blank braille pattern, a variation selector or a grapheme joiner draws nothing:
    # "ㅤbilling@acme.ch" and "billing@acme.ch\ufe0f" show as Acme's address and are others; kept as given, as every
    # destination is (money goes there), so refused, not trimmed
    filler = next((c for c in address if c in INVISIBLE_FILLERS or DRAWS_NOTHING.match(c)), None)
    if filler is not None:
        raise InvalidPaypalAddress(
            "paypal", address, f"must not contain a character that draws nothing (found U+{ord(filler):04X})"
        )


@attrs.frozen(slots=True)
class PaypalAddress:
    """A PayPal account, named by its e-mail address.

    >>> str(PaypalAddress("billing@example.ch"))
    'paypal:billing@example.ch'
    """

    address: str = attrs.field(validator=_check_email)

    def __str__(self) -> str:
        return f"paypal:{self.address}"


PayoutDestination = Iban | PaypalAddress
