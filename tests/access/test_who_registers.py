"""A registration says who registered: the person the caller names as ``by``, or ``None`` when no person did.

Registering a person, an organisation or a product recorded ``by=None`` whoever acted, so an audit trail could not
tell a self sign-up from an import. ``by`` is now a keyword: a registered person, or the person signing up
themselves; anyone else is refused naming ``by``, and the programme is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import AccessEvent, HeldProduct, Organisation, Person, Programme, Role, UnknownPerson
from infomanager_core.access.examples import MONDAY, example_programme
from tests.bad_input.harness import Touchy
from tests.refusals import state_of

DENTAL = Organisation(id="dental", name="Dental", country="CH", members={"fred": Role.LEGAL_REPRESENTATIVE})
WEB_3 = HeldProduct(id="web-3", code="web", family="web-hosting")

#: Each registration, given who acted.
REGISTRATIONS: dict[str, Callable[[Programme, str | None], tuple[AccessEvent, ...]]] = {
    "person": lambda p, by: p.register_person(Person("zoe", "Zoé"), by=by, at=MONDAY),
    "organisation": lambda p, by: p.register_organisation(DENTAL, by=by, at=MONDAY),
    "product": lambda p, by: p.add_product("bakery", WEB_3, by=by, at=MONDAY),
}
NAMES = sorted(REGISTRATIONS)


@pytest.mark.parametrize("name", NAMES)
def test_a_registration_names_the_person_who_registered(name: str) -> None:
    [registered] = REGISTRATIONS[name](example_programme(), "fred")
    assert (registered.by, registered.at) == ("fred", MONDAY)


@pytest.mark.parametrize("name", NAMES)
def test_a_registration_by_the_operator_s_system_names_nobody(name: str) -> None:
    [registered] = REGISTRATIONS[name](example_programme(), None)
    assert registered.by is None


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("by", "error"), [("ghost", UnknownPerson), ("fred\n", InvalidInput), ("", InvalidInput)])
def test_a_registration_by_nobody_registered_is_refused_naming_by_and_nothing_changes(
    name: str, by: str, error: type[InvalidInput]
) -> None:
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(error) as refused:
        REGISTRATIONS[name](programme, by)
    assert refused.value.field == "by"
    assert state_of(programme) == before


def test_a_person_signing_up_registers_themselves() -> None:
    programme = example_programme()
    [registered] = programme.register_person(Person("zoe", "Zoé"), by="zoe", at=MONDAY)
    assert (registered.subject, registered.by) == ("zoe", "zoe")


def test_a_person_signing_up_under_an_id_already_taken_is_refused_as_a_duplicate() -> None:
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(InvalidInput) as refused:
        programme.register_person(Person("carl", "Carl"), by="carl", at=MONDAY)
    assert refused.value.field == "person"
    assert state_of(programme) == before


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("by", [Touchy(), 5, b"zoe"], ids=["touchy", "number", "bytes"])
def test_a_by_that_is_no_text_is_refused_naming_by_before_it_is_compared(name: str, by: object) -> None:
    """Even against the id of the person signing up: an object whose ``==`` raises is refused, not compared."""
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(InvalidInput) as refused:
        REGISTRATIONS[name](programme, by)  # type: ignore[arg-type]
    assert refused.value.field == "by"
    assert state_of(programme) == before
