"""Tags: short coloured labels an organisation puts on its products (SPEC §5).

Invariants of a :class:`Tag`: it belongs to one organisation; its ``name`` is trimmed and between
``TagRules.min_length`` and ``TagRules.max_length`` characters (1–32 by default); its ``colour`` is an index into
``TagRules.palette``. Names are unique within an organisation ignoring case (:func:`name_key` is the comparison key);
the :class:`~infomanager_core.tags.tagging.Tagging` enforces that.

>>> rules = TagRules()
>>> tag_name("  Urgent  ", rules), name_key("Urgent") == name_key("URGENT")
('Urgent', True)
>>> rules.palette[tag_colour(2, rules)]
'#f5a623'
>>> tag_name(" ", rules)
Traceback (most recent call last):
...
infomanager_core.tags.errors.EmptyTagName: name: ' ' must have at least 1 character(s) once trimmed
"""

from __future__ import annotations

import unicodedata

import attrs

from ..errors import InvalidInput
from .errors import EmptyTagName, InvalidTagRules, TagNameTooLong, UnknownColour, UnprintableTagName

__all__ = ["DEFAULT_PALETTE", "Tag", "TagCount", "TagRules", "name_key", "tag_colour", "tag_name"]

#: The default palette: a colour is an index into it (0 is the first).
DEFAULT_PALETTE: tuple[str, ...] = (
    "#9e9e9e",
    "#e0245e",
    "#f5a623",
    "#f8e71c",
    "#7ed321",
    "#00a99d",
    "#4a90e2",
    "#0052cc",
    "#9013fe",
    "#8b572a",
)


def _check_rules(rules: TagRules, _attribute: object, _value: object) -> None:
    if isinstance(rules.min_length, bool) or not isinstance(rules.min_length, int) or rules.min_length < 1:
        raise InvalidTagRules("min_length", rules.min_length, "must be an int of at least 1")
    if isinstance(rules.max_length, bool) or not isinstance(rules.max_length, int):
        raise InvalidTagRules("max_length", rules.max_length, "must be an int")
    if rules.max_length < rules.min_length:
        raise InvalidTagRules("max_length", rules.max_length, f"must be at least min_length ({rules.min_length})")
    if not isinstance(rules.palette, tuple) or not rules.palette or not all(isinstance(c, str) for c in rules.palette):
        raise InvalidTagRules("palette", rules.palette, "must be a non-empty tuple of colour strings")


@attrs.frozen(kw_only=True)
class TagRules:
    """The configurable rules of tags: name length (1–32 by default) and the palette colours index."""

    min_length: int = 1
    max_length: int = attrs.field(default=32)
    palette: tuple[str, ...] = attrs.field(default=DEFAULT_PALETTE, validator=_check_rules)


@attrs.frozen(kw_only=True)
class Tag:
    """A tag of ``organisation``: a trimmed ``name`` and a ``colour`` index into the palette."""

    id: str
    organisation: str
    name: str
    colour: int


@attrs.frozen
class TagCount:
    """A tag and the number of products carrying it, as an organisation's tag list shows it."""

    tag: Tag
    products: int


def name_key(name: str) -> str:
    """The key under which names are compared: case-folded, so ``Web`` and ``WEB`` (and ``Straße``/``STRASSE``) clash.

    >>> name_key("Straße") == name_key("STRASSE")
    True
    """
    return name.casefold()


#: Characters that draw nothing but are letters or symbols, not whitespace: trimmed like spaces (Hangul fillers, the
#: blank braille pattern). Format characters (Cf: zero-width space, BOM…) are refused outright instead.
_INVISIBLE_FILLERS = "\u115f\u1160\u3164\uffa0\u2800"


def tag_name(name: object, rules: TagRules) -> str:
    """``name`` trimmed of whitespace and invisible fillers, then checked to be printable and against the length rules.

    Whitespace around the name (a pasted trailing newline) is trimmed; a control or format character left inside it
    is refused.

    >>> tag_name("\u3164 Shop ", TagRules())
    'Shop'
    >>> tag_name("Sh\u200bop", TagRules())
    Traceback (most recent call last):
    ...
    infomanager_core.tags.errors.UnprintableTagName: name: 'Sh\u200bop' must not contain control or format characters (found U+200B)
    """
    if not isinstance(name, str):
        raise InvalidInput("name", name, "must be a string")
    trimmed = _trim(name)
    for character in trimmed:
        if unicodedata.category(character) in ("Cc", "Cf"):
            raise UnprintableTagName(name, character)
    if len(trimmed) < rules.min_length:
        raise EmptyTagName(name, rules.min_length)
    if len(trimmed) > rules.max_length:
        raise TagNameTooLong(trimmed, rules.max_length)
    return trimmed


def _trim(name: str) -> str:
    previous = None
    while previous != name:
        previous, name = name, name.strip().strip(_INVISIBLE_FILLERS)
    return name


def tag_colour(colour: object, rules: TagRules) -> int:
    """``colour`` once checked to be an index into the palette."""
    if isinstance(colour, bool) or not isinstance(colour, int) or not 0 <= colour < len(rules.palette):
        raise UnknownColour(colour, len(rules.palette))
    return colour
