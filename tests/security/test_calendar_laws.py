"""Laws of the account's clock at the calendar's edges: a kAuth code's ten minutes and identity verification's 72
hours are time elapsed, a token's idle year and its expiry are compared as instants, and one instant written in any
zone is one moment (``docs/security.md``, "Time")."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
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


@given(data=st.data(), issued=s.edge_instants(), late=st.booleans())
def test_a_kauth_code_works_for_ten_minutes_of_time_whatever_zones_write_the_moments(
    data: st.DataObject, issued: datetime, late: bool
) -> None:
    account = new_account(issued - timedelta(days=1))
    account.add_kauth("iphone-carl", at=issued - timedelta(days=1))
    code = account.issue_kauth_code(at=data.draw(s.written_in_any_zone(issued), label="issued at")).secret
    used = issued + timedelta(minutes=10) - (timedelta(0) if late else SECOND)
    at = data.draw(s.written_in_any_zone(used), label="used at")
    if late:
        with pytest.raises(KAuthCodeExpired):
            account.recover_with_kauth_code(code, at=at)
    else:
        assert account.recover_with_kauth_code(code, at=at)


@given(data=st.data(), submitted=s.edge_instants(within=timedelta(days=4)), late=st.booleans())
def test_verification_data_is_deleted_72_hours_of_time_after_submission_whatever_zones_write_the_moments(
    data: st.DataObject, submitted: datetime, late: bool
) -> None:
    account = new_account(submitted - timedelta(days=1))
    at = data.draw(s.written_in_any_zone(submitted), label="submitted at")
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=at)
    purged = submitted + timedelta(hours=72) - (timedelta(0) if late else SECOND)
    events = account.purge_verification_data(at=data.draw(s.written_in_any_zone(purged), label="purged at"))
    assert [event.what for event in events] == ([SecurityEventKind.VERIFICATION_DATA_DELETED] if late else [])


@given(data=st.data(), used=s.edge_instants(within=timedelta(days=3)))
def test_a_token_is_switched_off_a_calendar_year_after_its_last_use_on_the_wall_clock_of_that_use(
    data: st.DataObject, used: datetime
) -> None:
    written = data.draw(s.written_in_any_zone(used), label="last used at")
    created = written - timedelta(days=1)
    idle = idle_from(created, written)
    assert idle.tzinfo is written.tzinfo
    assert idle.replace(tzinfo=None) == written.replace(tzinfo=None) + relativedelta(years=1)
    account = new_account(created)
    token = account.create_api_token("CI", scopes=["mail"], at=created)
    account.verify_api_token(token.secret, at=written)
    just_before = data.draw(s.written_in_any_zone(instant(idle) - SECOND), label="just before")
    at_idle = data.draw(s.written_in_any_zone(instant(idle)), label="at idle")
    assert credential_status(account.api_token("api-token-1"), just_before).value == "active"
    assert credential_status(account.api_token("api-token-1"), at_idle).value == "switched off after a year without use"
    with pytest.raises(CredentialIdle):
        account.verify_api_token(token.secret, at=at_idle)


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


@given(
    data=st.data(),
    started=s.edge_instants(),
    gaps=st.lists(st.integers(-2, 2).map(lambda n: n * SECOND), min_size=3, max_size=3),
)
def test_the_steps_of_a_compromise_procedure_are_taken_in_time_order_whatever_zones_write_them(
    data: st.DataObject, started: datetime, gaps: list[timedelta]
) -> None:
    procedure = CompromiseProcedure(started_at=data.draw(s.written_in_any_zone(started), label="started at"))
    latest = started
    for step, gap in zip(CompromiseStep, gaps, strict=True):
        at = data.draw(s.written_in_any_zone(latest + gap), label=step.name)
        if gap < timedelta(0):
            with pytest.raises(BackdatedCommand) as refused:
                procedure.take(step, at)
            assert (refused.value.field, refused.value.value) == ("at", at)
            at = data.draw(s.written_in_any_zone(latest), label=f"{step.name} again")
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
