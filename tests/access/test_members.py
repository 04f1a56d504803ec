"""Adding members, changing roles and removing members: every view of a membership agrees, and each change is dated.

A membership shows in three places: the organisation's ``members``, ``role_of`` and a person's ``memberships``; each
change shows in all three, stamps its moment, and a role "changed" to itself is no change. A role given as text is
refused, one of two legal representatives may step down, and a member added again is refused with the data a panel
needs to say so in its own words: who, where, as what.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AlreadyAMember,
    AlreadyRegistered,
    BackdatedCommand,
    LastLegalRepresentative,
    Programme,
    Role,
    UnknownPerson,
)
from infomanager_core.access.examples import MONDAY, example_programme
from tests.bad_input.harness import Text
from tests.refusals import state_of

from .test_invitations import refused_unchanged

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
    # no change, yet a command of that moment: confirming a role is in order only where changing it would be
    "confirm a role": lambda p: p.change_role("agency", "adam", Role.ADMINISTRATOR, by="paula", at=BETWEEN),
}


@pytest.mark.parametrize("later", CHANGES)
@pytest.mark.parametrize("earlier", EARLIER)
def test_a_membership_change_dates_the_organisation_and_an_earlier_one_is_refused(later: str, earlier: str) -> None:
    programme = example_programme()
    CHANGES[later](programme)
    refusal = refused_unchanged(programme, EARLIER[earlier], BackdatedCommand)
    assert isinstance(refusal, BackdatedCommand)
    assert (refusal.subject, refusal.latest) == ("organisation 'agency'", LATER)


@pytest.mark.parametrize("earlier", EARLIER)
def test_a_membership_change_at_the_organisations_latest_moment_is_in_order(earlier: str) -> None:
    programme = example_programme()
    programme.advance_to(BETWEEN, organisations=["agency"])
    EARLIER[earlier](programme)
    programme.check_invariants()


ROLES_AS_TEXT: dict[str, tuple[str, Callable[[Programme], object]]] = {
    "adding": ("user", lambda p: p.add_member("bakery", "fred", "user", by="carl", at=MONDAY)),
    "changing": ("administrator", lambda p: p.change_role("bakery", "cleo", "administrator", by="carl", at=MONDAY)),
}


@pytest.mark.parametrize("case", ROLES_AS_TEXT)
def test_a_role_that_is_no_role_is_refused_by_name_and_changes_nothing(case: str) -> None:
    role, command = ROLES_AS_TEXT[case]
    programme = example_programme()
    before = copy.deepcopy(programme)
    with pytest.raises(InvalidInput) as refused:
        command(programme)
    assert (refused.value.field, refused.value.value) == ("role", role)
    assert programme == before


def test_the_last_legal_representative_confirmed_as_one_is_no_change_and_no_refusal() -> None:
    programme = example_programme()
    before = copy.deepcopy(programme)
    assert programme.change_role("cafe", "fred", Role.LEGAL_REPRESENTATIVE, by="fred", at=LATER) == ()
    assert programme == before


def test_one_of_two_legal_representatives_may_step_down_and_the_other_may_not_then() -> None:
    programme = example_programme()
    programme.add_member("cafe", "cleo", Role.LEGAL_REPRESENTATIVE, by="fred", at=MONDAY)
    programme.change_role("cafe", "fred", Role.ADMINISTRATOR, by="cleo", at=MONDAY)
    assert programme.organisation("cafe").legal_representatives == ("cleo",)
    with pytest.raises(LastLegalRepresentative):
        programme.change_role("cafe", "cleo", Role.USER, by="cleo", at=MONDAY)
    programme.check_invariants()


@pytest.mark.parametrize(
    ("person", "role"), [("uma", "user"), ("adam", "administrator"), ("paula", "legal representative")]
)
def test_a_member_added_again_is_refused_naming_the_person_the_organisation_and_the_role_held(
    person: str, role: str
) -> None:
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(AlreadyAMember) as refused:
        programme.add_member("agency", person, Role.USER, by="paula", at=MONDAY)
    assert (refused.value.person, refused.value.organisation, refused.value.role) == (person, "agency", role)
    assert (refused.value.field, refused.value.value) == ("person", person)
    assert isinstance(refused.value, AlreadyRegistered)
    assert state_of(programme) == before


@pytest.mark.parametrize("person", [7, b"carl", ("carl",)], ids=repr)
def test_a_role_is_looked_up_by_a_str_a_subclass_of_it_too_anything_else_is_refused_not_a_non_member(
    person: object,
) -> None:
    """``role_of`` answers ``None`` for a non-member: a person given as bytes, an int or a tuple would read as one."""
    bakery = example_programme().organisation("bakery")
    with pytest.raises(InvalidInput) as raised:
        bakery.role_of(person)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("person", person, "must be a string")
    assert bakery.role_of(Text("carl")) is Role.LEGAL_REPRESENTATIVE
