"""``check_invariants`` catches every kind of damage it promises to catch, each on its own.

The programme's indexes are derived from its facts, and ``check_invariants`` is what the tests lean on after every
step: a check that cannot fail would let a broken index pass unseen. Each case below damages the example programme
by hand, through its private state, so that exactly one promised property breaks while every other still holds, and
``check_invariants`` must then raise ``InvariantViolation`` stating that law and naming the culprit — under
``python -O`` too. The same programme, undamaged, passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import attrs
import pytest

from infomanager_core._frozen import FrozenMapping
from infomanager_core.access import Grant, HeldProduct, Partnership, Programme, Role
from infomanager_core.access.examples import MONDAY, example_programme

from ..auditors import assert_caught, assert_refused_under_optimisation, culprits_under_hash_seeds

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


def owner_index_names_no_one_for_a_product_no_one_holds(programme: Programme) -> None:
    """A stray entry whose value is ``None``: the index holds a key the facts lack, whatever it maps it to."""
    programme._product_owner["ghost-1"] = None  # type: ignore[assignment]


def owner_index_lost(programme: Programme) -> None:
    """Every entry gone: the culprit lists each product, in sorted order whatever the hash seed."""
    programme._product_owner.clear()


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


#: Each damage, with the law it breaks as the auditor states it and the culprit it names.
DAMAGE: dict[str, tuple[Callable[[Programme], None], str, object]] = {
    damage.__name__: (damage, law, culprit)
    for damage, law, culprit in (
        (no_legal_representative, "every organisation has a legal representative", "bakery"),
        (
            member_who_is_no_registered_person,
            "every member of an organisation is a registered person",
            ("bakery", "cleo"),
        ),
        (product_held_by_two_organisations, "no product is held by two organisations", ("web-2", "bakery", "cafe")),
        (
            membership_index_names_a_non_member,
            "the membership index holds exactly each person's roles in the organisations",
            ["fred"],
        ),
        (
            owner_index_names_the_wrong_organisation,
            "the owner index names exactly each product's organisation",
            ["cafe-web"],
        ),
        (
            owner_index_names_no_one_for_a_product_no_one_holds,
            "the owner index names exactly each product's organisation",
            ["ghost-1"],
        ),
        (
            owner_index_lost,
            "the owner index names exactly each product's organisation",
            ["cafe-web", "mail-1", "web-1", "web-2"],
        ),
        (client_with_two_active_partnerships, "a client has at most one active partnership", ["bakery"]),
        (
            client_index_missing_an_active_partnership,
            "the client index names exactly each client's active partnership",
            ["bakery"],
        ),
        (
            partner_without_partner_status,
            "the partner of an active partnership has partner status",
            ("partnership-1", "agency"),
        ),
        (
            managed_product_held_by_another_organisation,
            "every product an active partnership grants is held by its client",
            ("partnership-1", "cafe-web"),
        ),
        (partner_index_missing_a_client, "the partner index lists exactly each partner's active clients", ["agency"]),
        (
            assignment_recorded_one_way_only,
            "every assignment is recorded both ways, by partner and person and by partner and client",
            [("agency", "ulla", "bakery")],
        ),
        (
            assignment_of_a_client_the_partner_does_not_manage,
            "an assigned client is one the partner manages",
            ("agency", "ulla", "cafe"),
        ),
        (
            assignment_to_someone_outside_the_partner,
            "an assigned person is a member of the partner",
            ("agency", "carl", "bakery"),
        ),
    )
}


def test_the_undamaged_example_programme_passes() -> None:
    example_programme().check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught_as_the_law_it_breaks_naming_the_culprit(damage: str) -> None:
    spoil, law, culprit = DAMAGE[damage]
    programme = example_programme()
    spoil(programme)
    assert_caught(programme, law, culprit)


def test_a_damaged_programme_is_refused_under_python_o_too() -> None:
    """Asserts vanish under ``-O``: the programme's laws are plain checks that stay."""
    assert_refused_under_optimisation(
        "tests.access.test_invariants",
        "example_programme",
        "partner_index_missing_a_client",
        "the partner index lists exactly each partner's active clients",
    )


def four_assignments_of_a_client_the_partner_does_not_manage(programme: Programme) -> None:
    for person in ("ulla", "paula", "adam", "uma"):
        programme._assigned.setdefault(("agency", person), {})["cafe"] = None
        programme._assignees.setdefault(("agency", "cafe"), {})[person] = None


def test_the_culprit_named_does_not_depend_on_the_hash_seed() -> None:
    """The auditor gathers assignments in a set and checks them in sorted order, so of four assignments of a client the
    partner does not manage the same one is named whatever ``PYTHONHASHSEED`` is (it varied with the seed when the set
    was iterated as it came)."""
    assert culprits_under_hash_seeds(
        "tests.access.test_invariants", "example_programme", "four_assignments_of_a_client_the_partner_does_not_manage"
    ) == {"('agency', 'adam', 'cafe')"}


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
