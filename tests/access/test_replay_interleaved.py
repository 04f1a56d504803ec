"""``replay`` as of a moment of a trail whose clocks interleave: the things dated no later, with their original ids.

Each thing keeps its own clock, so late news of one client is recorded after later news of another, and the ids
(``invitation-N``, ``partnership-N``) follow the order of the trail, not of the dates. An auditor compares the
programme as of a moment with the live system: each invitation and partnership keeps the id the trail gave it, and a
programme replayed as of a moment numbers what it issues next after every id of the whole trail.
"""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from infomanager_core.access import Grant, InvitationStatus, UnreplayableEvent, replay

from . import world
from .recording import Recording, recorded
from .world import START

DAY = timedelta(days=1)


def interleaved() -> Recording:
    """The agency's news of the bakery (invited on day 5, accepted on day 6) is recorded before the studio's of the
    cafe (invited on day 2, accepted on day 3): ``invitation-1`` and ``partnership-1`` are the bakery's, dated later."""
    programme = recorded(world.make_world, world)
    [to_bakery] = programme.invite(
        partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START + 5 * DAY
    )
    programme.accept(to_bakery.subject, by="carl", at=START + 6 * DAY)
    [to_cafe] = programme.invite(partner="studio", client="cafe", grant=Grant.full(), by="sam", at=START + 2 * DAY)
    programme.accept(to_cafe.subject, by="fred", at=START + 3 * DAY)
    programme.assign_client(partner="studio", client="cafe", person="sue", by="sam", at=START + 3 * DAY)
    return programme


def test_as_of_a_moment_between_interleaved_news_the_replay_holds_what_was_dated_no_later_under_its_own_ids() -> None:
    live = interleaved()
    on_day_4 = replay(live.trail, until=START + 4 * DAY)
    assert on_day_4.invitations == (live.invitation("invitation-2"),)
    assert on_day_4.partnerships == (live.partnership("partnership-2"),)
    assert on_day_4.active_partnership("cafe") == live.partnership("partnership-2")
    assert on_day_4.active_partnership("bakery") is None
    assert on_day_4.assigned_clients("studio", "sue") == ("cafe",)
    on_day_4.check_invariants()


def test_a_programme_replayed_as_of_a_moment_numbers_what_it_issues_next_after_every_id_of_the_whole_trail() -> None:
    """As of day 1 neither invitation was sent; as of day 4 only the cafe's. Either way the next invitation and
    partnership the replayed programme issues are the third: ``invitation-1`` and ``-2`` name the trail's."""
    live = interleaved()
    for until in (START + DAY, START + 4 * DAY):
        then = replay(live.trail, until=until)
        [sent] = then.invite(partner="agency", client="dental", grant=Grant.full(), by="paula", at=START + 4 * DAY)
        *_, started = then.accept(sent.subject, by="dora", at=START + 4 * DAY)
        assert (sent.subject, started.subject) == ("invitation-3", "partnership-3")


def test_as_of_a_moment_a_partnership_started_after_one_dated_later_keeps_its_number() -> None:
    """Both invitations are sent on day 1; the bakery's acceptance on day 5 is recorded before the cafe's on day 2."""
    live = recorded(world.make_world, world)
    [to_bakery] = live.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START + DAY)
    [to_cafe] = live.invite(partner="studio", client="cafe", grant=Grant.full(), by="sam", at=START + DAY)
    live.accept(to_bakery.subject, by="carl", at=START + 5 * DAY)
    live.accept(to_cafe.subject, by="fred", at=START + 2 * DAY)
    on_day_3 = replay(live.trail, until=START + 3 * DAY)
    assert on_day_3.partnerships == (live.partnership("partnership-2"),)
    assert [invitation.id for invitation in on_day_3.invitations] == ["invitation-1", "invitation-2"]
    assert on_day_3.invitation("invitation-1").status_at(START + 3 * DAY) is InvitationStatus.OPEN


def test_as_of_a_moment_an_id_the_command_would_not_give_is_still_refused() -> None:
    live = interleaved()
    sent = next(n for n, change in enumerate(live.trail) if change.subject == "invitation-2")
    for forged in ("invitation-1", "invitation-9"):
        trail = list(live.trail)
        trail[sent] = attrs.evolve(trail[sent], subject=forged, after=attrs.evolve(trail[sent].after, id=forged))
        with pytest.raises(UnreplayableEvent) as refused:
            replay(trail, until=START + 4 * DAY)
        assert refused.value.position == sent
        assert f"differs from what its command records: subject {forged!r} where the command records" in str(
            refused.value
        )


def test_room_left_for_numbers_never_goes_back() -> None:
    """Leaving room for fewer ids than the programme has given changes nothing: no id is given twice."""
    programme = interleaved()
    programme._leave_room("invitation", 1)
    [sent] = programme.invite(partner="agency", client="dental", grant=Grant.full(), by="paula", at=START + 7 * DAY)
    assert sent.subject == "invitation-3"
    programme._leave_room("invitation", 7)
    [sent] = programme.invite(partner="studio", client="dental", grant=Grant.full(), by="sam", at=START + 7 * DAY)
    assert sent.subject == "invitation-8"


def test_an_invitation_last_in_the_trail_and_dated_after_the_moment_still_leaves_room_for_its_number() -> None:
    """The cafe's invitation, dated day 5, is the trail's last event: as of day 4 it was not sent, yet the next
    invitation the replayed programme sends is the third, not a second ``invitation-2``."""
    live = recorded(world.make_world, world)
    [to_bakery] = live.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START + 2 * DAY)
    live.accept(to_bakery.subject, by="carl", at=START + 3 * DAY)
    live.invite(partner="studio", client="cafe", grant=Grant.full(), by="sam", at=START + 5 * DAY)
    on_day_4 = replay(live.trail, until=START + 4 * DAY)
    [sent] = on_day_4.invite(partner="agency", client="dental", grant=Grant.full(), by="paula", at=START + 4 * DAY)
    assert sent.subject == "invitation-3"
