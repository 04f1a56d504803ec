"""SPEC §3.2, rule by rule, where no other test states it whole.

* While active, the client may change the payment-means setting and add or remove managed products; **the partner is
  notified of each change**, and every change is an event saying who, what and when.
* Either side may end the partnership; the other side hears of it.
* A client may authorise a partner from its own side; **the partner accepts or refuses**; a refused offer grants
  nothing.
* An **expired** invitation grants nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from infomanager_core.access import (
    AccessEvent,
    EventKind,
    Grant,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationStatus,
    NotTheReceivingSide,
    PaymentMeans,
    Programme,
    can_reach_client,
    reachable_clients,
)

from .world import START, make_world

LATER = START + timedelta(days=3)


def managed(grant: Grant) -> tuple[Programme, str]:
    """The agency manages the bakery with ``grant``; the partnership's id."""
    programme = make_world()
    [sent] = programme.invite(partner="agency", client="bakery", grant=grant, by="paula", at=START)
    _, started = programme.accept(sent.subject, by="carl", at=START)
    return programme, started.subject


# Each change the client's legal representative (carl) may make while the partnership is active, from a grant that
# allows it, with the grant it leaves.
CHANGES: dict[str, tuple[Grant, Callable[[Programme, str], tuple[AccessEvent, ...]], Grant]] = {
    "switch full to limited": (
        Grant.full(),
        lambda p, id_: p.change_access(id_, Grant.limited({"b-web-1"}), by="carl", at=LATER),
        Grant.limited({"b-web-1"}),
    ),
    "switch limited to full": (
        Grant.limited({"b-web-1"}),
        lambda p, id_: p.change_access(id_, Grant.full(), by="carl", at=LATER),
        Grant.full(),
    ),
    "payment means to the partner's": (
        Grant.full(PaymentMeans.CLIENT),
        lambda p, id_: p.change_payment_means(id_, PaymentMeans.PARTNER, by="carl", at=LATER),
        Grant.full(PaymentMeans.PARTNER),
    ),
    "payment means to the client's": (
        Grant.full(PaymentMeans.PARTNER),
        lambda p, id_: p.change_payment_means(id_, PaymentMeans.CLIENT, by="carl", at=LATER),
        Grant.full(PaymentMeans.CLIENT),
    ),
    "add a managed product": (
        Grant.limited({"b-web-1"}),
        lambda p, id_: p.add_managed_products(id_, ["b-mail-1"], by="carl", at=LATER),
        Grant.limited({"b-web-1", "b-mail-1"}),
    ),
    "remove a managed product": (
        Grant.limited({"b-web-1", "b-web-2"}),
        lambda p, id_: p.remove_managed_products(id_, ["b-web-2"], by="carl", at=LATER),
        Grant.limited({"b-web-1"}),
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_each_change_the_client_makes_is_one_event_saying_who_what_when_and_the_partner_is_notified(
    change: str,
) -> None:
    before, make_change, after = CHANGES[change]
    programme, partnership = managed(before)
    [event] = make_change(programme, partnership)
    assert (event.what, event.by, event.at, event.subject) == (EventKind.ACCESS_CHANGED, "carl", LATER, partnership)
    assert (event.before, event.after) == (before, after)
    assert "agency" in event.notify
    assert programme.partnership(partnership).granted == after


@pytest.mark.parametrize(("person", "other_side"), [("carl", "agency"), ("paula", "bakery")])
def test_either_side_ends_the_partnership_and_the_other_side_is_notified(person: str, other_side: str) -> None:
    programme, partnership = managed(Grant.full())
    [event] = programme.end(partnership, by=person, at=LATER)
    assert (event.what, event.by, event.at, event.subject) == (
        EventKind.PARTNERSHIP_ENDED,
        person,
        LATER,
        partnership,
    )
    assert other_side in event.notify
    assert programme.active_partnership("bakery") is None
    assert not can_reach_client(programme, "paula", "bakery")


def test_a_partner_refuses_a_clients_offer_and_it_grants_nothing() -> None:
    programme = make_world()
    [offered] = programme.authorise(client="dental", partner="studio", grant=Grant.full(), by="dan", at=START)
    [refused] = programme.refuse(offered.subject, by="sam", at=LATER)
    assert (refused.what, refused.by, refused.at) == (EventKind.INVITATION_REFUSED, "sam", LATER)
    assert "dental" in refused.notify
    assert programme.invitation(offered.subject).answered is InvitationStatus.REFUSED
    assert programme.active_partnership("dental") is None
    assert reachable_clients(programme, "sam") == ()
    with pytest.raises(InvitationAlreadyUsed):
        programme.accept(offered.subject, by="sam", at=LATER)


def test_only_a_legal_representative_of_the_partner_answers_a_clients_offer() -> None:
    programme = make_world()
    [offered] = programme.authorise(client="dental", partner="studio", grant=Grant.full(), by="dan", at=START)
    unchanged = copy.deepcopy(programme)
    for person in ("sue", "dora", "paula"):  # the partner's user, the client's other LR, another partner's LR
        with pytest.raises(NotTheReceivingSide):
            programme.refuse(offered.subject, by=person, at=START)
        with pytest.raises(NotTheReceivingSide):
            programme.accept(offered.subject, by=person, at=START)
    assert programme == unchanged


def test_an_expired_invitation_grants_nothing_and_changes_nothing_when_accepted() -> None:
    """Sent on 5 January at 09:00 with the default 15 days: it expires on 20 January at 09:00."""
    programme = make_world()
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START)
    expired = START + timedelta(days=15)
    assert programme.invitation(sent.subject).status_at(expired) is InvitationStatus.EXPIRED
    unchanged = copy.deepcopy(programme)
    with pytest.raises(InvitationExpired):
        programme.accept(sent.subject, by="carl", at=expired)
    assert programme == unchanged
    assert programme.active_partnership("bakery") is None
    for person in ("paula", "adam", "uma"):
        assert not can_reach_client(programme, person, "bakery")


def test_the_requested_access_is_kept_as_asked_while_the_client_changes_what_it_grants() -> None:
    programme, partnership = managed(Grant.full(PaymentMeans.PARTNER))
    programme.change_access(partnership, Grant.limited({"b-web-1"}), by="carl", at=LATER)
    programme.add_managed_products(partnership, ["b-mail-1"], by="carl", at=LATER)
    kept = programme.partnership(partnership)
    assert kept.requested == Grant.full(PaymentMeans.PARTNER)
    assert kept.granted == Grant.limited({"b-web-1", "b-mail-1"})
    assert [difference.field for difference in kept.differences] == ["level", "payment means", "products"]
