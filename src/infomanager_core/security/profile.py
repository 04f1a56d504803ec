"""A person's profile: first and last name, login e-mail, phone numbers, and an avatar shown instead of initials.

Invariants of a :class:`Profile`:

* ``first_name`` and ``last_name`` follow the library's text rule (:mod:`infomanager_core.text`: NFC, trimmed, no
  control or format character) and have 1 to 128 characters each;
* ``email`` looks like an e-mail address (one ``@``, a dotted domain, no spaces and no other mail-header special
  such as ``,`` or ``<``; at most 254 characters, 64 before the ``@``), its domain in lower case — whether it exists
  is for the mail system to say;
* ``phones`` are at most 5 distinct numbers in E.164 form (:mod:`~infomanager_core.security.phones`);
* ``avatar`` is an image (an opaque id into the application's storage) 1 to 4096 px a side, in PNG, JPEG, GIF or
  WebP, or ``None``, in which case the person's :attr:`~Profile.initials` are shown.

An avatar under 210 px a side is accepted; :func:`avatar_warnings` returns the warning that 210 px is recommended,
as a value the application shows.

>>> profile = Profile(first_name=" élodie ", last_name="Dupont-Martin", email="Elodie@Example.CH")
>>> profile.first_name, profile.email, profile.initials
('élodie', 'Elodie@example.ch', 'ÉD')
>>> [warning.message for warning in avatar_warnings(Avatar(image="img-1", media_type="image/png", width=180, height=180))]
['the image is 180 × 180 px; at least 210 px a side is recommended']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from ..errors import UnprintableText
from ..text import MAX_EMAIL_LENGTH, is_email_address, printable_identifier, printable_text
from .errors import InvalidAvatar, InvalidEmail, InvalidPersonName, TooManyPhoneNumbers, UnprintablePersonName
from .phones import PhoneNumber, phone_number

__all__ = [
    "AVATAR_MEDIA_TYPES",
    "MAX_AVATAR_SIDE",
    "MAX_EMAIL_LENGTH",
    "MAX_PERSON_NAME_LENGTH",
    "MAX_PHONE_NUMBERS",
    "RECOMMENDED_AVATAR_SIDE",
    "Avatar",
    "AvatarWarning",
    "Profile",
    "avatar_warnings",
    "initials",
    "login_email",
    "person_name",
    "phone_numbers",
]

#: The longest first or last name, in characters once trimmed.
MAX_PERSON_NAME_LENGTH = 128
#: The most phone numbers a profile keeps.
MAX_PHONE_NUMBERS = 5
#: The side an avatar should at least have; smaller images are accepted with a warning.
RECOMMENDED_AVATAR_SIDE = 210
#: The largest side of an avatar image, in px.
MAX_AVATAR_SIDE = 4096
#: The image types accepted as avatars.
AVATAR_MEDIA_TYPES = ("image/gif", "image/jpeg", "image/png", "image/webp")


def person_name(value: object, *, field: str) -> str:
    """A first or last name by the library's text rule, 1 to 128 characters once trimmed.

    >>> person_name("  Jean-Luc\\n", field="first_name")
    'Jean-Luc'
    """
    name = printable_text(value, field=field, error=UnprintablePersonName)
    if not name:
        raise InvalidPersonName(field, value, "must have at least 1 character once trimmed")
    if len(name) > MAX_PERSON_NAME_LENGTH:
        raise InvalidPersonName(field, name, f"must have at most {MAX_PERSON_NAME_LENGTH} characters once trimmed")
    return name


def login_email(value: object, *, field: str = "email") -> str:
    """An e-mail address to sign in with: trimmed, its domain in lower case (the part before ``@`` is kept as typed).

    >>> login_email(" Carl@Bakery.FR ")
    'Carl@bakery.fr'
    >>> login_email("carl@localhost")
    Traceback (most recent call last):
    ...
    infomanager_core.security.errors.InvalidEmail: email: 'carl@localhost' must be an e-mail address: one @, a dotted domain, no spaces (like name@example.com)
    """
    if not isinstance(value, str):
        raise InvalidEmail(field, value, "must be a string")
    try:
        address = printable_text(value, field=field)
    except UnprintableText as error:
        raise InvalidEmail(field, value, error.rule) from None
    local, at, domain = address.rpartition("@")
    if at:  # checked as it is kept, its domain lowered: 'İ' lowers to two code points, beyond the longest address
        address = f"{local}@{domain.lower()}"
    if len(address) > MAX_EMAIL_LENGTH:
        raise InvalidEmail(field, value, f"must have at most {MAX_EMAIL_LENGTH} characters")
    if not is_email_address(address):
        raise InvalidEmail(
            field, value, "must be an e-mail address: one @, a dotted domain, no spaces", hint="like name@example.com"
        )
    return address


def phone_numbers(value: object) -> tuple[PhoneNumber, ...]:
    """Up to 5 phone numbers, each in international form; a number given twice is kept once, in first place.

    >>> [str(number) for number in phone_numbers(["+41 79 123 45 67", "0041791234567", "+33 6 12 34 56 78"])]
    ['+41791234567', '+33612345678']
    """
    if isinstance(value, str | PhoneNumber) or not isinstance(value, Iterable):
        raise TooManyPhoneNumbers("phones", value, "must be a collection of phone numbers")
    numbers = tuple(dict.fromkeys(phone_number(item, field="phones") for item in value))
    if len(numbers) > MAX_PHONE_NUMBERS:
        raise TooManyPhoneNumbers("phones", value, f"must hold at most {MAX_PHONE_NUMBERS} numbers")
    return numbers


def initials(first_name: str, last_name: str) -> str:
    """The initials shown when there is no avatar: the first letter of each name, in upper case, with its accents.

    >>> initials("élodie", "d'Artagnan"), initials("Ǉubica", "Nguyễn")
    ('ÉD', 'ǇN')
    """
    for field, name in (("first_name", first_name), ("last_name", last_name)):
        if not isinstance(name, str):
            raise InvalidPersonName(field, name, "must be a string")
    return _initial(first_name) + _initial(last_name)


def _initial(name: str) -> str:
    start = next((i for i, character in enumerate(name) if unicodedata.category(character)[0] in "LN"), 0)
    end = start + 1
    while end < len(name) and unicodedata.category(name[end]).startswith("M"):
        end += 1
    return unicodedata.normalize("NFC", name[start:end].upper())


def _side(field: str) -> Any:
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_AVATAR_SIDE:
            raise InvalidAvatar(field, value, f"must be an int from 1 to {MAX_AVATAR_SIDE} px")

    return check


def _media_type(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or value not in AVATAR_MEDIA_TYPES:  # a foreign value is not compared
        raise InvalidAvatar("media_type", value, f"must be one of {', '.join(AVATAR_MEDIA_TYPES)}")


def _image(_instance: Any, _attribute: Any, value: Any) -> None:
    try:
        printable_identifier(value, field="image")
    except Exception as error:
        raise InvalidAvatar("image", value, "must be a non-empty printable image id") from error


@attrs.frozen(kw_only=True)
class Avatar:
    """A profile picture: ``image`` (an opaque id where the application keeps it), its type and size in px.

    >>> Avatar(image="img-1", media_type="image/png", width=320, height=320).media_type
    'image/png'
    """

    image: str = attrs.field(validator=_image)
    media_type: str = attrs.field(validator=_media_type)
    width: int = attrs.field(validator=_side("width"))
    height: int = attrs.field(validator=_side("height"))


@attrs.frozen(kw_only=True)
class AvatarWarning:
    """An avatar was accepted, but is smaller than recommended on at least one side."""

    width: int
    height: int
    recommended: int = RECOMMENDED_AVATAR_SIDE

    @property
    def message(self) -> str:
        """The warning, for a person."""
        return f"the image is {self.width} × {self.height} px; at least {self.recommended} px a side is recommended"


def avatar_warnings(avatar: Avatar) -> tuple[AvatarWarning, ...]:
    """The warnings to show about ``avatar``: one if a side is under 210 px, none otherwise.

    >>> avatar_warnings(Avatar(image="img-2", media_type="image/jpeg", width=210, height=400))
    ()
    """
    if not isinstance(avatar, Avatar):
        raise InvalidAvatar("avatar", avatar, "must be an Avatar")
    if min(avatar.width, avatar.height) < RECOMMENDED_AVATAR_SIDE:
        return (AvatarWarning(width=avatar.width, height=avatar.height),)
    return ()


def _avatar(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Avatar):
        raise InvalidAvatar("avatar", value, "must be an Avatar or None")


def _first_name(value: object) -> str:
    return person_name(value, field="first_name")


def _last_name(value: object) -> str:
    return person_name(value, field="last_name")


@attrs.frozen(kw_only=True)
class Profile:
    """What a person shows of themselves: names, login e-mail, phone numbers and an optional avatar.

    Built from raw input, it tidies and checks each field (see the module's invariants).

    >>> profile = Profile(first_name=" Élodie ", last_name="Dupont", email="elodie@Bakery.CH", phones=["+41 79 123 45 67"])
    >>> profile.first_name, profile.email, profile.initials, [str(number) for number in profile.phones]
    ('Élodie', 'elodie@bakery.ch', 'ÉD', ['+41791234567'])
    """

    first_name: str = attrs.field(converter=_first_name)
    last_name: str = attrs.field(converter=_last_name)
    email: str = attrs.field(converter=login_email)
    phones: tuple[PhoneNumber, ...] = attrs.field(default=(), converter=phone_numbers)
    avatar: Avatar | None = attrs.field(default=None, validator=_avatar)

    @property
    def initials(self) -> str:
        """The initials shown in place of an avatar (see :func:`initials`)."""
        return initials(self.first_name, self.last_name)
