"""An unknown organisation is refused naming the parameter it was given in (``partner``, ``client``), as the checkout
names ``client`` and ``placed_by``: a panel maps the error back to the form field that holds the typo. An invitation
names an unknown organisation before it asks who acts, and the first of two unknown organisations in the order of the
command's arguments: an unknown id is bad input whoever sends it, not a denial (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core.access import (
    Grant,
    NotALegalRepresentative,
    Programme,
    UnknownOrganisation,
    UnknownPerson,
    can_export_clients,
    can_order,
    can_reach_client,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.tenders import Contact, TenderBoard
from tests.refusals import state_of

CONTACT = Contact(name="Carl", email="carl@bakery.example")

#: A command or question given one unknown organisation, and the parameter that holds it.
CALLS: dict[str, tuple[str, Callable[[Programme], object]]] = {
    "invite, unknown partner": (
        "partner",
        lambda p: p.invite(partner="ghost", client="cafe", grant=Grant.full(), by="paula", at=MONDAY),
    ),
    "invite, unknown client": (
        "client",
        lambda p: p.invite(partner="agency", client="ghost", grant=Grant.full(), by="paula", at=MONDAY),
    ),
    "authorise, unknown partner": (
        "partner",
        lambda p: p.authorise(client="cafe", partner="ghost", grant=Grant.full(), by="fred", at=MONDAY),
    ),
    "authorise, unknown client": (
        "client",
        lambda p: p.authorise(client="ghost", partner="agency", grant=Grant.full(), by="fred", at=MONDAY),
    ),
    "assign, unknown partner": (
        "partner",
        lambda p: p.assign_client(partner="ghost", client="bakery", person="ulla", by="adam", at=MONDAY),
    ),
    "assign, unknown client": (
        "client",
        lambda p: p.assign_client(partner="agency", client="ghost", person="ulla", by="adam", at=MONDAY),
    ),
    "unassign, unknown client": (
        "client",
        lambda p: p.unassign_client(partner="agency", client="ghost", person="uma", by="adam", at=MONDAY),
    ),
    "can_reach_client": ("client", lambda p: can_reach_client(p, "uma", "ghost")),
    "can_order": ("client", lambda p: can_order(p, "uma", "ghost")),
    "can_export_clients": ("partner", lambda p: can_export_clients(p, "uma", "ghost")),
    "tender submit": (
        "client",
        lambda p: TenderBoard(p).submit("ghost", title="Site", description="A site.", contact=CONTACT, at=MONDAY),
    ),
    "tender open": ("partner", lambda p: TenderBoard(p).open("call-1", partner="ghost", at=MONDAY)),
}


@pytest.mark.parametrize("case", sorted(CALLS))
def test_an_unknown_organisation_is_refused_naming_the_parameter_that_holds_it(case: str) -> None:
    field, call = CALLS[case]
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(UnknownOrganisation) as refused:
        call(programme)
    assert refused.value.field == field
    assert str(refused.value) == f"{field}: 'ghost' is not a known organisation"
    assert state_of(programme) == before


@pytest.mark.parametrize(
    "command",
    [
        lambda p: p.change_role("agency", "ghost", p.role_of("uma", "agency"), by="paula", at=MONDAY),
        lambda p: p.remove_member("agency", "ghost", by="paula", at=MONDAY),
    ],
    ids=["change_role", "remove_member"],
)
def test_an_unknown_member_is_an_unknown_person_as_the_docs_say_of_every_well_formed_id_nobody_has(
    command: Callable[[Programme], object],
) -> None:
    """It was ``NotAMember``: true, but the docs promise an ``Unknown…`` error, as assigning an unknown person gives."""
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(UnknownPerson) as refused:
        command(programme)
    assert refused.value.field == "person"
    assert state_of(programme) == before


Command = Callable[[Programme], object]


def _refused_on(command: Command) -> str:
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(UnknownOrganisation) as refused:
        command(programme)
    assert state_of(programme) == before
    return refused.value.field


@pytest.mark.parametrize("by", ["paula", "adam", "carl", "fred"])
def test_an_invitation_to_an_unknown_client_is_refused_on_client_whoever_sends_it(by: str) -> None:
    """paula may invite for the agency; adam, carl and fred may not — the unknown client is said first to all."""

    def invite(p: Programme) -> object:
        return p.invite(partner="agency", client="ghost", grant=Grant.full(), by=by, at=MONDAY)

    assert _refused_on(invite) == "client"


@pytest.mark.parametrize("by", ["fred", "carl", "paula", "uma"])
def test_an_authorisation_of_an_unknown_partner_is_refused_on_partner_whoever_offers_it(by: str) -> None:
    def authorise(p: Programme) -> object:
        return p.authorise(client="cafe", partner="ghost", grant=Grant.full(), by=by, at=MONDAY)

    assert _refused_on(authorise) == "partner"


@pytest.mark.parametrize(
    ("command", "first"),
    [
        (lambda p: p.invite(partner="ghost", client="nobody", grant=Grant.full(), by="paula", at=MONDAY), "partner"),
        (lambda p: p.authorise(client="ghost", partner="nobody", grant=Grant.full(), by="fred", at=MONDAY), "client"),
    ],
    ids=["invite(partner, client)", "authorise(client, partner)"],
)
def test_two_unknown_organisations_are_refused_on_the_first_argument_of_the_command(
    command: Command, first: str
) -> None:
    assert _refused_on(command) == first


def test_only_a_legal_representative_of_the_client_authorises_a_partner() -> None:
    programme = example_programme()
    before = state_of(programme)
    with pytest.raises(NotALegalRepresentative):
        programme.authorise(client="cafe", partner="agency", grant=Grant.full(), by="paula", at=MONDAY)
    assert state_of(programme) == before
