"""A read-only mapping for the values of the access area (an organisation's members, a decision's facts).

A :class:`FrozenMapping` keeps a private copy of what it was given, offers only reading, compares equal to any mapping
with the same items, hashes by its items, and copies, deep-copies and pickles as a value. Handing one out can never
let a caller change the programme behind its back.

>>> roles = FrozenMapping({"alice": "legal representative"})
>>> roles["alice"], roles == {"alice": "legal representative"}
('legal representative', True)
>>> roles["bob"] = "user"
Traceback (most recent call last):
...
TypeError: 'FrozenMapping' object does not support item assignment
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["FrozenMapping"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMapping(Mapping[K, V]):
    """An immutable mapping: a private copy of its items, read-only, equal to any mapping with the same items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._items: dict[K, V] = dict(items) if items is not None else {}

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMapping):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"FrozenMapping({self._items!r})"

    def __copy__(self) -> FrozenMapping[K, V]:
        return self

    def __deepcopy__(self, _memo: dict[int, Any]) -> FrozenMapping[K, V]:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenMapping, (self._items,)
