"""Tag names are printable: control and format characters are refused, and so is a name that is only invisible."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.tags import EmptyTagName, TagRules, UnprintableTagName, tag_name
from tests.tags.test_tagging import AT, bakery_tagging

RULES = TagRules()


@pytest.mark.parametrize("name", ["a\nb", "a\tb", "\x00", "tab\u200bbed", "\u200b", "\ufeffShop", "a\u202eb"])
def test_a_name_with_a_control_or_format_character_is_refused(name: str) -> None:
    with pytest.raises(UnprintableTagName) as raised:
        tag_name(name, RULES)
    assert (raised.value.field, raised.value.value) == ("name", name)
    assert raised.value.character.startswith("U+")


@pytest.mark.parametrize("name", ["\u3164", " \u2800 ", "\u115f\u1160", "\uffa0"])
def test_a_name_of_invisible_characters_only_is_empty(name: str) -> None:
    with pytest.raises(EmptyTagName):
        tag_name(name, RULES)


def test_invisible_fillers_and_whitespace_around_a_name_are_trimmed() -> None:
    assert tag_name("\u3164Shop\u2800", RULES) == "Shop"
    assert tag_name(" Shop\r\n", RULES) == "Shop"


@given(st.text(st.characters(categories=["Cc", "Cf"]), min_size=1), st.text(max_size=5))
def test_no_control_or_format_character_ever_gets_into_a_name(bad: str, around: str) -> None:
    with pytest.raises((UnprintableTagName, EmptyTagName)):
        tag_name(around + bad + around, RULES)


def test_a_refused_name_leaves_the_tags_unchanged() -> None:
    tagging = bakery_tagging()
    before = copy.deepcopy(tagging)
    with pytest.raises(UnprintableTagName):
        tagging.create("bakery", "a\nb", colour=0, by="carl", at=AT)
    assert tagging == before
