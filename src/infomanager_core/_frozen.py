"""A read-only mapping for values: members, facts, prices, products, tiers and totals that nobody may change.

A :class:`FrozenMapping` keeps a private copy of what it was given and refuses every change; it compares equal to any
mapping with the same items, hashes by its items, and copies, deep-copies and pickles as a value. Handing one out can
never let a caller change the programme behind its back. It is a ``dict`` underneath, with every mutating method
refused, so that building one — an access decision builds one each time — costs what copying a small dict costs.

>>> roles = FrozenMapping({"alice": "legal representative"})
>>> roles["alice"], roles == {"alice": "legal representative"}
('legal representative', True)
>>> roles["bob"] = "user"
Traceback (most recent call last):
...
TypeError: 'FrozenMapping' object does not support item assignment
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenMapping"]

K = TypeVar("K")
V = TypeVar("V")


def _refuse(self: object, *_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError(f"{type(self).__name__!r} object does not support item assignment")


class FrozenMapping(dict[K, V]):
    """An immutable mapping: a private copy of its items; reading works as on a dict, changing raises ``TypeError``."""

    __slots__ = ()

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"FrozenMapping({dict(self)!r})"

    def __copy__(self) -> FrozenMapping[K, V]:
        return self

    def __deepcopy__(self, _memo: dict[int, Any]) -> FrozenMapping[K, V]:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenMapping, (dict(self),)
