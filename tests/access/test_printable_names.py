"""Names and ids of people, organisations and products follow the library's text rule (infomanager_core.text): a
control or invisible character is refused with ``UnprintableText`` naming field, value and character, and the
programme is left exactly as it was."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import HeldProduct, Organisation, Person, Programme, Role
from infomanager_core.errors import UnprintableText

from .world import START, make_world

LR = Role.LEGAL_REPRESENTATIVE


def organisation(**fields: object) -> Organisation:
    values: dict[str, object] = {"id": "zoo", "name": "Zoo", "country": "CH", "members": {"carl": LR}}
    return Organisation(**{**values, **fields})  # type: ignore[arg-type]


def product(**fields: str) -> HeldProduct:
    return HeldProduct(**{"id": "z-web-1", "code": "web", "family": "web-hosting", **fields})


#: (field named in the error, the command with the bad value)
REFUSED: dict[str, tuple[str, Callable[[Programme], object]]] = {
    "a person's name with a newline": ("name", lambda p: p.register_person(Person("zoe", "Zoe\nAdmin"), at=START)),
    "a person id with a zero-width space": ("person", lambda p: p.register_person(Person("carl\u200b"), at=START)),
    "an organisation's name with a bidi override": (
        "name",
        lambda p: p.register_organisation(organisation(name="Zoo \u202egnp.exe"), at=START),
    ),
    "an organisation id with a BOM": (
        "organisation",
        lambda p: p.register_organisation(organisation(id="\ufeffzoo"), at=START),
    ),
    "a product id with a tab": ("product", lambda p: p.add_product("cafe", product(id="c-web\t2"), at=START)),
    "a product code with a line separator": (
        "code",
        lambda p: p.add_product("cafe", product(code="web\u2028"), at=START),
    ),
    "a product family with a NUL": ("family", lambda p: p.add_product("cafe", product(family="web\x00"), at=START)),
    "a product of a new organisation with a zero-width joiner": (
        "product",
        lambda p: p.register_organisation(organisation(products=[product(id="z\u200dweb")]), at=START),
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_unprintable_name_or_id_is_refused_and_the_programme_is_unchanged(case: str) -> None:
    field, command = REFUSED[case]
    programme = make_world()
    before = copy.deepcopy(programme)
    with pytest.raises(UnprintableText) as raised:
        command(programme)
    assert raised.value.field == field
    assert f"{field}: {raised.value.value!r} must not contain" in str(raised.value)
    assert programme == before


def test_names_are_stored_trimmed_and_in_nfc_and_ids_exactly_as_given() -> None:
    programme = make_world()
    programme.register_person(Person("zoe", "  Zoe\u0301\r\n"), at=START)
    programme.register_organisation(organisation(name="\u3164Cafe\u0301 Zoo ", members={"zoe": LR}), at=START)
    assert programme.person("zoe").name == "Zo\u00e9"
    assert programme.organisation("zoo").name == "Caf\u00e9 Zoo"


@pytest.mark.parametrize("name", ["", "   ", "\u3164\u2800"])
def test_an_organisation_name_that_is_blank_once_trimmed_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="must be a non-empty string") as raised:
        organisation(name=name)
    assert not isinstance(raised.value, UnprintableText)


def test_a_person_may_still_have_no_name() -> None:
    assert Person("zoe").name == ""
