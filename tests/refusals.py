"""Helpers shared by the refusal properties (every command given arbitrary values): done, or refused by a typed error
that names its field and rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from infomanager_core.errors import InvalidInput


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
