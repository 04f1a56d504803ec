"""Organisations keep a legal representative and bill in their country's currency; grants have only valid shapes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AccessLevel,
    EmptyLimitedGrant,
    Grant,
    HeldProduct,
    InvalidGrant,
    LastLegalRepresentative,
    NotAMember,
    Organisation,
    PaymentMeans,
    Role,
    billing_currency,
    grant_differences,
    hostings_of_family,
    is_wider,
)
from infomanager_core.access.organisation import with_member, with_role, without_member
from tests import strategies as s

LR, ADMIN, USER = Role.LEGAL_REPRESENTATIVE, Role.ADMINISTRATOR, Role.USER


def organisation(country: str = "CH", **members: Role) -> Organisation:
    return Organisation(id="acme", name="Acme", country=country, members=members or {"alice": LR})


class TestOrganisations:
    def test_an_organisation_needs_a_legal_representative_from_the_start(self) -> None:
        with pytest.raises(InvalidInput, match="legal representative"):
            Organisation(id="acme", name="Acme", country="CH", members={"bob": USER})

    def test_the_last_legal_representative_cannot_be_removed(self) -> None:
        with pytest.raises(LastLegalRepresentative) as raised:
            without_member(organisation(alice=LR, bob=ADMIN), "alice")
        assert (raised.value.organisation, raised.value.person) == ("acme", "alice")

    @pytest.mark.parametrize("role", [ADMIN, USER])
    def test_the_last_legal_representative_cannot_be_demoted(self, role: Role) -> None:
        with pytest.raises(LastLegalRepresentative):
            with_role(organisation(alice=LR, bob=ADMIN), "alice", role)

    def test_a_legal_representative_can_go_once_another_one_exists(self) -> None:
        both = with_role(organisation(alice=LR, bob=ADMIN), "bob", LR)
        assert without_member(both, "alice").legal_representatives == ("bob",)

    def test_roles_of_non_members_cannot_change(self) -> None:
        with pytest.raises(NotAMember):
            with_role(organisation(), "zoe", USER)
        with pytest.raises(NotAMember):
            without_member(organisation(), "zoe")

    @given(st.lists(st.tuples(st.sampled_from(["alice", "bob", "carol"]), st.sampled_from(Role)), max_size=12))
    def test_any_sequence_of_role_changes_keeps_a_legal_representative(self, changes: list[tuple[str, Role]]) -> None:
        org = organisation(alice=LR)
        for person, role in changes:
            with contextlib.suppress(LastLegalRepresentative, NotAMember):
                org = with_member(org, person, role) if role is not USER else without_member(org, person)
            assert org.legal_representatives

    @pytest.mark.parametrize(("country", "currency"), [("CH", "CHF"), ("FR", "EUR"), ("DE", "EUR"), ("LI", "EUR")])
    def test_the_billing_currency_follows_the_postal_address(self, country: str, currency: str) -> None:
        assert billing_currency(organisation(country)) == currency

    def test_the_billing_currency_mapping_is_a_parameter(self) -> None:
        mapping = {"CH": "CHF", "LI": "CHF"}
        assert billing_currency(organisation("LI"), by_country=mapping) == "CHF"
        assert billing_currency(organisation("FR"), by_country=mapping, otherwise="GBP") == "GBP"

    def test_hostings_are_counted_per_family(self) -> None:
        products = [HeldProduct(id=f"w{i}", code="web", family="web-hosting") for i in range(35)]
        products.append(HeldProduct(id="m1", code="mail", family="mail-hosting"))
        org = Organisation(id="acme", name="Acme", country="CH", members={"a": LR}, products=products)
        assert hostings_of_family(org, "web-hosting") == 35
        assert hostings_of_family(org, "mail-hosting") == 1

    @pytest.mark.parametrize(
        ("field", "value"),
        [("id", ""), ("name", "  "), ("country", "ch"), ("country", "CHE"), ("members", [("a", LR)])],
    )
    def test_bad_organisation_fields_are_refused_with_their_name(self, field: str, value: object) -> None:
        fields: dict[str, object] = {"id": "acme", "name": "Acme", "country": "CH", "members": {"a": LR}}
        fields[field] = value
        with pytest.raises(InvalidInput):
            Organisation(**fields)  # type: ignore[arg-type]

    def test_a_product_cannot_be_held_twice(self) -> None:
        web = HeldProduct(id="w1", code="web", family="web-hosting")
        with pytest.raises(InvalidInput, match="same product id twice"):
            Organisation(id="acme", name="Acme", country="CH", members={"a": LR}, products=[web, web])


class TestGrants:
    def test_limited_access_must_name_a_product(self) -> None:
        with pytest.raises(EmptyLimitedGrant):
            Grant.limited([])

    @pytest.mark.parametrize(
        "fields",
        [
            {"level": AccessLevel.FULL},
            {"level": AccessLevel.FULL, "payment_means": PaymentMeans.CLIENT, "products": {"a"}},
            {"level": AccessLevel.LIMITED, "payment_means": PaymentMeans.CLIENT, "products": {"a"}},
            {"level": "full", "payment_means": PaymentMeans.CLIENT},
            {"level": AccessLevel.LIMITED, "products": "web-1"},
            {"level": AccessLevel.LIMITED, "products": {""}},
        ],
    )
    def test_a_grant_of_the_wrong_shape_is_refused(self, fields: dict[str, object]) -> None:
        with pytest.raises(InvalidGrant):
            Grant(**fields)  # type: ignore[arg-type]

    def test_full_access_covers_every_product_and_limited_only_its_own(self) -> None:
        assert Grant.full().covers("anything")
        assert Grant.limited({"a"}).covers("a")
        assert not Grant.limited({"a"}).covers("b")

    @given(s.grants(("a", "b", "c")), s.grants(("a", "b", "c")))
    def test_grants_differ_exactly_when_they_are_not_equal(self, requested: Grant, granted: Grant) -> None:
        assert bool(grant_differences(requested, granted)) == (requested != granted)

    @given(s.grants(("a", "b", "c")), s.grants(("a", "b", "c")))
    def test_wider_means_reaching_a_product_the_other_does_not(self, one: Grant, other: Grant) -> None:
        products = ("a", "b", "c", "z")
        reaches_more = any(one.covers(p) and not other.covers(p) for p in products)
        assert is_wider(one, other) == reaches_more

    def test_the_payment_means_never_widens_a_grant(self) -> None:
        assert not is_wider(Grant.full(PaymentMeans.PARTNER), Grant.full(PaymentMeans.CLIENT))


@given(
    ids=st.lists(st.sampled_from(["web-1", "mail-2"]), min_size=1, max_size=3),
    bad=st.sampled_from([["web-1"], 5, None, "", " ", "a\x00b", "web\n1", "\ud800", b"web-1"]),
)
def test_a_limited_grant_refuses_any_product_that_is_not_an_id_with_a_typed_error(ids: list[str], bad: object) -> None:
    """An unhashable product raised a bare TypeError, a NUL or a newline was kept (found by the user-journey review)."""
    with pytest.raises(InvalidGrant, match="must contain only product ids"):
        Grant.limited([*ids, bad])  # type: ignore[list-item]
    assert Grant.limited(iter(ids)).products == frozenset(ids)
