"""The tender refusals as a caller catches them: each an ``InvalidInput`` (and its documented parents) keeping its
data as attributes; a refused cancellation token is never kept.

These pin the error classes' logic, not their message texts.
"""

from __future__ import annotations

from typing import Any

import pytest

from infomanager_core.errors import InfomanagerError, InvalidInput, UnprintableText
from infomanager_core.money import Money
from infomanager_core.tenders import errors
from infomanager_core.tenders.errors import (
    BlankText,
    CallNotOpen,
    InvalidCancellationToken,
    InvalidEmail,
    InvalidPhone,
    InvalidPrice,
    InvalidTenderRules,
    NotOptedIn,
    NotYourCall,
    OwnCall,
    ProposalAlreadyDecided,
    TextTooLong,
    UnknownCall,
    UnknownProposal,
    UnprintableTenderText,
)
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

#: Each refusal, with its documented parents besides ``InvalidInput`` and the data it keeps.
REFUSALS: list[tuple[InvalidInput, tuple[type, ...], dict[str, Any]]] = [
    (BlankText("title", "   "), (), {"field": "title", "value": "   "}),
    (TextTooLong("title", "x" * 9, 8), (), {"field": "title", "value": "x" * 9, "maximum": 8}),
    (
        UnprintableTenderText("title", "a\u200bb", "\u200b"),
        (UnprintableText,),
        {"field": "title", "value": "a\u200bb", "character": "U+200B"},
    ),
    (InvalidEmail("carl@"), (), {"field": "email", "value": "carl@"}),
    (InvalidPhone("12"), (), {"field": "phone", "value": "12"}),
    (
        InvalidPrice(Money("-1", "CHF"), "must not be negative", hint="e.g. 0 CHF"),
        (),
        {"field": "price", "value": Money("-1", "CHF"), "rule": "must not be negative", "hint": "e.g. 0 CHF"},
    ),
    (InvalidTenderRules("validity", 0, "must be positive"), (), {"field": "validity", "value": 0}),
    (UnknownCall("call-9"), (), {"field": "call", "value": "call-9"}),
    (CallNotOpen("call-1"), (), {"field": "call", "value": "call-1"}),
    (NotOptedIn("agency"), (), {"field": "partner", "value": "agency"}),
    (OwnCall("call-1", "agency"), (), {"field": "partner", "value": "agency", "call": "call-1"}),
    (NotYourCall("call-1", "bakery"), (), {"field": "client", "value": "bakery", "call": "call-1"}),
    (UnknownProposal("proposal-9"), (), {"field": "proposal", "value": "proposal-9"}),
    (
        ProposalAlreadyDecided("proposal-1", "accepted"),
        (),
        {"field": "proposal", "value": "proposal-1", "status": "accepted"},
    ),
    (InvalidCancellationToken("call-1.guess"), (), {"field": "token", "value": "<hidden, 12 characters>"}),
]


def test_every_error_the_tenders_area_defines_is_listed_here() -> None:
    assert errors_defined_in(errors) == {type(error) for error, _, _ in REFUSALS}


@pytest.mark.parametrize(("error", "parents", "data"), REFUSALS, ids=[type(e).__name__ for e, _, _ in REFUSALS])
def test_a_tender_refusal_is_invalid_input_and_its_documented_parents_keeping_its_data(
    error: InvalidInput, parents: tuple[type, ...], data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError, *parents))
    assert_keeps_its_data_even_pickled(error, data)
