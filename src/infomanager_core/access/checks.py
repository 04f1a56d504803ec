"""Field validators for the attrs values of the access and tags areas, raising the library's own errors.

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
from typing import Any

from ..errors import InvalidInput

__all__ = ["typed"]


def typed(field: str, kind: type | tuple[type, ...], description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value must be an instance of ``kind`` (described to people as ``description``)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"must be {description}")

    return check
