"""Every command of the programme refuses a naive moment by name, whatever else it is given, and changes nothing.

Each command below succeeds when dated a day later in UTC; dated the same wall-clock time without a timezone it must
raise ``InvalidMoment`` naming the field ``at`` (not some inner "moment" met later while comparing clocks), even where
nothing it concerns has a latest moment to compare with.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from infomanager_core.access import (
    Grant,
    HeldProduct,
    InvalidMoment,
    Organisation,
    PaymentMeans,
    Person,
    Programme,
    Role,
)
from infomanager_core.access.examples import MONDAY, example_programme

TUESDAY = datetime(2026, 1, 6, 9, tzinfo=UTC)
NAIVE_TUESDAY = TUESDAY.replace(tzinfo=None)

LR = Role.LEGAL_REPRESENTATIVE


def nothing(programme: Programme) -> None:
    """The example programme as it is."""


def open_invitation(programme: Programme) -> None:
    """The agency has invited the cafe (``invitation-2``, open)."""
    programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)


def full_access(programme: Programme) -> None:
    programme.change_access("partnership-1", Grant.full(), by="carl", at=MONDAY)


def two_managed_products(programme: Programme) -> None:
    programme.add_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY)


Arrange = Callable[[Programme], None]
Command = Callable[[Programme, datetime], object]

COMMANDS: dict[str, tuple[Arrange, Command]] = {
    "register_person": (nothing, lambda p, at: p.register_person(Person("zoe", "Zoe"), at=at)),
    "register_organisation": (
        nothing,
        lambda p, at: p.register_organisation(
            Organisation(id="dental", name="Dental", country="CH", members={"fred": LR}), at=at
        ),
    ),
    "add_product": (
        nothing,
        lambda p, at: p.add_product("cafe", HeldProduct(id="cafe-mail", code="mail", family="mail"), at=at),
    ),
    "add_member": (nothing, lambda p, at: p.add_member("bakery", "fred", Role.ADMINISTRATOR, by="carl", at=at)),
    "change_role": (nothing, lambda p, at: p.change_role("agency", "uma", Role.ADMINISTRATOR, by="paula", at=at)),
    "remove_member": (nothing, lambda p, at: p.remove_member("agency", "uma", by="paula", at=at)),
    "invite": (
        nothing,
        lambda p, at: p.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=at),
    ),
    "authorise": (
        nothing,
        lambda p, at: p.authorise(client="cafe", partner="agency", grant=Grant.full(), by="fred", at=at),
    ),
    "accept": (open_invitation, lambda p, at: p.accept("invitation-2", by="fred", at=at)),
    "refuse": (open_invitation, lambda p, at: p.refuse("invitation-2", by="fred", at=at)),
    "cancel": (open_invitation, lambda p, at: p.cancel("invitation-2", by="paula", at=at)),
    "change_access": (nothing, lambda p, at: p.change_access("partnership-1", Grant.full(), by="carl", at=at)),
    "change_payment_means": (
        full_access,
        lambda p, at: p.change_payment_means("partnership-1", PaymentMeans.PARTNER, by="carl", at=at),
    ),
    "add_managed_products": (
        nothing,
        lambda p, at: p.add_managed_products("partnership-1", ["mail-1"], by="carl", at=at),
    ),
    "remove_managed_products": (
        two_managed_products,
        lambda p, at: p.remove_managed_products("partnership-1", ["web-1"], by="carl", at=at),
    ),
    "assign_client": (
        nothing,
        lambda p, at: p.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=at),
    ),
    "unassign_client": (
        nothing,
        lambda p, at: p.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=at),
    ),
    "end": (nothing, lambda p, at: p.end("partnership-1", by="carl", at=at)),
    "check_in_order": (nothing, lambda p, at: p.check_in_order(at, organisations=["bakery", "cafe"])),
    "check_in_order of no organisation": (nothing, lambda p, at: p.check_in_order(at, organisations=[])),
    "advance_to": (nothing, lambda p, at: p.advance_to(at, organisations=["bakery", "cafe"])),
    "advance_to of no organisation": (nothing, lambda p, at: p.advance_to(at, organisations=[])),
}


def arranged(command: str) -> Programme:
    programme = example_programme()
    arrange, _ = COMMANDS[command]
    arrange(programme)
    return programme


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_succeeds_when_dated_with_a_timezone(command: str) -> None:
    programme = arranged(command)
    _, run = COMMANDS[command]
    run(programme, TUESDAY)
    programme.check_invariants()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_refuses_a_naive_moment_by_name_and_changes_nothing(command: str) -> None:
    programme = arranged(command)
    _, run = COMMANDS[command]
    before = copy.deepcopy(programme)
    with pytest.raises(InvalidMoment) as refused:
        run(programme, NAIVE_TUESDAY)
    assert (refused.value.field, refused.value.value) == ("at", NAIVE_TUESDAY)
    assert type(refused.value) is InvalidMoment  # the moment itself is wrong, not its order
    assert programme == before
