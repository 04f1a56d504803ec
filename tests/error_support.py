"""Checks shared by the areas' error tests: an error keeps its data as attributes, also once pickled."""

from __future__ import annotations

import pickle
import threading
from types import ModuleType
from typing import Any, NoReturn

from infomanager_core import InvalidInput


def comparable(value: object) -> object:
    """An error compares by identity; compare what it says and keeps instead (a pickled copy is another object)."""
    if isinstance(value, BaseException):
        return type(value), str(value), {name: comparable(item) for name, item in vars(value).items()}
    return value


def assert_keeps_its_data_even_pickled(error: BaseException, data: dict[str, Any]) -> None:
    """``error`` has each attribute of ``data`` with its value, and so has its pickled copy, with the same message."""
    expected = {name: comparable(value) for name, value in data.items()}
    for copy in (error, pickle.loads(pickle.dumps(error))):
        assert type(copy) is type(error)
        assert {name: comparable(getattr(copy, name)) for name in data} == expected
        assert str(copy) == str(error) != ""
        assert copy.args == (str(error),), "the message is the error's one argument, not its constructor's arguments"
        assert str(error) not in {str(value) for value in data.values()}, "the message says more than one datum"


def errors_defined_in(module: ModuleType) -> set[type]:
    """The exception classes ``module`` defines itself (not those it imports or re-exports)."""
    return {
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == module.__name__
    }


def what_it_says(refusal: InvalidInput) -> tuple[str, object, str, str | None]:
    """A refusal's field, the value it refused, its rule and its hint: all a caller reads of it."""
    return refusal.field, refusal.value, refusal.rule, refusal.hint


def raise_it(error: BaseException) -> NoReturn:
    """Raise ``error``: what a worker process of a pool does with the error it was sent."""
    raise error


def refuse_a_lock() -> NoReturn:
    """Refuse a value that cannot be pickled, as a worker given one by mistake would."""
    raise InvalidInput("detail", threading.Lock(), "must be text")
