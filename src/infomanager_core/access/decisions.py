"""Access decisions: who may reach which client, manage which product, order, or export the client list.

Every decision is **default-deny** and explains itself: a :class:`Decision` says ``allowed`` or not, gives a
:class:`Reason` (a stable code and a sentence) and the facts it used. Access to a client goes through its one active
partnership [SPEC §3.3]:

* a legal representative or administrator of the partner reaches every managed client;
* a user of the partner reaches the clients the partner assigned to them;
* within the client, full access covers every product and ordering; limited access covers the managed products only
  and never ordering;
* nobody else reaches a client through a partnership; a pending, refused, expired or ended one gives nothing.

The listings :func:`reachable_clients` and :func:`reachable_products` walk only the person's own partner
organisations and their clients (indexes, never a scan of every client), and agree with the single decisions.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access import Grant, Organisation, Person, Programme, Role
>>> at = datetime(2026, 1, 5, tzinfo=UTC)
>>> programme = Programme()
>>> for person in ("paula", "uma", "carl"):
...     _ = programme.register_person(Person(person), at=at)
>>> _ = programme.register_organisation(Organisation(id="agency", name="Agency", country="CH", partner=True,
...     members={"paula": Role.LEGAL_REPRESENTATIVE, "uma": Role.USER}), at=at)
>>> _ = programme.register_organisation(Organisation(id="bakery", name="Bakery", country="FR",
...     members={"carl": Role.LEGAL_REPRESENTATIVE}), at=at)
>>> [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=at)
>>> _ = programme.accept(sent.subject, by="carl", at=at)
>>> can_reach_client(programme, "paula", "bakery").reason.code
'partner-manager'
>>> print(can_reach_client(programme, "uma", "bakery"))
denied (not-assigned): a partner user reaches only the clients assigned to them
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .._frozen import FrozenMapping
from ..errors import InvalidInput
from .checks import typed
from .organisation import Role
from .programme import Programme, known_organisation

__all__ = [
    "Decision",
    "Reason",
    "can_export_clients",
    "can_manage_product",
    "can_order",
    "can_reach_client",
    "can_reach_product",
    "reachable_clients",
    "reachable_products",
]


@attrs.frozen
class Reason:
    """Why a decision went the way it did: a stable ``code`` for programs and a ``text`` for people."""

    code: str = attrs.field(validator=typed("code", str, "a string"))
    text: str = attrs.field(validator=typed("text", str, "a string"))


def _frozen_facts(facts: Mapping[str, str]) -> Mapping[str, str]:
    return FrozenMapping(facts)


@attrs.frozen(kw_only=True)
class Decision:
    """Allowed or denied, why, and the facts the rule looked at (a read-only mapping). Truthy exactly when allowed."""

    allowed: bool = attrs.field(validator=typed("allowed", bool, "True or False"))
    reason: Reason = attrs.field(validator=typed("reason", Reason, "a Reason"))
    facts: Mapping[str, str] = attrs.field(factory=FrozenMapping, converter=_frozen_facts)

    def __bool__(self) -> bool:
        return self.allowed

    def __str__(self) -> str:
        return f"{'allowed' if self.allowed else 'denied'} ({self.reason.code}): {self.reason.text}"


PARTNER_MANAGER = Reason("partner-manager", "legal representatives and administrators reach every managed client")
ASSIGNED_CLIENT = Reason("assigned-client", "the partner assigned this client to the user")
NOT_ASSIGNED = Reason("not-assigned", "a partner user reaches only the clients assigned to them")
NO_ACTIVE_PARTNERSHIP = Reason("no-active-partnership", "the client has no active partnership (default deny)")
NOT_PARTNER_STAFF = Reason("not-partner-staff", "only the client's partner staff reach it through a partnership")
FULL_ACCESS = Reason("full-access", "full access covers every product of the client")
MANAGED_PRODUCT = Reason("managed-product", "limited access covers this managed product")
PRODUCT_NOT_MANAGED = Reason("product-not-managed", "limited access does not cover this product")
OWN_ORGANISATION = Reason("own-organisation", "members reach the products of their own organisation")
MAY_ORDER = Reason("full-access-orders", "full access allows ordering and renewing")
LIMITED_CANNOT_ORDER = Reason("limited-access-cannot-order", "limited access does not allow ordering or renewing")
NOT_A_PARTNER = Reason("not-a-partner", "the organisation has no partner status, so no client list")
MAY_EXPORT = Reason("may-export", "legal representatives and administrators export the managed clients")
NOT_A_MANAGER = Reason("not-a-manager", "only legal representatives and administrators export the managed clients")


def require_programme(state: object, field: str = "state") -> None:
    """Refuse, naming ``field``, a ``state`` that is not the access :class:`Programme` a decision reads (a ``None``,
    a dict or another registry given by mistake would otherwise fail deep inside with an ``AttributeError``)."""
    if not isinstance(state, Programme):
        raise InvalidInput(field, state, "must be the access Programme the decision reads")


def can_reach_client(state: Programme, person: str, client: str) -> Decision:
    """Whether ``person`` reaches ``client`` through the client's active partnership.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> print(can_reach_client(programme, "uma", "bakery"))
    allowed (assigned-client): the partner assigned this client to the user
    >>> print(can_reach_client(programme, "paula", "cafe"))
    denied (no-active-partnership): the client has no active partnership (default deny)
    """
    if type(state) is not Programme:
        require_programme(state)
    state.person(person)
    known_organisation(state, client, "client")
    partnership = state.active_partnership(client)
    if partnership is None:
        return Decision(allowed=False, reason=NO_ACTIVE_PARTNERSHIP, facts={"person": person, "client": client})
    partner = partnership.partner
    facts = {"person": person, "client": client, "partner": partner, "partnership": partnership.id}
    role = state.role_of(person, partner)
    if role is None:
        return Decision(allowed=False, reason=NOT_PARTNER_STAFF, facts=facts)
    facts["role"] = role.value
    if role is not Role.USER:
        return Decision(allowed=True, reason=PARTNER_MANAGER, facts=facts)
    if state.is_assigned(partner, person, client):
        return Decision(allowed=True, reason=ASSIGNED_CLIENT, facts=facts)
    return Decision(allowed=False, reason=NOT_ASSIGNED, facts=facts)


def can_manage_product(state: Programme, person: str, product: str) -> Decision:
    """Whether ``person`` may manage a client's ``product`` for the partner: reach the client, and the grant covers it.

    >>> from infomanager_core.access.programme import Programme
    >>> can_manage_product(Programme(), "nobody", "web-1")
    Traceback (most recent call last):
    ...
    infomanager_core.access.errors.UnknownProduct: product: 'web-1' is not a product held by any organisation

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> [can_manage_product(programme, "uma", product).reason.code for product in ("web-1", "web-2")]
    ['managed-product', 'product-not-managed']
    """
    if type(state) is not Programme:
        require_programme(state)
    client = state.owner_of(product)
    reach = can_reach_client(state, person, client)
    facts = {**reach.facts, "product": product}
    if not reach.allowed:
        return Decision(allowed=False, reason=reach.reason, facts=facts)
    partnership = state.active_partnership(client)
    assert partnership is not None  # reach was allowed, so the client is managed
    grant = partnership.granted
    facts["access"] = grant.level.value
    if grant.is_full:
        return Decision(allowed=True, reason=FULL_ACCESS, facts=facts)
    if product in grant.products:
        return Decision(allowed=True, reason=MANAGED_PRODUCT, facts=facts)
    return Decision(allowed=False, reason=PRODUCT_NOT_MANAGED, facts=facts)


def can_reach_product(state: Programme, person: str, product: str) -> Decision:
    """Whether ``person`` reaches ``product`` at all: as a member of its organisation, or as partner staff managing it.

    This is the rule for seeing a product (its tags, for instance).

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> can_reach_product(programme, "cleo", "web-2").reason.code, bool(can_reach_product(programme, "uma", "web-2"))
    ('own-organisation', False)
    """
    if type(state) is not Programme:
        require_programme(state)
    owner = state.owner_of(product)
    role = state.role_of(person, owner)
    if role is not None:
        facts = {"person": person, "product": product, "organisation": owner, "role": role.value}
        return Decision(allowed=True, reason=OWN_ORGANISATION, facts=facts)
    return can_manage_product(state, person, product)


def can_order(state: Programme, person: str, client: str) -> Decision:
    """Whether ``person`` may order or renew for ``client`` as its partner (full access only).

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> print(can_order(programme, "paula", "bakery"))
    denied (limited-access-cannot-order): limited access does not allow ordering or renewing
    """
    reach = can_reach_client(state, person, client)
    if not reach.allowed:
        return reach
    partnership = state.active_partnership(client)
    assert partnership is not None
    facts = {**reach.facts, "access": partnership.granted.level.value}
    if partnership.granted.is_full:
        return Decision(allowed=True, reason=MAY_ORDER, facts=facts)
    return Decision(allowed=False, reason=LIMITED_CANNOT_ORDER, facts=facts)


def can_export_clients(state: Programme, person: str, partner: str) -> Decision:
    """Whether ``person`` may export ``partner``'s managed clients (legal representatives and administrators).

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> bool(can_export_clients(programme, "adam", "agency")), bool(can_export_clients(programme, "uma", "agency"))
    (True, False)
    """
    if type(state) is not Programme:
        require_programme(state)
    state.person(person)
    org = known_organisation(state, partner, "partner")
    facts = {"person": person, "partner": partner}
    if not org.partner:
        return Decision(allowed=False, reason=NOT_A_PARTNER, facts=facts)
    role = state.role_of(person, partner)
    if role is None:
        return Decision(allowed=False, reason=NOT_PARTNER_STAFF, facts=facts)
    facts["role"] = role.value
    if role.manages:
        return Decision(allowed=True, reason=MAY_EXPORT, facts=facts)
    return Decision(allowed=False, reason=NOT_A_MANAGER, facts=facts)


def reachable_clients(state: Programme, person: str) -> tuple[str, ...]:
    """The clients ``person`` reaches through partnerships, sorted; the cost follows that person's clients only.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> reachable_clients(programme, "uma"), reachable_clients(programme, "ulla"), reachable_clients(programme, "fred")
    (('bakery',), (), ())
    """
    if type(state) is not Programme:
        require_programme(state)
    state.person(person)
    clients: set[str] = set()
    for organisation, role in state.memberships(person).items():
        if role.manages:
            clients.update(state.clients_of(organisation))
        else:
            clients.update(state.assigned_clients(organisation, person))
    return tuple(sorted(clients))


def reachable_products(state: Programme, person: str) -> tuple[str, ...]:
    """The client products ``person`` may manage (every product under full access, the managed ones under limited).

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> reachable_products(programme, "paula"), reachable_products(programme, "carl")
    (('web-1',), ())
    """
    products: set[str] = set()
    for client in reachable_clients(state, person):
        partnership = state.active_partnership(client)
        assert partnership is not None
        if partnership.granted.is_full:
            products.update(p.id for p in state.organisation(client).products)
        else:
            products.update(partnership.granted.products)
    return tuple(sorted(products))
