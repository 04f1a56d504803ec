"""A tiny, fixed partner programme for the docstring examples of the access and tags areas.

:func:`example_programme` builds, all at :data:`MONDAY` (2026-01-05 09:00 UTC):

* **agency** (CH, partner): paula (legal representative), adam (administrator), uma and ulla (users);
* **bakery** (FR): carl (legal representative), cleo (user); products ``web-1`` and ``web-2`` (web hosting) and
  ``mail-1`` (mail hosting). The agency invited it asking for full access; carl granted **limited access to web-1**
  (``invitation-1``, ``partnership-1``), and the agency assigned the bakery to uma;
* **cafe** (DE): fred (legal representative); product ``cafe-web``; no partner.

>>> programme = example_programme()
>>> programme.active_partnership("bakery").granted.describe(), programme.assigned_clients("agency", "uma")
('limited access to web-1', ('bakery',))
"""

from __future__ import annotations

from datetime import UTC, datetime

from .organisation import HeldProduct, Organisation, Person, Role
from .partnership import Grant
from .programme import Programme

__all__ = ["MONDAY", "example_programme"]

#: The moment every example happens at (commands at the same moment are in order).
MONDAY = datetime(2026, 1, 5, 9, tzinfo=UTC)

LR, ADMIN, USER = Role.LEGAL_REPRESENTATIVE, Role.ADMINISTRATOR, Role.USER


def _hosting(product: str, family: str) -> HeldProduct:
    return HeldProduct(id=product, code=family, family=family)


def example_programme() -> Programme:
    """The agency managing the bakery with limited access to web-1, and the unmanaged cafe (see the module)."""
    programme = Programme()
    for person in ("paula", "adam", "uma", "ulla", "carl", "cleo", "fred"):
        programme.register_person(Person(person, person.title()), at=MONDAY)
    agency = {"paula": LR, "adam": ADMIN, "uma": USER, "ulla": USER}
    programme.register_organisation(
        Organisation(id="agency", name="Agency", country="CH", partner=True, members=agency), at=MONDAY
    )
    bakery_products = [_hosting("web-1", "web-hosting"), _hosting("web-2", "web-hosting")]
    programme.register_organisation(
        Organisation(
            id="bakery",
            name="Bakery",
            country="FR",
            members={"carl": LR, "cleo": USER},
            products=[*bakery_products, _hosting("mail-1", "mail-hosting")],
        ),
        at=MONDAY,
    )
    programme.register_organisation(
        Organisation(
            id="cafe", name="Cafe", country="DE", members={"fred": LR}, products=[_hosting("cafe-web", "web-hosting")]
        ),
        at=MONDAY,
    )
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=MONDAY)
    programme.accept(sent.subject, by="carl", at=MONDAY, grant=Grant.limited({"web-1"}))
    programme.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=MONDAY)
    return programme
