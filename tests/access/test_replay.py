"""``replay`` refuses a trail that is not one, naming the event's position, what it is and the rule.

Each case starts from a true trail (the tests' world, a partnership started, a user assigned, the partnership ended)
and spoils it one way: an event moved, dropped, given twice, edited or of no kind; the whole trail is then replayed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AccessEvent,
    BackdatedCommand,
    EventKind,
    Grant,
    InvalidMoment,
    Person,
    Programme,
    Role,
    UnknownOrganisation,
    UnreplayableEvent,
    replay,
)

from . import world
from .recording import Recording, recorded, same_answers
from .world import START

DAY = timedelta(days=1)


def story() -> Recording:
    """The world; the agency invites the bakery on day 1, carl grants limited access on day 2, uma is assigned, and
    carl ends it on day 5 (uma's assignment dropped on the way)."""
    programme = recorded(world.make_world, world)
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START + DAY)
    programme.accept(sent.subject, by="carl", at=START + 2 * DAY, grant=Grant.limited({"b-web-1"}))
    programme.assign_client(partner="agency", client="bakery", person="uma", by="adam", at=START + 2 * DAY)
    programme.end("partnership-1", by="carl", at=START + 5 * DAY)
    return programme


def refusal(trail: list[AccessEvent] | list[object], **options: object) -> UnreplayableEvent:
    with pytest.raises(UnreplayableEvent) as refused:
        replay(trail, **options)  # type: ignore[arg-type]
    assert refused.value.field == f"events[{refused.value.position}]"
    assert refused.value.rule in str(refused.value)
    return refused.value


def position_of(trail: list[AccessEvent], what: EventKind) -> int:
    return next(n for n, change in enumerate(trail) if change.what is what)


def test_the_story_replays_into_the_programme_and_as_it_stood_each_day() -> None:
    programme = story()
    same_answers(replay(programme.trail), programme)
    on_day_3 = replay(programme.trail, until=START + 3 * DAY)
    assert on_day_3.assigned_clients("agency", "uma") == ("bakery",)
    assert on_day_3.active_partnership("bakery").granted == Grant.limited({"b-web-1"})  # type: ignore[union-attr]
    assert replay(programme.trail, until=START + DAY).active_partnership("bakery") is None
    assert replay(programme.trail, until=START - DAY).people == ()


def test_a_clients_authorisation_replays_as_one_and_as_of_before_its_acceptance_is_open() -> None:
    """The other way a partnership starts: the client offers, the partner takes it as offered."""
    programme = recorded(world.make_world, world)
    [offered] = programme.authorise(
        client="bakery", partner="agency", grant=Grant.limited({"b-web-1"}), by="carl", at=START + DAY
    )
    programme.accept(offered.subject, by="paula", at=START + 2 * DAY)
    same_answers(replay(programme.trail), programme)
    assert replay(programme.trail).partnerships == programme.partnerships
    on_day_1 = replay(programme.trail, until=START + DAY)
    assert on_day_1.invitation(offered.subject) == offered.after
    assert on_day_1.active_partnership("bakery") is None


def test_an_event_out_of_order_is_refused_by_the_clock_of_what_it_concerns() -> None:
    trail = story().trail
    ended = position_of(trail, EventKind.PARTNERSHIP_ENDED)
    moved = attrs.evolve(trail[ended], at=START + DAY)  # ended before it began
    refused = refusal([*trail[: ended - 1], attrs.evolve(trail[ended - 1], at=START + DAY), moved])
    assert refused.position == ended - 1
    assert isinstance(refused.refusal, BackdatedCommand)
    assert "is refused by the programme: at: " in str(refused)


def test_an_event_about_something_never_registered_is_refused() -> None:
    trail = story().trail
    sent = position_of(trail, EventKind.INVITATION_SENT)
    without_the_agency = [change for change in trail if change.subject != "agency"]
    refused = refusal(without_the_agency)
    assert (refused.position, type(refused.refusal)) == (sent - 1, UnknownOrganisation)
    assert refused.value == ("invitation sent", "invitation-1")


def test_an_event_by_someone_not_allowed_is_refused() -> None:
    trail = story().trail
    sent = position_of(trail, EventKind.INVITATION_SENT)
    refused = refusal([*trail[:sent], attrs.evolve(trail[sent], by="uma"), *trail[sent + 1 :]])
    assert refused.position == sent
    assert "'uma' is not a legal representative of 'agency'" in str(refused)


def test_an_edited_event_is_refused_naming_the_field_that_differs() -> None:
    trail = story().trail
    sent = position_of(trail, EventKind.INVITATION_SENT)
    invitation = trail[sent].after
    later = attrs.evolve(invitation, expires_at=invitation.expires_at + DAY)  # type: ignore[misc]
    refused = refusal([*trail[:sent], attrs.evolve(trail[sent], after=later), *trail[sent + 1 :]])
    assert refused.position == sent
    assert "differs from what its command records: after Invitation(" in str(refused)


def test_a_trail_kept_under_another_invitation_validity_is_refused_at_its_first_invitation() -> None:
    trail = story().trail
    refused = refusal(trail, invitation_validity=timedelta(days=30))
    assert refused.position == position_of(trail, EventKind.INVITATION_SENT)
    assert replay(trail, invitation_validity=timedelta(days=15)).invitation_validity == timedelta(days=15)


def test_an_event_given_twice_is_refused_as_changing_nothing() -> None:
    trail = story().trail
    assigned = position_of(trail, EventKind.CLIENT_ASSIGNED)
    refused = refusal([*trail[: assigned + 1], trail[assigned], *trail[assigned + 1 :]])
    assert refused.position == assigned + 1
    assert "changes nothing" in str(refused)


def test_an_acceptance_without_the_partnership_it_started_is_refused_and_so_is_the_partnership_alone() -> None:
    trail = story().trail
    accepted = position_of(trail, EventKind.INVITATION_ACCEPTED)
    assert "must be followed by the 'partnership started' it made" in str(refusal(trail[: accepted + 1]))
    alone = refusal([*trail[:accepted], *trail[accepted + 1 :]])
    assert (alone.position, alone.value) == (accepted, ("partnership started", "partnership-1"))
    assert "must follow the 'invitation accepted' that started it" in str(alone)


def test_an_assignment_dropped_by_an_ending_must_come_with_the_ending_and_the_ending_with_it() -> None:
    trail = story().trail
    ended = position_of(trail, EventKind.PARTNERSHIP_ENDED)
    dropped = trail[ended - 1]
    assert (dropped.what, dropped.cause) == (EventKind.CLIENT_UNASSIGNED, EventKind.PARTNERSHIP_ENDED)
    cut = refusal(trail[:ended])
    assert cut.position == ended - 1
    assert "must be followed by the 'partnership ended' event it is part of" in str(cut)
    lost = refusal([*trail[: ended - 1], trail[ended]])
    assert lost.position == ended - 1
    assert "what 'partnership ended' where the command records 'client unassigned'" in str(lost)
    by_hand = refusal([*trail[: ended - 1], attrs.evolve(dropped, cause=None), trail[ended]])
    assert "'carl' is neither a legal representative nor an administrator of 'agency'" in str(by_hand)


def test_a_removal_replays_with_the_assignments_it_dropped() -> None:
    programme = story()
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START + 6 * DAY)
    programme.accept(sent.subject, by="carl", at=START + 6 * DAY)
    programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=START + 6 * DAY)
    *dropped, _ = programme.remove_member("agency", "ulla", by="paula", at=START + 7 * DAY)
    assert [change.cause for change in dropped] == [EventKind.MEMBER_REMOVED]
    same_answers(replay(programme.trail), programme)
    assert replay(programme.trail, until=START + 6 * DAY).role_of("ulla", "agency") is Role.USER


def test_anything_but_an_access_event_of_a_known_kind_dated_by_an_aware_moment_is_refused() -> None:
    trail = story().trail
    assert "must be an AccessEvent" in str(refusal([*trail[:2], "person registered", *trail[2:]]))
    unknown = attrs.evolve(trail[0], what="person deleted")
    assert "is not a kind of access event" in str(refusal([unknown]))
    naive = attrs.evolve(trail[0], at=datetime(2026, 1, 5, 9))
    assert "must be dated by a timezone-aware datetime" in str(refusal([naive]))


def test_the_trail_and_the_moment_are_checked_before_anything_is_replayed() -> None:
    trail = story().trail
    with pytest.raises(InvalidInput, match=r"^events: "):
        replay(trail[0])  # type: ignore[arg-type]
    with pytest.raises(InvalidMoment, match=r"^until: "):
        replay(trail, until=datetime(2026, 1, 5))
    assert replay((change for change in trail), until=datetime(2026, 1, 5, tzinfo=UTC)).people == ()


def test_until_keeps_the_events_dated_no_later_as_instants_where_the_clocks_go_back() -> None:
    """In Zurich the hour from 02:00 is lived twice on 25 October 2026: 02:15 on the second pass is half an hour
    after 02:45 on the first, though its wall clock reads earlier."""
    zurich = ZoneInfo("Europe/Zurich")
    first_pass, second_pass = (
        datetime(2026, 10, 25, 2, 45, tzinfo=zurich),
        datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=zurich),
    )
    programme = Programme()
    trail = [
        *programme.register_person(Person("uma", "Uma"), at=first_pass),
        *programme.register_person(Person("zoe", "Zoé"), at=second_pass),
    ]
    assert [person.id for person in replay(trail, until=first_pass).people] == ["uma"]
    assert [person.id for person in replay(trail, until=second_pass).people] == ["uma", "zoe"]


@pytest.mark.parametrize("events", ["person registered", b"person registered", 42, None], ids=repr)
def test_a_text_or_anything_but_a_sequence_of_events_is_refused_as_the_events_argument(events: object) -> None:
    with pytest.raises(InvalidInput, match=r"^events: .* must be a sequence of AccessEvent") as refused:
        replay(events)  # type: ignore[arg-type]
    assert not isinstance(refused.value, UnreplayableEvent)


def test_an_edited_event_is_refused_as_of_a_moment_too() -> None:
    trail = story().trail
    assigned = position_of(trail, EventKind.CLIENT_ASSIGNED)
    told_no_one = attrs.evolve(trail[assigned], notify=frozenset())
    edited = refusal([*trail[:assigned], told_no_one, *trail[assigned + 1 :]], until=START + 3 * DAY)
    assert edited.position == assigned
    assert "differs from what its command records: notify" in str(edited)


def test_an_invitation_sent_or_a_partnership_started_that_does_not_hold_its_record_is_refused() -> None:
    trail = story().trail
    sent = position_of(trail, EventKind.INVITATION_SENT)
    emptied = refusal([*trail[:sent], attrs.evolve(trail[sent], after=None), *trail[sent + 1 :]])
    assert (emptied.position, emptied.rule) == (sent, "must hold the invitation sent (after)")
    started = position_of(trail, EventKind.PARTNERSHIP_STARTED)
    without = refusal([*trail[:started], attrs.evolve(trail[started], after=None), *trail[started + 1 :]])
    assert (without.position, without.rule) == (started - 1, "must be followed by the 'partnership started' it made")


def test_an_acceptance_followed_by_another_event_holding_a_partnership_is_refused_as_missing_its_start() -> None:
    trail = story().trail
    started = position_of(trail, EventKind.PARTNERSHIP_STARTED)
    ended = position_of(trail, EventKind.PARTNERSHIP_ENDED)
    assert isinstance(trail[ended].after, type(trail[started].after))  # it holds a partnership too
    refused = refusal([*trail[:started], trail[ended]])
    assert (refused.position, refused.rule) == (started - 1, "must be followed by the 'partnership started' it made")
