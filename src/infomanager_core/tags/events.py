"""Tag events: every change to tags, as frozen facts an application turns into notifications or an audit log."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

__all__ = ["TagEvent", "TagEventKind"]


class TagEventKind(enum.Enum):
    """Every kind of change to tags."""

    CREATED = "tag created"
    RENAMED = "tag renamed"
    RECOLOURED = "tag recoloured"
    ATTACHED = "tag attached"
    DETACHED = "tag detached"
    DELETED = "tag deleted"


@attrs.frozen(kw_only=True)
class TagEvent:
    """Who (a person id) did what to which tag of which organisation, when; ``product`` for (de)attachments.

    ``before`` and ``after`` are the :class:`~infomanager_core.tags.tag.Tag` values around the change (``None`` when
    it did not exist before or no longer exists after; equal for an attachment, which does not change the tag).
    """

    what: TagEventKind
    by: str
    at: datetime
    organisation: str
    tag: str
    product: str | None = None
    before: object = None
    after: object = None
