"""Tags: short coloured labels an organisation puts on its products (SPEC §5).

Invariants of a :class:`Tag`: it belongs to one organisation; its ``name`` is stored as typed, only trimmed and put in
NFC, and is between ``TagRules.min_length`` and ``TagRules.max_length`` characters (1–32 by default); its ``colour`` is
an index into ``TagRules.palette``. Names are unique within an organisation ignoring case and Unicode compatibility
forms (:func:`name_key` is the comparison key); the :class:`~infomanager_core.tags.tagging.Tagging` enforces that.

>>> rules = TagRules()
>>> tag_name("  Urgent  ", rules), name_key("Urgent") == name_key("URGENT")
('Urgent', True)
>>> rules.palette[tag_colour(2, rules)]
'#f5a623'
>>> tag_name(" ", rules)
Traceback (most recent call last):
...
infomanager_core.tags.errors.EmptyTagName: name: ' ' must have at least 1 character once trimmed
"""

from __future__ import annotations

import unicodedata

import attrs

from ..errors import InvalidInput
from ..text import DRAWS_NOTHING, printable_text
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
    """The configurable rules of tags: name length (1–32 by default) and the palette colours index.

    >>> rules = TagRules(max_length=40)
    >>> tag_name("  Shop in two languages, FR and DE ", rules), len(rules.palette)
    ('Shop in two languages, FR and DE', 10)
    """

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
    """The key under which names are compared: Unicode's *compatibility caseless match* (NFKC and case-folding) of the
    name without what draws nothing, runs of spaces read as one.

    Case-folding makes ``Web`` and ``WEB`` (and ``Straße``/``STRASSE``) clash; NFKC makes one name typed two ways
    clash too — a combining accent or a precomposed letter, full-width letters from an East Asian keyboard, a
    ligature pasted from a PDF. The order of the steps is the Unicode standard's (D146, chapter 3.13), so that
    case-folding and normalising cannot undo each other. Before them, the default-ignorable code points are dropped
    (a variation selector, a combining grapheme joiner: Unicode's NFKC_Casefold drops them too), and after them any
    run of whitespace reads as one space, as a web page shows it.

    >>> name_key("Straße") == name_key("STRASSE"), name_key("Cafe\u0301") == name_key("CAFÉ")
    (True, True)
    >>> name_key("ＷＥＢ"), name_key("\ufb01les"), name_key("Web  shop\ufe0f")
    ('web', 'files', 'web shop')
    """
    if not isinstance(name, str):
        raise InvalidInput("name", name, "must be a string")
    if name.isascii():  # the usual name: no normal form changes ASCII, nothing in it is ignorable, casefold is lower
        return " ".join(name.lower().split())
    folded = unicodedata.normalize("NFD", DRAWS_NOTHING.sub("", name)).casefold()
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKD", folded).casefold()).split())


def tag_name(name: object, rules: TagRules) -> str:
    """``name`` by the library's text rule (:func:`~infomanager_core.text.printable_text`: NFC, trimmed of whitespace
    and invisible fillers, no control or format character), then checked against the length rules.

    Whitespace around the name (a pasted trailing newline) is trimmed; a control or format character left inside it
    is refused. The length is counted on the stored (NFC) form, so "Café" is 4 characters however it was typed.

    >>> tag_name("\u3164 Shop ", TagRules())
    'Shop'
    >>> tag_name("Sh\u200bop", TagRules())
    Traceback (most recent call last):
    ...
    infomanager_core.tags.errors.UnprintableTagName: name: 'Sh\u200bop' must not contain control, format or line-breaking characters (found U+200B)
    """
    _given_rules(rules)
    trimmed = printable_text(name, field="name", error=UnprintableTagName)
    if len(trimmed) < rules.min_length or not name_key(trimmed):  # a name of variation selectors shows nothing
        raise EmptyTagName(name, rules.min_length)
    if len(trimmed) > rules.max_length:
        raise TagNameTooLong(trimmed, rules.max_length)
    return trimmed


def tag_colour(colour: object, rules: TagRules) -> int:
    """``colour`` once checked to be an index into the palette.

    >>> tag_colour(2, TagRules())
    2
    >>> tag_colour(2, TagRules(palette=("#000000",)))
    Traceback (most recent call last):
    ...
    infomanager_core.tags.errors.UnknownColour: colour: 2 must be an int index into the palette, 0 to 0
    """
    _given_rules(rules)
    if isinstance(colour, bool) or not isinstance(colour, int) or not 0 <= colour < len(rules.palette):
        raise UnknownColour(colour, len(rules.palette))
    return colour


def _given_rules(rules: object) -> None:
    """Refuse rules that are no :class:`TagRules` by name, before reading a limit from them."""
    if not isinstance(rules, TagRules):
        raise InvalidTagRules("rules", rules, "must be a TagRules")
