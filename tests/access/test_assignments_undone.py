"""Assigning clients to staff, and undoing it: unassigning a client undoes assigning it, leaving nothing of the
assignment behind; an unknown client or person is refused as unknown (not as a client the partner does not manage,
nor as someone outside the partner); assigning twice or unassigning what was never assigned is no event at all; and
each assignment change dates the partnership.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import BackdatedCommand, Grant, Programme, UnknownOrganisation, UnknownPerson
from infomanager_core.access.examples import MONDAY, example_programme
from tests.refusals import state_of

from .test_invitations import refused_unchanged

LATER = MONDAY + timedelta(hours=1)


def facts(programme: Programme) -> dict[str, object]:
    """What the programme holds, its clock aside (the assignment moved it on)."""
    return {name: value for name, value in state_of(programme).items() if name != "_latest"}


def test_assigning_then_unassigning_a_client_leaves_the_programme_as_it_was() -> None:
    programme = example_programme()
    before = facts(programme)
    programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=LATER)
    assert programme.assigned_clients("agency", "ulla") == ("bakery",)
    programme.unassign_client(partner="agency", client="bakery", person="ulla", by="adam", at=LATER)
    assert facts(programme) == before
    programme.check_invariants()


def test_unassigning_a_clients_only_assignee_leaves_the_programme_as_it_was() -> None:
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    programme.accept(sent.subject, by="fred", at=MONDAY)
    before = facts(programme)
    programme.assign_client(partner="agency", client="cafe", person="ulla", by="adam", at=LATER)
    programme.unassign_client(partner="agency", client="cafe", person="ulla", by="adam", at=LATER)
    assert facts(programme) == before
    programme.check_invariants()


Change = Callable[..., object]


def changes(programme: Programme) -> dict[str, Change]:
    return {"assign": programme.assign_client, "unassign": programme.unassign_client}


UNKNOWN: dict[str, tuple[type[InvalidInput], str, str, dict[str, str]]] = {
    "an unknown client": (UnknownOrganisation, "client", "ghost-client", {"client": "ghost-client"}),
    "an unknown partner": (UnknownOrganisation, "partner", "ghost-agency", {"partner": "ghost-agency"}),
    "an unknown person": (UnknownPerson, "person", "ghost", {"person": "ghost"}),
}


@pytest.mark.parametrize("change", ["assign", "unassign"])
@pytest.mark.parametrize("case", UNKNOWN)
def test_an_unknown_id_is_refused_as_unknown_and_changes_nothing(case: str, change: str) -> None:
    error, field, value, replaced = UNKNOWN[case]
    programme = example_programme()
    before = copy.deepcopy(programme)
    arguments = {"partner": "agency", "client": "bakery", "person": "uma", "by": "adam", "at": MONDAY, **replaced}
    with pytest.raises(error) as refused:
        changes(programme)[change](**arguments)
    assert type(refused.value) is error
    assert (refused.value.field, refused.value.value) == (field, value)
    assert programme == before


def test_unassigning_a_client_never_assigned_is_no_event_and_no_change() -> None:
    """Not even the clock moves: nothing happened."""
    programme = example_programme()
    before = copy.deepcopy(programme)
    assert programme.unassign_client(partner="agency", client="bakery", person="ulla", by="adam", at=LATER) == ()
    assert programme == before


def test_assigning_a_client_already_assigned_is_no_event_and_no_change() -> None:
    programme = example_programme()
    before = copy.deepcopy(programme)
    assert programme.assign_client(partner="agency", client="bakery", person="uma", by="adam", at=LATER) == ()
    assert programme == before


BETWEEN = MONDAY + timedelta(minutes=30)

ASSIGNMENTS: dict[str, Callable[[Programme], object]] = {
    "assigning": lambda p: p.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=LATER),
    "unassigning": lambda p: p.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=LATER),
}

EARLIER: dict[str, Callable[[Programme], object]] = {
    "assign": lambda p: p.assign_client(partner="agency", client="bakery", person="paula", by="adam", at=BETWEEN),
    "unassign": lambda p: p.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=BETWEEN),
    "end": lambda p: p.end("partnership-1", by="carl", at=BETWEEN),
    # no change where uma is still assigned and paula never was, yet commands of that moment, refused as changes are
    "assign uma again": lambda p: p.assign_client(
        partner="agency", client="bakery", person="uma", by="adam", at=BETWEEN
    ),
    "unassign paula": lambda p: p.unassign_client(
        partner="agency", client="bakery", person="paula", by="adam", at=BETWEEN
    ),
}


@pytest.mark.parametrize("later", ASSIGNMENTS)
@pytest.mark.parametrize("earlier", EARLIER)
def test_an_assignment_change_dates_the_partnership_and_an_earlier_command_is_refused(later: str, earlier: str) -> None:
    programme = example_programme()
    ASSIGNMENTS[later](programme)
    refusal = refused_unchanged(programme, EARLIER[earlier], BackdatedCommand)
    assert isinstance(refusal, BackdatedCommand)
    assert (refusal.subject, refusal.latest) == ("partnership 'partnership-1'", LATER)
