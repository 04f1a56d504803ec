"""Every decision's verdict agrees with its reason, and the export rule is exactly "a manager of a partner"."""

from __future__ import annotations

from hypothesis import given

from infomanager_core.access import (
    Decision,
    Programme,
    can_export_clients,
    can_manage_product,
    can_order,
    can_reach_client,
    can_reach_product,
)

from .world import ORGANISATIONS, PEOPLE, PRODUCTS, managed_world, managed_worlds

#: the reasons that grant something; every other reason is a refusal
GRANTING = {
    "partner-manager",
    "assigned-client",
    "full-access",
    "managed-product",
    "own-organisation",
    "full-access-orders",
    "may-export",
}


def every_decision(programme: Programme) -> list[Decision]:
    decisions = []
    for person in PEOPLE:
        for organisation in ORGANISATIONS:
            decisions.append(can_reach_client(programme, person, organisation))
            decisions.append(can_order(programme, person, organisation))
            decisions.append(can_export_clients(programme, person, organisation))
        for product in PRODUCTS:
            decisions.append(can_manage_product(programme, person, product))
            decisions.append(can_reach_product(programme, person, product))
    return decisions


@given(managed_worlds())
def test_a_decision_is_allowed_exactly_when_its_reason_grants(programme: Programme) -> None:
    for decision in every_decision(programme):
        assert decision.allowed is (decision.reason.code in GRANTING), decision


def test_only_the_legal_representatives_and_administrators_of_a_partner_may_export_its_clients() -> None:
    programme = managed_world({})
    for person in PEOPLE:
        for organisation, (_, partner, members, _) in ORGANISATIONS.items():
            decision = can_export_clients(programme, person, organisation)
            role = members.get(person)
            expected = partner and role is not None and role.manages
            assert decision.allowed is expected, (person, organisation)
            assert (decision.reason.code == "may-export") is expected


def test_a_legal_representative_of_a_client_may_not_export_a_client_list() -> None:
    programme = managed_world({})
    decision = can_export_clients(programme, "carl", "bakery")
    assert not decision.allowed
    assert decision.reason.code == "not-a-partner"
