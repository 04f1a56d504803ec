"""Registering people, organisations and products: each refusal by its own rule, and each registration's moment kept.

Each refusal here breaks one rule only, and names it (a value breaking several at once would hide a missing check);
and each registration dates what it registers, so a later command dated before it is refused.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AlreadyRegistered,
    BackdatedCommand,
    HeldProduct,
    Organisation,
    Person,
    Programme,
    Role,
    UnknownPerson,
)
from infomanager_core.access.examples import MONDAY, example_programme

HOUR = timedelta(hours=1)
LR = Role.LEGAL_REPRESENTATIVE


def hosting(product: str) -> HeldProduct:
    return HeldProduct(id=product, code="web", family="web-hosting")


def dental(members: dict[str, Role] | None = None, products: tuple[str, ...] = ()) -> Organisation:
    return Organisation(
        id="dental", name="Dental", country="CH", members=members or {"fred": LR}, products=[*map(hosting, products)]
    )


REFUSED: dict[str, tuple[type[InvalidInput], str, object, Callable[[Programme], object]]] = {
    "a person that is no Person": (
        InvalidInput,
        "person",
        "zoe",
        lambda p: p.register_person("zoe", at=MONDAY),  # type: ignore[arg-type]
    ),
    "an organisation that is no Organisation": (
        InvalidInput,
        "organisation",
        "dental",
        lambda p: p.register_organisation("dental", at=MONDAY),  # type: ignore[arg-type]
    ),
    "an organisation id already taken, with nothing else taken": (
        AlreadyRegistered,
        "organisation",
        "cafe",
        lambda p: p.register_organisation(
            Organisation(id="cafe", name="Other Cafe", country="FR", members={"cleo": LR}), at=MONDAY
        ),
    ),
    "an organisation with a member who is no registered person": (
        UnknownPerson,
        "person",
        "zoe",
        lambda p: p.register_organisation(dental({"fred": LR, "zoe": Role.USER}), at=MONDAY),
    ),
    "an organisation bringing a product another one holds": (
        AlreadyRegistered,
        "product",
        "web-2",
        lambda p: p.register_organisation(dental(products=("dental-web", "web-2")), at=MONDAY),
    ),
    "a product that is no HeldProduct": (
        InvalidInput,
        "product",
        "web-9",
        lambda p: p.add_product("cafe", "web-9", at=MONDAY),  # type: ignore[arg-type]
    ),
    "a product another organisation holds": (
        AlreadyRegistered,
        "product",
        "web-2",
        lambda p: p.add_product("cafe", hosting("web-2"), at=MONDAY),
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_registration_breaking_one_rule_is_refused_by_that_rule_and_changes_nothing(case: str) -> None:
    error, field, value, command = REFUSED[case]
    programme = example_programme()
    before = copy.deepcopy(programme)
    with pytest.raises(error) as refused:
        command(programme)
    assert type(refused.value) is error
    assert (refused.value.field, refused.value.value) == (field, value)
    assert programme == before


def test_an_organisation_is_registered_with_its_members_and_products() -> None:
    programme = example_programme()
    programme.register_organisation(dental({"fred": LR, "cleo": Role.USER}, products=("dental-web",)), at=MONDAY)
    assert programme.role_of("cleo", "dental") is Role.USER
    assert dict(programme.memberships("cleo")) == {"bakery": Role.USER, "dental": Role.USER}
    assert programme.owner_of("dental-web") == "dental"
    programme.check_invariants()


def test_an_organisation_registered_before_one_of_its_members_is_refused() -> None:
    programme = example_programme()
    programme.register_person(Person("zoe", "Zoe"), at=MONDAY + 2 * HOUR)
    before = copy.deepcopy(programme)
    with pytest.raises(BackdatedCommand) as refused:
        programme.register_organisation(dental({"fred": LR, "zoe": Role.USER}), at=MONDAY + HOUR)
    assert refused.value.subject == "person 'zoe'"
    assert refused.value.latest == MONDAY + 2 * HOUR
    assert programme == before


def test_each_person_keeps_their_own_registration_moment() -> None:
    """Zoe registered later than Fred does not stop an organisation of Fred's alone from being registered earlier."""
    programme = example_programme()
    programme.register_person(Person("zoe", "Zoe"), at=MONDAY + 2 * HOUR)
    programme.register_organisation(dental({"fred": LR}), at=MONDAY + HOUR)
    assert programme.role_of("fred", "dental") is LR


def test_an_organisation_registered_with_its_members_may_be_changed_at_the_same_moment_but_not_before() -> None:
    programme = example_programme()
    programme.register_organisation(dental(), at=MONDAY + HOUR)
    with pytest.raises(BackdatedCommand) as refused:
        programme.add_member("dental", "cleo", Role.USER, by="fred", at=MONDAY)
    assert refused.value.subject == "organisation 'dental'"
    programme.add_member("dental", "cleo", Role.USER, by="fred", at=MONDAY + HOUR)


def test_a_product_added_dates_its_organisation() -> None:
    programme = example_programme()
    programme.add_product("cafe", hosting("cafe-web-2"), at=MONDAY + HOUR)
    before = copy.deepcopy(programme)
    with pytest.raises(BackdatedCommand) as refused:
        programme.add_member("cafe", "cleo", Role.USER, by="fred", at=MONDAY)
    assert refused.value.subject == "organisation 'cafe'"
    assert programme == before


def test_a_product_added_is_held_and_listed_with_its_organisation() -> None:
    programme = example_programme()
    [added] = programme.add_product("cafe", hosting("cafe-web-2"), at=MONDAY)
    assert added.subject == "cafe"
    assert added.notify == frozenset({"cafe"})  # the cafe has no partner to tell
    assert [p.id for p in programme.organisation("cafe").products] == ["cafe-web", "cafe-web-2"]
    assert programme.product("cafe-web-2") == hosting("cafe-web-2")
    programme.check_invariants()
