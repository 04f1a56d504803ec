"""A call for tender, the excerpt partners receive of it, and the rules both follow.

A :class:`CallForTender` is what a client submitted: a title, a description, its :class:`~.contact.Contact` and the
period it is valid for, from its submission to ``valid_until`` (excluded). It is *open* — partners see its excerpt,
open it, answer it — while it is valid and not cancelled (:func:`is_open`).

A :class:`CallExcerpt` is what every opted-in partner sees: the title, a :func:`~.texts.summary` of the description and
the dates. It is a different type with no contact field and no client field at all, so that no code path can hand a
partner the client's details by forgetting to blank a field: they are simply not there to leak.

>>> from datetime import UTC, datetime
>>> from infomanager_core.tenders import Contact
>>> call = CallForTender(id="call-1", client="bakery", title="New website", description="We sell bread online.",
...     contact=Contact(name="Carl", email="carl@bakery.example"), submitted=datetime(2026, 1, 5, tzinfo=UTC),
...     valid_until=datetime(2026, 2, 4, tzinfo=UTC))
>>> excerpt_of(call, TenderRules())
CallExcerpt(call='call-1', title='New website', summary='We sell bread online.', submitted=datetime.datetime(2026, 1, 5, 0, 0, tzinfo=datetime.timezone.utc), valid_until=datetime.datetime(2026, 2, 4, 0, 0, tzinfo=datetime.timezone.utc))
>>> is_open(call, datetime(2026, 2, 3, tzinfo=UTC)), is_open(call, datetime(2026, 2, 4, tzinfo=UTC))
(True, False)
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ..access.checks import aware_moment, instant
from ..errors import InvalidInput
from .contact import Contact
from .errors import InvalidTenderRules
from .texts import summary

__all__ = ["DEFAULT_VALIDITY", "CallExcerpt", "CallForTender", "TenderRules", "excerpt_of", "is_open"]

#: How long a call stays open by default, from the moment it is submitted.
DEFAULT_VALIDITY = timedelta(days=30)


def _positive_int(rules: TenderRules, name: str) -> None:
    value = getattr(rules, name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidTenderRules(name, value, "must be an int of at least 1")


def _check_rules(rules: TenderRules, _attribute: object, _value: object) -> None:
    if not isinstance(rules.validity, timedelta) or rules.validity <= timedelta(0):
        raise InvalidTenderRules("validity", rules.validity, "must be a positive timedelta")
    for name in ("title_length", "description_length", "proposal_length", "excerpt_length"):
        _positive_int(rules, name)
    if rules.excerpt_length < 2:
        raise InvalidTenderRules("excerpt_length", rules.excerpt_length, "must be at least 2 (a character and '…')")


@attrs.frozen(kw_only=True)
class TenderRules:
    """The configurable rules of calls for tender: how long a call stays open and how long its texts may be.

    >>> rules = TenderRules(validity=timedelta(days=14))
    >>> rules.validity.days, rules.title_length, rules.excerpt_length
    (14, 120, 280)
    """

    validity: timedelta = DEFAULT_VALIDITY
    title_length: int = 120
    description_length: int = 5000
    proposal_length: int = 5000
    excerpt_length: int = attrs.field(default=280, validator=_check_rules)


@attrs.frozen(kw_only=True)
class CallForTender:
    """A client's call for tender, whole: contact details included. ``cancelled`` is when its token was used."""

    id: str
    client: str
    title: str
    description: str
    contact: Contact
    submitted: datetime
    valid_until: datetime
    cancelled: datetime | None = None


@attrs.frozen(kw_only=True)
class CallExcerpt:
    """What a partner sees of an open call before opening it: no contact details, and not who the client is."""

    call: str
    title: str
    summary: str
    submitted: datetime
    valid_until: datetime


def is_open(call: CallForTender, at: datetime) -> bool:
    """Whether partners may see, open and answer ``call`` at ``at``: not cancelled, and before ``valid_until``.

    The moments are compared as instants (:func:`~infomanager_core.access.checks.instant`), whatever their zones.

    >>> from datetime import UTC
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    >>> call = CallForTender(id="call-1", client="bakery", title="New website", description="We sell bread.",
    ...     contact=Contact(name="Carl", email="carl@bakery.example"), submitted=at, valid_until=at + timedelta(days=30))
    >>> is_open(call, at + timedelta(days=29)), is_open(call, at + timedelta(days=30))
    (True, False)
    """
    _a_call(call)
    moment = instant(aware_moment(at))  # refused naming 'at', as every command names its moment
    return call.cancelled is None and instant(call.submitted) <= moment < instant(call.valid_until)


def _a_call(call: object) -> None:
    if not isinstance(call, CallForTender):
        raise InvalidInput("call", call, "must be a CallForTender")


def excerpt_of(call: CallForTender, rules: TenderRules) -> CallExcerpt:
    """The excerpt of ``call``: its title, its description summarised to ``rules.excerpt_length`` characters, its
    dates.

    >>> from datetime import UTC
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    >>> call = CallForTender(id="call-1", client="bakery", title="New website",
    ...     description="We sell bread in Lausanne.\\nWe would like to take orders online.",
    ...     contact=Contact(name="Carl", email="carl@bakery.example"), submitted=at, valid_until=at + timedelta(days=30))
    >>> excerpt_of(call, TenderRules(excerpt_length=40)).summary
    'We sell bread in Lausanne. We would…'
    """
    _a_call(call)
    if not isinstance(rules, TenderRules):
        raise InvalidInput("rules", rules, "must be a TenderRules")
    return CallExcerpt(
        call=call.id,
        title=call.title,
        summary=summary(call.description, rules.excerpt_length),
        submitted=call.submitted,
        valid_until=call.valid_until,
    )
