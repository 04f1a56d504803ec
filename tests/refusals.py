"""Helpers shared by the refusal properties (every command given arbitrary values): done, or refused by a typed error
that names its field and rule, with the registry's state unchanged."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import strategies as st

from infomanager_core.errors import InfomanagerError, InvalidInput
from infomanager_core.text import printable_identifier


def quietly(query: Callable[[Any], object], value: object) -> object:
    """``query(value)``, or ``None`` when it is refused as bad input (a query may refuse; it may not fail otherwise)."""
    try:
        return query(value)
    except InvalidInput:
        return None


def assert_names_field_and_rule(error: Exception | None) -> None:
    """A bad-input refusal's message names its field and its rule."""
    if isinstance(error, InvalidInput):
        assert error.field in str(error)
        assert error.rule in str(error)


# Values of every kind a caller might pass by mistake: what ``st.from_type(object)`` makes, plus the shapes ids and
# collections of ids are most often confused with (a list for an id, a string for a list), text an id may not hold
# (blank, NUL, a newline, a zero-width space, a lone surrogate), and numbers, moments and bytes.
odd_values = st.one_of(
    st.from_type(object),
    st.none() | st.booleans() | st.integers() | st.floats() | st.decimals() | st.binary(max_size=4),
    st.text(max_size=6),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=3),
    st.sampled_from(("", " ", "\t", "a\x00b", "carl\n", "carl\u200b", "\ud800", "x" * 500)),
    st.lists(st.text(max_size=3), max_size=2) | st.sets(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates() | st.datetimes(),
)


def attempt(call: Callable[[], object], *registries: object) -> InfomanagerError | None:
    """``call()``: done (``None``), or refused by the library's own error — returned — that names its field and rule
    and left every one of ``registries`` as it was. Any other exception escapes, failing the test."""
    before = [state_of(registry) for registry in registries]
    refused: InfomanagerError | None = None
    try:
        call()
    except InfomanagerError as error:
        refused = error
    if refused is not None:
        assert [state_of(registry) for registry in registries] == before, refused
        assert_names_field_and_rule(refused)
    return refused


def malformed_id(value: object) -> bool:
    """Whether ``value`` is no id by the library's rule for ids (a non-blank string without unprintable characters)."""
    return quietly(lambda v: printable_identifier(v, field="id"), value) is None


def malformed_ids(value: object) -> bool:
    """Whether ``value`` is no collection of ids: a string (one id, not a collection), not iterable, or holding a
    malformed id."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return True
    return any(malformed_id(item) for item in value)


def public_methods(cls: type) -> set[str]:
    """The names of the public methods of ``cls`` (properties, which take nothing, aside)."""
    return {name for name, member in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def parameters(method: Callable[..., object]) -> set[str]:
    """The names of what ``method`` takes, ``self`` aside."""
    return set(inspect.signature(method).parameters) - {"self"}


def state_of(registry: object) -> dict[str, object]:
    """What a stateful registry (an ``attrs.define`` class) holds, copied so that a later change cannot reach the copy.

    Dictionaries and lists are copied, as deep as they nest; sets and everything else are kept as they are: frozen
    values nothing changes — but another registry it holds is only referred to, so take its state as well. Cheaper
    than ``copy.deepcopy``.
    """
    return {field.name: _copied(getattr(registry, field.name)) for field in attrs.fields(type(registry))}


def _copied(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, set):
        return set(value)
    return value
