"""Errors of the tags area: one leaf per broken rule, carrying its data; the command that raised changed nothing.

Permission refusals reuse :class:`~infomanager_core.access.AccessDenied` (it carries the access decision), and a
product of another organisation reuses :class:`~infomanager_core.access.ProductOfAnotherOrganisation`.

>>> try:
...     raise DuplicateTagName("bakery", "Urgent", "tag-1")
... except InvalidInput as error:
...     print(error.field, error.existing)
name tag-1
"""

from __future__ import annotations

from ..errors import InvalidInput, UnprintableText

__all__ = [
    "DuplicateTagName",
    "EmptyTagName",
    "InvalidTagRules",
    "TagNameTooLong",
    "UnknownColour",
    "UnknownTag",
    "UnprintableTagName",
]


class EmptyTagName(InvalidInput):
    """A tag name is text with at least the minimum number of characters once trimmed."""

    def __init__(self, name: object, minimum: int) -> None:
        self.minimum = minimum
        characters = "character" if minimum == 1 else "characters"
        super().__init__("name", name, f"must have at least {minimum} {characters} once trimmed")


class UnprintableTagName(UnprintableText):
    """A tag name follows the library's text rule (:mod:`infomanager_core.text`): no control, format, surrogate or
    line-breaking character (newlines, zero-width spaces, BOM…)."""


class TagNameTooLong(InvalidInput):
    """A tag name, trimmed, may not exceed the configured length (32 characters by default)."""

    def __init__(self, name: str, maximum: int) -> None:
        self.maximum = maximum
        super().__init__("name", name, f"must have at most {maximum} characters once trimmed")


class DuplicateTagName(InvalidInput):
    """Tag names are unique within an organisation, ignoring case and Unicode variants (see ``name_key``).

    ``existing`` is the id of the tag holding the name, or ``None`` when the person refused may not see every tag of
    the organisation (a limited-access partner): the name clashes, but which tag holds it is not theirs to learn.
    """

    def __init__(self, organisation: str, name: str, existing: str | None) -> None:
        self.organisation = organisation
        self.existing = existing
        holder = "a tag" if existing is None else f"tag {existing!r}"
        super().__init__(
            "name", name, f"is already the name of {holder} of {organisation!r} (ignoring case and Unicode variants)"
        )


class UnknownColour(InvalidInput):
    """A colour is an index into the palette."""

    def __init__(self, colour: object, palette_size: int) -> None:
        self.palette_size = palette_size
        super().__init__("colour", colour, f"must be an int index into the palette, 0 to {palette_size - 1}")


class UnknownTag(InvalidInput):
    """No tag has this id (a deleted tag is gone)."""

    def __init__(self, tag: object) -> None:
        super().__init__("tag", tag, "is not a known tag")


class InvalidTagRules(InvalidInput):
    """Tag rules that cannot work (an empty palette, a maximum below the minimum…)."""
