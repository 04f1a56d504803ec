"""Unassigning a client undoes assigning it: nothing of the assignment is left behind in the programme."""

from __future__ import annotations

from datetime import timedelta

from infomanager_core.access import Grant, Programme
from infomanager_core.access.examples import MONDAY, example_programme
from tests.refusals import state_of

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
