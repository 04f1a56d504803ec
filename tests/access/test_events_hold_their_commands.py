"""Each access event holds what its command needs to be made again, so that the events are the programme's story.

Three kinds named a thing only in ``notify`` (who to tell, not what changed): a member event its organisation, an
assignment event its partner. And a ``client unassigned`` dropped by a removal or an ending read like one made by hand,
though the person who ended a partnership (the client's legal representative) may unassign no one: ``cause`` says
which change dropped it. ``tests/access/test_replay_laws.py`` holds every kind to it by replaying random trails.
"""

from __future__ import annotations

from datetime import timedelta

from infomanager_core.access import EventKind, Role
from infomanager_core.access.examples import MONDAY, example_programme

LATER = MONDAY + timedelta(hours=1)


def test_a_member_event_names_its_organisation() -> None:
    programme = example_programme()
    events = [
        *programme.add_member("bakery", "fred", Role.USER, by="carl", at=MONDAY),
        *programme.change_role("bakery", "fred", Role.ADMINISTRATOR, by="carl", at=MONDAY),
        *programme.remove_member("bakery", "fred", by="carl", at=MONDAY),
    ]
    assert [(event.what, event.subject, event.organisation) for event in events] == [
        (EventKind.MEMBER_ADDED, "fred", "bakery"),
        (EventKind.ROLE_CHANGED, "fred", "bakery"),
        (EventKind.MEMBER_REMOVED, "fred", "bakery"),
    ]


def test_an_assignment_names_its_partner_and_one_made_by_hand_has_no_cause() -> None:
    programme = example_programme()
    [assigned] = programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    [unassigned] = programme.unassign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    assert (assigned.organisation, assigned.cause) == (unassigned.organisation, unassigned.cause) == ("agency", None)


def test_an_assignment_dropped_by_an_ending_or_a_removal_names_that_change_as_its_cause() -> None:
    programme = example_programme()
    programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    *dropped, removed = programme.remove_member("agency", "ulla", by="paula", at=MONDAY)
    *ended_with, ended = programme.end("partnership-1", by="carl", at=LATER)
    assert [(event.before, event.organisation, event.cause) for event in dropped] == [
        ("ulla", "agency", EventKind.MEMBER_REMOVED)
    ]
    assert [(event.before, event.organisation, event.cause) for event in ended_with] == [
        ("uma", "agency", EventKind.PARTNERSHIP_ENDED)
    ]
    assert removed.cause is ended.cause is None
