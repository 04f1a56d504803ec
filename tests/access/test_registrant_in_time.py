"""Nobody acts before they were registered: a registration by a person is dated no earlier than that person.

Every other command's actor is a member of an organisation the command concerns, so its clock already covers them; a
registration's ``by`` need be no member of anything, and was checked to exist, not to exist yet at ``at``. A trail
could then say that Zoé registered a colleague on Monday though she herself signed up on Wednesday — which no replay
of the programme as it stood on Monday can make again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core.access import AccessEvent, BackdatedCommand, HeldProduct, Organisation, Person, Programme, Role
from infomanager_core.access.examples import MONDAY, example_programme

WEDNESDAY = MONDAY + timedelta(days=2)

#: Each registration naming zoe, registered on Wednesday, as who acted on Monday.
BY_ZOE_ON_MONDAY: dict[str, Callable[[Programme], tuple[AccessEvent, ...]]] = {
    "person": lambda p: p.register_person(Person("yan"), by="zoe", at=MONDAY),
    "organisation": lambda p: p.register_organisation(
        Organisation(id="dental", name="Dental", country="CH", members={"fred": Role.LEGAL_REPRESENTATIVE}),
        by="zoe",
        at=MONDAY,
    ),
    "product": lambda p: p.add_product(
        "cafe", HeldProduct(id="web-9", code="web", family="web-hosting"), by="zoe", at=MONDAY
    ),
}


@pytest.mark.parametrize("registration", sorted(BY_ZOE_ON_MONDAY))
def test_a_registration_by_a_person_registered_later_is_refused(registration: str) -> None:
    programme = example_programme()
    programme.register_person(Person("zoe"), at=WEDNESDAY)
    with pytest.raises(BackdatedCommand, match="the latest moment of person 'zoe'"):
        BY_ZOE_ON_MONDAY[registration](programme)


@pytest.mark.parametrize("registration", sorted(BY_ZOE_ON_MONDAY))
def test_a_registration_by_a_person_registered_the_same_moment_or_before_is_accepted(registration: str) -> None:
    programme = example_programme()
    programme.register_person(Person("zoe"), at=MONDAY)
    [event] = BY_ZOE_ON_MONDAY[registration](programme)
    assert (event.by, event.at) == ("zoe", MONDAY)
