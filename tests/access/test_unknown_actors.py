"""Every command that someone performs refuses an unknown someone by the field ``by``, and changes nothing.

An unknown person is not merely someone without the right to act: the refusal must say that ``by`` names nobody
(``UnknownPerson``), not that this nobody lacks a role, even where the command would go on to check a role.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from infomanager_core.access import Grant, PaymentMeans, Programme, Role, UnknownPerson
from infomanager_core.access.examples import MONDAY, example_programme

from .test_naive_moments import full_access, open_invitation, two_managed_products

#: What must stand before a command can succeed (the example programme as it is otherwise).
ARRANGE: dict[str, Callable[[Programme], None]] = {
    "accept": open_invitation,
    "refuse": open_invitation,
    "cancel": open_invitation,
    "change_payment_means": full_access,
    "remove_managed_products": two_managed_products,
}


def arranged(command: str) -> Programme:
    programme = example_programme()
    ARRANGE.get(command, lambda _: None)(programme)
    return programme


Command = Callable[[Programme, str], object]

COMMANDS: dict[str, Command] = {
    "add_member": lambda p, by: p.add_member("bakery", "fred", Role.USER, by=by, at=MONDAY),
    "change_role": lambda p, by: p.change_role("agency", "uma", Role.ADMINISTRATOR, by=by, at=MONDAY),
    "remove_member": lambda p, by: p.remove_member("agency", "uma", by=by, at=MONDAY),
    "invite": lambda p, by: p.invite(partner="agency", client="cafe", grant=Grant.full(), by=by, at=MONDAY),
    "authorise": lambda p, by: p.authorise(client="cafe", partner="agency", grant=Grant.full(), by=by, at=MONDAY),
    "accept": lambda p, by: p.accept("invitation-2", by=by, at=MONDAY),
    "refuse": lambda p, by: p.refuse("invitation-2", by=by, at=MONDAY),
    "cancel": lambda p, by: p.cancel("invitation-2", by=by, at=MONDAY),
    "change_access": lambda p, by: p.change_access("partnership-1", Grant.full(), by=by, at=MONDAY),
    "change_payment_means": lambda p, by: p.change_payment_means(
        "partnership-1", PaymentMeans.PARTNER, by=by, at=MONDAY
    ),
    "add_managed_products": lambda p, by: p.add_managed_products("partnership-1", ["web-2"], by=by, at=MONDAY),
    "remove_managed_products": lambda p, by: p.remove_managed_products("partnership-1", ["web-1"], by=by, at=MONDAY),
    "assign_client": lambda p, by: p.assign_client(partner="agency", client="bakery", person="ulla", by=by, at=MONDAY),
    "unassign_client": lambda p, by: p.unassign_client(
        partner="agency", client="bakery", person="uma", by=by, at=MONDAY
    ),
    "end": lambda p, by: p.end("partnership-1", by=by, at=MONDAY),
}

#: Who may perform each command above (the bakery's legal representative, carl, unless named here).
RIGHT_PERSON = {
    "change_role": "paula",
    "remove_member": "paula",
    "invite": "paula",
    "authorise": "fred",
    "accept": "fred",
    "refuse": "fred",
    "cancel": "paula",
    "assign_client": "adam",
    "unassign_client": "adam",
}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_succeeds_by_the_right_person(command: str) -> None:
    """The same commands go through when done by whom the rules expect (so the refusal below is about ``by``)."""
    programme = arranged(command)
    COMMANDS[command](programme, RIGHT_PERSON.get(command, "carl"))
    programme.check_invariants()


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_actor_is_refused_as_unknown_by_name(command: str) -> None:
    programme = arranged(command)
    before = copy.deepcopy(programme)
    with pytest.raises(UnknownPerson) as refused:
        COMMANDS[command](programme, "ghost")
    assert (refused.value.field, refused.value.value) == ("by", "ghost")
    assert programme == before
