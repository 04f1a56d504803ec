"""Laws of the access programme's clock at the calendar's edges (Zurich's clock changes, month and year ends, 29
February): one instant written in any zone is one moment, and an invitation's validity is counted on the calendar of
the zone it was sent in (``docs/access.md``, "When an invitation expires")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.access import BackdatedCommand, Grant, InvitationExpired, InvitationStatus, Programme
from infomanager_core.access.checks import instant
from tests import strategies as s

from .world import make_world

SECOND = timedelta(seconds=1)
HALF_HOUR = timedelta(minutes=30)
FIRST_PASS = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 in Zurich, a quarter of an hour before clocks go back
#: Validities a programme may be given: the default 15 days, a day, hours that end inside a clock change.
validities = s.validities(timedelta(days=15))


def _world_from(at: datetime, validity: timedelta = timedelta(days=15)) -> Programme:
    """The access world, with the agency and the bakery last changed just before the instant ``at``."""
    programme = Programme(invitation_validity=validity)
    world = make_world()
    for person in world.people:
        programme.register_person(person, at=at - timedelta(days=400))
    for organisation in world.organisations:
        programme.register_organisation(organisation, at=at - timedelta(days=400))
    return programme


def _sent(programme: Programme, at: datetime) -> str:
    [event] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=at)
    return event.subject


@given(moment=s.edge_instants(), shift=s.shifts(), zones=st.tuples(s.writing_zones(), s.writing_zones()))
@example(moment=FIRST_PASS, shift=HALF_HOUR, zones=(s.ZURICH, s.ZURICH))  # 02:45, then 02:15 on the second pass
@example(moment=FIRST_PASS + HALF_HOUR, shift=-HALF_HOUR, zones=(s.ZURICH, s.ZURICH))  # the other way round
def test_a_command_is_in_order_exactly_when_its_instant_is_not_earlier_whatever_zones_write_them(
    moment: datetime, shift: timedelta, zones: tuple[tzinfo, tzinfo]
) -> None:
    programme = _world_from(moment)
    _sent(programme, moment.astimezone(zones[0]))
    later = (moment + shift).astimezone(zones[1])
    if shift >= timedelta(0):
        programme.check_in_order(later, organisations=["bakery", "agency"])
    else:
        with pytest.raises(BackdatedCommand):
            programme.check_in_order(later, organisations=["bakery", "agency"])


@given(data=st.data(), sent=s.edge_instants(within=timedelta(days=20)), validity=validities)
def test_an_invitation_expires_its_validity_later_on_the_wall_clock_of_the_zone_it_was_sent_in(
    data: st.DataObject, sent: datetime, validity: timedelta
) -> None:
    written = data.draw(s.written_in_any_zone(sent), label="sent at")
    programme = _world_from(sent, validity)
    invitation = programme.invitation(_sent(programme, written))
    expires = invitation.expires_at
    assert expires.tzinfo is written.tzinfo
    assert expires.replace(tzinfo=None) == written.replace(tzinfo=None) + validity
    # so elapsed time is the validity, less whatever the zone's clock was put forward in between
    offsets = written.utcoffset() - expires.utcoffset()  # type: ignore[operator]
    assert instant(expires) - instant(written) == validity + offsets


@given(
    sent=s.edge_instants(within=timedelta(days=20)),
    validity=validities,
    away=s.shifts().map(abs),
    zones=st.tuples(s.writing_zones(), s.writing_zones()),
)
@example(  # expires at 02:45 on the first pass; asked at 02:15 on the second, half an hour later
    sent=FIRST_PASS - HALF_HOUR, validity=HALF_HOUR, away=HALF_HOUR, zones=(s.ZURICH, s.ZURICH)
)
def test_an_invitation_is_open_before_its_expiry_and_expired_from_it_asked_in_any_zone(
    sent: datetime, validity: timedelta, away: timedelta, zones: tuple[tzinfo, tzinfo]
) -> None:
    programme = _world_from(sent, validity)
    invitation = programme.invitation(_sent(programme, sent.astimezone(zones[0])))
    expires = instant(invitation.expires_at)
    before, after = (
        max(expires - SECOND - away, instant(sent)).astimezone(zones[1]),
        (expires + away).astimezone(zones[1]),
    )
    assert invitation.status_at(before) is InvitationStatus.OPEN
    assert invitation.status_at(after) is InvitationStatus.EXPIRED
    with pytest.raises(InvitationExpired):
        programme.accept(invitation.id, by="carl", at=after)
    programme.accept(invitation.id, by="carl", at=before)
    assert programme.active_partnership("bakery") is not None


@given(
    sent=s.edge_instants(within=timedelta(hours=2), edges=s.HOURS_LIVED_TWICE),
    validity=validities,
)
def test_an_invitation_sent_in_zurich_is_open_when_sent_and_for_its_validity_less_an_hour_at_most(
    sent: datetime, validity: timedelta
) -> None:
    in_zurich = sent.astimezone(s.ZURICH)  # the second pass of the repeated hour has fold=1
    programme = _world_from(sent, validity)
    invitation = programme.invitation(_sent(programme, in_zurich))
    assert invitation.status_at(in_zurich) is InvitationStatus.OPEN
    assert s.lasts_its_validity(in_zurich, invitation.expires_at, validity)


def test_a_validity_ending_at_a_time_zurich_jumps_over_is_read_with_the_offset_before_the_jump() -> None:
    sent = datetime(2025, 8, 1, 2, 30, tzinfo=s.ZURICH)  # summer time; 240 days later is 02:30 on 29 March 2026
    programme = _world_from(sent, timedelta(days=240))
    expires = programme.invitation(_sent(programme, sent)).expires_at
    assert expires.isoformat() == "2026-03-29T02:30:00+01:00"  # 03:30 summer time, as zoneinfo reads 02:30
