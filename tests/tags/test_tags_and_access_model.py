"""Tags and access together, against a plain model: partnerships start, switch between full and limited access, lose
managed products and end; collaborators are assigned and unassigned; anyone tries every tag command.

The model says, from nothing but who is a member of what, which partnership is active with which grant and who is
assigned which client, who reaches which product, and so who may do what with which tag (SPEC §3.3, §5 and the
decisions under Tags). After every step the tagging must answer every person exactly as the model does:

* a tag is visible to a person exactly when they reach a product carrying it — or manage the organisation's tags, or
  reach the client as staff of the partner that made the tag;
* the counts listed are the attachments (all of them for whoever manages the tags, those reached for others);
* names are unique per organisation under the library's own comparison, ``name_key``;
* a command is done exactly when the model allows it; a refused one changes neither the tagging nor the programme,
  and a deletion removes every attachment of its tag and nothing else.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.access import AccessDenied, Grant, ProductOfAnotherOrganisation, Role
from infomanager_core.tags import DuplicateTagName, Tagging, TagRules, UnknownColour, UnknownTag, name_key, tag_name
from tests.access.world import ORGANISATIONS, OWNER, PARTNERS, PEOPLE, PRODUCTS, START, make_world

AT = START
RULES = TagRules()
ORGS = tuple(ORGANISATIONS)
CLIENTS = ("bakery", "dental")
#: Who acts for each organisation where the machine needs a legal representative.
REPRESENTATIVE = {"agency": "paula", "studio": "sam", "bakery": "carl", "dental": "dora", "cafe": "fred"}
#: Names a user types and an adversary tries: case, look-alikes, what draws nothing, blank, too long.
NAMES = ("Shop", " SHOP ", "Web shop", "Web  shop", "Shop\ufe0f", "\u0130stanbul", "istanbul", "Stra\u00dfe", "STRASSE")
BAD_NAMES = ("", "\u034f", "x" * 33, "a\nb")
COLOURS = st.sampled_from((0, 3, 9, 0, 3, 9, 10, -1, True))
NAMES_TRIED = st.sampled_from(NAMES) | st.sampled_from(BAD_NAMES)
#: Anyone, but more often those who act on the clients' tags: their members, the partners' staff.
ACTORS = st.sampled_from(PEOPLE) | st.sampled_from(
    ("carl", "cleo", "dora", "paula", "adam", "uma", "ulla", "sam", "sue")
)
GRANTS = (
    Grant.full(),
    Grant.limited({"b-web-1", "b-mail-1"}),
    Grant.limited({"b-web-2"}),
    Grant.limited({"d-web-1"}),
    Grant.limited({"d-web-1", "d-dom-1"}),
)


class TagsAndAccess(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        programme = make_world()
        # A person on both sides: the agency's user uma is also a user of the bakery, and acts there as a member.
        programme.add_member("bakery", "uma", Role.USER, by="carl", at=AT)
        self.tagging = Tagging(programme)
        self.members = {org: dict(members) for org, (_, _, members, _) in ORGANISATIONS.items()}
        self.members["bakery"]["uma"] = Role.USER
        self.active: dict[str, tuple[str, frozenset[str] | None]] = {}  # client → (partner, products or None: full)
        self.assigned: set[tuple[str, str, str]] = set()  # (partner, person, client)
        self.tags: dict[str, tuple[str, str, int]] = {}  # id → (organisation, name, colour)
        self.made_by: dict[str, str] = {}  # id → partner whose staff made it
        self.on: dict[str, set[str]] = {}  # id → products carrying it
        self.issued = 0

    # -- the model -------------------------------------------------------------------------------------------------

    def reaches_client(self, person: str, client: str) -> bool:
        if client not in self.active:
            return False
        partner, _ = self.active[client]
        role = self.members[partner].get(person)
        return role is not None and (role is not Role.USER or (partner, person, client) in self.assigned)

    def reaches(self, person: str, product: str) -> bool:
        owner = OWNER[product]
        if person in self.members[owner]:
            return True
        if not self.reaches_client(person, owner):
            return False
        products = self.active[owner][1]
        return products is None or product in products

    def may_create(self, person: str, organisation: str) -> bool:
        return person in self.members[organisation] or self.reaches_client(person, organisation)

    def manages(self, person: str, organisation: str) -> bool:
        return person in self.members[organisation] or (
            self.reaches_client(person, organisation) and self.active[organisation][1] is None
        )

    def made_by_their_partner(self, tag: str, organisation: str) -> bool:
        return tag in self.made_by and self.active.get(organisation, ("", None))[0] == self.made_by[tag]

    def may_change(self, person: str, tag: str) -> bool:
        organisation = self.tags[tag][0]
        return self.manages(person, organisation) or (
            self.made_by_their_partner(tag, organisation)
            and self.may_create(person, organisation)
            and all(self.reaches(person, p) for p in self.on[tag])
        )

    def key_taken(self, organisation: str, name: str, other_than: str | None = None) -> bool:
        key = name_key(name)
        return any(o == organisation and name_key(n) == key and t != other_than for t, (o, n, _) in self.tags.items())

    @staticmethod
    def grants_of(client: str) -> list[Grant]:
        return [g for g in GRANTS if g.is_full or OWNER[min(g.products)] == client]

    # -- running a command -----------------------------------------------------------------------------------------

    def attempt(self, command: Callable[[], object], refusal: type[InfomanagerError] | None) -> bool:
        """Run ``command``: it must be refused with ``refusal`` (and change nothing), or done when that is ``None``."""
        before = copy.deepcopy(self.tagging)
        refused: InfomanagerError | None = None
        try:
            command()
        except InfomanagerError as error:
            refused = error
        if refused is None:
            assert refusal is None, f"done what the model refuses with {refusal.__name__}"
            event("done")
            return True
        event(f"refused: {type(refused).__name__}")
        assert refusal is not None, f"refused what the model allows: {refused}"
        assert isinstance(refused, refusal), f"{type(refused).__name__} where the model says {refusal.__name__}"
        assert self.tagging == before
        assert self.tagging.access == before.access
        return False

    # -- access changes --------------------------------------------------------------------------------------------

    @initialize(
        bakery=st.sampled_from(GRANTS[:3]),
        dental=st.sampled_from(GRANTS[3:]),
        uma=st.booleans(),
        names=st.lists(st.sampled_from(NAMES), min_size=3, max_size=3),
    )
    def a_reseller_with_two_clients(self, bakery: Grant, dental: Grant, uma: bool, names: list[str]) -> None:
        """The agency manages both clients (each grant drawn); its user uma is assigned the bakery, or not yet. The
        bakery's legal representative, the agency's, then its administrator create a tag each."""
        self.start_partnership("bakery", "agency", bakery)
        self.start_partnership("dental", "agency", dental)
        if uma:
            self.tagging.access.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=AT)
            self.assigned.add(("agency", "uma", "bakery"))
        makers = (("bakery", "carl"), ("dental", "paula"), ("bakery", "adam"))
        for (organisation, by), name in zip(makers, names, strict=True):
            self.create(organisation, name, 0, by)

    @precondition(lambda self: len(self.active) < len(CLIENTS))
    @rule(client=st.sampled_from(CLIENTS), partner=st.sampled_from(PARTNERS), grant=st.sampled_from(GRANTS))
    def start_partnership(self, client: str, partner: str, grant: Grant) -> None:
        products = grant.products if not grant.is_full else None
        if client in self.active or (products is not None and any(OWNER[p] != client for p in products)):
            return
        programme = self.tagging.access
        [sent] = programme.invite(partner=partner, client=client, grant=grant, by=REPRESENTATIVE[partner], at=AT)
        programme.accept(sent.subject, by=REPRESENTATIVE[client], at=AT)
        self.active[client] = (partner, None if products is None else frozenset(products))

    @precondition(lambda self: bool(self.active))
    @rule(data=st.data())
    def switch_access(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from(sorted(self.active)))
        grant = data.draw(st.sampled_from(self.grants_of(client)))
        partnership = self.tagging.access.active_partnership(client)
        assert partnership is not None
        if partnership.granted == grant:
            return
        self.tagging.access.change_access(partnership.id, grant, by=REPRESENTATIVE[client], at=AT)
        self.active[client] = (self.active[client][0], None if grant.is_full else frozenset(grant.products))

    @precondition(lambda self: any(p is not None and len(p) > 1 for _, p in self.active.values()))
    @rule(data=st.data())
    def remove_a_managed_product(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from(sorted(c for c, (_, p) in self.active.items() if p and len(p) > 1)))
        partner, products = self.active[client]
        assert products is not None
        product = data.draw(st.sampled_from(sorted(products)))
        partnership = self.tagging.access.active_partnership(client)
        assert partnership is not None
        self.tagging.access.remove_managed_products(partnership.id, [product], by=REPRESENTATIVE[client], at=AT)
        self.active[client] = (partner, products - {product})

    @precondition(lambda self: bool(self.active))
    @rule(data=st.data())
    def end_partnership(self, data: st.DataObject, client: str | None = None) -> None:
        client = client or data.draw(st.sampled_from(sorted(self.active)))
        partnership = self.tagging.access.active_partnership(client)
        assert partnership is not None
        self.tagging.access.end(partnership.id, by=REPRESENTATIVE[client], at=AT)
        del self.active[client]
        self.assigned = {a for a in self.assigned if a[2] != client}

    @precondition(lambda self: bool(self.active))
    @rule(data=st.data())
    def another_partner_takes_over(self, data: st.DataObject) -> None:
        """The client ends its partnership and lets the other partner manage it: the tags the first made stay the
        client's, and the newcomer's legal representative tries to recolour them."""
        client = data.draw(st.sampled_from(sorted(self.active)))
        grant = data.draw(st.sampled_from(self.grants_of(client)))
        other = next(p for p in PARTNERS if p != self.active[client][0])
        self.end_partnership(data, client)
        self.start_partnership(client, other, grant)
        for tag in sorted(t for t in self.made_by if self.tags[t][0] == client):
            self.recolour(data, 4, REPRESENTATIVE[other], tag)

    @precondition(lambda self: bool(self.active))
    @rule(data=st.data(), assign=st.booleans())
    def assign_a_collaborator(self, data: st.DataObject, assign: bool) -> None:
        client = data.draw(st.sampled_from(sorted(self.active)))
        partner = self.active[client][0]
        users = sorted(p for p, role in self.members[partner].items() if role is Role.USER)
        person = data.draw(st.sampled_from(users))
        programme = self.tagging.access
        if assign and (partner, person, client) not in self.assigned:
            programme.assign_client(partner=partner, client=client, person=person, by=REPRESENTATIVE[partner], at=AT)
            self.assigned.add((partner, person, client))
        elif not assign and (partner, person, client) in self.assigned:
            programme.unassign_client(partner=partner, client=client, person=person, by=REPRESENTATIVE[partner], at=AT)
            self.assigned.discard((partner, person, client))

    # -- tag commands ----------------------------------------------------------------------------------------------

    @rule(data=st.data(), name=st.sampled_from(NAMES), colour=st.sampled_from((0, 5)))
    def create_as_someone_concerned(self, data: st.DataObject, name: str, colour: int) -> None:
        """A member or a partner's staff creates a tag of a client (often allowed, unlike ``create``)."""
        organisation = data.draw(st.sampled_from(CLIENTS))
        partner = self.active.get(organisation, ("studio", None))[0]
        by = data.draw(st.sampled_from(sorted({*self.members[organisation], *self.members[partner]})))
        self.create(organisation, name, colour, by)

    @precondition(lambda self: any(o in CLIENTS for o, _, _ in self.tags.values()))
    @rule(data=st.data())
    def the_client_tags_one_of_its_products(self, data: st.DataObject) -> None:
        """The client's legal representative puts a tag on a product — perhaps one outside the partner's grant; the
        partner that made the tag then tries to recolour it."""
        tag = data.draw(st.sampled_from(sorted(t for t, (o, _, _) in self.tags.items() if o in CLIENTS)))
        organisation = self.tags[tag][0]
        product = data.draw(st.sampled_from([p for p in PRODUCTS if OWNER[p] == organisation]))
        self.attach_or_detach(data, product, REPRESENTATIVE[organisation], True, tag)
        if tag in self.made_by:  # the partner that made it tries to change it, whether or not it still reaches all
            self.recolour(data, 2, REPRESENTATIVE[self.made_by[tag]], tag)

    @precondition(lambda self: bool(self.made_by))
    @rule(data=st.data(), change=st.sampled_from(("rename", "recolour", "delete")))
    def the_partner_changes_a_tag_it_made(self, data: st.DataObject, change: str) -> None:
        """Staff of the partner that made a tag, or of the client's partner now, change it: allowed while they manage
        the client's tags, or reach all it is on and their partner made it."""
        tag = data.draw(st.sampled_from(sorted(self.made_by)))
        now = self.active.get(self.tags[tag][0], (self.made_by[tag], None))[0]
        by = data.draw(st.sampled_from(sorted({*self.members[self.made_by[tag]], *self.members[now]})))
        if change == "rename":
            self.rename(data, data.draw(st.sampled_from(NAMES)), by, tag)
        elif change == "recolour":
            self.recolour(data, data.draw(st.sampled_from((1, 2))), by, tag)
        else:
            self.delete(data, by, tag)

    def some_tag(self, data: st.DataObject) -> str:
        """A tag of the model, or sometimes one deleted or never made."""
        return data.draw(st.sampled_from([*sorted(self.tags), f"tag-{self.issued + 1}"]), label="tag")

    @rule(
        organisation=st.sampled_from((*CLIENTS, *CLIENTS, *ORGS)),
        name=NAMES_TRIED,
        colour=COLOURS,
        by=ACTORS,
    )
    def create(self, organisation: str, name: str, colour: int, by: str) -> None:
        refusal = self.refusal_of_a_name(name, organisation) if self.may_create(by, organisation) else AccessDenied
        refusal = refusal or self.refusal_of_a_colour(colour)
        refusal = refusal or (DuplicateTagName if self.key_taken(organisation, tag_name(name, RULES)) else None)
        if self.attempt(lambda: self.tagging.create(organisation, name, colour=colour, by=by, at=AT), refusal):
            self.issued += 1
            tag = f"tag-{self.issued}"
            self.tags[tag] = (organisation, tag_name(name, RULES), colour)
            self.on[tag] = set()
            if by not in self.members[organisation]:
                self.made_by[tag] = self.active[organisation][0]

    @rule(data=st.data(), name=NAMES_TRIED, by=ACTORS)
    def rename(self, data: st.DataObject, name: str, by: str, tag: str | None = None) -> None:
        tag = tag or self.some_tag(data)
        refusal = self.refusal_of_a_change(tag, by) or self.refusal_of_a_name(name, self.tags[tag][0])
        if refusal is None and tag_name(name, RULES) != self.tags[tag][1]:
            refusal = DuplicateTagName if self.key_taken(self.tags[tag][0], tag_name(name, RULES), tag) else None
        if self.attempt(lambda: self.tagging.rename(tag, name, by=by, at=AT), refusal):
            organisation, _, colour = self.tags[tag]
            self.tags[tag] = (organisation, tag_name(name, RULES), colour)

    @rule(data=st.data(), colour=COLOURS, by=ACTORS)
    def recolour(self, data: st.DataObject, colour: int, by: str, tag: str | None = None) -> None:
        tag = tag or self.some_tag(data)
        refusal = self.refusal_of_a_change(tag, by) or self.refusal_of_a_colour(colour)
        if self.attempt(lambda: self.tagging.recolour(tag, colour, by=by, at=AT), refusal):
            organisation, name, _ = self.tags[tag]
            self.tags[tag] = (organisation, name, colour)

    @rule(data=st.data(), by=ACTORS)
    def delete(self, data: st.DataObject, by: str, tag: str | None = None) -> None:
        tag = tag or self.some_tag(data)
        others = {t: set(products) for t, products in self.on.items() if t != tag}
        if self.attempt(lambda: self.tagging.delete(tag, by=by, at=AT), self.refusal_of_a_change(tag, by)):
            del self.tags[tag], self.on[tag]
            self.made_by.pop(tag, None)
            assert {t: set(self.carrying(t)) for t in self.tags} == others  # nothing else lost a product

    @rule(data=st.data(), product=st.sampled_from(PRODUCTS), by=ACTORS, attach=st.booleans())
    def attach_or_detach(
        self, data: st.DataObject, product: str, by: str, attach: bool, tag: str | None = None
    ) -> None:
        tag = tag or self.some_tag(data)
        if tag not in self.tags:
            refusal: type[InfomanagerError] | None = UnknownTag
        elif not self.reaches(by, product):
            refusal = AccessDenied  # before whose product it is: that is not theirs to learn
        else:
            refusal = None if OWNER[product] == self.tags[tag][0] else ProductOfAnotherOrganisation
        command = self.tagging.attach if attach else self.tagging.detach
        if self.attempt(lambda: command(tag, product, by=by, at=AT), refusal):
            (self.on[tag].add if attach else self.on[tag].discard)(product)

    def refusal_of_a_change(self, tag: str, by: str) -> type[InfomanagerError] | None:
        if tag not in self.tags:
            return UnknownTag
        return None if self.may_change(by, tag) else AccessDenied

    @staticmethod
    def refusal_of_a_name(name: str, _organisation: str) -> type[InfomanagerError] | None:
        try:
            tag_name(name, RULES)
        except InvalidInput as refused:
            return type(refused)
        return None

    @staticmethod
    def refusal_of_a_colour(colour: object) -> type[InfomanagerError] | None:
        valid = type(colour) is int and 0 <= colour < len(RULES.palette)
        return None if valid else UnknownColour

    def carrying(self, tag: str) -> tuple[str, ...]:
        return self.tagging.products_with(tag, by=REPRESENTATIVE[self.tags[tag][0]])

    # -- the laws --------------------------------------------------------------------------------------------------

    @invariant()
    def the_tags_and_their_attachments_are_the_model_s(self) -> None:
        assert {t.id: (t.organisation, t.name, t.colour) for t in self.tagging.tags} == self.tags
        assert {t: set(self.carrying(t)) for t in self.tags} == self.on
        keys = [(organisation, name_key(name)) for organisation, name, _ in self.tags.values()]
        assert len(keys) == len(set(keys))
        self.tagging.check_invariants()
        self.tagging.access.check_invariants()

    @invariant()
    def a_tag_is_visible_exactly_to_whoever_reaches_a_product_carrying_it(self) -> None:
        for person in PEOPLE:
            for product in PRODUCTS:
                if self.reaches(person, product):
                    shown = {t.id for t in self.tagging.tags_of(product, by=person)}
                    assert shown == {t for t, products in self.on.items() if product in products}
                else:
                    with pytest.raises(AccessDenied):
                        self.tagging.tags_of(product, by=person)
            for tag in self.tags:
                reached = {p for p in self.on[tag] if self.reaches(person, p)}
                assert set(self.tagging.products_with(tag, by=person)) == reached

    @invariant()
    def the_counts_listed_are_the_attachments_a_person_may_see(self) -> None:
        for person in PEOPLE:
            for organisation in ORGS:
                if not self.may_create(person, organisation):
                    with pytest.raises(AccessDenied):
                        self.tagging.list_tags(organisation, by=person)
                    continue
                listed = {entry.tag.id: entry.products for entry in self.tagging.list_tags(organisation, by=person)}
                expected = {}
                for tag, (owner, _, _) in self.tags.items():
                    reached = sum(1 for p in self.on[tag] if self.reaches(person, p))
                    if owner != organisation:
                        continue
                    if self.manages(person, organisation):
                        expected[tag] = len(self.on[tag])
                    elif reached or self.made_by_their_partner(tag, organisation):
                        expected[tag] = reached
                assert listed == expected


TagsAndAccess.TestCase.settings = settings(TagsAndAccess.TestCase.settings, stateful_step_count=20)
test_tags_and_access_follow_the_model = TagsAndAccess.TestCase
