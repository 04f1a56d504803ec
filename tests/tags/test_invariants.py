"""``Tagging.check_invariants`` catches every kind of damage it promises to catch, each on its own.

The tests lean on ``check_invariants`` after every step. Each case below damages a tagging by hand, through its
private state, so that exactly one law breaks, and ``check_invariants`` must then raise ``InvariantViolation``
stating that law and naming the culprit — under ``python -O`` too. The same tagging, undamaged, passes.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.tags import Tagging, TagRules, name_key

from ..auditors import assert_caught, assert_refused_under_optimisation, culprits_under_hash_seeds

RULES = TagRules()

# Damage is done behind the tagging's back, as only a bug in the tagging itself could.


def set_up_tagging() -> Tagging:
    """The bakery's "Shop" (tag-1) on web-1 and web-2, made by the agency's uma; the cafe's "Blog" (tag-2) on
    cafe-web."""
    tagging = Tagging(example_programme())
    [shop] = tagging.create("bakery", "Shop", colour=1, by="uma", at=MONDAY)
    for product in ("web-1", "web-2"):
        tagging.attach(shop.tag, product, by="carl", at=MONDAY)
    [blog] = tagging.create("cafe", "Blog", colour=2, by="fred", at=MONDAY)
    tagging.attach(blog.tag, "cafe-web", by="fred", at=MONDAY)
    return tagging


def renamed(tagging: Tagging, tag: str, name: str) -> None:
    """The tag renamed behind the tagging's back, the name index following."""
    value = tagging._tags[tag]
    del tagging._by_name[(value.organisation, name_key(value.name))]
    tagging._by_name[(value.organisation, name_key(name))] = tag
    tagging._tags[tag] = attrs.evolve(value, name=name)


def two_tags_sharing_a_name(tagging: Tagging) -> None:
    tagging._tags["tag-9"] = attrs.evolve(tagging._tags["tag-1"], id="tag-9", name="SHOP")


def name_index_naming_another_tag(tagging: Tagging) -> None:
    tagging._by_name[("bakery", "shop")] = "tag-2"


def tag_without_its_products_listed(tagging: Tagging) -> None:
    del tagging._products["tag-2"]
    del tagging._on_product["cafe-web"]


def deleted_tag_keeping_its_maker(tagging: Tagging) -> None:
    tagging._made_by["tag-7"] = "agency"


def tag_without_a_clock(tagging: Tagging) -> None:
    del tagging._latest["tag-2"]


def attachment_recorded_one_way_only(tagging: Tagging) -> None:
    tagging._products["tag-2"]["cafe-web-2"] = None


def tag_on_another_organisations_product(tagging: Tagging) -> None:
    del tagging._products["tag-2"]["cafe-web"]
    del tagging._on_product["cafe-web"]
    tagging._products["tag-2"]["web-1"] = None
    tagging._on_product["web-1"]["tag-2"] = None


def tag_on_each_of_the_bakerys_products(tagging: Tagging) -> None:
    """The cafe's tag-2 on the three bakery products too, recorded both ways: three pairs break the same law."""
    for product in ("web-2", "mail-1", "web-1"):
        tagging._products["tag-2"][product] = None
        tagging._on_product.setdefault(product, {})["tag-2"] = None


def untidy_name(tagging: Tagging) -> None:
    renamed(tagging, "tag-2", " Blog")


def name_the_text_rules_refuse(tagging: Tagging) -> None:
    renamed(tagging, "tag-2", "Blo\ng")


def name_longer_than_the_rules_allow(tagging: Tagging) -> None:
    renamed(tagging, "tag-2", "B" * (RULES.max_length + 1))


def colour_outside_the_palette(tagging: Tagging) -> None:
    tagging._tags["tag-2"] = attrs.evolve(tagging._tags["tag-2"], colour=len(RULES.palette))


#: Each damage, with the law it breaks as the auditor states it and the culprit it names.
DAMAGE: dict[str, tuple[Callable[[Tagging], None], str, object]] = {
    damage.__name__: (damage, law, culprit)
    for damage, law, culprit in (
        (two_tags_sharing_a_name, "two tags of one organisation never share a name", [("bakery", "shop")]),
        (
            name_index_naming_another_tag,
            "the name index names exactly each tag by its organisation and name",
            [("bakery", "shop")],
        ),
        (tag_without_its_products_listed, "every tag, and only a tag, has its products listed", ["tag-2"]),
        (deleted_tag_keeping_its_maker, "a deleted tag has no maker", ["tag-7"]),
        (tag_without_a_clock, "every tag, and only a tag, has a clock", ["tag-2"]),
        (
            attachment_recorded_one_way_only,
            "every attachment is recorded both ways, by tag and by product",
            [("tag-2", "cafe-web-2")],
        ),
        (tag_on_another_organisations_product, "a tag is only on its organisation's products", ("tag-2", "web-1")),
        (untidy_name, "a tag's name is in its tidy form", "tag-2"),
        (name_the_text_rules_refuse, "a tag's name is in its tidy form", "tag-2"),
        (
            name_longer_than_the_rules_allow,
            "a tag's name is as long as the rules allow",
            ("tag-2", RULES.max_length + 1),
        ),
        (colour_outside_the_palette, "a tag's colour is one of the palette's", ("tag-2", len(RULES.palette))),
    )
}


def test_the_undamaged_tagging_passes() -> None:
    set_up_tagging().check_invariants()


def test_tags_at_the_edges_the_rules_allow_pass() -> None:
    """The bounds are inclusive: names as short and as long as the rules allow, the palette's first and last colours."""
    tagging = set_up_tagging()
    tagging.create("bakery", "S" * RULES.min_length, colour=0, by="carl", at=MONDAY)
    tagging.create("bakery", "L" * RULES.max_length, colour=len(RULES.palette) - 1, by="carl", at=MONDAY)
    tagging.check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught_as_the_law_it_breaks_naming_the_culprit(damage: str) -> None:
    spoil, law, culprit = DAMAGE[damage]
    tagging = set_up_tagging()
    spoil(tagging)
    assert_caught(tagging, law, culprit)


def test_a_damaged_tagging_is_refused_under_python_o_too() -> None:
    """Asserts vanish under ``-O``: the tagging's laws are plain checks that stay."""
    assert_refused_under_optimisation(
        "tests.tags.test_invariants",
        "set_up_tagging",
        "attachment_recorded_one_way_only",
        "every attachment is recorded both ways, by tag and by product",
    )


def test_the_first_foreign_attachment_in_sorted_order_is_named_whatever_the_hash_seed() -> None:
    assert culprits_under_hash_seeds(
        "tests.tags.test_invariants", "set_up_tagging", "tag_on_each_of_the_bakerys_products"
    ) == {"('tag-2', 'mail-1')"}
