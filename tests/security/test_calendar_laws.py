"""Laws of the account's clock at the calendar's edges: a kAuth code's ten minutes and identity verification's 72
hours are time elapsed, a token's idle year and its expiry are compared as instants, and one instant written in any
zone is one moment (``docs/security.md``, "Time")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.access import BackdatedCommand
from infomanager_core.access.checks import instant
from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    CompromiseProcedure,
    CompromiseStep,
    CredentialExpired,
    CredentialIdle,
    KAuthCodeExpired,
    SecurityEventKind,
    credential_status,
    idle_from,
)
from tests import strategies as s

from .support import new_account

SECOND = timedelta(seconds=1)


@given(issued=s.edge_instants(), late=st.booleans(), zones=st.tuples(s.writing_zones(), s.writing_zones()))
@example(issued=datetime(2026, 10, 25, 0, 55, tzinfo=UTC), late=True, zones=(s.ZURICH, s.ZURICH))  # 02:55, first pass
def test_a_kauth_code_works_for_ten_minutes_of_time_whatever_zones_write_the_moments(
    issued: datetime, late: bool, zones: tuple[tzinfo, tzinfo]
) -> None:
    account = new_account(issued - timedelta(days=1))
    account.add_kauth("iphone-carl", at=issued - timedelta(days=1))
    code = account.issue_kauth_code(at=issued.astimezone(zones[0])).secret
    at = (issued + timedelta(minutes=10) - (timedelta(0) if late else SECOND)).astimezone(zones[1])
    if late:
        with pytest.raises(KAuthCodeExpired):
            account.recover_with_kauth_code(code, at=at)
    else:
        [recovered] = account.recover_with_kauth_code(code, at=at)
        assert recovered.what is SecurityEventKind.RECOVERED


@given(
    submitted=s.edge_instants(within=timedelta(days=4)),
    late=st.booleans(),
    zones=st.tuples(s.writing_zones(), s.writing_zones()),
)
@example(submitted=datetime(2026, 10, 23, 10, tzinfo=UTC), late=True, zones=(s.ZURICH, s.ZURICH))  # clocks go back
def test_verification_data_is_deleted_72_hours_of_time_after_submission_whatever_zones_write_the_moments(
    submitted: datetime, late: bool, zones: tuple[tzinfo, tzinfo]
) -> None:
    account = new_account(submitted - timedelta(days=1))
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=submitted.astimezone(zones[0]))
    purged = submitted + timedelta(hours=72) - (timedelta(0) if late else SECOND)
    events = account.purge_verification_data(at=purged.astimezone(zones[1]))
    assert [event.what for event in events] == ([SecurityEventKind.VERIFICATION_DATA_DELETED] if late else [])


@given(
    used=s.edge_instants(within=timedelta(days=3)).map(lambda moment: moment - relativedelta(years=1)),
    away=s.shifts().map(abs),
    zones=st.tuples(s.writing_zones(), s.writing_zones()),
)
@example(  # idle from 02:45 on the first pass of 25 October 2026; asked at 02:15 on the second, half an hour later
    used=datetime(2025, 10, 25, 0, 45, tzinfo=UTC), away=timedelta(minutes=30), zones=(s.ZURICH, s.ZURICH)
)
def test_a_token_is_switched_off_a_calendar_year_after_its_last_use_on_the_wall_clock_of_that_use(
    used: datetime, away: timedelta, zones: tuple[tzinfo, tzinfo]
) -> None:
    written = used.astimezone(zones[0])
    created = written - timedelta(days=1)
    idle = idle_from(created, written)
    assert idle.tzinfo is written.tzinfo
    assert idle.replace(tzinfo=None) == written.replace(tzinfo=None) + relativedelta(years=1)
    account = new_account(created)
    token = account.create_api_token("CI", scopes=["mail"], at=created)
    account.verify_api_token(token.secret, at=written)
    before = (instant(idle) - SECOND - away).astimezone(zones[1])
    after = (instant(idle) + away).astimezone(zones[1])
    assert credential_status(account.api_token("api-token-1"), before).value == "active"
    assert credential_status(account.api_token("api-token-1"), after).value == "switched off after a year without use"
    with pytest.raises(CredentialIdle):
        account.verify_api_token(token.secret, at=after)


@given(data=st.data(), expires=s.edge_instants())
def test_a_token_expires_at_the_instant_it_was_given_whatever_zones_write_the_moments(
    data: st.DataObject, expires: datetime
) -> None:
    created = expires - timedelta(days=2)
    account = new_account(created)
    given_as = data.draw(s.written_in_any_zone(expires), label="expires at")
    token = account.create_api_token("CI", scopes=["mail"], at=created, expires_at=given_as)
    account.verify_api_token(token.secret, at=data.draw(s.written_in_any_zone(expires - SECOND), label="before"))
    with pytest.raises(CredentialExpired):
        account.verify_api_token(token.secret, at=data.draw(s.written_in_any_zone(expires), label="at expiry"))


@given(started=s.edge_instants(), gaps=st.lists(s.shifts(), min_size=3, max_size=3), zones=st.lists(s.writing_zones()))
@example(  # started at 02:45 on the first pass; the password changed at 02:15 on the second, half an hour later
    started=datetime(2026, 10, 25, 0, 45, tzinfo=UTC), gaps=[timedelta(minutes=30)] * 3, zones=[s.ZURICH] * 4
)
def test_the_steps_of_a_compromise_procedure_are_taken_in_time_order_whatever_zones_write_them(
    started: datetime, gaps: list[timedelta], zones: list[tzinfo]
) -> None:
    zone = iter([*zones, *s.WRITING_ZONES * 4])
    procedure = CompromiseProcedure(started_at=started.astimezone(next(zone)))
    latest = started
    for step, gap in zip(CompromiseStep, gaps, strict=True):
        at = (latest + gap).astimezone(next(zone))
        if gap < timedelta(0):
            with pytest.raises(BackdatedCommand) as refused:
                procedure.take(step, at)
            assert (refused.value.field, refused.value.value) == ("at", at)
            at = latest.astimezone(next(zone))
        procedure = procedure.take(step, at)
        latest = instant(at)
    assert procedure.complete


@pytest.mark.parametrize(
    "started_at", [datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 9, tzinfo=s.NoOffset()), "2026-01-05T09:00+00:00"]
)
def test_a_compromise_procedure_starts_at_a_timezone_aware_moment(started_at: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        CompromiseProcedure(started_at=started_at)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("started_at", started_at)
