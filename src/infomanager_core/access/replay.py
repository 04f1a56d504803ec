"""Who had access on a given day: the programme rebuilt from its events.

The events a :class:`~infomanager_core.access.programme.Programme` returns are its whole story. :func:`replay` makes
each one again, in the order of the trail, through the command that made it — the same rules, no second model of
access — and returns the programme the events describe; with ``until``, the events dated no later than ``until``
only: the programme as it stood at that moment. Every access question (``can_reach_product``, ``can_order``,
``order_outcome``…) is then asked of it as of any programme.

A trail that is not one is refused with :class:`~infomanager_core.access.errors.UnreplayableEvent`, naming the
event's position, what it is and the rule: anything but an access event (or one of no known kind, or not dated by a
timezone-aware moment); an event its command refuses — out of order for something it concerns, about something
unknown, by someone not allowed; an event that changes nothing (given twice); and an event recorded otherwise than
its command records it (an edited value, a ``partnership started`` without its ``invitation accepted``, an
assignment dropped by a removal that is missing). So the programme returned is exactly the one whose commands
returned the trail, down to the ids it issued and the latest moment of everything its events touched: it answers,
and refuses, the commands that come next as that programme would. (A ``Tagging`` moves organisations' clocks without
an access event, :meth:`~infomanager_core.access.programme.Programme.advance_to`; those moves are not in the trail.)

``until`` keeps the events dated no later, wherever they stand: each thing keeps its own clock, so a trail need not
be in date order. Each invitation and partnership keeps the id the whole trail gave it — the ``N``-th issued, in the
order of the trail, is ``invitation-N`` (``partnership-N``), though the ones before it may be dated after ``until`` —
and the programme as of ``until`` numbers what it issues next after every id of the whole trail, so that an id of
it never names another thing than in the trail.

The programme's configuration is not an event: a trail whose invitations were sent under another validity than
``invitation_validity`` (15 days unless given) is refused at the first one, its expiry differing from the one the
command sets.

>>> from datetime import UTC, datetime, timedelta
>>> from infomanager_core.access import Grant, Organisation, Person, Programme, Role
>>> monday = datetime(2026, 3, 9, 9, tzinfo=UTC)
>>> programme, trail = Programme(), []
>>> for person in ("paula", "carl"):
...     trail += programme.register_person(Person(person), at=monday)
>>> trail += programme.register_organisation(Organisation(id="agency", name="Agency", country="CH", partner=True,
...     members={"paula": Role.LEGAL_REPRESENTATIVE}), at=monday)
>>> trail += programme.register_organisation(Organisation(id="bakery", name="Bakery", country="FR",
...     members={"carl": Role.LEGAL_REPRESENTATIVE}), at=monday)
>>> [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=monday)
>>> trail += [sent, *programme.accept(sent.subject, by="carl", at=monday + timedelta(days=1))]
>>> trail += programme.end("partnership-1", by="carl", at=monday + timedelta(days=7))
>>> replay(trail, until=monday + timedelta(days=3)).active_partnership("bakery").granted.describe()
"full access, client's payment means"
>>> replay(trail).active_partnership("bakery") is None
True
>>> replay(trail[4:])
Traceback (most recent call last):
...
infomanager_core.access.errors.UnreplayableEvent: events[0]: ('invitation sent', 'invitation-1') is refused by the programme: partner: 'agency' is not a known organisation
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs

from ..errors import InfomanagerError, InvalidInput, shown
from .checks import aware_moment, instant
from .errors import InvalidMoment, UnreplayableEvent
from .events import AccessEvent, EventKind
from .partnership import DEFAULT_INVITATION_VALIDITY, Direction, Invitation, Partnership
from .programme import Events, Programme

__all__ = ["replay"]

#: The trail as replayed: each event with its position in the trail given.
_Trail = Sequence[tuple[int, AccessEvent]]
_Command = Callable[[Programme], Events]

#: The events whose command issues an id (``invitation-N``, ``partnership-N``) in the order of the trail: the kind of id.
_ISSUING = {EventKind.INVITATION_SENT: "invitation", EventKind.PARTNERSHIP_STARTED: "partnership"}


def replay(
    events: Iterable[AccessEvent],
    *,
    until: datetime | None = None,
    invitation_validity: timedelta = DEFAULT_INVITATION_VALIDITY,
) -> Programme:
    """The programme the ``events`` describe, made again command by command; with ``until``, as it stood then.

    ``events`` is a trail in the order the commands returned them (an audit log); ``until`` keeps the events dated no
    later than that moment (compared as instants), wherever they stand in the trail. Raises
    :class:`~infomanager_core.access.errors.UnreplayableEvent` for a trail that is not one (see the module).

    >>> from infomanager_core.access import Person
    >>> from datetime import UTC, datetime
    >>> at = datetime(2026, 3, 9, 9, tzinfo=UTC)
    >>> trail = [*Programme().register_person(Person("uma", "Uma"), at=at)]
    >>> [person.name for person in replay(trail).people], replay(trail, until=at.replace(hour=8)).people
    (['Uma'], ())
    """
    if until is not None:
        aware_moment(until, "until")
    programme = Programme(invitation_validity=invitation_validity)
    trail = _checked(events)
    issued = _issued_before(trail)
    if until is not None:
        trail = [(position, event) for position, event in trail if instant(event.at) <= instant(until)]
    index = 0
    while index < len(trail):
        _leave_room(programme, issued[trail[index][0]])
        index += _apply(programme, trail, index)
    _leave_room(programme, issued[-1])
    return programme


def _issued_before(trail: _Trail) -> list[dict[str, int]]:
    """For each position of the trail, and for its end, how many invitations and partnerships the events before issued."""
    counts = dict.fromkeys(_ISSUING.values(), 0)
    before = []
    for _, event in trail:
        before.append(dict(counts))
        if event.what in _ISSUING:
            counts[_ISSUING[event.what]] += 1
    return [*before, counts]


def _leave_room(programme: Programme, issued: dict[str, int]) -> None:
    """Number the next invitation and partnership after the ``issued`` ones, wherever they are dated. A full trail
    replayed has issued them all already (this changes nothing); as of a moment, those dated later leave room."""
    for kind, numbers in issued.items():
        programme._leave_room(kind, numbers)


def _checked(events: Iterable[AccessEvent]) -> list[tuple[int, AccessEvent]]:
    """The trail, each event numbered and checked to be an access event of a known kind, dated by an aware moment."""
    if isinstance(events, str | bytes | AccessEvent) or not isinstance(events, Iterable):
        raise InvalidInput("events", events, "must be a sequence of AccessEvent (a trail, in the order returned)")
    trail = list(enumerate(events))
    for position, event in trail:
        if not isinstance(event, AccessEvent):
            raise UnreplayableEvent(position, event, "must be an AccessEvent")
        if not isinstance(event.what, EventKind):
            raise UnreplayableEvent(position, event, "is not a kind of access event (an EventKind)")
        try:
            aware_moment(event.at)
        except InvalidMoment as refused:
            raise UnreplayableEvent(position, event, "must be dated by a timezone-aware datetime") from refused
    return trail


def _apply(programme: Programme, trail: _Trail, index: int) -> int:
    """Make again the command whose events begin at ``trail[index]``; how many events of the trail it made."""
    position, first = trail[index]
    principal = index
    while principal < len(trail) and trail[principal][1].cause is not None:  # dropped on the way: its cause follows
        principal += 1
    if principal == len(trail):
        raise UnreplayableEvent(
            position, first, f"must be followed by the {shown(_text(first.cause))} event it is part of"
        )
    command = _command(trail, principal)
    try:
        made = command(programme)
    except InfomanagerError as refused:
        raise UnreplayableEvent(
            position, first, f"is refused by the programme: {refused}", refusal=refused
        ) from refused
    if not made:
        raise UnreplayableEvent(position, first, "changes nothing: the programme already stands so (given twice?)")
    for offset, event in enumerate(made):
        if index + offset == len(trail):
            last, recorded = trail[-1]
            raise UnreplayableEvent(
                last, recorded, f"must be followed by the {shown(event.what.value)} event its command made too"
            )
        place, recorded = trail[index + offset]
        if recorded != event:
            raise UnreplayableEvent(
                place, recorded, f"differs from what its command records: {_difference(recorded, event)}"
            )
    return len(made)


def _text(kind: object) -> object:
    return kind.value if isinstance(kind, EventKind) else kind


def _difference(recorded: AccessEvent, made: AccessEvent) -> str:
    """The first field in which a recorded event differs from the one its command made again."""
    for field in attrs.fields(AccessEvent):
        was, is_ = getattr(recorded, field.name), getattr(made, field.name)
        if was != is_:
            return f"{field.name} {shown(_text(was))} where the command records {shown(_text(is_))}"
    raise AssertionError("events that differ differ in a field")  # pragma: no cover


def _command(trail: _Trail, index: int) -> _Command:
    """The command that made the event ``trail[index]`` (one no other event caused), with its arguments."""
    position, event = trail[index]
    what, by, at, subject = event.what, event.by, event.at, event.subject
    after: Any = event.after
    before: Any = event.before
    organisation: Any = event.organisation
    if what is EventKind.PERSON_REGISTERED:
        return lambda p: p.register_person(after, at=at, by=by)
    if what is EventKind.ORGANISATION_REGISTERED:
        return lambda p: p.register_organisation(after, at=at, by=by)
    if what is EventKind.PRODUCT_ADDED:
        return lambda p: p.add_product(subject, after, at=at, by=by)
    actor: Any = by  # every other command names who acts; a missing one is refused by the command
    if what is EventKind.MEMBER_ADDED:
        return lambda p: p.add_member(organisation, subject, after, by=actor, at=at)
    if what is EventKind.ROLE_CHANGED:
        return lambda p: p.change_role(organisation, subject, after, by=actor, at=at)
    if what is EventKind.MEMBER_REMOVED:
        return lambda p: p.remove_member(organisation, subject, by=actor, at=at)
    if what is EventKind.INVITATION_SENT:
        if not isinstance(after, Invitation):
            raise UnreplayableEvent(position, event, "must hold the invitation sent (after)")
        if after.direction is Direction.CLIENT_AUTHORISES_PARTNER:
            return lambda p: p.authorise(
                client=after.client, partner=after.partner, grant=after.requested, by=actor, at=at
            )
        return lambda p: p.invite(partner=after.partner, client=after.client, grant=after.requested, by=actor, at=at)
    if what is EventKind.INVITATION_ACCEPTED:
        started = trail[index + 1][1] if index + 1 < len(trail) else None
        if (
            started is None
            or started.what is not EventKind.PARTNERSHIP_STARTED
            or not isinstance(started.after, Partnership)
        ):
            raise UnreplayableEvent(position, event, "must be followed by the 'partnership started' it made")
        granted = started.after.granted
        return lambda p: p.accept(subject, by=actor, at=at, grant=granted)
    if what is EventKind.PARTNERSHIP_STARTED:
        raise UnreplayableEvent(position, event, "must follow the 'invitation accepted' that started it")
    if what is EventKind.INVITATION_REFUSED:
        return lambda p: p.refuse(subject, by=actor, at=at)
    if what is EventKind.INVITATION_CANCELLED:
        return lambda p: p.cancel(subject, by=actor, at=at)
    if what is EventKind.ACCESS_CHANGED:
        return lambda p: p.change_access(subject, after, by=actor, at=at)
    if what is EventKind.CLIENT_ASSIGNED:
        return lambda p: p.assign_client(partner=organisation, client=subject, person=after, by=actor, at=at)
    if what is EventKind.CLIENT_UNASSIGNED:
        return lambda p: p.unassign_client(partner=organisation, client=subject, person=before, by=actor, at=at)
    if what is EventKind.PARTNERSHIP_ENDED:
        return lambda p: p.end(subject, by=actor, at=at)
    raise UnreplayableEvent(position, event, "is of a kind the replay does not make again")  # a kind added later
