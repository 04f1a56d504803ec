"""An adversary's tries at tags, each refused by a typed error naming the field, the value and the rule — and leaving
the tagging *and* the programme exactly as they were (a deep snapshot of both compared after the refusal).

The world (``tests.access.world``): the agency manages the bakery with full access and the dental practice with
limited access to ``d-web-1``; its user uma is assigned the bakery, its user ulla no client; the cafe has no partner.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest

from infomanager_core import InfomanagerError
from infomanager_core.access import AccessDenied, BackdatedCommand, Grant, ProductOfAnotherOrganisation
from infomanager_core.tags import (
    DuplicateTagName,
    EmptyTagName,
    Tagging,
    TagNameTooLong,
    UnknownColour,
    UnknownTag,
    UnprintableTagName,
)
from tests.access.world import START, managed_world

AT = START
LATER = START + timedelta(days=1)


def world() -> Tagging:
    """Tags: ``tag-1`` "Shop" of the bakery on b-web-1 (changed last at ``LATER``), ``tag-2`` "Mail" of the dental
    practice on d-web-1, ``tag-3`` "Lunch" of the cafe; the agency's partnership with the cafe ended."""
    programme = managed_world({"bakery": Grant.full(), "dental": Grant.limited({"d-web-1"})}, (("uma", "bakery"),))
    tagging = Tagging(programme)
    for organisation, name, by, product in (
        ("bakery", "Shop", "carl", "b-web-1"),
        ("dental", "Mail", "dora", "d-web-1"),
        ("cafe", "Lunch", "fred", "c-web-1"),
    ):
        [created] = tagging.create(organisation, name, colour=1, by=by, at=AT)
        tagging.attach(created.tag, product, by=by, at=AT)
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=AT)
    [_, started] = programme.accept(sent.subject, by="fred", at=AT)
    programme.end(started.subject, by="fred", at=AT)
    tagging.recolour("tag-1", 2, by="carl", at=LATER)
    return tagging


#: case → (the command, the error, its field, its value)
TRIES: dict[str, tuple[Callable[[Tagging], object], type[InfomanagerError], str, object]] = {
    "a colour one past the palette": (
        lambda t: t.recolour("tag-1", 10, by="carl", at=LATER),
        UnknownColour,
        "colour",
        10,
    ),
    "a colour below the palette": (lambda t: t.recolour("tag-1", -1, by="carl", at=LATER), UnknownColour, "colour", -1),
    "a bool as a colour": (lambda t: t.recolour("tag-1", True, by="carl", at=LATER), UnknownColour, "colour", True),
    "a float as a colour": (lambda t: t.recolour("tag-1", 3.0, by="carl", at=LATER), UnknownColour, "colour", 3.0),  # type: ignore[arg-type]
    "a Decimal as a colour": (
        lambda t: t.create("bakery", "New", colour=Decimal(3), by="carl", at=LATER),  # type: ignore[arg-type]
        UnknownColour,
        "colour",
        Decimal(3),
    ),
    "a name one past the length": (
        lambda t: t.rename("tag-1", " " + "x" * 33 + " ", by="carl", at=LATER),
        TagNameTooLong,
        "name",
        "x" * 33,
    ),
    "a name of a grapheme joiner": (
        lambda t: t.create("bakery", "\u034f", colour=0, by="carl", at=LATER),
        EmptyTagName,
        "name",
        "\u034f",
    ),
    "a name with a bidi override": (
        lambda t: t.create("bakery", "a\u202eb", colour=0, by="carl", at=LATER),
        UnprintableTagName,
        "name",
        "a\u202eb",
    ),
    "a name with a zero-width space at its end": (
        lambda t: t.create("bakery", "Web\u200b", colour=0, by="carl", at=LATER),
        UnprintableTagName,
        "name",
        "Web\u200b",
    ),
    "the same name in full width": (
        lambda t: t.create("bakery", "\uff53\uff48\uff4f\uff50", colour=0, by="carl", at=LATER),
        DuplicateTagName,
        "name",
        "\uff53\uff48\uff4f\uff50",
    ),
    "the same name with a variation selector": (
        lambda t: t.create("bakery", "Shop\ufe0f", colour=0, by="carl", at=LATER),
        DuplicateTagName,
        "name",
        "Shop\ufe0f",
    ),
    "a tag of another organisation": (
        lambda t: t.rename("tag-2", "Mine", by="carl", at=LATER),
        AccessDenied,
        "manage tags",
        ("carl", "tag-2"),
    ),
    "a product of another organisation": (
        lambda t: t.attach("tag-1", "d-web-1", by="paula", at=LATER),
        ProductOfAnotherOrganisation,
        "product",
        "d-web-1",
    ),
    "a product of an organisation the person does not reach": (
        lambda t: t.attach("tag-1", "c-web-1", by="ulla", at=LATER),
        AccessDenied,
        "tag product",
        ("ulla", "c-web-1"),
    ),
    "a partner after the partnership ended": (
        lambda t: t.detach("tag-3", "c-web-1", by="paula", at=LATER),
        AccessDenied,
        "tag product",
        ("paula", "c-web-1"),
    ),
    "a collaborator not assigned the client": (
        lambda t: t.create("bakery", "Ulla's", colour=0, by="ulla", at=LATER),
        AccessDenied,
        "create tags",
        ("ulla", "bakery"),
    ),
    "limited access managing the client's own tag": (
        lambda t: t.delete("tag-2", by="adam", at=LATER),
        AccessDenied,
        "manage tags",
        ("adam", "tag-2"),
    ),
    "a deleted or never-made tag": (lambda t: t.delete("tag-9", by="carl", at=LATER), UnknownTag, "tag", "tag-9"),
    "an act dated before the tag's latest change": (
        lambda t: t.rename("tag-1", "Earlier", by="carl", at=AT),
        BackdatedCommand,
        "at",
        AT,
    ),
}


@pytest.mark.parametrize("case", sorted(TRIES))
def test_an_adversary_s_try_is_refused_by_name_and_changes_neither_tags_nor_access(case: str) -> None:
    tagging = world()
    snapshot = copy.deepcopy(tagging)
    command, error, field, value = TRIES[case]
    with pytest.raises(error) as raised:
        command(tagging)
    assert (raised.value.field, raised.value.value) == (field, value)  # type: ignore[attr-defined]
    assert raised.value.rule  # type: ignore[attr-defined]
    assert tagging == snapshot
    assert tagging.access == snapshot.access


def test_a_person_who_reaches_neither_learns_nothing_of_whose_product_it_is() -> None:
    tagging = world()
    with pytest.raises(AccessDenied) as raised:
        tagging.attach("tag-1", "c-web-1", by="ulla", at=LATER)
    assert "cafe" not in str(raised.value)


@pytest.mark.parametrize(
    ("colour", "accepted"), [(0, True), (9, True), (10, False), (-1, False), (False, False), (2**70, False)]
)
def test_a_colour_is_accepted_exactly_from_the_first_index_to_the_last(colour: int, accepted: bool) -> None:
    tagging = world()
    try:
        tagging.recolour("tag-1", colour, by="carl", at=LATER)
    except UnknownColour:
        assert not accepted
    else:
        assert accepted
        assert tagging.tag("tag-1").colour == colour


def test_a_name_exactly_at_the_length_bound_is_accepted_counting_code_points_of_its_nfc_form() -> None:
    tagging = world()
    tagging.rename("tag-1", " " + "e\u0301" * 32 + " ", by="carl", at=LATER)  # 64 code points typed, 32 stored
    assert tagging.tag("tag-1").name == "\u00e9" * 32
    tagging.create("bakery", "\U0001f1eb\U0001f1f7" * 16, colour=0, by="carl", at=LATER)  # 16 flags, 32 code points
    with pytest.raises(TagNameTooLong):
        tagging.create("bakery", "\U0001f1eb\U0001f1f7" * 16 + "!", colour=0, by="carl", at=LATER)
