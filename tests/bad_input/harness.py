"""The machinery of the bad-input sweep: a pool of spoilers, the entry points they are fed to, and the laws checked.

An :class:`EntryPoint` is one public callable with valid arguments (taken from the docs' examples) and, for a method
of a stateful object, a fresh subject and a snapshot of what its public readers return. :func:`spoil` calls it with
one argument replaced by a spoiler and checks SPEC §9:

(a) only the library's own errors escape (never ``TypeError``, ``KeyError``, ``decimal.InvalidOperation``…);
(b) an ``InvalidInput`` names the spoiled parameter (or its documented field) in ``field`` and in its message;
(c) a refused call leaves the subject's snapshot as it was;
(d) a spoiler that is accepted is one the entry point documents as acceptable (``EntryPoint.accepts``).
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs

from infomanager_core import Money
from infomanager_core.errors import InfomanagerError, InvalidInput
from tests.strategies import NoOffset


class Spoiled(Exception):
    """Raised by :class:`Touchy` when the library compares or hashes it: it must be refused before."""


class Touchy:
    """An object whose ``__eq__`` and ``__hash__`` raise: a value must be type-checked before it is compared."""

    def __eq__(self, other: object) -> bool:
        raise Spoiled("compared")

    def __hash__(self) -> int:
        raise Spoiled("hashed")

    def __repr__(self) -> str:
        return "Touchy()"


class Text(str):
    """A ``str`` subclass (what an ORM or a template engine may hand over)."""

    __slots__ = ()


class Number(int):
    """An ``int`` subclass that is not ``bool``."""


class Other(enum.Enum):
    """A value of an enum the library does not know."""

    USER = "user"
    MONTH = "month"


LONG = "x" * 100_000


def _naive(valid: object) -> object:
    if isinstance(valid, datetime):
        return valid.replace(tzinfo=None)
    return datetime(2026, 1, 5, 9, 0)


def _offsetless(valid: object) -> object:
    """A datetime whose zone knows no offset: naive, as Python defines it, though its ``tzinfo`` is set."""
    if isinstance(valid, datetime):
        return valid.replace(tzinfo=NoOffset())
    return datetime(2026, 1, 5, 9, 0, tzinfo=NoOffset())


def _elsewhere(valid: object) -> object:
    """The same instant seen in another zone (a moment where a moment is wanted: accepted as the same instant)."""
    if isinstance(valid, datetime) and valid.tzinfo is not None:
        return valid.astimezone(timezone(timedelta(hours=-5)))
    return datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


def _as_date(valid: object) -> object:
    """A day where a moment is wanted (where a day is wanted, a moment: the spoiler is the other type)."""
    if isinstance(valid, datetime):
        return valid.date()
    if isinstance(valid, date):
        return datetime(valid.year, valid.month, valid.day, tzinfo=UTC)
    return date(2026, 1, 5)


def _as_moment(valid: object) -> object:
    """A moment where a day is wanted (where a moment is wanted, a day: the spoiler is the other type)."""
    if isinstance(valid, datetime):
        return valid.date()
    if isinstance(valid, date):
        return datetime(valid.year, valid.month, valid.day, tzinfo=UTC)
    return datetime(2026, 1, 5, tzinfo=UTC)


def _subclassed(valid: object) -> object:
    if type(valid) is str:
        return Text(valid)
    if type(valid) is int:
        return Number(valid)
    return Text("x")


def _generator(valid: object) -> Iterator[object]:
    if isinstance(valid, list | tuple | set | frozenset):
        return (item for item in valid)
    return (item for item in [valid])


def _money(change: Callable[[Money], Money]) -> Callable[[object], object]:
    """``valid`` changed by ``change`` if it is money; otherwise that change of 1 CHF (money where none is wanted)."""
    return lambda valid: change(valid if isinstance(valid, Money) else Money("1", "CHF"))


def _far(valid: object) -> object:
    """The last day Python knows, as the type of ``valid`` (a day, or a moment in UTC)."""
    if isinstance(valid, datetime):
        return datetime.max.replace(tzinfo=UTC)
    return date.max


def _ancient(valid: object) -> object:
    """The first day Python knows, as the type of ``valid``; before any registry's latest command."""
    if isinstance(valid, datetime):
        return datetime.min.replace(tzinfo=UTC)
    return date.min


def _spoiled_tail(bad: object) -> Callable[[object], object]:
    """A collection whose last item is ``bad``, after the valid ones (a scalar: the valid value, then ``bad``)."""

    def spoiled(valid: object) -> object:
        items = list(valid) if isinstance(valid, list | tuple | set | frozenset) else [valid]
        return [*items, bad]

    return spoiled


#: name → how to spoil a valid value (most ignore it).
SPOILERS: dict[str, Callable[[object], object]] = {
    "None": lambda _: None,
    "True": lambda _: True,
    "False": lambda _: False,
    "float 0.1": lambda _: 0.1,
    "float nan": lambda _: float("nan"),
    "float inf": lambda _: float("inf"),
    "Decimal NaN": lambda _: Decimal("NaN"),
    "Decimal sNaN": lambda _: Decimal("sNaN"),
    "Decimal Infinity": lambda _: Decimal("Infinity"),
    "Decimal -0": lambda _: Decimal("-0"),
    "Decimal 1E+999999": lambda _: Decimal("1E+999999"),
    "Decimal 1E-999999": lambda _: Decimal("1E-999999"),
    "huge int": lambda _: 10**400,
    "negative int": lambda _: -1,
    "zero": lambda _: 0,
    "empty text": lambda _: "",
    "blank text": lambda _: " ",
    "text with a newline": lambda _: "web\n1",
    "text with NUL": lambda _: "web\x001",
    "lone surrogate": lambda _: "\ud800",
    "very long text": lambda _: LONG,
    "subclass": _subclassed,
    "naive datetime": _naive,
    "datetime in a zone without an offset": _offsetless,
    "datetime for a date": _as_moment,
    "date for a datetime": _as_date,
    "datetime elsewhere": _elsewhere,
    "empty list": lambda _: [],
    "list": lambda valid: [valid],
    "tuple": lambda valid: (valid,),
    "set": lambda _: {"web-1"},
    "dict": lambda _: {"web-1": 1},
    "generator": _generator,
    "other enum": lambda _: Other.USER,
    "touchy object": lambda _: Touchy(),
    "text with a zero-width space": lambda _: "web\u200b1",
    "decomposed text": lambda _: "cafe\u0301",
    "text with spaces around": lambda _: " web-1 ",
    "negative money": _money(lambda money: -money if money.amount else Money("-1", money.currency)),
    "money in another currency": _money(lambda money: Money(money.amount, "EUR" if money.currency != "EUR" else "CHF")),
    "money below its minor unit": _money(lambda money: Money("0.001", money.currency)),
    "the last day": _far,
    "the first day": _ancient,
    "valid items then None": _spoiled_tail(None),
    "valid items then a touchy object": _spoiled_tail(Touchy()),
    "bytes": lambda _: b"web-1",
    "object": lambda _: object(),
}


@attrs.frozen
class EntryPoint:
    """One public callable and how to call it well.

    ``call(subject, **arguments)`` is made with ``subject = make()`` (``None`` for a plain function or constructor);
    ``snapshot(subject)`` is what the subject's public readers return. ``fields`` maps a parameter to the field name
    its errors carry when the docs name it otherwise; ``accepts`` maps a parameter to the spoilers it documents as
    acceptable, with the reason.
    """

    name: str
    call: Callable[..., object]
    arguments: Mapping[str, Callable[[], object]]
    make: Callable[[], object] = lambda: None
    snapshot: Callable[[Any], object] = lambda _subject: None
    fields: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    accepts: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    #: parameters left valid on purpose (a default that is a policy, not input), with the reason
    unspoiled: frozenset[str] = frozenset()

    def parameters(self) -> tuple[str, ...]:
        return tuple(self.arguments)


def spoiled_call(entry: EntryPoint, parameter: str, spoiler: str) -> tuple[object, Callable[[], object]]:
    """The subject and a call of ``entry`` with ``parameter`` replaced by ``spoiler`` (the others valid)."""
    subject = entry.make()
    arguments = {name: value() for name, value in entry.arguments.items()}
    arguments[parameter] = SPOILERS[spoiler](arguments[parameter])
    if subject is None:
        return subject, lambda: entry.call(**arguments)
    return subject, lambda: entry.call(subject, **arguments)


def spoil(entry: EntryPoint, parameter: str, spoiler: str) -> InfomanagerError | None:
    """Call ``entry`` with ``parameter`` spoiled and check the laws; the refusal, or ``None`` once accepted."""
    subject, call = spoiled_call(entry, parameter, spoiler)
    valid = entry.arguments[parameter]()
    before = entry.snapshot(subject)
    refused: InfomanagerError | None = None
    try:
        call()
    except InfomanagerError as error:
        refused = error
    except Exception as escaped:
        raise AssertionError(f"{entry.name}({parameter}={spoiler}) let {type(escaped).__name__} escape") from escaped
    if refused is not None:
        assert entry.snapshot(subject) == before, f"{entry.name}({parameter}={spoiler}) changed state: {refused}"
        if isinstance(refused, InvalidInput):
            names = entry.fields.get(parameter, (parameter,))
            named = refused.field in names or refused.field.startswith(tuple(f"{name}[" for name in names))
            assert named, f"{entry.name}({parameter}={spoiler}): field {refused.field!r}: {refused}"
            assert refused.field in str(refused), f"{entry.name}({parameter}={spoiler}): {refused}"
            # and the rule that was broken, in words: a message that names only the field leaves the caller guessing
            assert refused.rule.strip(), f"{entry.name}({parameter}={spoiler}): no rule: {refused}"
            assert refused.rule in str(refused), f"{entry.name}({parameter}={spoiler}): {refused}"
        return refused
    accepted = {**acceptable(entry, parameter, valid), **entry.accepts.get(parameter, {})}
    assert spoiler in accepted, f"{entry.name}({parameter}={spoiler}) was accepted"
    return None


#: How a name or a text may arrive and still be one: trimmed and put in NFC on the way in.
NAME_FORMS = dict.fromkeys(("decomposed text", "text with spaces around"), "a name or text is trimmed, in NFC")

#: Parameters that take a name or a free text, trimmed and put in NFC (text.py), never an id.
TEXT_PARAMETERS = frozenset(
    {"name", "first_name", "last_name", "label", "title", "description", "text", "reason", "reference"}
)


def acceptable(entry: EntryPoint, parameter: str, valid: object) -> dict[str, str]:
    """The spoilers any entry point may accept, by what its valid argument is, with the documented reason."""
    reasons = {
        "datetime elsewhere": "a moment in another zone is the same instant (docs/decisions.md, Moments and clocks)",
        "subclass": "a str or int subclass is a str or an int (docs/decisions.md, Errors and bad input)",
    }
    if isinstance(valid, bool):
        reasons |= {"True": "a flag", "False": "a flag"}
    if isinstance(valid, date):
        reasons |= dict.fromkeys(("the last day", "the first day"), "any day the calendar holds (none is out of order)")
    if parameter in TEXT_PARAMETERS:
        reasons |= NAME_FORMS
    if isinstance(valid, str):
        reasons["very long text"] = "no length is documented for this text"
    if isinstance(valid, list | tuple | set | frozenset):
        reasons |= dict.fromkeys(("tuple", "set", "generator", "dict"), "any iterable: a dict gives its keys")
    try:
        default = inspect.signature(entry.call).parameters[parameter].default
    except (KeyError, TypeError, ValueError):
        default = inspect.Parameter.empty
    if default is None:
        reasons["None"] = "the parameter is optional (its default is None)"
    return reasons
