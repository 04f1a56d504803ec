"""Tag names are printable (control and format characters are refused, and so is a name that is only invisible) and
compared as read: one name spelled two ways (case, accents composed or not, full width, ligatures) is one name."""

from __future__ import annotations

import copy
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput
from infomanager_core.tags import DuplicateTagName, EmptyTagName, TagRules, UnprintableTagName, name_key, tag_name
from tests import strategies as s
from tests.bad_input.harness import Text
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


def test_a_name_typed_with_a_combining_accent_is_stored_precomposed_and_counted_so() -> None:
    rules = TagRules(max_length=4)
    assert tag_name("Cafe\u0301", rules) == "Caf\u00e9"
    assert tag_name("Caf\u00e9", rules) == "Caf\u00e9"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Caf\u00e9", "Cafe\u0301"),  # precomposed and combining accent
        ("CAF\u00c9", "cafe\u0301"),
        ("Web", "\uff37\uff45\uff42"),  # full-width letters
        ("files", "\ufb01les"),  # a ligature
        ("Stra\u00dfe", "STRASSE"),
    ],
)
def test_one_name_spelled_two_ways_is_refused_the_second_time(first: str, second: str) -> None:
    tagging = bakery_tagging()
    tagging.create("bakery", first, colour=0, by="carl", at=AT)
    before = copy.deepcopy(tagging)
    with pytest.raises(DuplicateTagName):
        tagging.create("bakery", second, colour=0, by="carl", at=AT)
    assert tagging == before


def test_a_name_keeps_its_full_width_letters_and_only_changes_to_nfc() -> None:
    tagging = bakery_tagging()
    [created] = tagging.create("bakery", "\uff37\uff45\uff42", colour=0, by="carl", at=AT)
    assert tagging.tag(created.tag).name == "\uff37\uff45\uff42"


def test_renaming_a_tag_to_another_spelling_of_its_name_is_allowed() -> None:
    tagging = bakery_tagging()
    [created] = tagging.create("bakery", "Cafe", colour=0, by="carl", at=AT)
    tagging.create("bakery", "Caf\u00e9", colour=0, by="carl", at=AT)
    [renamed] = tagging.rename(created.tag, "CAFE", by="carl", at=AT)
    assert renamed.after.name == "CAFE"


@given(st.data(), s.lookalike_names())
def test_two_spellings_of_one_name_never_coexist_in_an_organisation(data: st.DataObject, name: str) -> None:
    tagging = bakery_tagging()
    tagging.create("bakery", name, colour=0, by="carl", at=AT)
    other = data.draw(s.respellings(name))
    assert name_key(other) == name_key(name)
    with pytest.raises(DuplicateTagName):
        tagging.create("bakery", other, colour=0, by="carl", at=AT)


@given(st.lists(st.tuples(st.booleans(), s.lookalike_names()), max_size=12))
def test_names_that_normalise_and_casefold_equal_never_coexist_and_only_a_clash_is_refused(
    commands: list[tuple[bool, str]],
) -> None:
    tagging = bakery_tagging()
    for rename, name in commands:
        keys = {unicodedata.normalize("NFKC", t.name).casefold() for t in tagging.tags}
        try:
            if rename and tagging.tags:
                tagging.rename(tagging.tags[0].id, name, by="carl", at=AT)
            else:
                tagging.create("bakery", name, colour=0, by="carl", at=AT)
        except DuplicateTagName:
            assert unicodedata.normalize("NFKC", name).casefold() in keys
        tagging.check_invariants()
    names = [unicodedata.normalize("NFKC", t.name).casefold() for t in tagging.tags]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("value", [7, b"Shop"], ids=repr)
def test_name_key_refuses_what_is_no_str_saying_so_and_reads_a_str_subclass_as_its_text(value: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        name_key(value)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("name", value, "must be a string")
    assert name_key(Text("ＷＥＢ")) == "web"


@pytest.mark.parametrize(
    ("minimum", "name", "rule"),
    [
        (1, " ", "must have at least 1 character once trimmed"),
        (3, " ab ", "must have at least 3 characters once trimmed"),
    ],
)
def test_a_name_too_short_is_refused_saying_how_many_characters_in_words(minimum: int, name: str, rule: str) -> None:
    with pytest.raises(EmptyTagName) as raised:
        tag_name(name, TagRules(min_length=minimum))
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("name", name, rule)
