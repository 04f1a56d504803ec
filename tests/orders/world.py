"""A small programme to order in: the agency (CH, partner), its client the bakery (FR) and a stranger, the cafe (DE).

The bakery holds ``web`` Web hostings and ``mail`` Mail hostings; the agency manages it with ``grant`` (or not at all
with ``None``) and assigned it to uma; ulla is an agency user without the assignment.
"""

from __future__ import annotations

from datetime import UTC, datetime

from infomanager_core.access import Grant, HeldProduct, Organisation, Person, Programme, Role

MONDAY = datetime(2026, 1, 5, 9, tzinfo=UTC)
LR, ADMIN, USER = Role.LEGAL_REPRESENTATIVE, Role.ADMINISTRATOR, Role.USER
AGENCY_STAFF = {"paula": LR, "adam": ADMIN, "uma": USER, "ulla": USER}
BAKERY_STAFF = {"carl": LR, "cleo": USER}


def web_ids(count: int) -> list[str]:
    return [f"web-{i}" for i in range(1, count + 1)]


def mail_ids(count: int) -> list[str]:
    return [f"mail-{i}" for i in range(1, count + 1)]


def world(grant: Grant | None, *, web: int = 2, mail: int = 1) -> Programme:
    programme = Programme()
    for person in (*AGENCY_STAFF, *BAKERY_STAFF, "fred"):
        programme.register_person(Person(person), at=MONDAY)
    programme.register_organisation(
        Organisation(id="agency", name="Agency", country="CH", partner=True, members=AGENCY_STAFF), at=MONDAY
    )
    products = [HeldProduct(id=id_, code="web-hosting", family="web-hosting") for id_ in web_ids(web)]
    products += [HeldProduct(id=id_, code="mail-hosting", family="mail-hosting") for id_ in mail_ids(mail)]
    programme.register_organisation(
        Organisation(id="bakery", name="Bakery", country="FR", members=BAKERY_STAFF, products=products), at=MONDAY
    )
    programme.register_organisation(
        Organisation(
            id="cafe",
            name="Cafe",
            country="DE",
            members={"fred": LR},
            products=[HeldProduct(id="cafe-web", code="web-hosting", family="web-hosting")],
        ),
        at=MONDAY,
    )
    if grant is not None:
        [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=MONDAY)
        programme.accept(sent.subject, by="carl", at=MONDAY, grant=grant)
        programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=MONDAY)
    return programme
