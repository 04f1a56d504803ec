"""A board that runs for a year: the excerpts read the calls still open, not every call ever submitted.

A query is never dated before the board's latest command, so a call expired or cancelled by then is closed for every
query to come; the calls closed before the first open one are passed over. These tests count the calls the excerpts
look at (not time), and hold the board's audit to the count it keeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from infomanager_core.errors import InvariantViolation
from infomanager_core.tenders import CallForTender
from infomanager_core.tenders import board as board_module

from .support import START, board, submit

DAY = timedelta(days=1)


def calls_looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the calls ``excerpts_for`` asks whether they are open, as it asks."""
    looked_at: list[str] = []
    real = board_module.is_open

    def counting(call: CallForTender, at: datetime) -> bool:
        looked_at.append(call.id)
        return real(call, at)

    monkeypatch.setattr(board_module, "is_open", counting)
    return looked_at


def test_the_excerpts_after_a_year_look_only_at_the_calls_still_open(monkeypatch: pytest.MonkeyPatch) -> None:
    tenders = board()
    for day in range(365):
        submit(tenders, at=START + day * DAY, title=f"Shop {day}")
    today = START + 364 * DAY
    looked_at = calls_looked_at(monkeypatch)
    excerpts = tenders.excerpts_for("agency", at=today)
    open_calls = [f"call-{day + 1}" for day in range(335, 365)]  # submitted within the 30 days' validity
    assert [excerpt.call for excerpt in excerpts] == open_calls
    assert looked_at == open_calls
    tenders.check_invariants()


def test_cancelled_calls_before_the_first_open_one_are_passed_over_too(monkeypatch: pytest.MonkeyPatch) -> None:
    tenders = board()
    tokens = [submit(tenders, at=START, title=f"Shop {number}").token for number in range(5)]
    for token in tokens[:3]:
        tenders.cancel(token, at=START + DAY)
    looked_at = calls_looked_at(monkeypatch)
    assert [excerpt.call for excerpt in tenders.excerpts_for("agency", at=START + DAY)] == ["call-4", "call-5"]
    assert looked_at == ["call-4", "call-5"]


def test_an_open_call_stops_the_passing_over_and_a_closed_one_after_it_is_still_looked_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tenders = board()
    tokens = [submit(tenders, at=START, title=f"Shop {number}").token for number in range(3)]
    tenders.cancel(tokens[0], at=START + DAY)
    tenders.cancel(tokens[2], at=START + DAY)
    looked_at = calls_looked_at(monkeypatch)
    assert [excerpt.call for excerpt in tenders.excerpts_for("agency", at=START + DAY)] == ["call-2"]
    assert looked_at == ["call-2", "call-3"]
    tenders.check_invariants()


def test_the_audit_refuses_a_count_of_skipped_calls_that_passes_an_open_call() -> None:
    tenders = board()
    submit(tenders, at=START)
    tenders._closed = 1  # damage done behind the board's back: call-1 is open
    with pytest.raises(InvariantViolation, match="the calls the excerpts skip"):
        tenders.check_invariants()


def test_the_audit_refuses_a_count_of_skipped_calls_beyond_the_calls() -> None:
    tenders = board()
    submit(tenders, at=START)
    tenders.opt_in("studio", at=START + 31 * DAY)
    tenders.check_invariants()
    tenders._closed = 2
    with pytest.raises(InvariantViolation, match="the calls the excerpts skip"):
        tenders.check_invariants()


def test_the_audit_refuses_a_negative_count_of_skipped_calls() -> None:
    tenders = board()
    submit(tenders, at=START)
    tenders.opt_in("studio", at=START + 31 * DAY)  # call-1 has expired: a count of 1 would be sound
    tenders._closed = -1  # damage: the excerpts would read from the last call on
    with pytest.raises(InvariantViolation, match="the calls the excerpts skip"):
        tenders.check_invariants()
