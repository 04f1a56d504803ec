"""Refusals say who, what and which rule: AccessDenied names field, value and rule; each side has its own error."""

from __future__ import annotations

import copy

import pytest

from infomanager_core.access import (
    AccessDenied,
    Grant,
    NotALegalRepresentative,
    NotTheInvitingSide,
    NotTheReceivingSide,
    can_export_clients,
)
from infomanager_core.adapters.clients_csv import managed_clients_csv
from infomanager_core.tags import Tagging

from .world import START, make_world, managed_world


def test_a_denied_export_names_the_action_the_person_and_target_and_the_rule() -> None:
    programme = managed_world({"bakery": Grant.full()})
    with pytest.raises(AccessDenied) as raised:
        managed_clients_csv(programme, person="uma", partner="agency")
    denied = raised.value
    assert denied.field == "export clients"
    assert denied.value == ("uma", "agency")
    assert denied.rule == denied.decision.reason.text
    assert denied.decision == can_export_clients(programme, "uma", "agency")
    assert str(denied).startswith("export clients: ('uma', 'agency') only legal representatives")


def test_a_denied_tagging_names_the_action_the_person_and_the_product() -> None:
    programme = managed_world({"bakery": Grant.limited({"b-web-1"})}, (("uma", "bakery"),))
    tagging = Tagging(programme)
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=START)
    with pytest.raises(AccessDenied) as raised:
        tagging.attach(created.tag, "b-web-2", by="uma", at=START)
    assert (raised.value.field, raised.value.value) == ("tag product", ("uma", "b-web-2"))
    assert raised.value.decision.reason.code == "product-not-managed"
    assert "limited access does not cover this product" in str(raised.value)


def test_cancelling_from_the_receiving_side_is_refused_as_not_the_inviting_side() -> None:
    programme = make_world()
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START)
    before = copy.deepcopy(programme)
    with pytest.raises(NotTheInvitingSide) as raised:
        programme.cancel(sent.subject, by="carl", at=START)
    assert not isinstance(raised.value, NotTheReceivingSide)
    assert (raised.value.person, raised.value.invitation, raised.value.side) == ("carl", sent.subject, "partner")
    assert "inviting" in str(raised.value)
    assert programme == before


@pytest.mark.parametrize(
    ("person", "named"),
    [("adam", "agency"), ("uma", "agency"), ("cleo", "bakery"), ("sam", "bakery"), ("nobody", "bakery")],
)
def test_ending_a_partnership_without_being_a_legal_representative_names_the_side_the_person_is_on(
    person: str, named: str
) -> None:
    """Either side's legal representative may end a partnership. The agency's administrator was told only that he is
    not a legal representative of the bakery — true, and beside the point: of the agency, which he belongs to, he is
    not one either. A member of neither side is told of the client, as before."""
    programme = managed_world({"bakery": Grant.full()})
    [partnership] = [p.id for p in programme.partnerships if p.client == "bakery"]
    before = copy.deepcopy(programme)
    with pytest.raises(NotALegalRepresentative) as refused:
        programme.end(partnership, by=person, at=START)
    assert (refused.value.person, refused.value.organisation) == (person, named)
    assert str(refused.value) == f"{person!r} is not a legal representative of {named!r}"
    assert programme == before
