"""Laws of the tender board's clock at the calendar's edges: one instant written in any zone is one moment, and a
call's validity is counted on the calendar of the zone it was submitted in (``docs/tenders.md``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.access.checks import instant
from infomanager_core.tenders import CallNotOpen, TenderRules, is_open
from tests import strategies as s

from .support import board, submit

SECOND = timedelta(seconds=1)
HALF_HOUR = timedelta(minutes=30)
FIRST_PASS = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 in Zurich, a quarter of an hour before clocks go back
#: Submissions within 25 days of a calendar edge: after the board opens (5 January 2026, the access world's start).
CALLS_AT = s.edge_instants(within=timedelta(days=25))
validities = s.validities(timedelta(days=30))


@given(data=st.data(), submitted=CALLS_AT, validity=validities)
def test_a_call_is_valid_until_its_validity_later_on_the_wall_clock_of_the_zone_it_was_submitted_in(
    data: st.DataObject, submitted: datetime, validity: timedelta
) -> None:
    written = data.draw(s.written_in_any_zone(submitted), label="submitted at")
    call = submit(board(TenderRules(validity=validity)), at=written).call
    assert call.valid_until.tzinfo is written.tzinfo
    assert call.valid_until.replace(tzinfo=None) == written.replace(tzinfo=None) + validity
    offsets = written.utcoffset() - call.valid_until.utcoffset()  # type: ignore[operator]
    assert instant(call.valid_until) - instant(written) == validity + offsets


@given(
    submitted=CALLS_AT,
    validity=validities,
    away=s.shifts().map(abs),
    zones=st.tuples(s.writing_zones(), s.writing_zones()),
)
@example(  # valid until 02:45 on the first pass; asked at 02:15 on the second, half an hour later
    submitted=FIRST_PASS - HALF_HOUR, validity=HALF_HOUR, away=HALF_HOUR, zones=(s.ZURICH, s.ZURICH)
)
@example(  # submitted at 02:15 on the second pass; asked at 02:45 on the first, half an hour before
    submitted=FIRST_PASS + HALF_HOUR, validity=timedelta(days=1), away=HALF_HOUR, zones=(s.ZURICH, s.ZURICH)
)
def test_a_call_is_open_from_its_submission_until_just_before_valid_until_asked_in_any_zone(
    submitted: datetime, validity: timedelta, away: timedelta, zones: tuple[tzinfo, tzinfo]
) -> None:
    on = board(TenderRules(validity=validity))
    call = submit(on, at=submitted.astimezone(zones[0])).call
    until = instant(call.valid_until)
    before_submission = (submitted - SECOND - away).astimezone(zones[1])
    just_before = max(until - SECOND - away, submitted).astimezone(zones[1])
    at_the_end = (until + away).astimezone(zones[1])
    assert not is_open(call, before_submission)
    assert is_open(call, just_before)
    assert [excerpt.call for excerpt in on.excerpts_for("agency", at=just_before)] == [call.id]
    assert on.open(call.id, partner="agency", at=just_before).call == call
    assert not is_open(call, at_the_end)
    assert on.excerpts_for("agency", at=at_the_end) == ()
    with pytest.raises(CallNotOpen):
        on.open(call.id, partner="agency", at=at_the_end)


@given(
    submitted=s.edge_instants(within=timedelta(hours=2), edges=s.HOURS_LIVED_TWICE),
    validity=validities,
)
def test_a_call_submitted_in_zurich_is_open_when_submitted_and_for_its_validity_less_an_hour_at_most(
    submitted: datetime, validity: timedelta
) -> None:
    in_zurich = submitted.astimezone(s.ZURICH)  # the second pass of the repeated hour has fold=1
    call = submit(board(TenderRules(validity=validity)), at=in_zurich).call
    assert is_open(call, in_zurich)
    assert s.lasts_its_validity(in_zurich, call.valid_until, validity)
