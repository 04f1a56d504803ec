"""The partner programme: organisations, people, invitations and partnerships, and the commands that change them.

:class:`Programme` is the one stateful object of the access area. Every command

1. checks its ids (a non-blank printable string each, see :func:`~infomanager_core.access.checks.checks_ids`: every
   public method, query or command, refuses anything else with a typed error before a look-up), its moment (a
   timezone-aware ``at``; the domain never reads the clock), who acts and every argument,
2. only then changes state, so that a refused command leaves the programme exactly as it was,
3. returns the :class:`~infomanager_core.access.events.AccessEvent` values describing the change.

It keeps indexes (client → its active partnership, partner → its clients, partner user → assigned clients) so that
access decisions are dictionary look-ups and listing a person's clients costs in proportion to that person's clients.
:meth:`Programme.check_invariants` re-derives the indexes from the facts; tests call it after every step.

Rules the programme enforces [SPEC §3.1–3.3]: only a partner's legal representative invites a client; only a client's
legal representative authorises a partner or answers an invitation (possibly granting different access); a partner
accepting an authorisation takes it as offered; invitations are single-use and expire; a client has at most one active
partner; either side's legal representative ends a partnership, which removes every access at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType

import attrs

from .._copies import WholeCopy
from ..errors import InvalidInput
from ..text import is_plain_identifier, printable_identifier
from . import invariants
from .checks import aware_moment, calendar_after, checks_ids, instant
from .errors import (
    AlreadyAMember,
    AlreadyRegistered,
    BackdatedCommand,
    ClientAlreadyManaged,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationPending,
    NotALegalRepresentative,
    NotAManagedClient,
    NotAManager,
    NotAMember,
    NotAPartner,
    NotTheInvitingSide,
    NotTheReceivingSide,
    PartnerCannotChangeGrant,
    PartnershipEnded,
    ProductOfAnotherOrganisation,
    ProductsNotManaged,
    SameOrganisation,
    UnknownInvitation,
    UnknownOrganisation,
    UnknownPartnership,
    UnknownPerson,
    UnknownProduct,
    WrongAccessLevel,
)
from .events import AccessEvent, EventKind
from .organisation import HeldProduct, Organisation, Person, Role, with_member, with_product, with_role, without_member
from .partnership import (
    DEFAULT_INVITATION_VALIDITY,
    AccessLevel,
    Direction,
    Grant,
    Invitation,
    InvitationStatus,
    Partnership,
    PaymentMeans,
)

__all__ = ["Programme"]

Events = tuple[AccessEvent, ...]


def _check_validity(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise InvalidInput("invitation_validity", value, "must be a positive timedelta")


def _person(person: str) -> str:
    return f"person:{person!r}"


def _acting(by: str | None) -> tuple[str, ...]:
    """What a registration's ``by`` concerns: the person acting, who cannot act before they were registered."""
    return () if by is None else (_person(by),)


def _organisation(organisation: str) -> str:
    return f"organisation:{organisation!r}"


def _invitation(invitation: str) -> str:
    return f"invitation:{invitation!r}"


def _partnership(partnership: str) -> str:
    return f"partnership:{partnership!r}"


def known_organisation(programme: Programme, organisation: str, field: str) -> Organisation:
    """The organisation with id ``organisation``, refused as ``UnknownOrganisation`` naming ``field``: the parameter
    that held the id (``partner``, ``client``), so that a caller can tell which of two organisations it got wrong; a
    malformed id (a list, a blank) is refused naming ``field`` as well."""
    # the usual id is decided in C; the look-up's own guard would name 'organisation', not the parameter
    if not is_plain_identifier(organisation):
        printable_identifier(organisation, field=field)
    try:
        return programme.organisation(organisation)
    except UnknownOrganisation:
        raise UnknownOrganisation(organisation, field=field) from None


def known_person(programme: Programme, person: str, field: str) -> Person:
    """The person with id ``person``, refused as ``UnknownPerson`` naming ``field``: the parameter that held the id
    (``by`` for whoever acts), as :func:`known_organisation` does for organisations."""
    if not is_plain_identifier(person):
        printable_identifier(person, field=field)
    try:
        return programme.person(person)
    except UnknownPerson:
        raise UnknownPerson(person, field=field) from None


def _concerning(partnership: Partnership) -> tuple[str, ...]:
    """What a change to a partnership concerns: the partnership and both organisations."""
    return _partnership(partnership.id), _organisation(partnership.partner), _organisation(partnership.client)


@checks_ids()
@attrs.define
class Programme(WholeCopy):
    """Everything the access rules need to know, changed only through its commands.

    >>> from datetime import UTC, datetime
    >>> at = datetime(2026, 1, 5, 9, tzinfo=UTC)
    >>> programme = Programme()
    >>> for person in ("paula", "carl"):
    ...     _ = programme.register_person(Person(person), at=at)
    >>> _ = programme.register_organisation(Organisation(id="web-agency", name="Web Agency", country="CH",
    ...     members={"paula": Role.LEGAL_REPRESENTATIVE}, partner=True), at=at)
    >>> _ = programme.register_organisation(Organisation(id="bakery", name="Bakery", country="CH",
    ...     members={"carl": Role.LEGAL_REPRESENTATIVE}), at=at)
    >>> [sent] = programme.invite(partner="web-agency", client="bakery", grant=Grant.full(), by="paula", at=at)
    >>> [accepted, started] = programme.accept(sent.subject, by="carl", at=at)
    >>> programme.active_partnership("bakery").granted.describe()
    "full access, client's payment means"
    """

    invitation_validity: timedelta = attrs.field(default=DEFAULT_INVITATION_VALIDITY, validator=_check_validity)
    _people: dict[str, Person] = attrs.field(factory=dict, init=False)
    _organisations: dict[str, Organisation] = attrs.field(factory=dict, init=False)
    _memberships: dict[str, dict[str, Role]] = attrs.field(factory=dict, init=False)
    _product_owner: dict[str, str] = attrs.field(factory=dict, init=False)
    _invitations: dict[str, Invitation] = attrs.field(factory=dict, init=False)
    _latest_invitation: dict[tuple[str, str], str] = attrs.field(factory=dict, init=False)
    _partnerships: dict[str, Partnership] = attrs.field(factory=dict, init=False)
    _active_by_client: dict[str, str] = attrs.field(factory=dict, init=False)
    _clients_by_partner: dict[str, dict[str, None]] = attrs.field(factory=dict, init=False)
    _assigned: dict[tuple[str, str], dict[str, None]] = attrs.field(factory=dict, init=False)
    _assignees: dict[tuple[str, str], dict[str, None]] = attrs.field(factory=dict, init=False)
    _latest: dict[str, datetime] = attrs.field(factory=dict, init=False)
    #: The last number given to an ``invitation`` and to a ``partnership`` (or left room for): the next is one more.
    _numbered: dict[str, int] = attrs.field(factory=lambda: {"invitation": 0, "partnership": 0}, init=False)

    # -- queries ----------------------------------------------------------------------------------------------------

    def person(self, person: str) -> Person:
        """The person with id ``person`` (``UnknownPerson`` otherwise).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.person("carl")
        Person(id='carl', name='Carl')
        """
        try:
            return self._people[person]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownPerson(person) from None

    def organisation(self, organisation: str) -> Organisation:
        """The organisation with id ``organisation`` (``UnknownOrganisation`` otherwise).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.organisation("bakery").name, programme.organisation("agency").partner
        ('Bakery', True)
        """
        try:
            return self._organisations[organisation]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownOrganisation(organisation) from None

    def invitation(self, invitation: str) -> Invitation:
        """The invitation with id ``invitation``, as it stands (``UnknownInvitation`` otherwise).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.invitation("invitation-1").status_at(MONDAY).value
        'accepted'
        """
        try:
            return self._invitations[invitation]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownInvitation(invitation) from None

    def partnership(self, partnership: str) -> Partnership:
        """The partnership with id ``partnership``, active or ended (``UnknownPartnership`` otherwise).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.partnership("partnership-1").granted.describe()
        'limited access to web-1'
        """
        try:
            return self._partnerships[partnership]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownPartnership(partnership) from None

    def owner_of(self, product: str) -> str:
        """The id of the organisation holding ``product``.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.owner_of("mail-1")
        'bakery'
        """
        try:
            return self._product_owner[product]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownProduct(product) from None

    def product(self, product: str) -> HeldProduct:
        """The product ``product`` as installed in its organisation (``UnknownProduct`` otherwise).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.product("mail-1").family
        'mail-hosting'
        """
        owner = self.organisation(self.owner_of(product))
        return next(p for p in owner.products if p.id == product)

    @property
    def people(self) -> tuple[Person, ...]:
        """Every person known, in registration order (a snapshot).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [person.id for person in programme.people][:3]
        ['paula', 'adam', 'uma']
        """
        return tuple(self._people.values())

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """Every organisation known, in registration order (a snapshot).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [organisation.id for organisation in programme.organisations]
        ['agency', 'bakery', 'cafe']
        """
        return tuple(self._organisations.values())

    @property
    def invitations(self) -> tuple[Invitation, ...]:
        """Every invitation known, in registration order (a snapshot).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [(invitation.id, invitation.client) for invitation in programme.invitations]
        [('invitation-1', 'bakery')]
        """
        return tuple(self._invitations.values())

    @property
    def partnerships(self) -> tuple[Partnership, ...]:
        """Every partnership known, in registration order (a snapshot).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [(p.id, p.partner, p.client) for p in programme.partnerships]
        [('partnership-1', 'agency', 'bakery')]
        """
        return tuple(self._partnerships.values())

    def memberships(self, person: str) -> Mapping[str, Role]:
        """The organisations ``person`` belongs to, with the role in each (empty for an unknown person).

        A read-only snapshot: changing the programme afterwards does not change it, and it cannot change the programme.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> dict(programme.memberships("paula"))
        {'agency': <Role.LEGAL_REPRESENTATIVE: 'legal representative'>}
        """
        return MappingProxyType(dict(self._memberships.get(person, ())))

    def role_of(self, person: str, organisation: str) -> Role | None:
        """The role of ``person`` in ``organisation``, or ``None`` when not a member.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.role_of("uma", "agency"), programme.role_of("uma", "bakery")
        (<Role.USER: 'user'>, None)
        """
        roles = self._memberships.get(person)
        return None if roles is None else roles.get(organisation)

    def active_partnership(self, client: str) -> Partnership | None:
        """The client's active partnership, if it is managed (a client has at most one partner at a time).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.active_partnership("bakery").partner, programme.active_partnership("cafe")
        ('agency', None)
        """
        partnership = self._active_by_client.get(client)
        return None if partnership is None else self._partnerships[partnership]

    def clients_of(self, partner: str) -> tuple[str, ...]:
        """The partner's active clients, in the order their partnerships started.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.clients_of("agency"), programme.clients_of("cafe")
        (('bakery',), ())
        """
        return tuple(self._clients_by_partner.get(partner, ()))

    def managed_clients(self, partner: str) -> tuple[Partnership, ...]:
        """The partner's active partnerships, in the order they started.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [(p.client, p.granted.describe()) for p in programme.managed_clients("agency")]
        [('bakery', 'limited access to web-1')]
        """
        return tuple(self._partnerships[self._active_by_client[c]] for c in self._clients_by_partner.get(partner, ()))

    def assigned_clients(self, partner: str, person: str) -> tuple[str, ...]:
        """The clients the partner assigned to ``person`` (only active clients stay assigned).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.assigned_clients("agency", "uma"), programme.assigned_clients("agency", "ulla")
        (('bakery',), ())
        """
        return tuple(self._assigned.get((partner, person), ()))

    def is_assigned(self, partner: str, person: str, client: str) -> bool:
        """Whether the partner assigned ``client`` to ``person``.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.is_assigned("agency", "uma", "bakery"), programme.is_assigned("agency", "ulla", "bakery")
        (True, False)
        """
        return client in self._assigned.get((partner, person), ())

    def check_in_order(self, at: datetime, *, organisations: Iterable[str]) -> None:
        """Refuse ``at`` when it is earlier than the latest moment of one of these organisations (the same is fine).

        For a store that reads the programme to decide its own commands (the tags): it decides on the programme as
        it stands, which is the programme at ``at`` only if nothing concerning those organisations happened later.
        Raises :class:`~infomanager_core.access.errors.BackdatedCommand` naming the organisation and its latest moment.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.check_in_order(MONDAY, organisations=["bakery", "agency"])
        >>> programme.check_in_order(MONDAY - timedelta(hours=1), organisations=["bakery"])
        Traceback (most recent call last):
        ...
        infomanager_core.access.errors.BackdatedCommand: at: 2026-01-05 08:00:00+00:00 must not be earlier than 2026-01-05 09:00:00+00:00, the latest moment of organisation 'bakery'
        """
        aware_moment(at)
        self._in_order(at, *map(_organisation, organisations))

    def advance_to(self, at: datetime, *, organisations: Iterable[str]) -> None:
        """Move the latest moment of these organisations to ``at``, as if a command concerning them happened then.

        A store that records its own commands about organisations (the tags) calls it after each one, so that their
        joint history reads in order: the programme then refuses a change to their access dated earlier than what
        the store recorded on the strength of that access. Nothing else changes; a moment earlier than one they
        already have is refused like any backdated command.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.advance_to(MONDAY + timedelta(hours=2), organisations=["bakery"])
        >>> programme.end("partnership-1", by="carl", at=MONDAY + timedelta(hours=1))
        Traceback (most recent call last):
        ...
        infomanager_core.access.errors.BackdatedCommand: at: 2026-01-05 10:00:00+00:00 must not be earlier than 2026-01-05 11:00:00+00:00, the latest moment of organisation 'bakery'
        """
        organisations = tuple(organisations)  # read once: an iterator of ids is checked and stamped alike
        for organisation in organisations:
            self.organisation(organisation)
        concerned = tuple(map(_organisation, organisations))
        aware_moment(at)
        self._in_order(at, *concerned)
        self._stamp(at, *concerned)

    # -- organisations and people ----------------------------------------------------------------------------------

    def register_person(self, person: Person, *, at: datetime, by: str | None = None) -> Events:
        """Add a person who may then become a member of organisations.

        ``by`` is who registered them: the person themselves (signing up), a person already registered (a legal
        representative bringing in a colleague), or ``None`` for the operator's own system (an import).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [registered] = programme.register_person(Person("zoe", "Zoé"), by="zoe", at=MONDAY)
        >>> registered.what.value, registered.by, programme.person("zoe").name
        ('person registered', 'zoe', 'Zoé')
        """
        aware_moment(at)
        if not isinstance(person, Person):
            raise InvalidInput("person", person, "must be a Person")
        if by is not None and not (isinstance(by, str) and by == person.id):  # signing up: not registered yet
            self._actor(by)
        if person.id in self._people:
            raise AlreadyRegistered("person", person.id)
        self._in_order(at, *(() if by == person.id else _acting(by)))
        self._people[person.id] = person
        self._stamp(at, _person(person.id))
        return (AccessEvent(what=EventKind.PERSON_REGISTERED, by=by, at=at, subject=person.id, after=person),)

    def register_organisation(self, organisation: Organisation, *, at: datetime, by: str | None = None) -> Events:
        """Add an organisation; its members must be registered people and its product ids new.

        ``by`` is the registered person who registered it (who signed the organisation up, usually its first legal
        representative), or ``None`` for the operator's own system (an import, the back office).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> dental = Organisation(id="dental", name="Dental", country="CH", members={"fred": Role.LEGAL_REPRESENTATIVE})
        >>> [registered] = programme.register_organisation(dental, by="fred", at=MONDAY)
        >>> registered.subject, registered.by, programme.role_of("fred", "dental")
        ('dental', 'fred', <Role.LEGAL_REPRESENTATIVE: 'legal representative'>)
        """
        aware_moment(at)
        if not isinstance(organisation, Organisation):
            raise InvalidInput("organisation", organisation, "must be an Organisation")
        if by is not None:
            self._actor(by)
        if organisation.id in self._organisations:
            raise AlreadyRegistered("organisation", organisation.id)
        for member in organisation.members:
            self.person(member)
        for product in organisation.products:
            if product.id in self._product_owner:
                raise AlreadyRegistered("product", product.id)
        self._in_order(at, *(_person(member) for member in organisation.members), *_acting(by))
        self._organisations[organisation.id] = organisation
        self._stamp(at, _organisation(organisation.id))
        for member, role in organisation.members.items():
            self._memberships.setdefault(member, {})[organisation.id] = role
        for product in organisation.products:
            self._product_owner[product.id] = organisation.id
        return (
            AccessEvent(
                what=EventKind.ORGANISATION_REGISTERED,
                by=by,
                at=at,
                subject=organisation.id,
                after=organisation,
                notify=frozenset({organisation.id}),
            ),
        )

    def add_product(self, organisation: str, product: HeldProduct, *, at: datetime, by: str | None = None) -> Events:
        """Install ``product`` in the organisation (an order completed; products always live with the client).

        ``by`` is the registered person whose order installed it (the order's ``by``: the client's member or the
        partner's staff), or ``None`` for the operator's own system (a migration, a gift).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> web_3 = HeldProduct(id="web-3", code="web", family="web-hosting")
        >>> [added] = programme.add_product("bakery", web_3, by="uma", at=MONDAY)
        >>> programme.owner_of("web-3"), added.by, sorted(added.notify)
        ('bakery', 'uma', ['agency', 'bakery'])
        """
        aware_moment(at)
        if by is not None:
            self._actor(by)
        org = self.organisation(organisation)
        if not isinstance(product, HeldProduct):
            raise InvalidInput("product", product, "must be a HeldProduct")
        if product.id in self._product_owner:
            raise AlreadyRegistered("product", product.id)
        self._in_order(at, _organisation(organisation), *_acting(by))
        self._organisations[organisation] = with_product(org, product)
        self._stamp(at, _organisation(organisation))
        self._product_owner[product.id] = organisation
        return (
            AccessEvent(
                what=EventKind.PRODUCT_ADDED,
                by=by,
                at=at,
                subject=organisation,
                after=product,
                notify=self._concerned(organisation),
            ),
        )

    def add_member(self, organisation: str, person: str, role: Role, *, by: str, at: datetime) -> Events:
        """A legal representative adds ``person`` to the organisation as ``role``.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [added] = programme.add_member("bakery", "fred", Role.ADMINISTRATOR, by="carl", at=MONDAY)
        >>> added.what.value, added.after
        ('member added', <Role.ADMINISTRATOR: 'administrator'>)
        """
        aware_moment(at)
        org = self._require_legal_representative(by, organisation)
        self.person(person)
        if person in org.members:
            raise AlreadyAMember(person, organisation, org.members[person].value)
        changed = with_member(org, person, role)
        self._in_order(at, _organisation(organisation), _person(person))
        self._organisations[organisation] = changed
        self._stamp(at, _organisation(organisation))
        self._memberships.setdefault(person, {})[organisation] = role
        return (self._member_event(EventKind.MEMBER_ADDED, organisation, person, None, role, by, at),)

    def change_role(self, organisation: str, person: str, role: Role, *, by: str, at: datetime) -> Events:
        """A legal representative changes a member's role; the last legal representative stays one.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [changed] = programme.change_role("agency", "uma", Role.ADMINISTRATOR, by="paula", at=MONDAY)
        >>> changed.before.value, changed.after.value
        ('user', 'administrator')
        """
        aware_moment(at)
        org = self._require_legal_representative(by, organisation)
        self.person(person)
        before = org.role_of(person)
        changed = with_role(org, person, role)
        self._in_order(at, _organisation(organisation))
        if changed is org:
            return ()
        self._organisations[organisation] = changed
        self._stamp(at, _organisation(organisation))
        self._memberships[person][organisation] = role
        return (self._member_event(EventKind.ROLE_CHANGED, organisation, person, before, role, by, at),)

    def remove_member(self, organisation: str, person: str, *, by: str, at: datetime) -> Events:
        """A legal representative removes a member (never the last legal representative); their assignments go too.

        Each assignment dropped is a ``client unassigned`` event, before the ``member removed`` one, so that an audit
        log of the events alone no longer shows the person assigned.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> _ = programme.remove_member("agency", "uma", by="paula", at=MONDAY)
        >>> programme.role_of("uma", "agency"), programme.assigned_clients("agency", "uma")
        (None, ())
        """
        aware_moment(at)
        org = self._require_legal_representative(by, organisation)
        self.person(person)
        before = org.role_of(person)
        changed = without_member(org, person)
        self._in_order(at, _organisation(organisation))
        self._organisations[organisation] = changed
        self._stamp(at, _organisation(organisation))
        del self._memberships[person][organisation]
        dropped = self.assigned_clients(organisation, person)
        for client in dropped:
            self._unassign(organisation, client, person)
        return (
            *(
                self._assignment_event(
                    EventKind.CLIENT_UNASSIGNED, organisation, c, person, by, at, cause=EventKind.MEMBER_REMOVED
                )
                for c in dropped
            ),
            self._member_event(EventKind.MEMBER_REMOVED, organisation, person, before, None, by, at),
        )

    # -- invitations ------------------------------------------------------------------------------------------------

    def invite(self, *, partner: str, client: str, grant: Grant, by: str, at: datetime) -> Events:
        """A legal representative of the partner invites a client, asking for ``grant``.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
        >>> sent.subject, programme.invitation(sent.subject).expires_at.date().isoformat()
        ('invitation-2', '2026-01-20')
        """
        aware_moment(at)
        known_organisation(self, partner, "partner")
        known_organisation(self, client, "client")
        self._require_legal_representative(by, partner)
        return self._send(Direction.PARTNER_INVITES_CLIENT, partner, client, grant, by, at)

    def authorise(self, *, client: str, partner: str, grant: Grant, by: str, at: datetime) -> Events:
        """A legal representative of the client authorises a partner, offering ``grant``.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [offered] = programme.authorise(client="cafe", partner="agency", grant=Grant.limited({"cafe-web"}),
        ...     by="fred", at=MONDAY)
        >>> programme.invitation(offered.subject).direction.value
        'client authorises partner'
        """
        aware_moment(at)
        known_organisation(self, client, "client")
        known_organisation(self, partner, "partner")
        self._require_legal_representative(by, client)
        return self._send(Direction.CLIENT_AUTHORISES_PARTNER, partner, client, grant, by, at)

    def accept(self, invitation: str, *, by: str, at: datetime, grant: Grant | None = None) -> Events:
        """The receiving side accepts. A client may grant other access than requested; a partner may not.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
        >>> accepted, started = programme.accept(sent.subject, by="fred", at=MONDAY, grant=Grant.limited({"cafe-web"}))
        >>> programme.active_partnership("cafe").granted.describe(), len(started.after.differences)
        ('limited access to cafe-web', 3)
        """
        aware_moment(at)
        sent = self._require_open(invitation, at)
        self._require_receiving_side(by, sent)
        if grant is None:
            granted = sent.requested
        elif sent.direction is Direction.CLIENT_AUTHORISES_PARTNER and grant != sent.requested:
            raise PartnerCannotChangeGrant(invitation)
        else:
            granted = grant
        self._check_grant(granted, sent.client)
        self._require_partner_status(sent.partner)
        self._require_unmanaged(sent.client)
        concerned = (_invitation(invitation), _organisation(sent.partner), _organisation(sent.client))
        self._in_order(at, *concerned)
        accepted = attrs.evolve(sent, answered=InvitationStatus.ACCEPTED)
        partnership = Partnership(
            id=self._next_id("partnership"),
            partner=sent.partner,
            client=sent.client,
            requested=sent.requested,
            granted=granted,
            since=at,
            invitation=invitation,
        )
        self._invitations[invitation] = accepted
        self._partnerships[partnership.id] = partnership
        self._numbered["partnership"] += 1
        self._active_by_client[sent.client] = partnership.id
        self._clients_by_partner.setdefault(sent.partner, {})[sent.client] = None
        self._stamp(at, *concerned, _partnership(partnership.id))
        notify = frozenset({sent.partner, sent.client})
        return (
            AccessEvent(
                what=EventKind.INVITATION_ACCEPTED,
                by=by,
                at=at,
                subject=invitation,
                before=sent,
                after=accepted,
                notify=notify,
            ),
            AccessEvent(
                what=EventKind.PARTNERSHIP_STARTED,
                by=by,
                at=at,
                subject=partnership.id,
                after=partnership,
                notify=notify,
            ),
        )

    def refuse(self, invitation: str, *, by: str, at: datetime) -> Events:
        """The receiving side refuses; the invitation grants nothing.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
        >>> [refused] = programme.refuse(sent.subject, by="fred", at=MONDAY)
        >>> programme.invitation(sent.subject).status_at(MONDAY).value, programme.active_partnership("cafe")
        ('refused', None)
        """
        aware_moment(at)
        sent = self._require_open(invitation, at)
        self._require_receiving_side(by, sent)
        return self._close(sent, InvitationStatus.REFUSED, EventKind.INVITATION_REFUSED, by, at)

    def cancel(self, invitation: str, *, by: str, at: datetime) -> Events:
        """A legal representative of the inviting side withdraws an open invitation.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
        >>> [cancelled] = programme.cancel(sent.subject, by="paula", at=MONDAY)
        >>> programme.invitation(sent.subject).status_at(MONDAY).value
        'cancelled'
        """
        aware_moment(at)
        sent = self._require_open(invitation, at)
        side = sent.direction.inviting_side
        if self.role_of(by, sent.side(side)) is not Role.LEGAL_REPRESENTATIVE:
            self._actor(by)
            raise NotTheInvitingSide(by, invitation, side)
        return self._close(sent, InvitationStatus.CANCELLED, EventKind.INVITATION_CANCELLED, by, at)

    # -- changes while active ---------------------------------------------------------------------------------------

    def change_access(self, partnership: str, grant: Grant, *, by: str, at: datetime) -> Events:
        """The client switches the grant (full ↔ limited, or any other grant); the partner is notified.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [changed] = programme.change_access("partnership-1", Grant.full(), by="carl", at=MONDAY)
        >>> print(changed.before.describe(), "->", changed.after.describe())
        limited access to web-1 -> full access, client's payment means
        """
        aware_moment(at)
        current = self._require_client_side(partnership, by)
        if not isinstance(grant, Grant):
            raise InvalidInput("grant", grant, "must be a Grant")
        return self._regrant(current, grant, by, at)

    def change_payment_means(self, partnership: str, payment_means: PaymentMeans, *, by: str, at: datetime) -> Events:
        """The client changes whose payment means pay under full access.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> _ = programme.change_access("partnership-1", Grant.full(), by="carl", at=MONDAY)
        >>> _ = programme.change_payment_means("partnership-1", PaymentMeans.PARTNER, by="carl", at=MONDAY)
        >>> print(programme.partnership("partnership-1").granted.describe())
        full access, partner's payment means
        """
        aware_moment(at)
        current = self._require_client_side(partnership, by)
        if not isinstance(payment_means, PaymentMeans):
            raise InvalidInput("payment_means", payment_means, "must be a PaymentMeans")
        if not current.granted.is_full:
            raise WrongAccessLevel(partnership, AccessLevel.FULL.value)
        return self._regrant(current, Grant.full(payment_means), by, at)

    def add_managed_products(self, partnership: str, products: Iterable[str], *, by: str, at: datetime) -> Events:
        """The client adds products to a limited grant.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> _ = programme.add_managed_products("partnership-1", ["mail-1"], by="carl", at=MONDAY)
        >>> programme.partnership("partnership-1").granted.describe()
        'limited access to mail-1, web-1'
        """
        aware_moment(at)
        current = self._require_client_side(partnership, by)
        if current.granted.is_full:
            raise WrongAccessLevel(partnership, AccessLevel.LIMITED.value)
        added = Grant.limited(products).products
        return self._regrant(current, Grant.limited(current.granted.products | added), by, at)

    def remove_managed_products(self, partnership: str, products: Iterable[str], *, by: str, at: datetime) -> Events:
        """The client removes products from a limited grant; at least one must stay (else switch or end).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> _ = programme.add_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY)
        >>> _ = programme.remove_managed_products("partnership-1", ["web-1"], by="carl", at=MONDAY)
        >>> programme.partnership("partnership-1").granted.describe()
        'limited access to web-2'
        """
        aware_moment(at)
        current = self._require_client_side(partnership, by)
        if current.granted.is_full:
            raise WrongAccessLevel(partnership, AccessLevel.LIMITED.value)
        removed = Grant.limited(products).products
        if not removed <= current.granted.products:
            raise ProductsNotManaged(sorted(removed - current.granted.products), partnership)
        return self._regrant(current, Grant.limited(current.granted.products - removed), by, at)

    def assign_client(self, *, partner: str, client: str, person: str, by: str, at: datetime) -> Events:
        """A legal representative or administrator of the partner assigns a managed client to a staff member.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> [assigned] = programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=MONDAY)
        >>> assigned.what.value, programme.assigned_clients("agency", "ulla")
        ('client assigned', ('bakery',))
        """
        aware_moment(at)
        concerned = self._require_assignment(partner, client, person, by)
        self._in_order(at, *concerned)
        if self.is_assigned(partner, person, client):
            return ()
        self._assigned.setdefault((partner, person), {})[client] = None
        self._assignees.setdefault((partner, client), {})[person] = None
        self._stamp(at, *concerned)
        return (self._assignment_event(EventKind.CLIENT_ASSIGNED, partner, client, person, by, at),)

    def unassign_client(self, *, partner: str, client: str, person: str, by: str, at: datetime) -> Events:
        """Withdraw a client from a staff member's list.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> _ = programme.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=MONDAY)
        >>> programme.assigned_clients("agency", "uma")
        ()
        """
        aware_moment(at)
        concerned = self._require_assignment(partner, client, person, by)
        self._in_order(at, *concerned)
        if not self.is_assigned(partner, person, client):
            return ()
        self._unassign(partner, client, person)
        self._stamp(at, *concerned)
        return (self._assignment_event(EventKind.CLIENT_UNASSIGNED, partner, client, person, by, at),)

    def end(self, partnership: str, *, by: str, at: datetime) -> Events:
        """A legal representative of either side ends the partnership: every access through it goes at once.

        The assignments of the client to the partner's staff go with it, each a ``client unassigned`` event before the
        ``partnership ended`` one, so that an audit log of the events alone no longer shows them.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> *unassigned, ended = programme.end("partnership-1", by="carl", at=MONDAY + timedelta(days=30))
        >>> [(event.what.value, event.before) for event in unassigned]
        [('client unassigned', 'uma')]
        >>> ended.after.ended_at.date().isoformat(), programme.active_partnership("bakery")
        ('2026-02-04', None)
        >>> programme.assigned_clients("agency", "uma")
        ()
        """
        aware_moment(at)
        current = self.partnership(partnership)
        self._actor(by)
        if not current.is_active:
            raise PartnershipEnded(partnership)
        on_partner_side = self.role_of(by, current.partner)
        if Role.LEGAL_REPRESENTATIVE not in (on_partner_side, self.role_of(by, current.client)):
            # named for the side the person is on: the partner's administrator is told of the partner, not the client
            raise NotALegalRepresentative(by, current.client if on_partner_side is None else current.partner)
        concerned = _concerning(current)
        self._in_order(at, *concerned)
        ended = attrs.evolve(current, ended_at=at)
        self._partnerships[partnership] = ended
        del self._active_by_client[current.client]
        del self._clients_by_partner[current.partner][current.client]
        dropped = tuple(self._assignees.get((current.partner, current.client), ()))
        for person in dropped:
            self._unassign(current.partner, current.client, person)
        self._stamp(at, *concerned)
        return (
            *(
                self._assignment_event(
                    EventKind.CLIENT_UNASSIGNED,
                    current.partner,
                    current.client,
                    p,
                    by,
                    at,
                    cause=EventKind.PARTNERSHIP_ENDED,
                )
                for p in dropped
            ),
            AccessEvent(
                what=EventKind.PARTNERSHIP_ENDED,
                by=by,
                at=at,
                subject=partnership,
                before=current,
                after=ended,
                notify=frozenset({current.partner, current.client}),
            ),
        )

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Re-derive every index from the facts and fail loudly on any disagreement (tests call it after each step).

        The laws, and the order they are checked in, are :mod:`~infomanager_core.access.invariants`'s.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> programme = example_programme()
        >>> programme.check_invariants()  # silent when every index agrees with the facts
        """
        invariants.check_invariants(self)

    # -- private helpers --------------------------------------------------------------------------------------------

    def _in_order(self, at: datetime, *concerned: str) -> None:
        """Refuse ``at`` earlier than the latest moment of anything the command concerns (the same moment is fine)."""
        for key in concerned:
            latest = self._latest.get(key)
            if latest is not None and instant(at) < instant(latest):  # instants: an hour may be lived twice
                raise BackdatedCommand("at", at, key.replace(":", " ", 1), latest)

    def _next_id(self, kind: str) -> str:
        """The id the next ``kind`` (``invitation``, ``partnership``) takes: numbered after every one given or left room
        for, so that no id is given twice."""
        return f"{kind}-{self._numbered[kind] + 1}"

    def _leave_room(self, kind: str, numbers: int) -> None:
        """Number the next ``kind`` after ``numbers`` at least: the replay's own path (no command's argument), so that a
        programme replayed as of a moment gives each invitation and partnership the id the whole trail gave it, and
        numbers what it issues next after every id of that trail. Never goes back, so no id is given twice."""
        self._numbered[kind] = max(self._numbered[kind], numbers)

    def _stamp(self, at: datetime, *concerned: str) -> None:
        for key in concerned:
            self._latest[key] = at

    def _actor(self, by: str) -> Person:
        """The person acting (``by``), refused as ``UnknownPerson`` naming the field ``by``."""
        return known_person(self, by, "by")

    def _require_legal_representative(self, by: str, organisation: str) -> Organisation:
        org = self.organisation(organisation)
        self._actor(by)
        if org.members.get(by) is not Role.LEGAL_REPRESENTATIVE:
            raise NotALegalRepresentative(by, organisation)
        return org

    def _require_partner_status(self, organisation: str) -> None:
        if not self.organisation(organisation).partner:
            raise NotAPartner(organisation)

    def _require_unmanaged(self, client: str) -> None:
        current = self.active_partnership(client)
        if current is not None:
            raise ClientAlreadyManaged(client, current.partner)

    def _check_grant(self, grant: object, client: str) -> Grant:
        if not isinstance(grant, Grant):
            raise InvalidInput("grant", grant, "must be a Grant")
        for product in sorted(grant.products):
            owner = self.owner_of(product)
            if owner != client:
                raise ProductOfAnotherOrganisation(product, client, owner)
        return grant

    def _send(self, direction: Direction, partner: str, client: str, grant: Grant, by: str, at: datetime) -> Events:
        """Send an invitation; ``invite`` and ``authorise`` have checked that both organisations exist."""
        if partner == client:
            raise SameOrganisation(client)
        self._require_partner_status(partner)
        self._check_grant(grant, client)
        self._require_unmanaged(client)
        latest = self._latest_invitation.get((partner, client))
        if latest is not None and self._invitations[latest].is_open_at(at):
            raise InvitationPending(latest)
        concerned = (_organisation(partner), _organisation(client))
        self._in_order(at, *concerned)
        try:
            expires_at = calendar_after(at, self.invitation_validity)
        except OverflowError:  # as the tender board refuses a call that would outlive the calendar
            raise InvalidInput(
                "at", at, "leaves no room for the invitation's validity before the end of the calendar"
            ) from None
        invitation = Invitation(
            id=self._next_id("invitation"),
            partner=partner,
            client=client,
            direction=direction,
            requested=grant,
            sent_by=by,
            sent_at=at,
            expires_at=expires_at,
        )
        self._invitations[invitation.id] = invitation
        self._numbered["invitation"] += 1
        self._latest_invitation[(partner, client)] = invitation.id
        self._stamp(at, *concerned, _invitation(invitation.id))
        return (
            AccessEvent(
                what=EventKind.INVITATION_SENT,
                by=by,
                at=at,
                subject=invitation.id,
                after=invitation,
                notify=frozenset({partner, client}),
            ),
        )

    def _require_open(self, invitation: str, at: datetime) -> Invitation:
        sent = self.invitation(invitation)
        status = sent.status_at(at)
        if status is InvitationStatus.EXPIRED:
            raise InvitationExpired(invitation, sent.expires_at)
        if status is not InvitationStatus.OPEN:
            raise InvitationAlreadyUsed(invitation, status.value)
        return sent

    def _require_receiving_side(self, by: str, sent: Invitation) -> None:
        self._actor(by)
        side = sent.direction.receiving_side
        if self.role_of(by, sent.side(side)) is not Role.LEGAL_REPRESENTATIVE:
            raise NotTheReceivingSide(by, sent.id, side)

    def _close(self, sent: Invitation, status: InvitationStatus, what: EventKind, by: str, at: datetime) -> Events:
        concerned = (_invitation(sent.id), _organisation(sent.partner), _organisation(sent.client))
        self._in_order(at, *concerned)
        closed = attrs.evolve(sent, answered=status)
        self._invitations[sent.id] = closed
        self._stamp(at, *concerned)
        return (
            AccessEvent(
                what=what,
                by=by,
                at=at,
                subject=sent.id,
                before=sent,
                after=closed,
                notify=frozenset({sent.partner, sent.client}),
            ),
        )

    def _require_client_side(self, partnership: str, by: str) -> Partnership:
        current = self.partnership(partnership)
        self._actor(by)
        if not current.is_active:
            raise PartnershipEnded(partnership)
        if self.role_of(by, current.client) is not Role.LEGAL_REPRESENTATIVE:
            raise NotALegalRepresentative(by, current.client)
        return current

    def _regrant(self, current: Partnership, grant: Grant, by: str, at: datetime) -> Events:
        self._check_grant(grant, current.client)
        concerned = _concerning(current)
        self._in_order(at, *concerned)
        if grant == current.granted:
            return ()
        changed = attrs.evolve(current, granted=grant)
        self._partnerships[current.id] = changed
        self._stamp(at, *concerned)
        return (
            AccessEvent(
                what=EventKind.ACCESS_CHANGED,
                by=by,
                at=at,
                subject=current.id,
                before=current.granted,
                after=grant,
                notify=frozenset({current.partner, current.client}),
            ),
        )

    def _require_assignment(self, partner: str, client: str, person: str, by: str) -> tuple[str, ...]:
        org = known_organisation(self, partner, "partner")
        known_organisation(self, client, "client")
        self.person(person)
        self._actor(by)
        if not (role := org.members.get(by)) or not role.manages:
            raise NotAManager(by, partner)
        if person not in org.members:
            raise NotAMember(person, partner)
        if client not in self._clients_by_partner.get(partner, ()):
            raise NotAManagedClient(client, partner)
        return _concerning(self._partnerships[self._active_by_client[client]])

    def _unassign(self, partner: str, client: str, person: str) -> None:
        del self._assigned[(partner, person)][client]
        if not self._assigned[(partner, person)]:
            del self._assigned[(partner, person)]
        del self._assignees[(partner, client)][person]
        if not self._assignees[(partner, client)]:
            del self._assignees[(partner, client)]

    def _concerned(self, organisation: str) -> frozenset[str]:
        partnership = self.active_partnership(organisation)
        return frozenset({organisation} if partnership is None else {organisation, partnership.partner})

    def _member_event(
        self,
        what: EventKind,
        organisation: str,
        person: str,
        before: Role | None,
        after: Role | None,
        by: str,
        at: datetime,
    ) -> AccessEvent:
        return AccessEvent(
            what=what,
            by=by,
            at=at,
            subject=person,
            before=before,
            after=after,
            notify=frozenset({organisation}),
            organisation=organisation,
        )

    def _assignment_event(
        self,
        what: EventKind,
        partner: str,
        client: str,
        person: str,
        by: str,
        at: datetime,
        cause: EventKind | None = None,
    ) -> AccessEvent:
        """An assignment or unassignment; ``cause`` is the change that dropped it, when no one unassigned by hand."""
        return AccessEvent(
            what=what,
            by=by,
            at=at,
            subject=client,
            before=None if what is EventKind.CLIENT_ASSIGNED else person,
            after=person if what is EventKind.CLIENT_ASSIGNED else None,
            notify=frozenset({partner}),
            organisation=partner,
            cause=cause,
        )
