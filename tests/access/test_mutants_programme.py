"""The programme's own shape: it takes no state through its constructor, any positive validity, and exact events.

Mutants that let ``Programme(...)`` take its people, organisations or indexes as arguments (so state could be had
without a command), that refused a validity under a day, or that swapped the before and after of an assignment
event survived the suite.
"""

from __future__ import annotations

import copy
from datetime import timedelta

import attrs
import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import EventKind, Grant, InvitationExpired, PartnershipEnded, Programme
from infomanager_core.access.examples import MONDAY, example_programme

#: Every piece of state the programme holds, as attrs would name a constructor argument for it.
STATE = [field.alias for field in attrs.fields(Programme) if field.name.startswith("_")]


def test_the_state_tried_below_includes_the_facts_and_the_clock() -> None:
    assert {"people", "organisations", "invitations", "partnerships", "latest"} <= set(STATE)


@pytest.mark.parametrize("name", STATE)
def test_the_programme_takes_no_state_through_its_constructor(name: str) -> None:
    """A programme starts empty; the only way to fill it is through its commands, which check every rule."""
    with pytest.raises(TypeError):
        Programme(**{name: {}})


@pytest.mark.parametrize("validity", [timedelta(seconds=1), timedelta(hours=12), timedelta(days=1)])
def test_any_positive_validity_is_accepted_and_an_invitation_expires_exactly_then(validity: timedelta) -> None:
    programme = Programme(invitation_validity=validity)
    assert programme.invitation_validity == validity
    example = example_programme()
    example.invitation_validity = validity
    [sent] = example.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    assert example.invitation(sent.subject).expires_at == MONDAY + validity
    with pytest.raises(InvitationExpired):
        example.accept(sent.subject, by="fred", at=MONDAY + validity)
    example.accept(sent.subject, by="fred", at=MONDAY + validity - timedelta(microseconds=1))


@pytest.mark.parametrize("validity", [timedelta(0), timedelta(microseconds=-1), timedelta(days=-15), 15])
def test_a_validity_that_is_no_positive_timedelta_is_refused(validity: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Programme(invitation_validity=validity)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("invitation_validity", validity)


def test_an_assignment_event_has_the_person_after_and_an_unassignment_before() -> None:
    programme = example_programme()
    [assigned] = programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    [unassigned] = programme.unassign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    assert (assigned.what, assigned.subject, assigned.before, assigned.after) == (
        EventKind.CLIENT_ASSIGNED,
        "bakery",
        None,
        "ulla",
    )
    assert (unassigned.what, unassigned.subject, unassigned.before, unassigned.after) == (
        EventKind.CLIENT_UNASSIGNED,
        "bakery",
        "ulla",
        None,
    )
    assert assigned.notify == unassigned.notify == frozenset({"agency"})


def test_ending_an_ended_partnership_is_refused_and_leaves_the_clients_new_partnership_alone() -> None:
    programme = example_programme()
    programme.end("partnership-1", by="carl", at=MONDAY)
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=MONDAY)
    programme.accept(sent.subject, by="carl", at=MONDAY)
    programme.assign_client(partner="agency", client="bakery", person="uma", by="adam", at=MONDAY)
    before = copy.deepcopy(programme)
    with pytest.raises(PartnershipEnded):
        programme.end("partnership-1", by="carl", at=MONDAY)
    assert programme == before
    assert programme.active_partnership("bakery") == programme.partnership("partnership-2")
