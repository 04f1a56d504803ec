"""The board reads instants: whether a call is still open, and whether a command comes after the latest, does not
depend on the zone a moment is written in — not even in the hour that Europe/Zurich lives twice on 25 October 2026."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infomanager_core.access import BackdatedCommand, InvalidMoment
from infomanager_core.errors import InvalidInput
from infomanager_core.tenders import CallNotOpen, TenderRules, excerpt_of, is_open, summary

from .support import assert_refused_and_unchanged, board, submit

ZURICH = ZoneInfo("Europe/Zurich")
SUBMITTED = datetime(2026, 9, 25, 2, 30, tzinfo=ZURICH)  # valid until 25 October 02:30 CEST, 00:30 UTC
SECOND_PASS = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=ZURICH)  # 01:15 UTC: 45 minutes after the expiry


def test_a_call_expired_before_the_clocks_went_back_cannot_be_opened_on_the_second_pass() -> None:
    tenders = board()
    call = submit(tenders, at=SUBMITTED).call
    assert call.valid_until.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    for at in (SECOND_PASS, SECOND_PASS.astimezone(UTC)):
        assert not is_open(call, at)
        assert_refused_and_unchanged(tenders, lambda at=at: tenders.open(call.id, partner="agency", at=at), CallNotOpen)
        assert tenders.excerpts_for("agency", at=at) == ()


def test_a_command_later_on_the_second_pass_of_the_hour_is_in_order_and_an_earlier_one_is_not() -> None:
    tenders = board()
    first_pass = datetime(2026, 10, 25, 2, 45, tzinfo=ZURICH)  # 00:45 UTC
    submit(tenders, at=first_pass)
    submit(tenders, at=SECOND_PASS)
    assert_refused_and_unchanged(tenders, lambda: submit(tenders, at=first_pass), BackdatedCommand)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: is_open(None, datetime(2026, 1, 5, tzinfo=UTC)), InvalidInput),  # type: ignore[arg-type]
        (lambda: is_open(submit(board()).call, datetime(2026, 1, 5)), InvalidMoment),
        (lambda: excerpt_of("call-1", TenderRules()), InvalidInput),  # type: ignore[arg-type]
        (lambda: excerpt_of(submit(board()).call, None), InvalidInput),  # type: ignore[arg-type]
        (lambda: summary(None, 20), InvalidInput),  # type: ignore[arg-type]
        (lambda: summary("We sell bread.", "20"), InvalidInput),  # type: ignore[arg-type]
    ],
)
def test_the_call_functions_refuse_wrong_values_with_the_library_s_errors(call: object, error: type) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


def test_a_call_written_in_local_time_is_open_until_just_before_valid_until_and_closed_at_it() -> None:
    call = submit(board(), at=SUBMITTED).call
    assert not is_open(call, call.valid_until + timedelta(0))
    assert is_open(call, call.valid_until - timedelta(microseconds=1))


def test_is_open_refuses_a_moment_without_a_zone_naming_at() -> None:
    call = submit(board()).call
    with pytest.raises(InvalidMoment) as raised:
        is_open(call, datetime(2026, 1, 5))
    assert raised.value.field == "at"
