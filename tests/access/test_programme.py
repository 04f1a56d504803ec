"""Invitations, acceptances, changes, assignments and endings: the stories, their events and their refusals; and the
programme's own shape: it takes no state through its constructor, any positive validity, and exact events.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs
import pytest

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.access import (
    AlreadyAMember,
    AlreadyRegistered,
    ClientAlreadyManaged,
    EmptyLimitedGrant,
    EventKind,
    Grant,
    HeldProduct,
    InvalidMoment,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationPending,
    InvitationStatus,
    LastLegalRepresentative,
    NotALegalRepresentative,
    NotAManagedClient,
    NotAManager,
    NotAMember,
    NotAPartner,
    NotTheInvitingSide,
    NotTheReceivingSide,
    PartnershipEnded,
    PaymentMeans,
    ProductOfAnotherOrganisation,
    ProductsNotManaged,
    Programme,
    Role,
    SameOrganisation,
    UnknownInvitation,
    UnknownOrganisation,
    UnknownPartnership,
    UnknownPerson,
    UnknownProduct,
    WrongAccessLevel,
    can_reach_client,
    reachable_clients,
)
from infomanager_core.access.examples import MONDAY, example_programme

from .world import START, make_world

LATER = START + timedelta(days=3)


@pytest.fixture
def programme() -> Programme:
    return make_world()


def invite(programme: Programme, grant: Grant | None = None, client: str = "bakery") -> str:
    [sent] = programme.invite(partner="agency", client=client, grant=grant or Grant.full(), by="paula", at=START)
    return sent.subject


def manage(programme: Programme, grant: Grant | None = None, client: str = "bakery") -> str:
    lr = {"bakery": "carl", "dental": "dora", "cafe": "fred"}[client]
    _, started = programme.accept(invite(programme, grant, client), by=lr, at=START)
    return started.subject


class TestInvitations:
    def test_a_client_grants_less_than_requested_and_the_partner_sees_the_difference(
        self, programme: Programme
    ) -> None:
        invitation = invite(programme, Grant.full(PaymentMeans.PARTNER))
        accepted, started = programme.accept(invitation, by="carl", at=LATER, grant=Grant.limited({"b-web-1"}))
        assert accepted.what is EventKind.INVITATION_ACCEPTED
        assert started.what is EventKind.PARTNERSHIP_STARTED
        assert started.notify == {"agency", "bakery"}
        partnership = programme.partnership(started.subject)
        assert partnership.requested == Grant.full(PaymentMeans.PARTNER)
        assert partnership.granted == Grant.limited({"b-web-1"})
        assert [d.field for d in partnership.differences] == ["level", "payment means", "products"]
        assert partnership.since == LATER

    def test_accepting_as_requested_leaves_no_difference(self, programme: Programme) -> None:
        partnership = programme.partnership(manage(programme))
        assert partnership.differences == ()

    def test_a_client_may_authorise_a_partner_which_accepts_the_offer(self, programme: Programme) -> None:
        [sent] = programme.authorise(
            client="dental", partner="studio", grant=Grant.limited({"d-web-1"}), by="dan", at=START
        )
        assert sent.after.requested == Grant.limited({"d-web-1"})
        _, started = programme.accept(sent.subject, by="sam", at=START)
        assert programme.partnership(started.subject).granted == Grant.limited({"d-web-1"})

    def test_only_a_legal_representative_of_the_partner_invites(self, programme: Programme) -> None:
        for person in ("adam", "uma", "carl", "sam"):
            with pytest.raises(NotALegalRepresentative):
                programme.invite(partner="agency", client="bakery", grant=Grant.full(), by=person, at=START)

    def test_an_organisation_without_partner_status_cannot_invite(self, programme: Programme) -> None:
        with pytest.raises(NotAPartner):
            programme.invite(partner="bakery", client="cafe", grant=Grant.full(), by="carl", at=START)

    def test_only_the_receiving_side_answers(self, programme: Programme) -> None:
        invitation = invite(programme)
        for person in ("paula", "cleo", "dora"):
            with pytest.raises(NotTheReceivingSide):
                programme.accept(invitation, by=person, at=START)

    def test_only_a_legal_representative_of_the_inviting_side_cancels(self, programme: Programme) -> None:
        invitation = invite(programme)
        [offered] = programme.authorise(client="cafe", partner="agency", grant=Grant.full(), by="fred", at=START)
        programme.add_member("cafe", "cleo", Role.ADMINISTRATOR, by="fred", at=START)
        before = copy.deepcopy(programme)
        for sent, person in ((invitation, "adam"), (invitation, "uma"), (offered.subject, "cleo")):
            with pytest.raises(NotTheInvitingSide):
                programme.cancel(sent, by=person, at=START)
        assert programme == before

    def test_an_invitation_is_used_once(self, programme: Programme) -> None:
        invitation = invite(programme)
        programme.accept(invitation, by="carl", at=START)
        with pytest.raises(InvitationAlreadyUsed):
            programme.accept(invitation, by="carl", at=START)

    def test_an_invitation_expires_after_fifteen_days_by_default(self, programme: Programme) -> None:
        invitation = invite(programme)
        assert programme.invitation(invitation).status_at(START + timedelta(days=15)) is InvitationStatus.EXPIRED
        with pytest.raises(InvitationExpired):
            programme.accept(invitation, by="carl", at=START + timedelta(days=15))
        programme.accept(invitation, by="carl", at=START + timedelta(days=14, hours=23))

    @pytest.mark.parametrize("answer", ["accept", "refuse", "cancel"])
    def test_an_answered_invitation_keeps_its_answer_past_its_expiry(self, programme: Programme, answer: str) -> None:
        """Only an unanswered invitation expires: asked about later, an answered one still says how it was answered,
        and answering it again is refused as used, not as expired."""
        invitation = invite(programme)
        by = "paula" if answer == "cancel" else "carl"
        getattr(programme, answer)(invitation, by=by, at=START)
        answered = programme.invitation(invitation).answered
        later = programme.invitation(invitation).expires_at + timedelta(days=30)
        assert programme.invitation(invitation).status_at(later) is answered is not InvitationStatus.OPEN
        before = copy.deepcopy(programme)
        with pytest.raises(InvitationAlreadyUsed) as refused:
            programme.accept(invitation, by="carl", at=later)
        assert not isinstance(refused.value, InvitationExpired)
        assert programme == before

    def test_the_validity_is_configurable(self) -> None:
        programme = make_world()
        programme.invitation_validity = timedelta(days=2)
        invitation = invite(programme)
        with pytest.raises(InvitationExpired):
            programme.accept(invitation, by="carl", at=START + timedelta(days=2))
        with pytest.raises(InvalidInput):
            Programme(invitation_validity=timedelta(0))

    @pytest.mark.parametrize("answer", ["refuse", "cancel"])
    def test_refused_or_cancelled_invitations_grant_nothing(self, programme: Programme, answer: str) -> None:
        invitation = invite(programme)
        if answer == "refuse":
            [event] = programme.refuse(invitation, by="carl", at=START)
        else:
            [event] = programme.cancel(invitation, by="paula", at=START)
        assert event.before.answered is InvitationStatus.OPEN
        with pytest.raises(InvitationAlreadyUsed):
            programme.accept(invitation, by="carl", at=START)
        assert not can_reach_client(programme, "paula", "bakery")

    def test_a_client_has_one_partner_at_a_time(self, programme: Programme) -> None:
        manage(programme)
        with pytest.raises(ClientAlreadyManaged):
            programme.invite(partner="studio", client="bakery", grant=Grant.full(), by="sam", at=START)

    def test_a_second_open_invitation_for_the_same_pair_is_refused(self, programme: Programme) -> None:
        invitation = invite(programme)
        with pytest.raises(InvitationPending):
            programme.authorise(client="bakery", partner="agency", grant=Grant.full(), by="carl", at=START)
        programme.cancel(invitation, by="paula", at=START)
        programme.authorise(client="bakery", partner="agency", grant=Grant.full(), by="carl", at=START)

    def test_an_expired_invitation_makes_room_for_a_new_one_from_the_instant_it_expires(
        self, programme: Programme
    ) -> None:
        first = invite(programme)
        expires_at = programme.invitation(first).expires_at
        before = copy.deepcopy(programme)
        just_before = expires_at - timedelta(microseconds=1)
        with pytest.raises(InvitationPending):
            programme.authorise(client="bakery", partner="agency", grant=Grant.full(), by="carl", at=just_before)
        assert programme == before
        [sent] = programme.authorise(client="bakery", partner="agency", grant=Grant.full(), by="carl", at=expires_at)
        programme.accept(sent.subject, by="paula", at=expires_at)
        assert programme.active_partnership("bakery").invitation == sent.subject != first

    def test_of_two_competing_invitations_only_the_first_accepted_counts(self, programme: Programme) -> None:
        first = invite(programme)
        [second] = programme.invite(partner="studio", client="bakery", grant=Grant.full(), by="sam", at=START)
        programme.accept(second.subject, by="carl", at=START)
        with pytest.raises(ClientAlreadyManaged):
            programme.accept(first, by="carl", at=START)


class TestChangesWhileActive:
    def test_the_client_switches_full_and_limited_and_the_partner_is_notified(self, programme: Programme) -> None:
        partnership = manage(programme)
        [event] = programme.change_access(partnership, Grant.limited({"b-web-1"}), by="carl", at=LATER)
        assert (event.what, event.before, event.after) == (
            EventKind.ACCESS_CHANGED,
            Grant.full(),
            Grant.limited({"b-web-1"}),
        )
        assert "agency" in event.notify
        assert event.by == "carl"
        assert event.at == LATER
        programme.change_access(partnership, Grant.full(PaymentMeans.PARTNER), by="carl", at=LATER)
        assert programme.partnership(partnership).granted == Grant.full(PaymentMeans.PARTNER)

    def test_an_unchanged_grant_is_no_event(self, programme: Programme) -> None:
        partnership = manage(programme)
        assert programme.change_access(partnership, Grant.full(), by="carl", at=LATER) == ()

    def test_payment_means_belong_to_full_access(self, programme: Programme) -> None:
        partnership = manage(programme)
        programme.change_payment_means(partnership, PaymentMeans.PARTNER, by="carl", at=LATER)
        programme.change_access(partnership, Grant.limited({"b-web-1"}), by="carl", at=LATER)
        with pytest.raises(WrongAccessLevel):
            programme.change_payment_means(partnership, PaymentMeans.CLIENT, by="carl", at=LATER)

    def test_managed_products_are_added_and_removed_but_one_stays(self, programme: Programme) -> None:
        partnership = manage(programme, Grant.limited({"b-web-1"}))
        programme.add_managed_products(partnership, ["b-web-2", "b-mail-1"], by="carl", at=LATER)
        programme.remove_managed_products(partnership, ["b-web-1", "b-web-2"], by="carl", at=LATER)
        assert programme.partnership(partnership).granted == Grant.limited({"b-mail-1"})
        with pytest.raises(EmptyLimitedGrant):
            programme.remove_managed_products(partnership, ["b-mail-1"], by="carl", at=LATER)
        with pytest.raises(ProductOfAnotherOrganisation):
            programme.add_managed_products(partnership, ["d-web-1"], by="carl", at=LATER)

    def test_the_partner_cannot_change_the_grant(self, programme: Programme) -> None:
        partnership = manage(programme, Grant.limited({"b-web-1"}))
        for person in ("paula", "adam"):
            with pytest.raises(NotALegalRepresentative):
                programme.change_access(partnership, Grant.full(), by=person, at=LATER)
            with pytest.raises(NotALegalRepresentative):
                programme.add_managed_products(partnership, ["b-web-2"], by=person, at=LATER)

    def test_either_side_ends_the_partnership_and_every_access_goes_at_once(self) -> None:
        for side, person in (("client", "carl"), ("partner", "paula")):
            programme = make_world()  # a fresh world each time: time never runs backwards within one
            partnership = manage(programme)
            programme.assign_client(partner="agency", client="bakery", person="uma", by="adam", at=START)
            assert reachable_clients(programme, "uma") == ("bakery",)
            unassigned, event = programme.end(partnership, by=person, at=LATER)
            assert (unassigned.what, unassigned.before) == (EventKind.CLIENT_UNASSIGNED, "uma"), side
            assert event.what is EventKind.PARTNERSHIP_ENDED, side
            assert event.after.ended_at == LATER
            for anyone in ("paula", "adam", "uma"):
                assert reachable_clients(programme, anyone) == ()
            assert programme.assigned_clients("agency", "uma") == ()
            with pytest.raises(PartnershipEnded):
                programme.change_access(partnership, Grant.full(), by="carl", at=LATER)

    def test_assignments_are_made_by_the_partner_managers(self, programme: Programme) -> None:
        manage(programme)
        with pytest.raises(NotAManager):
            programme.assign_client(partner="agency", client="bakery", person="uma", by="ulla", at=START)
        with pytest.raises(NotAMember):
            programme.assign_client(partner="agency", client="bakery", person="sue", by="paula", at=START)
        with pytest.raises(NotAManagedClient):
            programme.assign_client(partner="agency", client="dental", person="uma", by="paula", at=START)
        [event] = programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=START)
        assert (event.what, event.subject, event.after) == (EventKind.CLIENT_ASSIGNED, "bakery", "uma")
        assert programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=START) == ()
        [event] = programme.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=START)
        assert event.what is EventKind.CLIENT_UNASSIGNED

    def test_a_partner_cannot_assign_a_client_another_partner_manages(self, programme: Programme) -> None:
        [sent] = programme.invite(partner="studio", client="dental", grant=Grant.full(), by="sam", at=START)
        programme.accept(sent.subject, by="dora", at=START)
        before = copy.deepcopy(programme)
        with pytest.raises(NotAManagedClient):
            programme.assign_client(partner="agency", client="dental", person="uma", by="adam", at=START)
        assert programme == before
        assert programme.assigned_clients("agency", "uma") == ()

    def test_a_removed_member_loses_their_assignments(self, programme: Programme) -> None:
        manage(programme)
        programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=START)
        unassigned, event = programme.remove_member("agency", "uma", by="paula", at=START)
        assert (unassigned.what, unassigned.subject, unassigned.before) == (
            EventKind.CLIENT_UNASSIGNED,
            "bakery",
            "uma",
        )
        assert (event.what, event.subject, event.before) == (EventKind.MEMBER_REMOVED, "uma", Role.USER)
        assert reachable_clients(programme, "uma") == ()
        programme.check_invariants()


class TestMembers:
    def test_members_are_added_and_their_roles_changed_by_legal_representatives(self, programme: Programme) -> None:
        [added] = programme.add_member("agency", "cleo", Role.USER, by="paula", at=START)
        assert added.what is EventKind.MEMBER_ADDED
        [changed] = programme.change_role("agency", "cleo", Role.ADMINISTRATOR, by="paula", at=START)
        assert (changed.before, changed.after) == (Role.USER, Role.ADMINISTRATOR)
        assert programme.role_of("cleo", "agency") is Role.ADMINISTRATOR
        with pytest.raises(NotALegalRepresentative):
            programme.add_member("agency", "fred", Role.USER, by="adam", at=START)
        with pytest.raises(AlreadyAMember) as again:
            programme.add_member("agency", "cleo", Role.USER, by="paula", at=START)
        # the organisation and the role held are named: it said "member: 'cleo' is already registered"
        assert (again.value.field, again.value.organisation, again.value.role) == ("person", "agency", "administrator")
        assert str(again.value) == (
            "person: 'cleo' is already a member of 'agency', as administrator (change_role changes a member's role)"
        )

    def test_the_last_legal_representative_stays(self, programme: Programme) -> None:
        with pytest.raises(LastLegalRepresentative):
            programme.change_role("agency", "paula", Role.ADMINISTRATOR, by="paula", at=START)
        with pytest.raises(LastLegalRepresentative):
            programme.remove_member("agency", "paula", by="paula", at=START)
        programme.remove_member("dental", "dan", by="dora", at=START)

    def test_products_are_added_to_an_organisation(self, programme: Programme) -> None:
        product = HeldProduct(id="b-web-3", code="web", family="web-hosting")
        [event] = programme.add_product("bakery", product, at=START)
        assert programme.owner_of("b-web-3") == "bakery"
        assert programme.product("b-web-3") == product
        assert event.what is EventKind.PRODUCT_ADDED
        with pytest.raises(AlreadyRegistered):
            programme.add_product("cafe", product, at=START)


NOON = datetime(2026, 1, 5, 12)  # naive on purpose

BAD_COMMANDS: dict[str, tuple[type[InfomanagerError], Callable[[Programme], object]]] = {
    "unknown partner": (
        UnknownOrganisation,
        lambda p: p.invite(partner="nope", client="bakery", grant=Grant.full(), by="paula", at=START),
    ),
    "unknown client": (
        UnknownOrganisation,
        lambda p: p.invite(partner="agency", client="nope", grant=Grant.full(), by="paula", at=START),
    ),
    "unknown person": (
        UnknownPerson,
        lambda p: p.invite(partner="agency", client="bakery", grant=Grant.full(), by="ghost", at=START),
    ),
    "naive moment": (
        InvalidMoment,
        lambda p: p.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=NOON),
    ),
    "self partnership": (
        SameOrganisation,
        lambda p: p.invite(partner="agency", client="agency", grant=Grant.full(), by="paula", at=START),
    ),
    "product of another organisation": (
        ProductOfAnotherOrganisation,
        lambda p: p.invite(partner="agency", client="bakery", grant=Grant.limited({"c-web-1"}), by="paula", at=START),
    ),
    "unknown product": (
        UnknownProduct,
        lambda p: p.invite(partner="agency", client="bakery", grant=Grant.limited({"zz"}), by="paula", at=START),
    ),
    "not a grant": (
        InvalidInput,
        lambda p: p.invite(partner="agency", client="bakery", grant="full", by="paula", at=START),  # type: ignore[arg-type]
    ),
    "unknown invitation": (UnknownInvitation, lambda p: p.accept("invitation-99", by="carl", at=START)),
    "unknown partnership": (UnknownPartnership, lambda p: p.end("partnership-99", by="carl", at=START)),
    "expired invitation": (InvitationExpired, lambda p: p.accept("invitation-2", by="carl", at=START + timedelta(30))),
    "used invitation": (InvitationAlreadyUsed, lambda p: p.refuse("invitation-1", by="dora", at=START)),
    "wrong person ends": (NotALegalRepresentative, lambda p: p.end("partnership-1", by="uma", at=START)),
    "empty limited grant": (
        EmptyLimitedGrant,
        lambda p: p.remove_managed_products("partnership-1", ["d-web-1"], by="dora", at=START),
    ),
    "not a managed product": (
        ProductsNotManaged,
        lambda p: p.remove_managed_products("partnership-1", ["d-dom-1"], by="dora", at=START),
    ),
    "string of products": (
        InvalidInput,
        lambda p: p.add_managed_products("partnership-1", "d-dom-1", by="dora", at=START),
    ),
    "duplicate person": (AlreadyRegistered, lambda p: p.register_person(p.person("carl"), at=START)),
    "duplicate organisation": (AlreadyRegistered, lambda p: p.register_organisation(p.organisation("cafe"), at=START)),
    # SPEC §3.1 and §9: the last legal representative stays, and the refusal leaves every index as it was
    "last legal representative removed": (
        LastLegalRepresentative,
        lambda p: p.remove_member("cafe", "fred", by="fred", at=START),
    ),
    "last legal representative demoted": (
        LastLegalRepresentative,
        lambda p: p.change_role("cafe", "fred", Role.USER, by="fred", at=START),
    ),
    "member added twice": (AlreadyAMember, lambda p: p.add_member("cafe", "fred", Role.USER, by="fred", at=START)),
}


@pytest.mark.parametrize("case", sorted(BAD_COMMANDS))
def test_bad_input_raises_a_typed_error_and_changes_nothing(case: str) -> None:
    programme = make_world()
    manage(programme, Grant.limited({"d-web-1"}), client="dental")
    [_sent] = programme.invite(partner="studio", client="cafe", grant=Grant.full(), by="sam", at=START)
    before = copy.deepcopy(programme)
    error, command = BAD_COMMANDS[case]
    with pytest.raises(error):
        command(programme)
    assert programme == before


#: Every piece of state the programme holds, as attrs would name a constructor argument for it.
STATE = [field.alias for field in attrs.fields(Programme) if field.name.startswith("_")]


def test_the_state_tried_below_includes_the_facts_and_the_clock() -> None:
    assert {"people", "organisations", "invitations", "partnerships", "latest"} <= set(STATE)


@pytest.mark.parametrize("name", STATE)
def test_the_programme_takes_no_state_through_its_constructor(name: str) -> None:
    """A programme starts empty; the only way to fill it is through its commands, which check every rule."""
    with pytest.raises(TypeError):
        Programme(**{name: {}})


@pytest.mark.parametrize("validity", [timedelta(seconds=1), timedelta(hours=12), timedelta(days=1)])
def test_any_positive_validity_is_accepted_and_an_invitation_expires_exactly_then(validity: timedelta) -> None:
    programme = Programme(invitation_validity=validity)
    assert programme.invitation_validity == validity
    example = example_programme()
    example.invitation_validity = validity
    [sent] = example.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    assert example.invitation(sent.subject).expires_at == MONDAY + validity
    with pytest.raises(InvitationExpired):
        example.accept(sent.subject, by="fred", at=MONDAY + validity)
    example.accept(sent.subject, by="fred", at=MONDAY + validity - timedelta(microseconds=1))


@pytest.mark.parametrize("validity", [timedelta(0), timedelta(microseconds=-1), timedelta(days=-15), 15])
def test_a_validity_that_is_no_positive_timedelta_is_refused(validity: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Programme(invitation_validity=validity)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("invitation_validity", validity)


def test_an_assignment_event_has_the_person_after_and_an_unassignment_before() -> None:
    programme = example_programme()
    [assigned] = programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    [unassigned] = programme.unassign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
    assert (assigned.what, assigned.subject, assigned.before, assigned.after) == (
        EventKind.CLIENT_ASSIGNED,
        "bakery",
        None,
        "ulla",
    )
    assert (unassigned.what, unassigned.subject, unassigned.before, unassigned.after) == (
        EventKind.CLIENT_UNASSIGNED,
        "bakery",
        "ulla",
        None,
    )
    assert assigned.notify == unassigned.notify == frozenset({"agency"})


def test_ending_an_ended_partnership_is_refused_and_leaves_the_clients_new_partnership_alone() -> None:
    programme = example_programme()
    programme.end("partnership-1", by="carl", at=MONDAY)
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=MONDAY)
    programme.accept(sent.subject, by="carl", at=MONDAY)
    programme.assign_client(partner="agency", client="bakery", person="uma", by="adam", at=MONDAY)
    before = copy.deepcopy(programme)
    with pytest.raises(PartnershipEnded):
        programme.end("partnership-1", by="carl", at=MONDAY)
    assert programme == before
    assert programme.active_partnership("bakery") == programme.partnership("partnership-2")
