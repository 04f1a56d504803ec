"""Names an adversary makes look alike: what draws nothing (a combining grapheme joiner, a variation selector) and runs
of spaces (which a web page shows as one) compare as the name without them; a name that draws nothing is empty. And
what only looks alike by another rule (the Turkish dotted capital I, a Cyrillic letter) stays another name, as stated."""

from __future__ import annotations

import copy
import unicodedata
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.tags import DuplicateTagName, EmptyTagName, TagRules, name_key, tag_name
from tests.tags.test_tagging import AT, bakery_tagging

RULES = TagRules()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Shop", "Sh\u034fop"),  # combining grapheme joiner
        ("Shop", "Shop\ufe0f"),  # a variation selector after a letter
        ("\u2764 Love", "\u2764\ufe0f Love"),  # the heart as text and as emoji
        ("Shop", "Sh\u180bop"),  # a Mongolian free variation selector
        ("Shop", "Shop\U000e0100"),  # a variation selector of the supplement
        ("Shop", "Sh\ufff0op"),  # an unassigned code point Unicode reserves as ignorable
        ("Web shop", "Web  shop"),  # two spaces, shown as one
        ("Web shop", "Web \u3000shop"),  # a space and an ideographic space
        ("Caf\u00e9", "Cafe\u034f\u0301"),  # a joiner between the e and its accent: dropped before NFC composes them
        ("Web shop", "Web\u1680shop"),  # the Ogham space mark: a space that no normal form turns into " "
    ],
)
def test_a_name_that_differs_only_by_what_draws_nothing_is_refused_the_second_time(first: str, second: str) -> None:
    tagging = bakery_tagging()
    [created] = tagging.create("bakery", first, colour=0, by="carl", at=AT)
    before = copy.deepcopy(tagging)
    with pytest.raises(DuplicateTagName) as raised:
        tagging.create("bakery", second, colour=0, by="carl", at=AT)
    assert raised.value.existing == created.tag
    assert tagging == before
    assert tagging.access == before.access


@pytest.mark.parametrize("name", ["\u034f", " \ufe0f ", "\u034f \u034f", "\U000e0100\ufe0f"])
def test_a_name_that_draws_nothing_is_empty(name: str) -> None:
    with pytest.raises(EmptyTagName) as raised:
        tag_name(name, RULES)
    assert (raised.value.field, raised.value.value) == ("name", name)


def test_a_variation_selector_is_kept_in_the_stored_name_and_counted() -> None:
    assert tag_name(" \u2764\ufe0f ", RULES) == "\u2764\ufe0f"
    assert tag_name("x" * 31 + "\ufe0f", RULES) == "x" * 31 + "\ufe0f"
    assert name_key("x" * 31 + "\ufe0f") == "x" * 31


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("\u0130stanbul", "istanbul"),  # Turkish dotted capital I: case-folding is not Turkish
        ("\u0131stanbul", "Istanbul"),  # Turkish dotless small i
        ("Data", "D\u0430ta"),  # Cyrillic a
        ("Web shop", "Webshop"),  # a space is a character
    ],
)
def test_names_that_only_look_alike_by_another_rule_are_two_names(first: str, second: str) -> None:
    tagging = bakery_tagging()
    tagging.create("bakery", first, colour=0, by="carl", at=AT)
    tagging.create("bakery", second, colour=0, by="carl", at=AT)
    assert len(tagging.tags) == 2


@pytest.mark.parametrize(("upper", "lower"), [("ISTANBUL", "istanbul"), ("\u03a3\u039f\u03a6\u039f\u03a3", "σοφος")])
def test_default_case_folding_clashes_the_dotless_capital_i_and_the_final_sigma(upper: str, lower: str) -> None:
    assert name_key(upper) == name_key(lower)


#: Every Default_Ignorable_Code_Point of Unicode (DerivedCoreProperties.txt; the same ranges since Unicode 6.3).
DEFAULT_IGNORABLE = [
    chr(c)
    for first, last in (
        (0xAD, 0xAD),
        (0x34F, 0x34F),
        (0x61C, 0x61C),
        (0x115F, 0x1160),
        (0x17B4, 0x17B5),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0x3164, 0x3164),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0),
        (0xFFF0, 0xFFF8),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0000, 0xE0FFF),
    )
    for c in range(first, last + 1)
]

NAME_PIECES = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cf", "Cs", "Zl", "Zp"]), max_size=6)


@given(
    st.lists(st.tuples(NAME_PIECES, st.lists(st.sampled_from([*DEFAULT_IGNORABLE, " ", "  ", "\u3000"]))), min_size=1)
)
def test_what_draws_nothing_and_runs_of_spaces_never_change_a_name_s_key(pieces: list[tuple[str, list[str]]]) -> None:
    plain = " ".join(piece for piece, _ in pieces)
    padded = " ".join(piece + "".join(filler) for piece, filler in pieces)
    assert name_key(padded) == name_key(plain)


def test_no_key_holds_a_character_that_draws_nothing_or_two_spaces_running() -> None:
    ignorable = set(DEFAULT_IGNORABLE)
    for start in range(0, 0x110000, 4096):
        key = name_key(" ".join(chr(c) for c in range(start, start + 4096) if not 0xD800 <= c <= 0xDFFF))
        assert not ignorable & set(key), hex(start)
        assert "  " not in key, hex(start)
        assert unicodedata.is_normalized("NFKC", key), hex(start)


LOOKALIKES = st.lists(
    st.sampled_from(
        (
            "Web shop",
            "web  shop",
            "WEB\u3000SHOP",
            "Shop",
            "shop\ufe0f",
            "Sh\u034fop",
            "Stra\u00dfe",
            "STRASSE",
            "\u0130stanbul",
            "istanbul",
        )
    ),
    min_size=1,
    max_size=8,
)


@given(LOOKALIKES, st.randoms(use_true_random=False))
def test_the_names_an_organisation_ends_up_with_are_the_same_whatever_the_order_of_its_creations(
    names: list[str], random: Random
) -> None:
    shuffled = random.sample(names, len(names))
    held = []
    for order in (names, shuffled):
        tagging = bakery_tagging()
        for name in order:
            if name_key(name) in {name_key(t.name) for t in tagging.tags}:
                with pytest.raises(DuplicateTagName):
                    tagging.create("bakery", name, colour=0, by="carl", at=AT)
            else:
                tagging.create("bakery", name, colour=0, by="carl", at=AT)
        keys = [name_key(t.name) for t in tagging.tags]
        assert len(keys) == len(set(keys))
        held.append(set(keys))
    assert held[0] == held[1] == {name_key(name) for name in names}


@given(st.text(st.characters(max_codepoint=0x7F)))
def test_a_plain_ascii_name_has_the_key_it_has_with_a_grapheme_joiner_added(name: str) -> None:
    """An ASCII name takes a shorter road to its key; a joiner, which draws nothing, sends it the long way."""
    assert name_key(name) == name_key(name + "\u034f") == name_key("\u034f" + name)
