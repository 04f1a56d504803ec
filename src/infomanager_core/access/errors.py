"""Errors of the access area: one leaf per broken rule, each carrying its data as attributes.

Bad input (an unknown id, an empty limited grant, a naive datetime…) derives from
:class:`~infomanager_core.errors.InvalidInput`. Acting without the right to act derives from :class:`AccessError`.
Either way the command that raised changed nothing.

>>> try:
...     raise LastLegalRepresentative("acme", "alice")
... except AccessError as error:
...     print(error.organisation, error.person)
acme alice
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from ..errors import InfomanagerError, InvalidInput

if TYPE_CHECKING:
    from .decisions import Decision

__all__ = [
    "AccessDenied",
    "AccessError",
    "AlreadyAMember",
    "AlreadyRegistered",
    "BackdatedCommand",
    "ClientAlreadyManaged",
    "EmptyLimitedGrant",
    "InvalidGrant",
    "InvalidMoment",
    "InvitationAlreadyUsed",
    "InvitationExpired",
    "InvitationPending",
    "LastLegalRepresentative",
    "NotALegalRepresentative",
    "NotAManagedClient",
    "NotAManager",
    "NotAMember",
    "NotAPartner",
    "NotTheInvitingSide",
    "NotTheReceivingSide",
    "PartnerCannotChangeGrant",
    "PartnershipEnded",
    "ProductOfAnotherOrganisation",
    "ProductsNotManaged",
    "SameOrganisation",
    "UnknownInvitation",
    "UnknownOrganisation",
    "UnknownPartnership",
    "UnknownPerson",
    "UnknownProduct",
    "UnreplayableEvent",
    "WrongAccessLevel",
]


# -- bad input ---------------------------------------------------------------------------------------------------


class UnknownOrganisation(InvalidInput):
    """No organisation has this id; ``field`` names where it was given (``client``, ``placed_by``…)."""

    def __init__(self, organisation: object, field: str = "organisation") -> None:
        super().__init__(field, organisation, "is not a known organisation")


class UnknownPerson(InvalidInput):
    """No person has this id."""

    def __init__(self, person: object, field: str = "person") -> None:
        super().__init__(field, person, "is not a known person")


class UnknownProduct(InvalidInput):
    """No organisation holds a product with this id."""

    def __init__(self, product: object) -> None:
        super().__init__("product", product, "is not a product held by any organisation")


class UnknownInvitation(InvalidInput):
    """No invitation has this id."""

    def __init__(self, invitation: object) -> None:
        super().__init__("invitation", invitation, "is not a known invitation")


class UnknownPartnership(InvalidInput):
    """No partnership has this id."""

    def __init__(self, partnership: object) -> None:
        super().__init__("partnership", partnership, "is not a known partnership")


class AlreadyRegistered(InvalidInput):
    """An organisation, person or product id is already taken (ids are never reused)."""

    def __init__(self, field: str, value: object, rule: str = "is already registered", hint: str | None = None) -> None:
        super().__init__(field, value, rule, hint=hint)


class AlreadyAMember(AlreadyRegistered):
    """The person added to an organisation is a member of it already, as ``role``."""

    def __init__(self, person: str, organisation: str, role: str) -> None:
        self.person = person
        self.organisation = organisation
        self.role = role
        super().__init__(
            "person",
            person,
            f"is already a member of {organisation!r}, as {role}",
            hint="change_role changes a member's role",
        )


class UnreplayableEvent(InvalidInput):
    """An event of a trail given to :func:`~infomanager_core.access.replay.replay` that the programme cannot make again:
    no access event, refused by the command that would make it (out of order, unknown, not allowed), or recorded
    otherwise than that command records it. ``position`` is its index in the trail, ``event`` the event itself and
    ``refusal`` the command's own error, when one refused it.

    >>> print(UnreplayableEvent(3, "not an event", "must be an AccessEvent"))
    events[3]: 'not an event' must be an AccessEvent
    """

    def __init__(self, position: int, event: object, rule: str, *, refusal: Exception | None = None) -> None:
        self.position = position
        self.event = event
        self.refusal = refusal
        what = getattr(event, "what", None)
        value = (what.value, getattr(event, "subject", None)) if isinstance(what, enum.Enum) else event
        super().__init__(f"events[{position}]", value, rule)


class InvalidGrant(InvalidInput):
    """A grant whose parts do not fit its access level (a payment means on limited access, products on full…)."""


class EmptyLimitedGrant(InvalidGrant):
    """Limited access must name at least one of the client's products."""

    def __init__(self) -> None:
        super().__init__("products", frozenset(), "must name at least one product for limited access")


class ProductsNotManaged(InvalidGrant):
    """Products removed from a limited grant must be among those it names; ``value`` lists the ones it does not.

    >>> print(ProductsNotManaged(["web-3"], "partnership-1"))
    products: ['web-3'] must be among the products partnership 'partnership-1' manages, to be removed from it
    """

    def __init__(self, products: list[str], partnership: str) -> None:
        self.partnership = partnership
        super().__init__(
            "products",
            products,
            f"must be among the products partnership {partnership!r} manages, to be removed from it",
        )


class InvalidMoment(InvalidInput):
    """A moment that is not a timezone-aware datetime (the domain never guesses a timezone)."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            field, value, "must be a timezone-aware datetime", hint="e.g. datetime(2026, 1, 5, tzinfo=UTC)"
        )


class BackdatedCommand(InvalidMoment):
    """A command dated before the latest moment of something it concerns: time never goes backwards for a thing.

    ``subject`` names that thing (``"invitation 'invitation-1'"``…) and ``latest`` its latest moment; the same moment
    is allowed.
    """

    def __init__(self, field: str, value: object, subject: str, latest: object) -> None:
        self.subject = subject
        self.latest = latest
        InvalidInput.__init__(self, field, value, f"must not be earlier than {latest}, the latest moment of {subject}")


class SameOrganisation(InvalidInput):
    """An organisation cannot be its own partner."""

    def __init__(self, organisation: str) -> None:
        super().__init__("client", organisation, "must differ from the partner organisation")


class ProductOfAnotherOrganisation(InvalidInput):
    """A product named in a grant (or a tag) does not belong to the organisation concerned."""

    def __init__(self, product: str, organisation: str, owner: str) -> None:
        self.organisation = organisation
        self.owner = owner
        super().__init__("product", product, f"belongs to {owner!r}, not to {organisation!r}")


# -- acting without the right to act -----------------------------------------------------------------------------


class AccessError(InfomanagerError):
    """A command or decision refused because of who acts or of the state of a partnership."""


class AccessDenied(AccessError):
    """A default-deny decision said no; ``decision`` says why.

    Like bad input it names a ``field`` (the action refused, e.g. ``"export clients"``), a ``value`` (who, on what:
    ``(person, target)``) and the broken ``rule`` (the decision's reason text).

    >>> from infomanager_core.access.decisions import Decision, Reason
    >>> no = Decision(allowed=False, reason=Reason("not-a-manager", "only managers export"), facts={"person": "uma"})
    >>> print(AccessDenied(no, action="export clients", person="uma", target="agency"))
    export clients: ('uma', 'agency') only managers export (denied: not-a-manager)
    """

    def __init__(self, decision: Decision, *, action: str, person: str, target: str) -> None:
        self.decision = decision
        self.field = action
        self.value = (person, target)
        self.rule = decision.reason.text
        super().__init__(f"{action}: {self.value!r} {self.rule} (denied: {decision.reason.code})")


class NotAMember(AccessError):
    """The person is not a member of the organisation."""

    def __init__(self, person: str, organisation: str) -> None:
        self.person = person
        self.organisation = organisation
        super().__init__(f"{person!r} is not a member of {organisation!r}")


class NotALegalRepresentative(AccessError):
    """Only a legal representative of the organisation may do this."""

    def __init__(self, person: str, organisation: str) -> None:
        self.person = person
        self.organisation = organisation
        super().__init__(f"{person!r} is not a legal representative of {organisation!r}")


class NotAManager(AccessError):
    """Only a legal representative or an administrator of the organisation may do this."""

    def __init__(self, person: str, organisation: str) -> None:
        self.person = person
        self.organisation = organisation
        super().__init__(f"{person!r} is neither a legal representative nor an administrator of {organisation!r}")


class NotAManagedClient(AccessError):
    """The client is not under active management by this partner."""

    def __init__(self, client: str, partner: str) -> None:
        self.client = client
        self.partner = partner
        super().__init__(f"{client!r} is not an active client of {partner!r}")


class NotAPartner(AccessError):
    """The organisation has no partner status, so it cannot manage clients."""

    def __init__(self, organisation: str) -> None:
        self.organisation = organisation
        super().__init__(f"{organisation!r} does not have partner status")


class LastLegalRepresentative(AccessError):
    """An organisation always keeps a legal representative: the last one cannot be removed or demoted."""

    def __init__(self, organisation: str, person: str) -> None:
        self.organisation = organisation
        self.person = person
        super().__init__(f"{person!r} is the last legal representative of {organisation!r}")


class ClientAlreadyManaged(AccessError):
    """A client has at most one active partnership (so that an order's cashback has exactly one recipient)."""

    def __init__(self, client: str, partner: str) -> None:
        self.client = client
        self.partner = partner
        super().__init__(f"{client!r} is already managed by {partner!r}")


class InvitationPending(AccessError):
    """An open invitation between the same two organisations already awaits an answer."""

    def __init__(self, invitation: str) -> None:
        self.invitation = invitation
        super().__init__(f"invitation {invitation!r} between these organisations is still open")


class InvitationExpired(AccessError):
    """The invitation's validity has run out; it grants nothing."""

    def __init__(self, invitation: str, expired_at: object) -> None:
        self.invitation = invitation
        self.expired_at = expired_at
        super().__init__(f"invitation {invitation!r} expired at {expired_at}")


class InvitationAlreadyUsed(AccessError):
    """Invitations are single-use: this one was already accepted, refused or cancelled."""

    def __init__(self, invitation: str, status: object) -> None:
        self.invitation = invitation
        self.status = status
        super().__init__(f"invitation {invitation!r} is already {status}")


class NotTheReceivingSide(AccessError):
    """Only a legal representative of the invited side answers (accepts or refuses) an invitation."""

    def __init__(self, person: str, invitation: str, side: str) -> None:
        self.person = person
        self.invitation = invitation
        self.side = side
        super().__init__(f"{person!r} is not a legal representative of the {side} side of invitation {invitation!r}")


class NotTheInvitingSide(AccessError):
    """Only a legal representative of the inviting side cancels (withdraws) an invitation."""

    def __init__(self, person: str, invitation: str, side: str) -> None:
        self.person = person
        self.invitation = invitation
        self.side = side
        super().__init__(
            f"{person!r} is not a legal representative of the inviting ({side}) side of invitation {invitation!r}"
        )


class PartnerCannotChangeGrant(AccessError):
    """A partner accepting a client's authorisation takes the grant as offered: a partner never widens a grant."""

    def __init__(self, invitation: str) -> None:
        self.invitation = invitation
        super().__init__(f"invitation {invitation!r}: the partner accepts the offered grant as it is")


class PartnershipEnded(AccessError):
    """The partnership is no longer active; it cannot change."""

    def __init__(self, partnership: str) -> None:
        self.partnership = partnership
        super().__init__(f"partnership {partnership!r} has ended")


class WrongAccessLevel(AccessError):
    """The change needs another access level (payment means belong to full access, managed products to limited)."""

    def __init__(self, partnership: str, needed: object) -> None:
        self.partnership = partnership
        self.needed = needed
        super().__init__(f"partnership {partnership!r} must have {needed} access for this change")
