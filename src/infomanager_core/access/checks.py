"""Field validators for the attrs values of the access and tags areas, and the check of a command's moment, raising
the library's own errors.

attrs' ``instance_of`` raises a bare ``TypeError`` whose message shows attrs internals; :func:`typed` raises
:class:`~infomanager_core.errors.InvalidInput` naming the field, the value and the rule instead.

>>> import attrs
>>> @attrs.frozen
... class Label:
...     text: str = attrs.field(validator=typed("text", str, "a string"))
>>> Label(5)
Traceback (most recent call last):
...
infomanager_core.errors.InvalidInput: text: 5 must be a string
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ..errors import InvalidInput
from .errors import InvalidMoment

__all__ = ["aware_moment", "instant", "typed"]


def typed(field: str, kind: type | tuple[type, ...], description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value must be an instance of ``kind`` (described to people as ``description``)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"must be {description}")

    return check


def aware_moment(at: object, field: str = "at") -> datetime:
    """``at`` if it is a timezone-aware datetime, the moment every command of the stateful registries takes.

    >>> from datetime import UTC
    >>> aware_moment(datetime(2026, 1, 5, 10, tzinfo=UTC)).isoformat()
    '2026-01-05T10:00:00+00:00'
    >>> aware_moment(datetime(2026, 1, 5, 10))
    Traceback (most recent call last):
    ...
    infomanager_core.access.errors.InvalidMoment: at: 2026-01-05 10:00:00 must be a timezone-aware datetime (e.g. ...)
    """
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise InvalidMoment(field, at)
    return at


def instant(moment: datetime) -> datetime:
    """``moment`` with its UTC offset as a fixed zone: compared with another moment, or added to, as the instant it is.

    Python compares, subtracts and adds two datetimes of one ``tzinfo`` by their wall clocks, ignoring the offset:
    where clocks go back, 02:15 on the second pass reads as earlier than 02:45 on the first, and ten minutes after
    02:55 reads 03:05 — an hour and ten minutes later. A fixed offset has no such hour, and unlike
    ``astimezone(UTC)`` it never leaves the calendar at its ends.

    >>> from zoneinfo import ZoneInfo
    >>> zurich = ZoneInfo("Europe/Zurich")
    >>> first, second = datetime(2026, 10, 25, 2, 45, tzinfo=zurich), datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=zurich)
    >>> second < first, instant(second) < instant(first)
    (True, False)
    """
    offset = aware_moment(moment, "moment").utcoffset()
    assert offset is not None
    return moment.replace(tzinfo=timezone(offset))
