"""Field validators for the attrs values of the access and tags areas, the check of a command's moment, and the guard
of the ids every public method of their stateful registries takes — all raising the library's own errors.

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

import functools
import inspect
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from ..errors import InvalidInput
from ..text import DRAWS_NOTHING, INVISIBLE_FILLERS, printable_identifier
from .errors import InvalidMoment

__all__ = ["aware_moment", "calendar_after", "checks_ids", "identifiers", "instant", "looked_up", "typed"]

Registry = TypeVar("Registry", bound=type)
_Value = TypeVar("_Value")

# How an id parameter is annotated: as text under postponed annotations (``from __future__ import annotations``), or
# as the type itself.
_ID: tuple[object, ...] = ("str", str)
_IDS: tuple[object, ...] = ("Iterable[str]", Iterable[str])


def typed(field: str, kind: type | tuple[type, ...], description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value must be an instance of ``kind`` (described to people as ``description``)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"must be {description}")

    return check


def looked_up(found: Mapping[str, _Value], key: object) -> _Value | None:
    """The value filed under ``key``, or ``None`` when there is none or ``key`` is no key at all (unhashable, or its
    hash or ``==`` raises).

    A look-up that refuses a missing key raises its error here, not in an ``except KeyError``: the ``KeyError`` would
    be chained to it, holding the key — a secret, where a token was given as an id.

    >>> looked_up({"call-1": "open"}, "call-1"), looked_up({"call-1": "open"}, ["call-1"])
    ('open', None)
    """
    try:
        return found.get(key)  # type: ignore[call-overload, no-any-return]
    except Exception:
        return None


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


def calendar_after(moment: datetime, period: timedelta) -> datetime:
    """The moment ``period`` later on the calendar of ``moment``'s zone: the same time of day ``period.days`` days
    later (plus its hours), read with ``moment``'s UTC offset when that time is lived twice and the offset is one of
    its two. A time that is never lived (the clocks jump over it) is read as ``zoneinfo`` reads it, with the offset
    before the jump.

    Python adds by the wall clock and gives the sum ``fold=0``, the first pass of an hour lived twice, whatever the
    pass ``moment`` was on: half an hour after 02:15 on the second pass read 02:45 on the first — half an hour
    *before* ``moment``. Keeping the offset, as ``java.time`` does, never lets a positive period end before it
    began. A sum beyond the calendar raises Python's ``OverflowError``, for the caller to word.

    >>> from zoneinfo import ZoneInfo
    >>> second_pass = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=ZoneInfo("Europe/Zurich"))
    >>> (second_pass + timedelta(minutes=30)).isoformat(), calendar_after(second_pass, timedelta(minutes=30)).isoformat()
    ('2026-10-25T02:45:00+02:00', '2026-10-25T02:45:00+01:00')
    >>> calendar_after(datetime(2026, 10, 10, 2, 15, tzinfo=ZoneInfo("Europe/Zurich")), timedelta(days=15)).isoformat()
    '2026-10-25T02:15:00+02:00'
    """
    later = moment + period
    second_pass = later.replace(fold=1)
    offset, first, second = moment.utcoffset(), later.utcoffset(), second_pass.utcoffset()
    # lived twice (where clocks jump, the second offset is the larger), and moment's offset is the second pass's
    if first is not None and second is not None and offset == second < first:
        return second_pass
    return later


def identifiers(values: object, *, field: str) -> tuple[str, ...]:
    """``values`` as a tuple, once checked to be a collection (never a string) of ids (:func:`printable_identifier`).

    A string is iterable, but as ids it would be read one character at a time, so it is refused; an iterator is read
    once, and the tuple returned is what the caller then uses.

    >>> identifiers(iter(["bakery", "cafe"]), field="organisations")
    ('bakery', 'cafe')
    >>> identifiers("cafe", field="organisations")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: organisations: 'cafe' must be a collection of ids, not a string (e.g. ['cafe'])
    """
    if isinstance(values, str | bytes):
        hint = f"e.g. [{values!r}]" if isinstance(values, str) else None
        raise InvalidInput(field, values, "must be a collection of ids, not a string", hint=hint)
    if not isinstance(values, Iterable):
        raise InvalidInput(field, values, "must be a collection of ids")
    return tuple(printable_identifier(value, field=field) for value in values)


def checks_ids(*, text: tuple[str, ...] = ()) -> Callable[[Registry], Registry]:
    """A class decorator: every public method of the class refuses a malformed id before it runs.

    A parameter annotated ``str`` is an id (a person, organisation, product, tag, partnership… and ``by``), unless it
    is named in ``text`` (free text, such as a tag's name, has rules of its own); one annotated ``Iterable[str]`` is a
    collection of ids. An id must be a non-blank string without an unprintable character
    (:func:`~infomanager_core.text.printable_identifier`): anything else — a list, ``None``, a number, a lone
    surrogate — is refused with :class:`~infomanager_core.errors.InvalidInput` naming the parameter, before any
    look-up (a dictionary look-up with an unhashable key would raise a bare ``TypeError``) and before any change. A
    collection reaches the method as the tuple :func:`identifiers` read. A well-formed but unknown id is left to the
    method (an ``Unknown…`` error, or an empty answer where its docstring says so).

    Applied to the whole class, so that a method added later is guarded too.

    >>> @checks_ids()
    ... class Directory:
    ...     def name_of(self, person: str) -> str:
    ...         return {"carl": "Carl"}.get(person, "?")
    >>> Directory().name_of("carl"), Directory().name_of("ghost")
    ('Carl', '?')
    >>> Directory().name_of(["carl"])
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: person: ['carl'] must be a non-empty string
    """

    def decorate(cls: Registry) -> Registry:
        taken: set[str] = set()
        for name, member in list(vars(cls).items()):
            if name.startswith("_"):
                continue
            if isinstance(member, staticmethod | classmethod):  # not guarded: refuse rather than skip in silence
                raise TypeError(f"checks_ids: {cls.__name__}.{name} is a static or class method; make it a method")
            if inspect.isfunction(member):
                taken.update(inspect.signature(member).parameters)
                setattr(cls, name, _guarded(member, text))
        if unknown := set(text) - taken:  # a misspelt name would leave that text checked as an id
            raise TypeError(f"checks_ids: no public method of {cls.__name__} takes {sorted(unknown)}")
        return cls

    return decorate


def _guarded(method: Callable[..., Any], text: tuple[str, ...]) -> Callable[..., Any]:
    """``method``, checking its id parameters first (the method itself when it has none).

    The guard is generated with the method's own signature, as attrs and dataclasses generate ``__init__``: a call
    costs one more plain call and, per id, the test of :func:`~infomanager_core.text.is_plain_identifier` in C — the
    access decisions call several guarded queries each, and a ``*args, **kwargs`` wrapper halved their speed.
    """
    parameters = list(inspect.signature(method).parameters.values())
    ids = [p for p in parameters if p.annotation in (*_ID, *_IDS) and p.name not in text]
    if not ids:
        return method
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY) for p in parameters):
        raise TypeError(f"checks_ids: {method.__qualname__} takes *args, **kwargs or positional-only parameters")
    if clashing := [p.name for p in parameters if p.name.startswith("_") or p.name in ("type", "str")]:
        # the generated guard calls type() and str and keeps its own names with a leading underscore
        raise TypeError(f"checks_ids: {method.__qualname__} has parameters the guard cannot name: {clashing}")
    namespace: dict[str, Any] = {
        "_method": method,
        "_blanks": " " + INVISIBLE_FILLERS,
        "_is_nfc": unicodedata.is_normalized,
        "_draws_nothing": DRAWS_NOTHING.search,
        "_checked": _checked,
    }
    signature, call, checks = [], [], []
    for parameter in parameters:
        name = parameter.name
        if parameter.kind is parameter.KEYWORD_ONLY and "*" not in signature:
            signature.append("*")
        default = ""
        if parameter.default is not parameter.empty:
            namespace[f"_default_{name}"] = parameter.default
            default = f"=_default_{name}"
        signature.append(name + default)
        call.append(f"{name}={name}" if parameter.kind is parameter.KEYWORD_ONLY else name)
        if parameter in ids:
            many = parameter.annotation in _IDS
            left = f"{name} is not _default_{name} and " if default else ""
            # not is_plain_identifier(...), written out: a call per id would cost as much as the rest of the guard
            # (tests/access/test_malformed_ids.py holds the two to the same answers)
            test = (
                "True"
                if many
                else f"type({name}) is not str or not {name}.isprintable() or {name}.strip(_blanks) != {name}"
                f" or not {name} or not ({name}.isascii() or (_is_nfc('NFC', {name}) and not _draws_nothing({name})))"
            )
            checks.append(f"    if {left}{test}:\n        {name} = _checked({name}, {name!r}, {many})\n")
    source = f"def {method.__name__}({', '.join(signature)}):\n{''.join(checks)}    return _method({', '.join(call)})\n"
    exec(source, namespace)
    guarded: Callable[..., Any] = functools.update_wrapper(namespace[method.__name__], method)
    return guarded


def _checked(value: object, field: str, many: bool) -> str | tuple[str, ...]:
    return identifiers(value, field=field) if many else printable_identifier(value, field=field)
