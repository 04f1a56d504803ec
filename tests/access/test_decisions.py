"""Access decisions are default-deny, explain themselves and agree with the listings."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import (
    AccessDenied,
    Grant,
    PaymentMeans,
    Programme,
    UnknownOrganisation,
    UnknownPerson,
    can_export_clients,
    can_manage_product,
    can_order,
    can_reach_client,
    can_reach_product,
    reachable_clients,
    reachable_products,
)
from infomanager_core.adapters.clients_csv import HEADER, managed_clients_csv, write_managed_clients_csv

from .world import (
    CLIENTS,
    LEGAL_REPRESENTATIVES,
    ORGANISATIONS,
    OWNER,
    PEOPLE,
    PRODUCTS,
    START,
    make_world,
    managed_world,
    managed_worlds,
    own_products,
)


class TestReasons:
    def test_managers_reach_every_managed_client_and_users_only_their_own(self) -> None:
        programme = managed_world({"bakery": Grant.full(), "dental": Grant.full()}, (("uma", "bakery"),))
        assert can_reach_client(programme, "paula", "dental").reason.code == "partner-manager"
        assert can_reach_client(programme, "adam", "dental").reason.code == "partner-manager"
        assert can_reach_client(programme, "uma", "bakery").reason.code == "assigned-client"
        denied = can_reach_client(programme, "uma", "dental")
        assert not denied
        assert denied.reason.code == "not-assigned"
        assert denied.facts == {
            "person": "uma",
            "client": "dental",
            "partner": "agency",
            "partnership": "partnership-2",
            "role": "user",
        }

    def test_nobody_outside_the_partner_reaches_a_client(self) -> None:
        programme = managed_world({"bakery": Grant.full()})
        for person in ("sam", "sue", "dora", "nobody", "carl", "cleo"):
            assert can_reach_client(programme, person, "bakery").reason.code == "not-partner-staff"

    def test_a_pending_invitation_gives_nothing(self) -> None:
        programme = make_world()
        programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START)
        decision = can_reach_client(programme, "paula", "bakery")
        assert not decision.allowed
        assert decision.reason.code == "no-active-partnership"
        assert str(decision) == "denied (no-active-partnership): the client has no active partnership (default deny)"

    def test_limited_access_covers_its_products_and_never_ordering(self) -> None:
        programme = managed_world({"bakery": Grant.limited({"b-web-1"})})
        assert can_manage_product(programme, "paula", "b-web-1").reason.code == "managed-product"
        assert can_manage_product(programme, "paula", "b-web-2").reason.code == "product-not-managed"
        assert can_order(programme, "paula", "bakery").reason.code == "limited-access-cannot-order"

    def test_full_access_covers_every_product_and_ordering(self) -> None:
        programme = managed_world({"bakery": Grant.full(PaymentMeans.PARTNER)})
        assert can_manage_product(programme, "adam", "b-mail-1").reason.code == "full-access"
        assert can_order(programme, "adam", "bakery").reason.code == "full-access-orders"

    def test_members_reach_their_own_products(self) -> None:
        programme = make_world()
        assert can_reach_product(programme, "cleo", "b-web-1").reason.code == "own-organisation"
        assert not can_reach_product(programme, "paula", "b-web-1")

    def test_only_partner_managers_export_the_client_list(self) -> None:
        programme = managed_world({"bakery": Grant.full()})
        assert can_export_clients(programme, "paula", "agency")
        assert can_export_clients(programme, "adam", "agency")
        assert can_export_clients(programme, "uma", "agency").reason.code == "not-a-manager"
        assert can_export_clients(programme, "sam", "agency").reason.code == "not-partner-staff"
        assert can_export_clients(programme, "carl", "bakery").reason.code == "not-a-partner"

    def test_unknown_people_and_organisations_are_bad_input(self) -> None:
        programme = make_world()
        with pytest.raises(UnknownPerson):
            can_reach_client(programme, "ghost", "bakery")
        with pytest.raises(UnknownOrganisation):
            can_reach_client(programme, "paula", "ghost")


class TestProperties:
    @given(managed_worlds())
    def test_no_access_without_an_active_grant(self, programme: Programme) -> None:
        for client in ORGANISATIONS:
            if programme.active_partnership(client) is None:
                for person in PEOPLE:
                    assert not can_reach_client(programme, person, client)
                    assert not can_order(programme, person, client)
        for product in PRODUCTS:
            if programme.active_partnership(OWNER[product]) is None:
                for person in PEOPLE:
                    assert not can_manage_product(programme, person, product)

    @given(managed_worlds())
    def test_limited_access_never_allows_ordering(self, programme: Programme) -> None:
        for client in CLIENTS:
            partnership = programme.active_partnership(client)
            if partnership is not None and not partnership.granted.is_full:
                assert not any(can_order(programme, person, client) for person in PEOPLE)

    @given(managed_worlds())
    def test_listings_agree_with_single_decisions(self, programme: Programme) -> None:
        for person in PEOPLE:
            clients = tuple(c for c in sorted(ORGANISATIONS) if can_reach_client(programme, person, c))
            products = tuple(p for p in sorted(PRODUCTS) if can_manage_product(programme, person, p))
            assert reachable_clients(programme, person) == clients
            assert reachable_products(programme, person) == products

    @given(managed_worlds(), st.sampled_from(CLIENTS), st.sampled_from(("client", "partner")))
    def test_ending_removes_every_access_at_once(self, programme: Programme, client: str, side: str) -> None:
        partnership = programme.active_partnership(client)
        if partnership is None:
            return
        programme.end(partnership.id, by="paula" if side == "partner" else LEGAL_REPRESENTATIVES[client], at=START)
        for person in PEOPLE:
            assert client not in reachable_clients(programme, person)
            assert not can_reach_client(programme, person, client)
            assert not any(can_manage_product(programme, person, p) for p in own_products(client))


class TestCsvExport:
    def test_one_row_per_managed_client(self) -> None:
        programme = managed_world({"bakery": Grant.limited({"b-web-2", "b-web-1"}), "cafe": Grant.full()})
        rows = list(csv.reader(io.StringIO(managed_clients_csv(programme, person="adam", partner="agency"))))
        assert rows == [
            list(HEADER),
            ["bakery", "Bakery", "limited", "", "b-web-1\nb-web-2", "2026-01-05T09:00:00+00:00"],
            ["cafe", "Cafe", "full", "client's", "all", "2026-01-05T09:00:00+00:00"],
        ]

    def test_users_may_not_export_and_nothing_is_written(self) -> None:
        programme = managed_world({"bakery": Grant.full()}, (("uma", "bakery"),))
        stream = io.StringIO()
        with pytest.raises(AccessDenied) as raised:
            write_managed_clients_csv(programme, stream, person="uma", partner="agency")
        assert raised.value.decision.reason.code == "not-a-manager"
        assert stream.getvalue() == ""
