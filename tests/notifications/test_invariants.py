"""``BillingNotifications.check_invariants`` catches every kind of damage it promises to catch, each on its own.

The model-based tests lean on ``check_invariants`` after every step. Each case below damages a registry by hand,
through its private state, so that exactly one law breaks, and ``check_invariants`` must then raise
``InvariantViolation`` stating that law and naming the culprit — under ``python -O`` too. The same registry, undamaged,
passes.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from infomanager_core.notifications import BillingNotifications
from tests.notifications.test_registry import START, bakery

from ..auditors import assert_caught, assert_refused_under_optimisation, culprits_under_hash_seeds

# Damage is done behind the registry's back, as only a bug in the registry itself could.


def organisation_without_a_clock(registry: BillingNotifications) -> None:
    del registry._latest["bakery"]


def clock_of_no_organisation(registry: BillingNotifications) -> None:
    registry._latest["cafe"] = START


def clocks_of_organisations_never_registered(registry: BillingNotifications) -> None:
    for organisation in ("cafe", "agency", "studio", "bistro"):
        registry._latest[organisation] = START


def product_of_an_unknown_organisation(registry: BillingNotifications) -> None:
    registry._products["mail-1"] = attrs.evolve(registry._products["mail-1"], organisation="cafe")


#: Each damage, with the law it breaks as the auditor states it and the culprit it names.
DAMAGE: dict[str, tuple[Callable[[BillingNotifications], None], str, object]] = {
    damage.__name__: (damage, law, culprit)
    for damage, law, culprit in (
        (organisation_without_a_clock, "every organisation, and only an organisation, has a clock", ["bakery"]),
        (clock_of_no_organisation, "every organisation, and only an organisation, has a clock", ["cafe"]),
        (product_of_an_unknown_organisation, "every product belongs to a registered organisation", ("mail-1", "cafe")),
    )
}


def test_the_undamaged_registry_passes() -> None:
    bakery().check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught_as_the_law_it_breaks_naming_the_culprit(damage: str) -> None:
    spoil, law, culprit = DAMAGE[damage]
    registry = bakery()
    spoil(registry)
    assert_caught(registry, law, culprit)


def test_a_damaged_registry_is_refused_under_python_o_too() -> None:
    """Asserts vanish under ``-O``: the registry's laws are plain checks that stay."""
    assert_refused_under_optimisation(
        "tests.notifications.test_invariants",
        "bakery",
        "product_of_an_unknown_organisation",
        "every product belongs to a registered organisation",
    )


def test_the_organisations_named_for_stray_clocks_are_sorted_whatever_the_hash_seed() -> None:
    assert culprits_under_hash_seeds(
        "tests.notifications.test_invariants", "bakery", "clocks_of_organisations_never_registered"
    ) == {"['agency', 'bistro', 'cafe', 'studio']"}
