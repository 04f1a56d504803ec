"""Requests answered under a caller's key: a retry's rule, stated once for every aggregate that takes ``key``.

A command that makes a new thing on every call (a call for tender, a proposal, an application password, an API token)
takes ``key``, the caller's id of the request, as the ledger's operations do. Its aggregate keeps, per key, an
:class:`Answered`: the request as checked, the id of what it made and the events it answered with. The same request
again under the key is answered with them; another is :class:`~infomanager_core.errors.KeyReused`. The moment is not
part of the request, and a retry reads and moves no clock (``docs/decisions.md``, "A retry is answered, never done
twice").

>>> from datetime import UTC, datetime
>>> answered = {"req-1": Answered(content=("submit", "A logo"), made="call-1", events=())}
>>> at = datetime(2026, 1, 5, tzinfo=UTC)
>>> first_answer(answered, "req-1", ("submit", "A logo"), at).made, first_answer(answered, "req-2", (), at)
('call-1', None)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .access.checks import aware_moment, looked_up
from .errors import KeyReused
from .text import printable_identifier

__all__ = ["Answered", "first_answer"]


@attrs.frozen(kw_only=True)
class Answered:
    """What a caller's key answered first: the request as checked, what it made, and its events (never a secret)."""

    content: tuple[object, ...]
    made: str
    events: tuple[Any, ...]


def first_answer(
    answered: Mapping[str, Answered],
    key: object,
    content: tuple[object, ...] | Callable[[], tuple[object, ...]],
    at: object,
) -> Answered | None:
    """What ``key`` answered first, when this request repeats it; ``None`` for a key not used yet. ``key`` must be an
    id, ``at`` an aware moment (of any date: a retry is answered whenever it comes); another request under a used key
    is :class:`~infomanager_core.errors.KeyReused`. ``content`` may be given as the function that checks and makes it,
    called only for a key already used: a request under a new key then meets its refusals in the order it would
    without a key (the content's checks read the state of things, such as whether a call exists)."""
    key = printable_identifier(key, field="key")
    aware_moment(at)
    first = looked_up(answered, key)
    if first is None:
        return None
    if callable(content):
        content = content()
    if first.content != content:
        raise KeyReused(key, first=first.made)
    return first
