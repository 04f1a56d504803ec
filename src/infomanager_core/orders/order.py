"""An order or renewal as the person placing it states it: the one value the checkout reads.

A **new** order names a ``quantity`` of a price-list product; a **renewal** names the held products it renews
(``renewing``), and its quantity is their number. ``client`` is the organisation the products are installed in,
``placed_by`` the organisation placing the order (the client itself or its partner) and ``by`` the person doing it.

>>> Order(id="ORD-7", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=3).count
3
>>> Order(id="REN-8", client="bakery", placed_by="bakery", by="carl", product="web-hosting",
...       renewing=["web-1", "web-2"], periods=12).count
2
>>> Order(id="ORD-9", client="bakery", placed_by="bakery", by="carl", product="web-hosting")
Traceback (most recent call last):
...
infomanager_core.orders.errors.NewOrRenewal: quantity: None must be given for a new order (or name the held products renewed in 'renewing')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..pricing import MAX_PERIODS, MAX_QUANTITY
from ..pricing.price_list import check_count, check_period
from ..text import is_plain_identifier, printable_identifier
from .errors import InvalidOrder, NewOrRenewal, RenewedTwice

__all__ = ["Order"]


def _identifier(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not is_plain_identifier(value):  # the usual id, decided in C
        printable_identifier(value, field=attribute.name, invalid=InvalidOrder)


def _renewing(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidOrder("renewing", value, "must be a collection of held product ids", hint="e.g. ['web-1']")
    products = tuple(value)
    seen: set[str] = set()
    for product in products:
        if not is_plain_identifier(product):
            printable_identifier(product, field="renewing", invalid=InvalidOrder)
        if product in seen:
            raise RenewedTwice(product)
        seen.add(product)
    if len(products) > MAX_QUANTITY:
        raise InvalidOrder("renewing", len(products), f"products must be at most {MAX_QUANTITY}")
    return products


def _periods(value: object) -> int:
    return check_count(value, "periods", MAX_PERIODS)


@attrs.frozen(kw_only=True)
class Order:
    """``quantity`` new units of ``product`` (a price-list code), or a renewal of the held products ``renewing``,
    for ``periods`` billing periods of ``period``, installed in ``client``, placed by ``by`` for ``placed_by``.

    ``id`` is the order's id: the ledger credits an order's cashback once under it.

    >>> order = Order(id="ORD-7", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=3,
    ...     periods=12)
    >>> order.count, order.periods, order.period
    (3, 12, 'month')
    """

    id: str = attrs.field(validator=_identifier)
    client: str = attrs.field(validator=_identifier)
    placed_by: str = attrs.field(validator=_identifier)
    by: str = attrs.field(validator=_identifier)
    product: str = attrs.field(validator=_identifier)
    quantity: int | None = None
    renewing: tuple[str, ...] = attrs.field(default=(), converter=_renewing)
    periods: int = attrs.field(default=1, converter=_periods)
    period: str = attrs.field(default="month", converter=check_period)

    def __attrs_post_init__(self) -> None:
        if self.renewing:
            if self.quantity is not None:
                raise NewOrRenewal(
                    "quantity",
                    self.quantity,
                    "must not be given for a renewal: it renews the products named in 'renewing'",
                    hint=f"drop quantity, or place a new order for {self.quantity}",
                )
        elif self.quantity is None:
            raise NewOrRenewal(
                "quantity", None, "must be given for a new order (or name the held products renewed in 'renewing')"
            )
        else:  # kept as the plain int it holds: an int subclass's own arithmetic is never asked (as pricing's counts)
            object.__setattr__(self, "quantity", check_count(self.quantity, "quantity", MAX_QUANTITY))

    @property
    def is_renewal(self) -> bool:
        """Whether the order renews held products (``renewing``) rather than adding new ones."""
        return bool(self.renewing)

    @property
    def count(self) -> int:
        """How many units the order adds or renews."""
        return len(self.renewing) if self.renewing else self.quantity or 0
