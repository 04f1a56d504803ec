"""A partner's proposal in answer to a call for tender, and the client's decision on it.

Invariants of a :class:`Proposal`: it answers one call, made while the call was open, by a partner other than the
client; its ``text`` follows :func:`~.texts.several_lines_text`; its ``price``, when given, is a
:class:`~infomanager_core.money.Money` of zero or more in whole minor units (:func:`proposal_price`). It is pending
until the client accepts or declines it, once; what follows (working together, a contract) happens outside the board.

>>> from infomanager_core.money import Money
>>> proposal_price(Money("4800.00", "CHF")), proposal_price(None)
(Money('4800.00', 'CHF'), None)
>>> proposal_price(Money("-1", "CHF"))
Traceback (most recent call last):
...
infomanager_core.tenders.errors.InvalidPrice: price: Money('-1', 'CHF') must not be negative
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from ..money import Money
from .errors import InvalidPrice

__all__ = ["Opening", "Proposal", "ProposalStatus", "proposal_price"]


class ProposalStatus(enum.Enum):
    """Where a proposal stands: the client has not decided yet, or accepted it, or declined it."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@attrs.frozen(kw_only=True)
class Proposal:
    """A partner's answer to a call: what it offers, maybe at a price, made at ``made``; decided at ``decided``."""

    id: str
    call: str
    partner: str
    text: str
    price: Money | None
    made: datetime
    status: ProposalStatus = ProposalStatus.PENDING
    decided: datetime | None = None


@attrs.frozen(kw_only=True)
class Opening:
    """A partner opened a call whole, contact details included, at ``at``: the record the client's details went out,
    and to whom in the partner (``by``, ``None`` when the opening named nobody)."""

    call: str
    partner: str
    at: datetime
    by: str | None = None


def proposal_price(price: object) -> Money | None:
    """``price`` once checked to be ``None`` or a payable amount: a Money, not negative, in whole minor units.

    >>> proposal_price(Money("4800.00", "CHF")), proposal_price(None)
    (Money('4800.00', 'CHF'), None)
    """
    if price is None:
        return None
    if not isinstance(price, Money):
        raise InvalidPrice(price, "must be a Money or None", hint="e.g. Money('4800.00', 'CHF')")
    if price.is_negative():
        raise InvalidPrice(price, "must not be negative")
    if not price.is_rounded():
        raise InvalidPrice(price, f"must be a whole number of minor units of {price.currency}")
    return price
