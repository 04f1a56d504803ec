"""A programme that keeps every command it was given and every event it returned, for the laws of the replay.

:class:`Recording` is a :class:`~infomanager_core.access.Programme` whose commands also note each call (its name, its
arguments and what came of it: the events, or the error) and the trail of events. Nothing else differs: the notes are
left out of ``==``, so a refused command still leaves the programme equal to what it was. :func:`recorded` builds one
of the tests' fixed programmes (``make_world``, ``example_programme``) as a recording one, its registrations noted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from types import ModuleType
from typing import Any

import attrs

from infomanager_core.access import (
    AccessEvent,
    HeldProduct,
    Programme,
    can_export_clients,
    can_manage_product,
    can_order,
    can_reach_client,
    can_reach_product,
    order_outcome,
    reachable_clients,
    reachable_products,
)
from infomanager_core.errors import InfomanagerError

#: Every command of the programme that returns events.
COMMANDS = (
    "register_person",
    "register_organisation",
    "add_product",
    "add_member",
    "change_role",
    "remove_member",
    "invite",
    "authorise",
    "accept",
    "refuse",
    "cancel",
    "change_access",
    "change_payment_means",
    "add_managed_products",
    "remove_managed_products",
    "assign_client",
    "unassign_client",
    "end",
)


@attrs.frozen
class Call:
    """One command given: its name and arguments, and what came of it (its events, or the error that refused it)."""

    name: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]
    outcome: tuple[AccessEvent, ...] | InfomanagerError

    @property
    def at(self) -> datetime:
        moment: datetime = self.kwargs["at"]
        return moment

    @property
    def refused(self) -> bool:
        return isinstance(self.outcome, InfomanagerError)

    def again(self, programme: Programme) -> tuple[AccessEvent, ...] | InfomanagerError:
        """The same command given to ``programme``: its events, or the error that refused it."""
        try:
            events: tuple[AccessEvent, ...] = getattr(programme, self.name)(*self.args, **self.kwargs)
        except InfomanagerError as refused:
            return refused
        return events


@attrs.define
class Recording(Programme):
    """A programme noting every command given to it (``calls``) and every event returned (``trail``)."""

    calls: list[Call] = attrs.field(factory=list, init=False, eq=False)
    trail: list[AccessEvent] = attrs.field(factory=list, init=False, eq=False)


def _noting(name: str) -> Callable[..., tuple[AccessEvent, ...]]:
    command = getattr(Programme, name)

    def noted(self: Recording, *args: Any, **kwargs: Any) -> tuple[AccessEvent, ...]:
        try:
            events: tuple[AccessEvent, ...] = command(self, *args, **kwargs)
        except InfomanagerError as refused:
            self.calls.append(Call(name, args, kwargs, refused))
            raise
        self.calls.append(Call(name, args, kwargs, events))
        self.trail.extend(events)
        return events

    noted.__name__ = name
    return noted


for _name in COMMANDS:
    setattr(Recording, _name, _noting(_name))


@contextmanager
def _building_recordings(module: ModuleType) -> Iterator[None]:
    original = module.Programme
    module.Programme = Recording
    try:
        yield
    finally:
        module.Programme = original


def recorded(build: Callable[[], Programme], module: ModuleType) -> Recording:
    """``build()`` (a function of ``module`` that makes a ``Programme()`` and gives it commands), recorded."""
    with _building_recordings(module):
        programme = build()
    assert isinstance(programme, Recording)
    return programme


def outcome(result: tuple[AccessEvent, ...] | InfomanagerError) -> object:
    """What a command's outcome says, comparable: its events, or the error's type and message."""
    if isinstance(result, InfomanagerError):
        return type(result), str(result)
    return result


def asked(question: Callable[..., object], *args: Any, **kwargs: Any) -> object:
    """The answer to a question of the programme, or the type and message of the error refusing it."""
    try:
        return question(*args, **kwargs)
    except InfomanagerError as refused:
        return type(refused), str(refused)


def answers(programme: Programme, *, people: Iterable[str], organisations: Iterable[str]) -> dict[str, object]:
    """Every public answer of ``programme`` about these people and organisations and every product it knows.

    The records (people, organisations, invitations, partnerships), each person's memberships and listings, each
    organisation's partnership, clients and assignments, every access decision for every person × organisation ×
    product, and the order outcome of every client's products (and of a new one) placed by each organisation — so
    that two programmes are the same to anyone asking exactly when these agree.
    """
    people, organisations = sorted(people), sorted(organisations)
    products = sorted({p.id for org in programme.organisations for p in org.products} | {"no-such-product"})
    found: dict[str, object] = {
        "people": programme.people,
        "organisations": programme.organisations,
        "invitations": programme.invitations,
        "partnerships": programme.partnerships,
        "invariants": asked(programme.check_invariants),
    }
    for person in people:
        found[f"memberships {person}"] = dict(programme.memberships(person))
        found[f"reachable clients {person}"] = asked(reachable_clients, programme, person)
        found[f"reachable products {person}"] = asked(reachable_products, programme, person)
        for organisation in organisations:
            found[f"reach {person} {organisation}"] = asked(can_reach_client, programme, person, organisation)
            found[f"order {person} {organisation}"] = asked(can_order, programme, person, organisation)
            found[f"export {person} {organisation}"] = asked(can_export_clients, programme, person, organisation)
            found[f"assigned {organisation} {person}"] = asked(programme.assigned_clients, organisation, person)
        for product in products:
            found[f"manage {person} {product}"] = asked(can_manage_product, programme, person, product)
            found[f"reach {person} {product}"] = asked(can_reach_product, programme, person, product)
    for organisation in organisations:
        partnership = programme.active_partnership(organisation)
        found[f"partnership {organisation}"] = partnership
        found[f"clients {organisation}"] = asked(programme.clients_of, organisation)
        own = [p.id for p in asked_organisation(programme, organisation)]
        for placed_by in organisations:
            for product in (None, *own):
                found[f"outcome {organisation} {placed_by} {product}"] = order_outcome(
                    client=organisation, placed_by=placed_by, partnership=partnership, product=product
                )
    for product in products:
        found[f"owner {product}"] = asked(programme.owner_of, product)
    return found


def asked_organisation(programme: Programme, organisation: str) -> tuple[HeldProduct, ...]:
    """The products ``organisation`` holds, none when the programme does not know it."""
    try:
        return programme.organisation(organisation).products
    except InfomanagerError:
        return ()


def same_answers(one: Programme, other: Programme) -> None:
    """``one`` and ``other`` give every public answer alike, about everyone either knows (and someone neither does)."""
    people = {p.id for p in (*one.people, *other.people)} | {"ghost"}
    organisations = {o.id for o in (*one.organisations, *other.organisations)} | {"no-such-organisation"}
    assert answers(one, people=people, organisations=organisations) == answers(
        other, people=people, organisations=organisations
    )
