"""The programme's auditor: :func:`check_invariants` re-derives every index from the facts and checks every law.

A :class:`~infomanager_core.access.programme.Programme` keeps facts (people, organisations, partnerships and
assignments) and indexes derived from them, so that access decisions are dictionary look-ups. The laws, checked in
this order:

1. every organisation has a legal representative;
2. every member of an organisation is a registered person;
3. no product is held by two organisations;
4. the membership index holds exactly each person's roles in the organisations (an emptied entry is no membership);
5. the owner index names exactly each product's organisation;
6. a client has at most one active partnership;
7. the client index names exactly each client's active partnership;
8. the partner of an active partnership has partner status;
9. every product an active partnership grants is held by its client;
10. the partner index lists exactly each partner's active clients (ended partnerships count for neither);
11. every assignment is recorded both ways, by partner and person and by partner and client;
12. an assigned client is one the partner manages;
13. an assigned person is a member of the partner.

A broken law raises :class:`~infomanager_core.errors.InvariantViolation`, whose ``law`` is the law in words and whose
``detail`` names the culprit (an id, the keys an index disagrees on, an assignment), whatever flags Python runs with
(``python -O`` included). Sets are checked in sorted order, so the culprit named does not depend on the hash seed.
Tests call it after every step, through :meth:`Programme.check_invariants
<infomanager_core.access.programme.Programme.check_invariants>`.

>>> from infomanager_core.access.examples import example_programme
>>> check_invariants(example_programme())  # silent when every index agrees with the facts
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..errors import InvariantViolation, disagreeing
from .organisation import Role

if TYPE_CHECKING:
    from .programme import Programme

__all__ = ["check_invariants"]


def check_invariants(programme: Programme) -> None:
    """Re-derive every index of ``programme`` from its facts; raise :class:`~infomanager_core.errors.InvariantViolation`
    on the first law broken.

    >>> from infomanager_core.access.examples import example_programme
    >>> programme = example_programme()
    >>> check_invariants(programme)
    >>> del programme._clients_by_partner["agency"]  # damage done behind the programme's back
    >>> check_invariants(programme)
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvariantViolation: invariant broken: the partner index lists exactly each partner's active clients: ['agency']
    """
    memberships, owners = _organisations(programme)
    # laws 4 and 5: the membership and owner indexes
    index = {p: r for p, r in programme._memberships.items() if r}
    if memberships != index:
        raise InvariantViolation(
            "the membership index holds exactly each person's roles in the organisations",
            disagreeing(memberships, index),
        )
    if owners != programme._product_owner:
        raise InvariantViolation(
            "the owner index names exactly each product's organisation", disagreeing(owners, programme._product_owner)
        )
    _active_partnership_of_each_client(programme)
    by_partner = _active_clients_of_each_partner(programme, owners)
    _assignments(programme, by_partner)


def _organisations(programme: Programme) -> tuple[dict[str, dict[str, Role]], dict[str, str]]:
    """Laws 1–3, organisation by organisation; the memberships and owners the facts say, for laws 4 and 5."""
    memberships: dict[str, dict[str, Role]] = {}
    owners: dict[str, str] = {}
    for org in programme._organisations.values():
        if Role.LEGAL_REPRESENTATIVE not in org.members.values():
            raise InvariantViolation("every organisation has a legal representative", org.id)
        for person, role in org.members.items():
            if person not in programme._people:
                raise InvariantViolation("every member of an organisation is a registered person", (org.id, person))
            memberships.setdefault(person, {})[org.id] = role
        for product in org.products:
            if product.id in owners:
                raise InvariantViolation(
                    "no product is held by two organisations", (product.id, owners[product.id], org.id)
                )
            owners[product.id] = org.id
    return memberships, owners


def _active_partnership_of_each_client(programme: Programme) -> None:
    """Laws 6 and 7: one active partnership a client, and the client index names it."""
    clients = Counter(p.client for p in programme._partnerships.values() if p.is_active)
    twice = sorted(client for client, count in clients.items() if count > 1)
    if twice:
        raise InvariantViolation("a client has at most one active partnership", twice)
    active = {p.client: p.id for p in programme._partnerships.values() if p.is_active}
    if active != programme._active_by_client:
        raise InvariantViolation(
            "the client index names exactly each client's active partnership",
            disagreeing(active, programme._active_by_client),
        )


def _active_clients_of_each_partner(programme: Programme, owners: dict[str, str]) -> dict[str, set[str]]:
    """Laws 8–10, partnership by active partnership; each partner's active clients, for law 12."""
    by_partner: dict[str, set[str]] = {}
    for partnership in programme._partnerships.values():
        if partnership.is_active:
            by_partner.setdefault(partnership.partner, set()).add(partnership.client)
            if not programme._organisations[partnership.partner].partner:
                raise InvariantViolation(
                    "the partner of an active partnership has partner status", (partnership.id, partnership.partner)
                )
            for managed in sorted(partnership.granted.products):
                if owners.get(managed) != partnership.client:
                    raise InvariantViolation(
                        "every product an active partnership grants is held by its client",
                        (partnership.id, managed),
                    )
    index = {p: set(c) for p, c in programme._clients_by_partner.items() if c}
    if by_partner != index:
        raise InvariantViolation(
            "the partner index lists exactly each partner's active clients", disagreeing(by_partner, index)
        )
    return by_partner


def _assignments(programme: Programme, by_partner: dict[str, set[str]]) -> None:
    """Laws 11–13: assignments recorded both ways, of managed clients, to the partner's members; in sorted order."""
    pairs = {(partner, person, client) for (partner, person), cs in programme._assigned.items() for client in cs}
    reverse = {(partner, person, client) for (partner, client), ps in programme._assignees.items() for person in ps}
    if pairs != reverse:
        raise InvariantViolation(
            "every assignment is recorded both ways, by partner and person and by partner and client",
            sorted(pairs ^ reverse),
        )
    for partner, person, client in sorted(pairs):
        if client not in by_partner.get(partner, set()):
            raise InvariantViolation("an assigned client is one the partner manages", (partner, person, client))
        if person not in programme._organisations[partner].members:
            raise InvariantViolation("an assigned person is a member of the partner", (partner, person, client))
