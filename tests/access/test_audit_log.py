"""An audit log built from the events alone tells who is assigned which client, as the programme does.

A customer panel keeps the events as its audit log. An assignment that a command drops on the way (a member leaving
their organisation, a partnership ending) must be an event of its own, or the log still shows the person assigned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from infomanager_core.access import AccessEvent, EventKind, Grant, Programme, Role
from infomanager_core.access.examples import MONDAY, example_programme

LATER = MONDAY + timedelta(hours=1)


def assignments_in(log: Iterable[AccessEvent]) -> set[tuple[str, str, str]]:
    """(partner, person, client) assigned, replayed from the events of the log and nothing else."""
    assigned: set[tuple[str, str, str]] = set()
    for event in log:
        if event.what is EventKind.CLIENT_ASSIGNED:
            [partner] = event.notify
            assigned.add((partner, str(event.after), event.subject))
        elif event.what is EventKind.CLIENT_UNASSIGNED:
            [partner] = event.notify
            assigned.discard((partner, str(event.before), event.subject))
    return assigned


def assignments_of(programme: Programme, people: Iterable[str]) -> set[tuple[str, str, str]]:
    """(partner, person, client) assigned, as the programme says."""
    return {("agency", person, client) for person in people for client in programme.assigned_clients("agency", person)}


def test_a_member_removed_from_the_partner_is_unassigned_in_the_events_first() -> None:
    programme = example_programme()
    log = [*programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)]
    events = programme.remove_member("agency", "ulla", by="paula", at=LATER)
    assert [(event.what, event.subject, event.before, event.by, event.at) for event in events] == [
        (EventKind.CLIENT_UNASSIGNED, "bakery", "ulla", "paula", LATER),
        (EventKind.MEMBER_REMOVED, "ulla", Role.USER, "paula", LATER),
    ]
    log += events
    log += programme.add_member("agency", "ulla", Role.USER, by="paula", at=LATER)
    assert assignments_in(log) == assignments_of(programme, ["ulla"]) == set()


def test_an_ended_partnership_unassigns_its_client_in_the_events_before_it_ends() -> None:
    programme = example_programme()
    log = [*programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)]
    events = programme.end("partnership-1", by="carl", at=LATER)
    assert [(event.what, event.subject) for event in events] == [
        (EventKind.CLIENT_UNASSIGNED, "bakery"),
        (EventKind.CLIENT_UNASSIGNED, "bakery"),
        (EventKind.PARTNERSHIP_ENDED, "partnership-1"),
    ]
    assert [event.before for event in events[:2]] == ["uma", "ulla"]
    assert all((event.by, event.at) == ("carl", LATER) for event in events)
    log += events
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=LATER)
    log += programme.accept(sent.subject, by="carl", at=LATER)
    assert assignments_in(log) == assignments_of(programme, ["uma", "ulla"]) == set()
