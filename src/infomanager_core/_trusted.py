"""Trusted constructors: build a frozen, slotted attrs value from parts the library has already validated.

The public constructor of a value checks and converts its input, as it must for callers. On hot paths (a quote
builds a line and its steps from amounts it just computed) that work is redone for nothing; a trusted constructor
sets the slots directly, skipping the converters and validators. It is private to the library and used only where
every part was computed or checked by the library itself, so the value is exactly what the public constructor
would have built.

>>> import attrs
>>> @attrs.frozen(slots=True)
... class Pair:
...     left: int
...     right: int
>>> make_pair = trusted_constructor(Pair)
>>> make_pair(1, 2) == Pair(1, 2)
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

__all__ = ["trusted_constructor"]

_V = TypeVar("_V")


def trusted_constructor(cls: type[_V]) -> Callable[..., _V]:
    """A positional constructor for ``cls`` (fields in declaration order) that sets its slots without checks."""
    names = [field.name for field in attrs.fields(cast(Any, cls))]
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def build({', '.join(names)}):", "    value = _new(_cls)"]
    for name in names:
        namespace[f"_set_{name}"] = cls.__dict__[name].__set__  # the slot descriptor
        lines.append(f"    _set_{name}(value, {name})")
    lines.append("    return value")
    exec("\n".join(lines), namespace)  # unrolled like attrs' own generated __init__, minus the checks
    build: Callable[..., _V] = namespace["build"]
    build.__qualname__ = build.__name__ = f"trusted_{cls.__name__}"
    return build
