"""An invitation names an unknown organisation before it asks who acts, and the first of two unknown organisations in
the order of the command's arguments: an unknown id is bad input whoever sends it, not a denial (docs/decisions.md),
and a panel shows the first field to correct first."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core.access import Grant, NotALegalRepresentative, Programme, UnknownOrganisation
from infomanager_core.access.examples import MONDAY, example_programme
from tests.refusals import state_of

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
