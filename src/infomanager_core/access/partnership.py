"""Partnerships: the access a client grants a partner, and the invitations that start them.

* A :class:`Grant` is either **full** access, with a :class:`PaymentMeans` setting (the client's or the partner's), or
  **limited** access to a non-empty set of the client's product ids. Any other shape is refused at construction.
* An :class:`Invitation` asks for a grant. It goes one of two ways (:class:`Direction`): the partner invites a client,
  or the client authorises a partner. It is single-use and expires (15 days by default); once accepted, refused,
  cancelled or expired it grants nothing.
* A :class:`Partnership` keeps both the ``requested`` and the ``granted`` access, so the partner sees exactly what it
  was given and :attr:`Partnership.differences` says what differs from what it asked for.

>>> asked = Grant.full(PaymentMeans.PARTNER)
>>> given = Grant.limited({"web-1"})
>>> for difference in grant_differences(asked, given):
...     print(difference)
level: requested full, granted limited
payment means: requested partner's, granted —
products: requested all, granted web-1
>>> is_wider(asked, given), is_wider(given, asked)
(True, False)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from ..errors import InvalidInput
from ..text import is_plain_identifier, printable_identifier
from .checks import aware_moment, instant
from .errors import EmptyLimitedGrant, InvalidGrant

__all__ = [
    "DEFAULT_INVITATION_VALIDITY",
    "AccessLevel",
    "Direction",
    "Grant",
    "GrantDifference",
    "Invitation",
    "InvitationStatus",
    "Partnership",
    "PaymentMeans",
    "grant_differences",
    "is_wider",
]

#: How long an invitation stays open unless the programme is configured otherwise.
DEFAULT_INVITATION_VALIDITY = timedelta(days=15)


class AccessLevel(enum.Enum):
    """Full access covers all the client's products and ordering; limited access covers chosen products only."""

    FULL = "full"
    LIMITED = "limited"


class PaymentMeans(enum.Enum):
    """Whose payment means pay the orders placed under full access."""

    CLIENT = "client's"
    PARTNER = "partner's"


def _product_ids(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidGrant("products", value, "must be a collection of product ids")
    products = tuple(value)  # read once: an iterator is a collection too
    if not all(map(is_plain_identifier, products)):  # the usual grant decided in C; otherwise, each id more closely
        for product in products:
            try:
                printable_identifier(product, field="products")
            except InvalidInput:
                raise InvalidGrant(
                    "products", value, "must contain only product ids (non-blank, printable strings)"
                ) from None
    return frozenset(products)


@attrs.frozen(kw_only=True)
class Grant:
    """The access a client grants a partner. Build it with :meth:`full` or :meth:`limited`.

    >>> print(Grant.full(PaymentMeans.CLIENT).describe())
    full access, client's payment means
    >>> print(Grant.limited({"web-1", "mail-1"}).describe())
    limited access to mail-1, web-1
    """

    level: AccessLevel
    payment_means: PaymentMeans | None = None
    products: frozenset[str] = attrs.field(default=frozenset(), converter=_product_ids)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.level, AccessLevel):
            raise InvalidGrant("level", self.level, "must be an AccessLevel")
        if self.level is AccessLevel.FULL:
            if not isinstance(self.payment_means, PaymentMeans):
                raise InvalidGrant("payment_means", self.payment_means, "must be a PaymentMeans for full access")
            if self.products:
                raise InvalidGrant("products", self.products, "must be empty for full access (it covers them all)")
        else:
            if self.payment_means is not None:
                raise InvalidGrant("payment_means", self.payment_means, "must be None for limited access")
            if not self.products:
                raise EmptyLimitedGrant()

    @classmethod
    def full(cls, payment_means: PaymentMeans = PaymentMeans.CLIENT) -> Grant:
        """Full access, paid with ``payment_means``.

        >>> Grant.full().describe()
        "full access, client's payment means"
        """
        return cls(level=AccessLevel.FULL, payment_means=payment_means)

    @classmethod
    def limited(cls, products: Iterable[str]) -> Grant:
        """Limited access to ``products`` (at least one).

        >>> Grant.limited(["web-2", "web-1"]).describe()
        'limited access to web-1, web-2'
        """
        return cls(level=AccessLevel.LIMITED, products=products)

    @property
    def is_full(self) -> bool:
        """Whether this is full access (every product, ordering allowed)."""
        return self.level is AccessLevel.FULL

    def covers(self, product: str) -> bool:
        """Whether the grant covers one of the client's products."""
        if not is_plain_identifier(product):  # checked before the look-up: a list would raise TypeError
            printable_identifier(product, field="product")
        return self.level is AccessLevel.FULL or product in self.products

    def describe(self) -> str:
        """The grant in a few words, for people.

        >>> Grant.full(PaymentMeans.PARTNER).describe()
        "full access, partner's payment means"
        """
        if self.payment_means is not None:
            return f"full access, {self.payment_means.value} payment means"
        return "limited access to " + ", ".join(sorted(self.products))


def _grants(**grants: object) -> None:
    """Refuse, by its parameter's name, the first of ``grants`` that is no :class:`Grant`."""
    for field, grant in grants.items():
        if not isinstance(grant, Grant):
            raise InvalidInput(field, grant, "must be a Grant")


def is_wider(wider: Grant, narrower: Grant) -> bool:
    """Whether ``wider`` reaches something ``narrower`` does not (full beats limited; more products beat fewer).

    The payment-means setting decides who pays, not what is reached, so it never widens a grant.

    >>> is_wider(Grant.limited({"a", "b"}), Grant.limited({"a"})), is_wider(Grant.full(), Grant.full())
    (True, False)
    """
    _grants(wider=wider, narrower=narrower)
    if narrower.is_full:
        return False
    if wider.is_full:
        return True
    return not wider.products <= narrower.products


@attrs.frozen(kw_only=True)
class GrantDifference:
    """One way in which a granted access differs from the requested one."""

    field: str
    requested: str
    granted: str

    def __str__(self) -> str:
        return f"{self.field}: requested {self.requested}, granted {self.granted}"


def _products_text(grant: Grant) -> str:
    return "all" if grant.is_full else ", ".join(sorted(grant.products))


def grant_differences(requested: Grant, granted: Grant) -> tuple[GrantDifference, ...]:
    """What differs between a requested and a granted access, field by field (nothing when they are equal).

    >>> grant_differences(Grant.full(), Grant.full())
    ()
    """
    _grants(requested=requested, granted=granted)
    differences = []
    if requested.level is not granted.level:
        differences.append(GrantDifference(field="level", requested=requested.level.value, granted=granted.level.value))
    if requested.payment_means is not granted.payment_means:
        differences.append(
            GrantDifference(
                field="payment means",
                requested=requested.payment_means.value if requested.payment_means else "—",
                granted=granted.payment_means.value if granted.payment_means else "—",
            )
        )
    if requested.products != granted.products:
        differences.append(
            GrantDifference(field="products", requested=_products_text(requested), granted=_products_text(granted))
        )
    return tuple(differences)


class Direction(enum.Enum):
    """Which side started the invitation (and so which side answers it)."""

    PARTNER_INVITES_CLIENT = "partner invites client"
    CLIENT_AUTHORISES_PARTNER = "client authorises partner"

    @property
    def inviting_side(self) -> str:
        """``"partner"`` or ``"client"``: the side that sent the invitation (and may cancel it)."""
        return "partner" if self is Direction.PARTNER_INVITES_CLIENT else "client"

    @property
    def receiving_side(self) -> str:
        """``"partner"`` or ``"client"``: the side that answers the invitation."""
        return "client" if self is Direction.PARTNER_INVITES_CLIENT else "partner"


class InvitationStatus(enum.Enum):
    """Where an invitation stands; ``EXPIRED`` is derived from the moment asked about, never stored."""

    OPEN = "open"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


@attrs.frozen(kw_only=True)
class Invitation:
    """A single-use request for access, valid until ``expires_at`` (exclusive)."""

    id: str
    partner: str
    client: str
    direction: Direction
    requested: Grant
    sent_by: str
    sent_at: datetime
    expires_at: datetime
    answered: InvitationStatus = InvitationStatus.OPEN

    def status_at(self, at: datetime) -> InvitationStatus:
        """The status at moment ``at``: an unanswered invitation is expired from ``expires_at`` on."""
        if self.answered is InvitationStatus.OPEN and instant(aware_moment(at)) >= instant(self.expires_at):
            return InvitationStatus.EXPIRED
        return self.answered

    def is_open_at(self, at: datetime) -> bool:
        """Whether the invitation can still be answered at ``at``."""
        return self.status_at(at) is InvitationStatus.OPEN

    def side(self, name: str) -> str:
        """The organisation id of side ``"partner"`` or ``"client"`` (any other name is refused, not read as client).

        >>> from datetime import UTC, datetime
        >>> sent = Invitation(id="i", partner="agency", client="cafe", direction=Direction.PARTNER_INVITES_CLIENT,
        ...     requested=Grant.full(), sent_by="paula", sent_at=datetime(2026, 1, 5, tzinfo=UTC),
        ...     expires_at=datetime(2026, 1, 20, tzinfo=UTC))
        >>> sent.side("partner"), sent.side("client")
        ('agency', 'cafe')
        >>> sent.side("agency")
        Traceback (most recent call last):
        ...
        infomanager_core.errors.InvalidInput: name: 'agency' must be 'partner' or 'client'
        """
        if isinstance(name, str) and name == "partner":
            return self.partner
        if isinstance(name, str) and name == "client":
            return self.client
        raise InvalidInput("name", name, "must be 'partner' or 'client'")


@attrs.frozen(kw_only=True)
class Partnership:
    """A partner managing a client. ``requested`` and ``granted`` are both kept; ``granted`` is what counts."""

    id: str
    partner: str
    client: str
    requested: Grant
    granted: Grant
    since: datetime
    invitation: str
    ended_at: datetime | None = None

    @property
    def is_active(self) -> bool:
        """Whether the partnership has not ended."""
        return self.ended_at is None

    @property
    def differences(self) -> tuple[GrantDifference, ...]:
        """What the client granted differently from what was requested, as the partner sees it."""
        return grant_differences(self.requested, self.granted)
