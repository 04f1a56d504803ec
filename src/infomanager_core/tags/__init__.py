"""Product tags: short coloured labels of an organisation, seen by whoever reaches the products (SPEC §5)."""

from .errors import (
    DuplicateTagName,
    EmptyTagName,
    InvalidTagRules,
    TagNameTooLong,
    UnknownColour,
    UnknownTag,
    UnprintableTagName,
)
from .events import TagEvent, TagEventKind
from .permissions import can_create_tags, can_manage_tags, can_tag_product
from .tag import DEFAULT_PALETTE, Tag, TagCount, TagRules, name_key, tag_colour, tag_name
from .tagging import Tagging

__all__ = [
    "DEFAULT_PALETTE",
    "DuplicateTagName",
    "EmptyTagName",
    "InvalidTagRules",
    "Tag",
    "TagCount",
    "TagEvent",
    "TagEventKind",
    "TagNameTooLong",
    "TagRules",
    "Tagging",
    "UnknownColour",
    "UnknownTag",
    "UnprintableTagName",
    "can_create_tags",
    "can_manage_tags",
    "can_tag_product",
    "name_key",
    "tag_colour",
    "tag_name",
]
