"""The library's error hierarchy.

Every error the library raises on purpose derives from :class:`InfomanagerError`, so an embedding application can
catch the whole family in one ``except``. Errors about bad input derive from :class:`InvalidInput`, which is also a
:class:`ValueError` and carries the offending ``field``, ``value`` and broken ``rule`` as attributes; its message names
all three. Each area of the library (pricing, access, ledger, tags) adds one leaf per broken rule in its own
``errors`` module. An auditor (each area's ``check_invariants``) that finds an aggregate breaking one of its laws raises
:class:`InvariantViolation`, whatever flags Python runs with.

>>> from decimal import Decimal
>>> from infomanager_core import Money
>>> try:
...     Money(0.1, "CHF")
... except InvalidInput as error:
...     print(error.field, "|", error.rule)
amount | must be a Decimal, an int or a decimal string, never a float
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

__all__ = [
    "CurrencyMismatch",
    "InfomanagerError",
    "InvalidAmount",
    "InvalidInput",
    "InvariantViolation",
    "KeyReused",
    "NotABillingCurrency",
    "NotInMinorUnits",
    "NotPlainDecimal",
    "UnknownCurrency",
    "UnprintableText",
]


class _Picklable:
    """Mixin: errors keep their message and attributes when pickled, so that they cross a process boundary (a worker
    of a pool, a job queue) unchanged. An attribute that cannot be pickled — a lock, a generator, an open store given
    by mistake — travels as the text a message shows of it (:func:`shown`), rather than the error not travelling."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), {name: _portable(value) for name, value in self.__dict__.items()}, str(self))

    def __copy__(self) -> BaseException:
        return _rebuild(type(self), dict(self.__dict__), str(self))  # type: ignore[arg-type]


def _portable(value: object) -> object:
    """``value`` if it pickles, else the text a message shows of it."""
    try:
        pickle.dumps(value)
    except Exception:  # whatever pickling raises: TypeError, PicklingError, a store's own refusal
        return shown(value)
    return value


def _rebuild(cls: type[BaseException], state: dict[str, Any], message: str) -> BaseException:
    error = cls.__new__(cls)
    BaseException.__init__(error, message)
    error.__dict__.update(state)
    return error


#: How long the text of an offending value may be in a message before only its two ends are shown.
SHOWN_LENGTH = 200


def shown(value: Any) -> str:
    """How a message shows an offending value: a date or a moment in ISO 8601 (a moment with its zone's name when it
    has one), anything else as its ``repr`` — so a string stays quoted and never reads as a date.

    >>> from datetime import UTC
    >>> from zoneinfo import ZoneInfo
    >>> shown(date(2027, 4, 30)), shown("2027-04-30"), shown(datetime(2027, 4, 20, 9, 0))
    ('2027-04-30', "'2027-04-30'", '2027-04-20 09:00:00')
    >>> shown(datetime(2027, 4, 20, 9, 0, tzinfo=UTC)), shown(datetime(2027, 4, 20, tzinfo=ZoneInfo("Europe/Paris")))
    ('2027-04-20 09:00:00+00:00', '2027-04-20 00:00:00+02:00 (Europe/Paris)')

    Values given together (a period's start and end) are shown each in its way:

    >>> print(shown((date(2026, 12, 1), date(2026, 11, 1))), shown((None, 3)), shown(("a",)))
    (2026-12-01, 2026-11-01) (None, 3) ('a',)

    A value whose text runs past :data:`SHOWN_LENGTH` characters (a whole ledger or programme given by mistake, a
    pasted file, many values together) is shown by its beginning and its end, so that a message stays a line; the
    error keeps the value, and the count is the text's own length (any other value's, the length of what shows it). A
    ``repr`` that breaks the line (a foreign object's) has its unprintable characters escaped.

    >>> shown("x" * 500)  # doctest: +ELLIPSIS
    "'xxxxxxxx...xxxxx' (500 characters)"
    """
    if type(value) is tuple:
        text = "(" + ", ".join(map(shown, value)) + ("," if len(value) == 1 else "") + ")"
    elif isinstance(value, datetime):
        zone = getattr(value.tzinfo, "key", None)
        text = value.isoformat(sep=" ")
        text = f"{text} ({zone})" if isinstance(zone, str) else text
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = repr(value)
    if not text.isprintable():
        text = "".join(character if character.isprintable() else ascii(character)[1:-1] for character in text)
    if len(text) <= SHOWN_LENGTH:
        return text
    length = len(value) if isinstance(value, str) else len(text)  # a text's own length, not its quoted repr's
    return f"{text[: SHOWN_LENGTH - 40]}…{text[-20:]} ({length} characters)"


def hidden(secret: object) -> str:
    """What an error shows in place of a secret — a password, a code, a token, a stored hash or its salt or digest —
    and keeps as its ``value``: how long it was, never what it was.

    >>> hidden("hunter2"), hidden(b"\\x00" * 31), hidden(None)
    ('<hidden, 7 characters>', '<hidden, 31 bytes>', '<hidden, ? characters>')
    """
    if isinstance(secret, bytes | bytearray):
        return f"<hidden, {len(secret)} bytes>"
    size = len(secret) if isinstance(secret, str) else "?"
    return f"<hidden, {size} characters>"


def id_or_hidden(value: object) -> object:
    """An id as an error about it shows it: as given, or :func:`hidden` when it holds a dot — a secret that reads
    ``<id>.<random>`` (an API token, an application password, a cancellation token) given in place of its id.

    >>> id_or_hidden("api-token-1"), id_or_hidden("api-token-1.Zm9vYmFy")
    ('api-token-1', '<hidden, 20 characters>')
    """
    return hidden(value) if isinstance(value, str) and "." in value else value


class InfomanagerError(_Picklable, Exception):
    """Base class of every error raised on purpose by infomanager_core."""


class InvalidInput(InfomanagerError, ValueError):
    """Input that breaks a rule; nothing was changed.

    The message reads ``<field>: <value> <rule>`` with an optional hint of what to pass instead; the value as
    :func:`shown` writes it.

    A secret is never the value: where the field holds a password, a code, a token or a stored hash, the value is
    :func:`hidden`'s placeholder, which says how long it was (``password: '<hidden, 7 characters>' must have at least
    12 characters``), so that neither the message, ``args``, the attributes nor the pickled error carries it. A value
    that is not of the field's type where a secret may have been given by mistake (a password in place of its hash)
    is named by its type. Personal data (an e-mail address, a phone number) is shown as given: a person reading the
    message needs it.
    """

    def __init__(self, field: str, value: Any, rule: str, *, hint: str | None = None) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        self.hint = hint
        message = f"{field}: {shown(value)} {rule}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class InvariantViolation(InfomanagerError):
    """An auditor (an area's ``check_invariants``) found an aggregate that breaks one of its laws: a bug in the library
    or damage done behind its back, never bad input.

    ``law`` states the broken law in words and ``detail`` names the culprit (an id, a pair, the values that disagree),
    never a secret. It is raised by a plain check, not an ``assert``, so ``python -O`` does not switch the audit off.

    >>> error = InvariantViolation("every organisation has a legal representative", "bakery")
    >>> error.law, error.detail
    ('every organisation has a legal representative', 'bakery')
    >>> print(error)
    invariant broken: every organisation has a legal representative: 'bakery'
    """

    def __init__(self, law: str, detail: Any) -> None:
        self.law = law
        self.detail = detail
        super().__init__(self._message(law, detail))

    @staticmethod
    def _message(law: str, detail: Any) -> str:
        return f"invariant broken: {law}: {shown(detail)}"


def disagreeing(facts: Mapping[Any, Any], index: Mapping[Any, Any]) -> list[Any]:
    """The keys on which an index disagrees with what the facts say, sorted: an auditor's detail when a law "the index
    holds exactly …" is broken.

    >>> disagreeing({"carl": "bakery", "cleo": "bakery"}, {"carl": "bakery", "cleo": "cafe", "fred": "agency"})
    ['cleo', 'fred']
    """
    missing = object()
    return sorted(key for key in facts.keys() | index.keys() if facts.get(key, missing) != index.get(key, missing))


class KeyReused(InvalidInput):
    """A caller's key, the id of a request a retry repeats, already answered a request with other content: a key
    names one request, for good (the ledger's rule, SPEC §4.2). ``first`` names what the key made (``'call-2'``).

    >>> raise KeyReused("req-7", first="call-2")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.KeyReused: key: 'req-7' already answered another request (it made call-2); a retry repeats its request exactly
    """

    def __init__(self, key: str, *, first: str) -> None:
        self.first = first
        super().__init__(
            "key", key, f"already answered another request (it made {first}); a retry repeats its request exactly"
        )


class InvalidAmount(InvalidInput):
    """An amount, rate or quantity that is not an exact, finite decimal (floats are always refused)."""


class NotPlainDecimal(InvalidAmount):
    """A string amount or rate that is not plain ASCII decimal notation (``"1234.50"``): surrounding spaces,
    underscores, an exponent or another script's digits are refused, not guessed at (see
    :data:`~infomanager_core.money.rounding.DECIMAL_TEXT`)."""


class UnknownCurrency(InvalidInput):
    """A currency code that is not an ISO 4217 code known to CLDR."""


class NotABillingCurrency(UnknownCurrency):
    """An ISO 4217 code that CLDR knows but that is no money anyone is billed in: an X-code that no territory uses as
    legal tender — a precious metal (``XAU``), a unit of account (``XDR``), testing (``XTS``), "no currency" (``XXX``).

    ``code`` is the refused code and ``name`` what ISO 4217 reserves it for (CLDR's English name).
    """

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        super().__init__(
            "currency",
            code,
            f"is not a billing currency (ISO 4217 code of {name!r}: an X-code no territory uses as legal tender)",
            hint="bill in a currency such as 'CHF' or 'EUR'",
        )


class CurrencyMismatch(InvalidInput):
    """Two amounts in different currencies were combined or compared; there is no implicit conversion."""


class NotInMinorUnits(InvalidInput):
    """An amount has more decimal places than its currency's minor unit where whole minor units are required."""


class UnprintableText(InvalidInput):
    """Text with a character that is invisible or breaks the line (see :mod:`infomanager_core.text`).

    ``character`` is the first such character, as ``U+XXXX``; ``value`` is the text as it was given.
    """

    def __init__(self, field: str, value: str, character: str) -> None:
        self.character = f"U+{ord(character):04X}"
        super().__init__(
            field, value, f"must not contain control, format or line-breaking characters (found {self.character})"
        )
