"""Every error the library exports crosses a process boundary unchanged: a worker of a process pool or a job queue
raises it, and its caller catches the same class with the same message, ``args`` and attributes.

One instance of each of the 177 exported error classes — the areas' own samples (their ``test_errors`` modules), and
for the others one made from the constructor's parameters — is pickled with every protocol, copied and deep-copied;
each is raised in a real ``ProcessPoolExecutor`` worker started fresh (``spawn``), as a job queue's would be. An error
about bad input keeps any value given, so the value is drawn from plain data of every kind; one that cannot be pickled
(a lock, a generator, an open SQLite store given by mistake) travels as the text its message shows.
"""

from __future__ import annotations

import copy
import inspect
import multiprocessing
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.access.decisions import Decision, Reason
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.errors import shown
from infomanager_core.ledger import Ledger
from tests import error_support
from tests.access import test_errors as access
from tests.ledger import test_errors as ledger
from tests.notifications import test_errors as notifications
from tests.pricing import test_errors as pricing
from tests.security import test_errors as security
from tests.tenders import test_errors as tenders
from tests.values_in_transit import ERRORS

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NO = Decision(allowed=False, reason=Reason("not-a-manager", "only managers export"), facts={"person": "uma"})

#: An argument for each constructor parameter of the errors the areas give no sample of, by the parameter's name.
ARGUMENTS: dict[str, Any] = {
    "field": "amount", "value": Decimal("-1.50"), "rule": "must not be negative", "hint": "e.g. '1.50'",
    "character": "\u200b", "path": "ledger.sqlite", "detail": "sequence 7", "timeout": 60.0, "version": 9,
    "law": "every transaction balances", "code": "XAU", "name": "Gold", "product": "web-7", "client": "bakery",
    "owner": "cafe", "order": "ORD-3", "decision": NO, "organisation": "bakery", "existing": "tag-1", "minimum": 1,
    "maximum": 64, "colour": 9, "palette_size": 8, "tag": "tag-9", "position": 3, "event": "not an event",
    "args": "refused", "what": "cashback", "sequence": 3, "reversal": 5, "key": "req-7", "first": "call-2",
}  # fmt: skip


def _parameters(cls: type[BaseException]) -> list[str]:
    return [parameter.name for parameter in list(inspect.signature(cls.__init__).parameters.values())[1:]]


def _made(cls: type[BaseException]) -> BaseException:
    """An instance of ``cls`` from :data:`ARGUMENTS`, as its constructor names its parameters."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    positional = [ARGUMENTS[p.name] for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
    keywords = {p.name: ARGUMENTS[p.name] for p in parameters if p.kind is p.KEYWORD_ONLY and p.default is p.empty}
    return cls(*positional, **keywords)


def _given_by_the_areas() -> dict[type[BaseException], BaseException]:
    samples: dict[type[BaseException], BaseException] = {}
    for listed in (
        access.BAD_INPUT, access.NOT_ALLOWED, ledger.STATE, notifications.REFUSALS, pricing.REFUSALS,
        security.BAD_INPUT, security.AUTHENTICATION, security.OUT_OF_TURN, tenders.REFUSALS,
    ):  # fmt: skip
        for entry in listed:
            samples.setdefault(type(entry[0]), entry[0])
    return samples


GIVEN = _given_by_the_areas()
SAMPLES = [GIVEN.get(cls) or _made(cls) for cls in sorted(ERRORS, key=lambda cls: (cls.__module__, cls.__name__))]
#: The bad-input errors built from a field, a value and a rule (``InvalidInput``'s own constructor): any value fits.
MADE_FOR_INPUT = [cls for cls in sorted(ERRORS, key=str) if _parameters(cls)[:3] == ["field", "value", "rule"]]

#: Plain data a caller may give where a rule refuses it: text, numbers, amounts, dates, moments, and several together.
plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.binary(max_size=10)
    | st.decimals(allow_nan=False, places=4) | st.builds(Money.from_minor_units, st.integers(-10**6, 10**6),
        st.sampled_from(("CHF", "EUR", "JPY"))) | st.dates()
    | st.datetimes(timezones=st.sampled_from((UTC, ZoneInfo("Europe/Zurich")))),
    lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3),
    max_leaves=4,
)  # fmt: skip


def arrived_alike(back: BaseException, error: BaseException) -> None:
    """``back`` is ``error`` as a caller sees it: its class, message, ``args`` and every attribute."""
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.args == error.args
    assert error_support.comparable(back) == error_support.comparable(error)


def test_every_exported_error_has_a_sample_here() -> None:
    assert {type(error) for error in SAMPLES} == ERRORS
    assert len(SAMPLES) == 177


@pytest.mark.parametrize("error", SAMPLES, ids=lambda error: f"{type(error).__module__}.{type(error).__name__}")
def test_an_error_pickled_with_any_protocol_or_copied_is_the_same_error(error: BaseException) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        arrived_alike(pickle.loads(pickle.dumps(error, protocol)), error)
    arrived_alike(copy.copy(error), error)
    arrived_alike(copy.deepcopy(error), error)


@given(st.sampled_from(MADE_FOR_INPUT), plain_values)
def test_a_refusal_keeps_any_plain_value_it_was_given_across_a_pickle(cls: type[InvalidInput], value: object) -> None:
    error = cls("amount", value, "must not be negative")
    back = pickle.loads(pickle.dumps(error))
    arrived_alike(back, error)
    assert back.value == value


def test_every_error_raised_in_a_fresh_worker_process_reaches_its_caller_unchanged() -> None:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(error, pool.submit(error_support.raise_it, error)) for error in SAMPLES]
        for error, future in futures:
            with pytest.raises(type(error)) as caught:
                future.result(timeout=60)
            arrived_alike(caught.value, error)


def _values_that_do_not_pickle(tmp_path: Path) -> list[object]:
    return [threading.Lock(), (n for n in range(3)), Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite"))]


def test_a_refusal_of_a_value_that_cannot_be_pickled_still_crosses_with_the_value_as_its_message_shows_it(
    tmp_path: Path,
) -> None:
    """A worker given a lock, a generator or an open ledger by mistake raises the refusal; its caller receives it, the
    value replaced by its text: the caller got a ``TypeError: cannot pickle …`` of the pool in its place."""
    for value in _values_that_do_not_pickle(tmp_path):
        error = InvalidInput("ledger", value, "must be a Ledger")
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is InvalidInput
        assert (back.field, back.rule, str(back), back.args) == (error.field, error.rule, str(error), error.args)
        assert back.value == shown(value)
        assert copy.deepcopy(error).value == shown(value)
        assert copy.copy(error).value is value
    refused = pytest.raises(InvalidInput, match=r"^detail: <unlocked _thread.lock object at .*> must be text$")
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool, refused:
        pool.submit(error_support.refuse_a_lock).result(timeout=60)


def test_a_refusal_keeps_its_date_and_its_moment_in_its_zone_across_a_pickle() -> None:
    moment = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=ZoneInfo("Europe/Zurich"))
    error = InvalidInput("at", (date(2026, 10, 25), moment), "must be later")
    back = pickle.loads(pickle.dumps(error))
    assert back.value == error.value
    assert back.value[1].fold == 1
    assert back.value[1].tzinfo is moment.tzinfo
