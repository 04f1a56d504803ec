"""A client's contact details: what a partner learns only by opening a call that is still open.

Invariants of a :class:`Contact`: the ``name`` is stored by the library's text rule (NFC, trimmed, no control or
invisible character) and has 1 to :data:`CONTACT_NAME_LENGTH` characters, like a profile's names; the ``email`` has one
``@``, a dotted domain, no spaces and no other mail-header special such as ``,`` or ``<`` (at most 254 characters, the
longest address SMTP carries); the ``phone``, when given, has 6 to 15 digits (E.164's maximum), an optional leading
``+`` and the usual separators. The e-mail address is required: the confirmation with the cancellation link is sent
there; the phone is optional.

>>> Contact(name=" Carl Baker ", email="carl@bakery.example", phone="+33 1 23 45 67 89")
Contact(name='Carl Baker', email='carl@bakery.example', phone='+33 1 23 45 67 89')
>>> Contact(name="Carl", email="carl at bakery")
Traceback (most recent call last):
...
infomanager_core.tenders.errors.InvalidEmail: email: 'carl at bakery' must be an e-mail address (like name@example.com, without spaces)
"""

from __future__ import annotations

import re

import attrs

from ..text import is_email_address, printable_text
from .errors import InvalidEmail, InvalidPhone, UnprintableTenderText
from .texts import one_line_text

__all__ = ["CONTACT_NAME_LENGTH", "Contact", "contact_email", "contact_phone"]

#: The longest contact name, in characters once trimmed (as a profile's first and last names, SPEC §8).
CONTACT_NAME_LENGTH = 128

_PHONE = re.compile(r"\+?[0-9 ().\-/]+")


def _name(value: object) -> str:
    return one_line_text(value, field="name", maximum=CONTACT_NAME_LENGTH)


def contact_email(value: object) -> str:
    """``value`` tidied by the library's text rule (NFC, trimmed, a Hangul filler too), once checked to be an e-mail
    address.

    >>> contact_email(" carl@bakery.example ")
    'carl@bakery.example'
    """
    if not isinstance(value, str):
        raise InvalidEmail(value)
    # as a login e-mail is: str.strip kept a Hangul filler or a blank braille pattern, which draw nothing
    address = printable_text(value, field="email", error=UnprintableTenderText)
    if not is_email_address(address):
        raise InvalidEmail(value)
    return address


def contact_phone(value: object) -> str | None:
    """``value`` trimmed, once checked to be a phone number (``None`` stays ``None``: the phone is optional).

    >>> contact_phone("021 555 01 23"), contact_phone(None)
    ('021 555 01 23', None)
    >>> contact_phone("call me")
    Traceback (most recent call last):
    ...
    infomanager_core.tenders.errors.InvalidPhone: phone: 'call me' must be a phone number: 6 to 15 digits, an optional leading '+', spaces, '-', '.', '/' or '()' (e.g. '+41 21 555 01 23')
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidPhone(value)
    number = value.strip()
    digits = sum(character.isdigit() for character in number)
    if not _PHONE.fullmatch(number) or not 6 <= digits <= 15 or len(number) > 32:
        raise InvalidPhone(value)
    return number


@attrs.frozen(kw_only=True)
class Contact:
    """How a partner reaches the client that submitted a call: a name, an e-mail address and maybe a phone.

    >>> Contact(name=" Carl Baker ", email="carl@bakery.example")
    Contact(name='Carl Baker', email='carl@bakery.example', phone=None)
    """

    name: str = attrs.field(converter=_name)
    email: str = attrs.field(converter=contact_email)
    phone: str | None = attrs.field(default=None, converter=contact_phone)
