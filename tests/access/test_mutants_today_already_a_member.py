"""Adding a member twice is refused with the data a panel needs to say so in its own words: who, where, as what."""

from __future__ import annotations

import pytest

from infomanager_core.access import AlreadyAMember, AlreadyRegistered, Role
from infomanager_core.access.examples import MONDAY, example_programme
from tests.refusals import state_of


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
