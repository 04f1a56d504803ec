"""Adding members, changing roles and removing members: every view of a membership agrees, and each change is dated.

A membership shows in three places: the organisation's ``members``, ``role_of`` and a person's ``memberships``.
Mutants that updated only one of them, stamped no moment, or recorded a role "changed" to itself survived the suite.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core.access import BackdatedCommand, Programme, Role, UnknownPerson
from infomanager_core.access.examples import MONDAY, example_programme

HOUR = timedelta(hours=1)
LATER = MONDAY + 2 * HOUR
BETWEEN = MONDAY + HOUR


def views(programme: Programme, organisation: str, person: str) -> tuple[Role | None, Role | None, Role | None]:
    """The person's role in the organisation as each query shows it."""
    return (
        programme.organisation(organisation).members.get(person),
        programme.role_of(person, organisation),
        programme.memberships(person).get(organisation),
    )


def test_a_person_who_is_not_registered_cannot_be_added() -> None:
    programme = example_programme()
    before = copy.deepcopy(programme)
    with pytest.raises(UnknownPerson) as refused:
        programme.add_member("bakery", "zoe", Role.USER, by="carl", at=MONDAY)
    assert (refused.value.field, refused.value.value) == ("person", "zoe")
    assert programme == before


def test_an_added_member_shows_in_every_view() -> None:
    programme = example_programme()
    programme.add_member("bakery", "fred", Role.ADMINISTRATOR, by="carl", at=MONDAY)
    assert views(programme, "bakery", "fred") == (Role.ADMINISTRATOR,) * 3
    assert dict(programme.memberships("fred")) == {"cafe": Role.LEGAL_REPRESENTATIVE, "bakery": Role.ADMINISTRATOR}
    programme.check_invariants()


def test_a_changed_role_shows_in_every_view() -> None:
    programme = example_programme()
    programme.change_role("agency", "uma", Role.ADMINISTRATOR, by="paula", at=MONDAY)
    assert views(programme, "agency", "uma") == (Role.ADMINISTRATOR,) * 3
    programme.check_invariants()


def test_a_removed_member_is_gone_from_every_view() -> None:
    programme = example_programme()
    programme.remove_member("bakery", "cleo", by="carl", at=MONDAY)
    assert views(programme, "bakery", "cleo") == (None,) * 3
    programme.check_invariants()


def test_changing_a_role_to_the_one_held_is_no_change_at_all() -> None:
    """No event, and the organisation's clock does not move: a command dated before it is still in order."""
    programme = example_programme()
    before = copy.deepcopy(programme)
    assert programme.change_role("agency", "uma", Role.USER, by="paula", at=LATER) == ()
    assert programme == before
    programme.add_member("agency", "cleo", Role.USER, by="paula", at=BETWEEN)


CHANGES: dict[str, Callable[[Programme], object]] = {
    "adding a member": lambda p: p.add_member("agency", "cleo", Role.USER, by="paula", at=LATER),
    "changing a role": lambda p: p.change_role("agency", "uma", Role.ADMINISTRATOR, by="paula", at=LATER),
    "removing a member": lambda p: p.remove_member("agency", "ulla", by="paula", at=LATER),
}

EARLIER: dict[str, Callable[[Programme], object]] = {
    "add a member": lambda p: p.add_member("agency", "fred", Role.USER, by="paula", at=BETWEEN),
    "change a role": lambda p: p.change_role("agency", "adam", Role.USER, by="paula", at=BETWEEN),
    "remove a member": lambda p: p.remove_member("agency", "uma", by="paula", at=BETWEEN),
}


@pytest.mark.parametrize("later", CHANGES)
@pytest.mark.parametrize("earlier", EARLIER)
def test_a_membership_change_dates_the_organisation_and_an_earlier_one_is_refused(later: str, earlier: str) -> None:
    programme = example_programme()
    CHANGES[later](programme)
    before = copy.deepcopy(programme)
    with pytest.raises(BackdatedCommand) as refused:
        EARLIER[earlier](programme)
    assert (refused.value.subject, refused.value.latest) == ("organisation 'agency'", LATER)
    assert programme == before


@pytest.mark.parametrize("earlier", EARLIER)
def test_a_membership_change_at_the_organisations_latest_moment_is_in_order(earlier: str) -> None:
    programme = example_programme()
    programme.advance_to(BETWEEN, organisations=["agency"])
    EARLIER[earlier](programme)
    programme.check_invariants()
