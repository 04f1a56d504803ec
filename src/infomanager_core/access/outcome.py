"""Who earns what on an order or a renewal: the table of SPEC §3.4 as one total function.

:func:`order_outcome` looks at the client's partnership (none, active or ended), its access level and payment-means
setting, who places the order and whether the product is one the partner manages, and returns an
:class:`OrderOutcome`: cashback to the partner, a discount for the partner, nothing, or refused — with who pays,
whose payment means are used, where the invoice lives, where the product is installed and why. Orders and renewals are
treated alike. Every combination of inputs lands on exactly one row; the tests enumerate them all.

Amounts are not decided here: :mod:`~infomanager_core.access.settlement` combines an outcome with the pricing engine.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access.partnership import Grant, Partnership, PaymentMeans
>>> partnership = Partnership(id="p-1", partner="agency", client="bakery", requested=Grant.full(),
...     granted=Grant.full(PaymentMeans.PARTNER), since=datetime(2026, 1, 5, tzinfo=UTC), invitation="i-1")
>>> outcome = order_outcome(client="bakery", placed_by="agency", partnership=partnership)
>>> outcome.outcome, outcome.payer, outcome.invoice_in
(<Outcome.DISCOUNT: 'discount'>, 'agency', 'agency')
>>> print(outcome.reason.text)
full access with the partner's payment means, ordered by the partner: the partner pays the preferential price
"""

from __future__ import annotations

import enum

import attrs

from ..errors import InvalidInput
from ..text import is_plain_identifier, printable_identifier, trimmed
from .decisions import Reason
from .partnership import Partnership, PaymentMeans

__all__ = ["OrderOutcome", "Outcome", "order_outcome"]


class Outcome(enum.Enum):
    """What an order earns."""

    CASHBACK = "cashback"
    DISCOUNT = "discount"
    NOTHING = "nothing"
    REFUSED = "refused"


@attrs.frozen(kw_only=True)
class OrderOutcome:
    """The outcome of one order or renewal and the organisations involved (``None`` where a refusal leaves none).

    ``cashback_to`` is the partner whose prepaid account is credited (cashback only); for a discount the partner is
    the ``payer`` and pays the preferential price.
    """

    outcome: Outcome
    reason: Reason
    payer: str | None
    payment_means_of: str | None
    invoice_in: str | None
    installed_in: str | None
    cashback_to: str | None = None


_FULL_CLIENT_MEANS_BY_CLIENT = Reason(
    "full-client-means-by-client", "full access with the client's payment means, ordered by the client: cashback"
)
_FULL_CLIENT_MEANS_BY_PARTNER = Reason(
    "full-client-means-by-partner",
    "full access with the client's payment means, ordered by the partner for the client: cashback",
)
_FULL_PARTNER_MEANS_BY_CLIENT = Reason(
    "full-partner-means-by-client", "full access with the partner's payment means, ordered by the client: cashback"
)
_FULL_PARTNER_MEANS_BY_PARTNER = Reason(
    "full-partner-means-by-partner",
    "full access with the partner's payment means, ordered by the partner: the partner pays the preferential price",
)
_LIMITED_MANAGED_BY_CLIENT = Reason(
    "limited-managed-by-client", "limited access, a product the partner manages, ordered by the client: cashback"
)
_LIMITED_UNMANAGED_BY_CLIENT = Reason(
    "limited-unmanaged-by-client",
    "limited access, a product the partner does not manage, ordered by the client: nothing",
)
_LIMITED_BY_PARTNER = Reason("limited-by-partner", "limited access does not allow the partner to order or renew")
_NO_ACTIVE_PARTNERSHIP = Reason(
    "no-active-partnership", "no active partnership: nobody earns anything, the orderer pays"
)
_STRANGER = Reason(
    "not-client-or-partner", "an order for a managed client is placed by the client or by its partner only"
)


def _paid_by(
    outcome: Outcome, reason: Reason, payer: str, client: str, *, cashback_to: str | None = None
) -> OrderOutcome:
    """An order the ``payer`` pays with its own means, invoiced in its organisation, installed at the client."""
    return OrderOutcome(
        outcome=outcome,
        reason=reason,
        payer=payer,
        payment_means_of=payer,
        invoice_in=payer,
        installed_in=client,
        cashback_to=cashback_to,
    )


def _cashback(reason: Reason, client: str, partner: str) -> OrderOutcome:
    return _paid_by(Outcome.CASHBACK, reason, client, client, cashback_to=partner)


def _refused(reason: Reason) -> OrderOutcome:
    return OrderOutcome(
        outcome=Outcome.REFUSED, reason=reason, payer=None, payment_means_of=None, invoice_in=None, installed_in=None
    )


def order_outcome(
    *, client: str, placed_by: str, partnership: Partnership | None, product: str | None = None
) -> OrderOutcome:
    """The outcome of an order (or renewal) of ``product`` for ``client``, placed by organisation ``placed_by``.

    ``partnership`` is the client's partnership (active or ended) or ``None``; ``product`` is the product renewed,
    or ``None`` for a new one (which no limited grant covers yet).

    >>> order_outcome(client="bakery", placed_by="bakery", partnership=None).outcome
    <Outcome.NOTHING: 'nothing'>
    """
    for field, value in (("client", client), ("placed_by", placed_by)):
        if not is_plain_identifier(value):
            if not isinstance(value, str) or not trimmed(value):
                raise InvalidInput(field, value, "must be an organisation id")
            printable_identifier(value, field=field)
    if product is not None and not is_plain_identifier(product):
        if not isinstance(product, str) or not trimmed(product):
            raise InvalidInput("product", product, "must be a product id or None")
        printable_identifier(product, field="product")
    if partnership is not None:
        if not isinstance(partnership, Partnership):
            raise InvalidInput("partnership", partnership, "must be a Partnership or None")
        if partnership.client != client:
            raise InvalidInput("partnership", partnership.id, f"is not a partnership of client {client!r}")

    if partnership is None or not partnership.is_active:
        return _paid_by(Outcome.NOTHING, _NO_ACTIVE_PARTNERSHIP, placed_by, client)
    partner = partnership.partner
    grant = partnership.granted
    by_client = placed_by == client
    if not by_client and placed_by != partner:
        return _refused(_STRANGER)
    if grant.is_full:
        if grant.payment_means is PaymentMeans.CLIENT:
            return _cashback(
                _FULL_CLIENT_MEANS_BY_CLIENT if by_client else _FULL_CLIENT_MEANS_BY_PARTNER, client, partner
            )
        if by_client:
            return _cashback(_FULL_PARTNER_MEANS_BY_CLIENT, client, partner)
        return _paid_by(Outcome.DISCOUNT, _FULL_PARTNER_MEANS_BY_PARTNER, partner, client)
    if not by_client:
        return _refused(_LIMITED_BY_PARTNER)
    if product is not None and product in grant.products:
        return _cashback(_LIMITED_MANAGED_BY_CLIENT, client, partner)
    return _paid_by(Outcome.NOTHING, _LIMITED_UNMANAGED_BY_CLIENT, client, client)
