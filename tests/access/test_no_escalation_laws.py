"""Law: no sequence of commands by a partner's own people widens what the partner reaches.

The agency of the example programme manages the bakery with limited access to ``web-1``. Its legal representative,
administrator and users try anything, in any order — changing the grant, adding products to it, authorising
themselves on the client's behalf, inviting and accepting, ending the partnership and inviting again, adding,
re-roling and removing members on either side, assigning clients — each command refused or not. Whatever they do,
the bakery is managed by the agency with exactly the grant its legal representative gave, or by nobody; no one of the
partner orders for it or reaches a product outside that grant; the unmanaged cafe stays unmanaged; and no one of the
partner becomes a member of a client.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from infomanager_core.access import (
    Grant,
    PaymentMeans,
    Programme,
    Role,
    can_order,
    reachable_products,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.errors import InfomanagerError

PARTNER_SIDE = ("paula", "adam", "uma", "ulla")
EVERYONE = (*PARTNER_SIDE, "carl", "cleo", "fred")
CLIENTS = ("bakery", "cafe")
GIVEN = Grant.limited({"web-1"})
GRANTS = (
    Grant.full(PaymentMeans.CLIENT),
    Grant.full(PaymentMeans.PARTNER),
    Grant.limited({"web-1", "web-2"}),
    Grant.limited({"mail-1"}),
    Grant.limited({"cafe-web"}),
    GIVEN,
)

Attempt = Callable[[Programme], object]


#: The commands tried; the steps of a story (end, invite, answer) weigh more, so that stories of two or three steps
#: are common.
COMMANDS = (
    "accept",
    "add managed products",
    "add member",
    "assign",
    "authorise",
    "cancel",
    "change access",
    "change payment means",
    "change role",
    "end",
    "invite",
    "refuse",
    "remove member",
    *("invite", "accept", "end") * 2,
)
AT = MONDAY + timedelta(hours=1)


@st.composite
def attempts(draw: st.DrawFn) -> tuple[str, Attempt]:
    """One command by someone of the partner, with arguments drawn among the programme's own (only those it takes)."""
    name = draw(st.sampled_from(COMMANDS))
    by = draw(st.sampled_from(("paula", *PARTNER_SIDE)))  # the legal representative, who may do most, twice as often
    first = draw(st.booleans())  # the first invitation or partnership, or the latest: those a command acts on

    def invitation(p: Programme) -> str:
        return p.invitations[0 if first else -1].id

    def partnership(p: Programme) -> str:
        return p.partnerships[0 if first else -1].id

    attempt: Attempt
    if name in ("change access", "authorise", "invite"):
        grant = draw(st.sampled_from(GRANTS))
        client = draw(st.sampled_from(CLIENTS))
        attempt = {
            "change access": lambda p: p.change_access(partnership(p), grant, by=by, at=AT),
            "authorise": lambda p: p.authorise(client=client, partner="agency", grant=grant, by=by, at=AT),
            "invite": lambda p: p.invite(partner="agency", client=client, grant=grant, by=by, at=AT),
        }[name]
    elif name in ("add member", "change role", "remove member"):
        organisation = draw(st.sampled_from(("agency", *CLIENTS)))
        person = draw(st.sampled_from(EVERYONE))
        role = draw(st.sampled_from(Role))
        attempt = {
            "add member": lambda p: p.add_member(organisation, person, role, by=by, at=AT),
            "change role": lambda p: p.change_role(organisation, person, role, by=by, at=AT),
            "remove member": lambda p: p.remove_member(organisation, person, by=by, at=AT),
        }[name]
    elif name == "accept":
        accepting = draw(st.sampled_from((None, *GRANTS)))
        attempt = lambda p: p.accept(invitation(p), by=by, at=AT, grant=accepting)  # noqa: E731
    elif name == "assign":
        client, person = draw(st.sampled_from(CLIENTS)), draw(st.sampled_from(EVERYONE))
        attempt = lambda p: p.assign_client(partner="agency", client=client, person=person, by=by, at=AT)  # noqa: E731
    else:
        attempt = {
            "change payment means": lambda p: p.change_payment_means(
                partnership(p), PaymentMeans.PARTNER, by=by, at=AT
            ),
            "add managed products": lambda p: p.add_managed_products(partnership(p), ["web-2", "mail-1"], by=by, at=AT),
            "refuse": lambda p: p.refuse(invitation(p), by=by, at=AT),
            "cancel": lambda p: p.cancel(invitation(p), by=by, at=AT),
            "end": lambda p: p.end(partnership(p), by=by, at=AT),
        }[name]
    return f"{name} by {by}", attempt


def assert_no_wider_than_given(programme: Programme, history: list[str]) -> None:
    managed = programme.active_partnership("bakery")
    if managed is not None:
        assert (managed.partner, managed.granted) == ("agency", GIVEN), history
    assert programme.active_partnership("cafe") is None, history
    for person in EVERYONE:  # reachable_products agrees with can_manage_product (a law of its own)
        assert not can_order(programme, person, "bakery").allowed, (person, history)
        assert set(reachable_products(programme, person)) <= GIVEN.products, (person, history)
    for person in PARTNER_SIDE:
        for client in CLIENTS:
            assert programme.role_of(person, client) is None, (person, client, history)


class PartnerPeopleTryAnything(RuleBasedStateMachine):
    """The partner's people attempt one command after another; after each, the partner reaches no more than given."""

    def __init__(self) -> None:
        super().__init__()
        self.programme = example_programme()
        self.history: list[str] = []

    @rule(attempt=attempts())
    def try_a_command(self, attempt: tuple[str, Attempt]) -> None:
        name, command = attempt
        try:
            command(self.programme)
        except InfomanagerError:  # a refusal: the programme is as it was, which the law checks all the same
            self.history.append(f"{name} (refused)")
        else:
            self.history.append(name)
        event(name if self.history[-1] == name else "refused")

    @invariant()
    def the_partner_reaches_no_more_than_it_was_given(self) -> None:
        assert_no_wider_than_given(self.programme, self.history)


TestNoRunOfCommandsByThePartnersPeopleWidensWhatThePartnerReaches = PartnerPeopleTryAnything.TestCase
