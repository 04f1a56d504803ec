"""A small, fixed programme the access tests share: two partners, three clients, people in every role."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from infomanager_core.access import Grant, HeldProduct, Organisation, Person, Programme, Role
from tests import strategies as s

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

LR, ADMIN, USER = Role.LEGAL_REPRESENTATIVE, Role.ADMINISTRATOR, Role.USER

#: organisation id → (country, partner status, members, product ids)
ORGANISATIONS: dict[str, tuple[str, bool, dict[str, Role], tuple[str, ...]]] = {
    "agency": ("CH", True, {"paula": LR, "adam": ADMIN, "uma": USER, "ulla": USER}, ()),
    "studio": ("FR", True, {"sam": LR, "sue": USER}, ()),
    "bakery": ("FR", False, {"carl": LR, "cleo": USER}, ("b-web-1", "b-web-2", "b-mail-1")),
    "dental": ("CH", False, {"dora": LR, "dan": LR}, ("d-web-1", "d-dom-1")),
    "cafe": ("DE", False, {"fred": LR}, ("c-web-1",)),
}
PARTNERS = ("agency", "studio")
CLIENTS = ("bakery", "dental", "cafe")
PEOPLE = ("paula", "adam", "uma", "ulla", "sam", "sue", "carl", "cleo", "dora", "dan", "fred", "nobody")
PRODUCTS = tuple(p for _, _, _, products in ORGANISATIONS.values() for p in products)
OWNER = {p: org for org, (_, _, _, products) in ORGANISATIONS.items() for p in products}


def family(product: str) -> str:
    return {"web": "web-hosting", "mail": "mail-hosting", "dom": "domain"}[product.split("-")[1]]


def make_world() -> Programme:
    programme = Programme()
    for person in PEOPLE:
        programme.register_person(Person(person, person.title()), at=START)
    for org, (country, partner, members, products) in ORGANISATIONS.items():
        held = [HeldProduct(id=p, code=family(p).split("-")[0], family=family(p)) for p in products]
        programme.register_organisation(
            Organisation(id=org, name=org.title(), country=country, partner=partner, members=members, products=held),
            at=START,
        )
    return programme


LEGAL_REPRESENTATIVES = {"bakery": "carl", "dental": "dora", "cafe": "fred"}


def managed_world(grants: dict[str, Grant], assigned: tuple[tuple[str, str], ...] = ()) -> Programme:
    """Every client in ``grants`` managed by the agency with that grant; ``assigned`` pairs (user, client)."""
    programme = make_world()
    for client, grant in grants.items():
        [sent] = programme.invite(partner="agency", client=client, grant=grant, by="paula", at=START)
        programme.accept(sent.subject, by=LEGAL_REPRESENTATIVES[client], at=START)
    for person, client in assigned:
        if client in grants:
            programme.assign_client(partner="agency", client=client, person=person, by="adam", at=START)
    return programme


def own_products(client: str) -> tuple[str, ...]:
    return tuple(p for p in PRODUCTS if OWNER[p] == client)


@st.composite
def managed_worlds(draw: st.DrawFn) -> Programme:
    clients = draw(st.lists(st.sampled_from(CLIENTS), unique=True))
    grants = {client: draw(s.grants(own_products(client))) for client in clients}
    assigned = draw(st.lists(st.tuples(st.sampled_from(("uma", "ulla")), st.sampled_from(CLIENTS)), max_size=4))
    return managed_world(grants, tuple(assigned))
