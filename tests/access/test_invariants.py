"""``check_invariants`` catches every kind of damage it promises to catch, each on its own.

The programme's indexes are derived from its facts, and ``check_invariants`` is what the tests lean on after every
step: a check that cannot fail would let a broken index pass unseen. Each case below damages the example programme
by hand, through its private state, so that exactly one promised property breaks while every other still holds, and
``check_invariants`` must then fail. The same programme, undamaged, passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import attrs
import pytest

from infomanager_core.access import Grant, HeldProduct, Partnership, Programme, Role
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.access.frozen import FrozenMapping

# Damage is done behind the programme's back, as only a bug in the programme itself could; ``object.__setattr__``
# reaches into a frozen value the same way.


def no_legal_representative(programme: Programme) -> None:
    """The bakery's only legal representative demoted, the membership index following."""
    bakery = programme._organisations["bakery"]
    object.__setattr__(bakery, "members", FrozenMapping({"carl": Role.USER, "cleo": Role.USER}))
    programme._memberships["carl"]["bakery"] = Role.USER


def member_who_is_no_registered_person(programme: Programme) -> None:
    del programme._people["cleo"]


def product_held_by_two_organisations(programme: Programme) -> None:
    """The cafe holds web-2 too, and the owner index says the cafe (the later registration)."""
    cafe = programme._organisations["cafe"]
    object.__setattr__(cafe, "products", (*cafe.products, HeldProduct(id="web-2", code="web", family="web-hosting")))
    programme._product_owner["web-2"] = "cafe"


def membership_index_names_a_non_member(programme: Programme) -> None:
    programme._memberships["fred"]["agency"] = Role.USER


def owner_index_names_the_wrong_organisation(programme: Programme) -> None:
    programme._product_owner["cafe-web"] = "bakery"


def client_with_two_active_partnerships(programme: Programme) -> None:
    """A second active partnership for the bakery, the client index pointing at it."""
    second = attrs.evolve(programme._partnerships["partnership-1"], id="partnership-2")
    programme._partnerships[second.id] = second
    programme._active_by_client["bakery"] = second.id


def client_index_missing_an_active_partnership(programme: Programme) -> None:
    del programme._active_by_client["bakery"]


def partner_without_partner_status(programme: Programme) -> None:
    object.__setattr__(programme._organisations["agency"], "partner", False)


def managed_product_held_by_another_organisation(programme: Programme) -> None:
    current = programme._partnerships["partnership-1"]
    programme._partnerships[current.id] = attrs.evolve(current, granted=Grant.limited({"cafe-web"}))


def partner_index_missing_a_client(programme: Programme) -> None:
    del programme._clients_by_partner["agency"]["bakery"]


def assignment_recorded_one_way_only(programme: Programme) -> None:
    programme._assigned[("agency", "ulla")] = {"bakery": None}


def assignment_of_a_client_the_partner_does_not_manage(programme: Programme) -> None:
    programme._assigned[("agency", "ulla")] = {"cafe": None}
    programme._assignees[("agency", "cafe")] = {"ulla": None}


def assignment_to_someone_outside_the_partner(programme: Programme) -> None:
    programme._assigned[("agency", "carl")] = {"bakery": None}
    programme._assignees[("agency", "bakery")]["carl"] = None


DAMAGE: dict[str, Callable[[Programme], None]] = {
    damage.__name__: damage
    for damage in (
        no_legal_representative,
        member_who_is_no_registered_person,
        product_held_by_two_organisations,
        membership_index_names_a_non_member,
        owner_index_names_the_wrong_organisation,
        client_with_two_active_partnerships,
        client_index_missing_an_active_partnership,
        partner_without_partner_status,
        managed_product_held_by_another_organisation,
        partner_index_missing_a_client,
        assignment_recorded_one_way_only,
        assignment_of_a_client_the_partner_does_not_manage,
        assignment_to_someone_outside_the_partner,
    )
}


def test_the_undamaged_example_programme_passes() -> None:
    example_programme().check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught(damage: str) -> None:
    programme = example_programme()
    DAMAGE[damage](programme)
    with pytest.raises(AssertionError):
        programme.check_invariants()


def test_an_ended_partnership_is_neither_active_nor_managed_and_still_passes() -> None:
    """Ending leaves the ended partnership among the facts; the checks count only active ones."""
    programme = example_programme()
    programme.end("partnership-1", by="carl", at=MONDAY + timedelta(days=1))
    ended = programme.partnership("partnership-1")
    assert isinstance(ended, Partnership)
    assert not ended.is_active
    programme.check_invariants()


def test_an_ended_partnership_for_a_partner_that_lost_its_status_still_passes() -> None:
    """Partner status matters for active partnerships only: a former partner's history stays valid."""
    programme = example_programme()
    programme.end("partnership-1", by="carl", at=MONDAY + timedelta(days=1))
    object.__setattr__(programme._organisations["agency"], "partner", False)
    programme.check_invariants()


def test_a_person_whose_last_membership_was_removed_still_passes() -> None:
    """Removing a member may leave an empty entry in the membership index: that is no membership."""
    programme = example_programme()
    programme.remove_member("bakery", "cleo", by="carl", at=MONDAY)
    assert dict(programme.memberships("cleo")) == {}
    programme.check_invariants()
