"""Text people type and read — names of tags, organisations and people; ids: one rule for what may be stored.

A name is shown on one line, in lists, e-mails and audit logs, so what is stored must print as what it says:

* it is trimmed of whitespace and of *invisible fillers* — characters that draw nothing yet are not whitespace (the
  Hangul fillers, the blank braille pattern), which would otherwise make a blank name look filled in;
* it is put in Unicode NFC, so one text typed two ways ("é" precomposed, or "e" + a combining accent) is stored, counted
  and compared as one;
* what is left may not contain a character that is invisible or breaks the line: control (Cc: newline, tab, NUL),
  format (Cf: zero-width space, BOM, bidi overrides, zero-width joiner), surrogate (Cs: not text, cannot be written
  as UTF-8) or line and paragraph separators (Zl, Zp). :class:`~infomanager_core.errors.UnprintableText` names the
  first one found.

An identifier is not trimmed or normalised (that would silently make it another id): it is checked with the same rule,
and refused if trimming or NFC would change it — ``"acme "`` and ``"acme"``, or "café" typed two ways, would otherwise
be two organisations, two accounts, two keys that print alike.

>>> printable_text("  Cafe\u0301 ", field="name")
'Café'
>>> printable_text("Sh\u200bop", field="name")
Traceback (most recent call last):
...
infomanager_core.errors.UnprintableText: name: 'Sh\u200bop' must not contain control, format or line-breaking characters (found U+200B)
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypeGuard

from .errors import InvalidInput, UnprintableText

__all__ = [
    "MAX_EMAIL_LENGTH",
    "is_email_address",
    "printable",
    "printable_text",
]

#: The longest e-mail address, in characters (RFC 5321's limit on a path).
MAX_EMAIL_LENGTH = 254
# One @; before it 1 to 64 characters (RFC 5321's local part), after it a dotted domain; no space anywhere, and none
# of RFC 5322's specials but the dot: an address a mail header writes unquoted must be one address ("a,b@c.ch" is two,
# "a<b@evil.example>@c.ch" one elsewhere), so quoted local parts, comments and address literals are refused too.
_SPECIALS = r"@\s,;:<>()\[\]\\\""
_EMAIL = re.compile(rf"[^{_SPECIALS}]{{1,64}}@[^{_SPECIALS}.]+(?:\.[^{_SPECIALS}.]+)+")

#: Characters that draw nothing but are letters or symbols, not whitespace: trimmed like spaces (Hangul fillers, the
#: blank braille pattern). Inside a name they are kept: they may sit between visible characters in Korean text.
INVISIBLE_FILLERS = "\u115f\u1160\u3164\uffa0\u2800"

#: Unicode general categories refused anywhere in stored text: control, format, surrogate, line and paragraph separator.
UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, unchanged since Unicode 6.3): code points that
#: draw nothing where they are not understood. The text rule refuses the control and format ones; the others (variation
#: selectors, the combining grapheme joiner, Hangul fillers inside a name) may stay in a name but never tell two apart
#: (``tags.name_key`` drops them), and are refused where text is kept exactly as given (an id, a PayPal address).
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
#: One default-ignorable code point, whichever its category.
DRAWS_NOTHING = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _DEFAULT_IGNORABLE) + "]")


def trimmed(text: str) -> str:
    """``text`` without the whitespace and invisible fillers around it (both, in any mix).

    >>> trimmed("\u3164 Shop \u2800\\n")
    'Shop'
    """
    previous = None
    while previous != text:
        previous, text = text, text.strip().strip(INVISIBLE_FILLERS)
    return text


def printable_text(value: object, *, field: str, error: type[UnprintableText] = UnprintableText) -> str:
    """``value`` in NFC, trimmed, once checked to be a string without unprintable characters (``error`` otherwise).

    ``error`` lets an area raise its own leaf of :class:`~infomanager_core.errors.UnprintableText` (tags raise
    ``UnprintableTagName``); the refused value is reported as given.

    >>> printable_text(" Bakery\\r\\n", field="name")
    'Bakery'
    """
    if not isinstance(value, str):
        raise InvalidInput(field, value, "must be a string")
    text = trimmed(unicodedata.normalize("NFC", value))
    _refuse_unprintable(text, value, field, error)
    return text


def printable_identifier(
    value: object,
    *,
    field: str,
    error: type[UnprintableText] = UnprintableText,
    invalid: type[InvalidInput] = InvalidInput,
) -> str:
    """``value`` unchanged, once checked to be a non-blank string without unprintable characters (``error``
    otherwise, as for :func:`printable_text`) that trimming and NFC would leave as it is and that holds no character
    drawing nothing (:data:`DRAWS_NOTHING`; ``invalid`` otherwise, as for a blank or a non-string: an area passes its
    own leaves, as pricing does for product codes).

    >>> printable_identifier("web-1", field="product")
    'web-1'
    >>> printable_identifier("carl\u200b", field="person")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.UnprintableText: person: 'carl\u200b' must not contain control, format or line-breaking characters (found U+200B)
    >>> printable_identifier("acme ", field="organisation")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: organisation: 'acme ' must not begin or end with a space (did you mean 'acme'?)
    >>> printable_identifier("car\u034fl", field="person")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: person: 'car͏l' must not contain a character that draws nothing (found U+034F) (did you mean 'carl'?)
    """
    if (  # the usual id, decided in C: is_plain_identifier written out (every posting checks two or three ids)
        type(value) is str
        and value.isprintable()
        and value.strip(_BLANKS) == value
        and value != ""
        and (value.isascii() or (unicodedata.is_normalized("NFC", value) and not DRAWS_NOTHING.search(value)))
    ):
        return value
    if not isinstance(value, str) or not (canonical := trimmed(value)):
        raise invalid(field, value, "must be a non-empty string")
    _refuse_unprintable(value, value, field, error)
    # a hint offers the spelling every rule accepts, whichever rule refused: the first fix alone may break another
    if canonical != value:
        raise invalid(field, value, "must not begin or end with a space", hint=_offer("did you mean {!r}?", value))
    if not unicodedata.is_normalized("NFC", value):
        raise invalid(
            field,
            value,
            "must be in Unicode NFC, each accented letter written one way",
            hint=_offer("write it as {!r}", value),
        )
    if (hidden := DRAWS_NOTHING.search(value)) is not None:  # "carl" + U+FE0F prints as "carl" and is another id
        raise invalid(
            field,
            value,
            f"must not contain a character that draws nothing (found U+{ord(hidden.group()):04X})",
            hint=_offer("did you mean {!r}?", value),
        )
    return value


def _offer(hint: str, value: str) -> str | None:
    """``hint`` naming the id :func:`printable_identifier` would accept for printable ``value``: without what draws
    nothing, in NFC, trimmed (as :func:`printable_text` stores a name); ``None`` when nothing would be left."""
    spelling = trimmed(unicodedata.normalize("NFC", DRAWS_NOTHING.sub("", value)))
    return hint.format(spelling) if spelling else None


def is_plain_identifier(value: object) -> TypeGuard[str]:
    """Whether ``value`` is surely an id :func:`printable_identifier` accepts, decided by C string methods alone.

    ``False`` does not mean refused: an id with a no-break space, say, is accepted after a closer look.

    >>> is_plain_identifier("web-1"), is_plain_identifier("web\u00a01"), is_plain_identifier(["web-1"])
    (True, False, False)
    """
    return (
        type(value) is str
        and value.isprintable()
        and value.strip(_BLANKS) == value  # nothing around it to trim (and so, being printable, not blank)…
        and value != ""
        # …and one way to write it, with nothing in it that draws nothing
        and (value.isascii() or (unicodedata.is_normalized("NFC", value) and not DRAWS_NOTHING.search(value)))
    )


def printable(value: object, *, field: str) -> str:
    """``value`` unchanged, once checked to be a string without unprintable characters; it may be blank.

    For free text that is kept as given (a bank's reference, a reason): nothing a log, a table or a CSV cell would
    break on, nothing UTF-8 cannot encode (a lone surrogate).

    >>> printable("", field="reason")
    ''
    >>> printable("refused\\n", field="reason")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.UnprintableText: reason: 'refused\\n' must not contain control, format or line-breaking characters (found U+000A)
    """
    if not isinstance(value, str):
        raise InvalidInput(field, value, "must be a string")
    _refuse_unprintable(value, value, field, UnprintableText)
    return value


#: What :func:`trimmed` removes from a string that :meth:`str.isprintable` accepts (no other whitespace is printable).
_BLANKS = " " + INVISIBLE_FILLERS


def _refuse_unprintable(text: str, value: str, field: str, error: type[UnprintableText]) -> None:
    if text.isprintable():  # no Other (Cc, Cf, Cs…) or Separator but the space: nothing to refuse, decided in C
        return
    for character in text:
        if unicodedata.category(character) in UNPRINTABLE_CATEGORIES:
            raise error(field, value, character)


def is_email_address(text: str) -> bool:
    """Whether ``text`` is shaped like an e-mail address: the one rule behind PayPal payouts, tender contacts and
    login e-mails (each area trims or normalises as it needs, and refuses with its own error).

    >>> is_email_address("carl@bakery.example"), is_email_address("carl@localhost"), is_email_address("a b@c.ch")
    (True, False, False)
    """
    if not isinstance(text, str):
        raise InvalidInput("text", text, "must be a string")
    return len(text) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(text) is not None


def columns(text: str) -> int:
    """How many columns ``text`` takes on a terminal, for tables: none for a format or combining mark (the bidi marks
    of an Arabic amount), two for a wide or full-width character (Japanese ``￥``), one for any other.

    >>> len("\u200f1,234.50\xa0ج.م.\u200f"), columns("\u200f1,234.50\xa0ج.م.\u200f"), columns("-￥1,234")
    (15, 13, 8)
    """
    return sum(_columns_of(character) for character in text)


def padded(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal :func:`columns`, on the left when aligned ``right``.

    >>> padded("-￥1,234", 10, right=True)
    '  -￥1,234'
    """
    fill = " " * max(width - columns(text), 0)
    return fill + text if right else text + fill


#: The categories of the characters that take no column: format (bidi marks, zero-width joiner), combining marks.
_NO_COLUMN = frozenset({"Cf", "Mn", "Me"})


def _columns_of(character: str) -> int:
    if unicodedata.category(character) in _NO_COLUMN:
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1
