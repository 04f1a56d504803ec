"""Where an excerpt's summary is cut: between the characters a reader sees, never inside one.

A reader's character may be several code points — a letter and the accent or vowel sign after it, a flag's two
regional indicators. A cut between them would show partners another letter than the client typed ("नमस" for the
start of "नमस्ते"), or half a flag.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.tenders import summary


def is_mark(character: str) -> bool:
    return unicodedata.category(character).startswith("M")


def is_flag_half(character: str) -> bool:
    return "\U0001f1e6" <= character <= "\U0001f1ff"  # a regional indicator: two make a flag


@pytest.mark.parametrize(
    ("text", "length", "cut"),
    [
        ("abcdq\u0307 and more", 6, "abcd…"),  # q with a dot above: no precomposed form, so two code points
        ("नमस्ते दुनिया", 4, "नम…"),  # the virama of स् is a mark: स goes with it
        ("\U0001f1e8\U0001f1ed\U0001f1eb\U0001f1f7 flags", 4, "\U0001f1e8\U0001f1ed…"),  # CH kept whole, FR dropped
        # a run of indicators from the first character on: its pairs are counted from there, not from the text's end
        ("\U0001f1e8\U0001f1ed\U0001f1e8\U0001f1ed\U0001f1e8", 4, "\U0001f1e8\U0001f1ed…"),
    ],
)
def test_a_summary_is_cut_before_a_letter_that_would_lose_its_marks_or_a_flag_its_half(
    text: str, length: int, cut: str
) -> None:
    assert summary(text, length) == cut


@pytest.mark.parametrize(
    ("text", "length", "cut"),
    [
        ("abcde fghij", 9, "abcde…"),  # "abcde fg" kept: the space after 5 of its 8 characters, past the middle
        ("abcd efghij", 9, "abcd efg…"),  # the space after 4 of 8: a word's end would keep only half, so no
        ("abcd efghij", 10, "abcd efgh…"),  # the space after 4 of 9: less than half
    ],
)
def test_a_summary_is_cut_back_to_a_word_s_end_only_when_that_keeps_more_than_half(
    text: str, length: int, cut: str
) -> None:
    assert summary(text, length) == cut


def test_a_summary_shorter_than_the_first_letter_with_its_marks_is_cut_where_it_must() -> None:
    assert summary("q\u0307\u0323\u0304 more", 3) == "q\u0307…"


def test_a_cut_just_after_a_space_leaves_no_space_before_the_ellipsis() -> None:
    assert summary("a bcdef", 3) == "a…"


@pytest.mark.parametrize("length", [1, 0, -5])
def test_a_summary_shorter_than_a_character_and_its_ellipsis_is_refused_naming_the_length(length: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        summary("We sell bread.", length)
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "length",
        length,
        "must be an int of at least 2",
    )


def first_character_length(text: str) -> int:
    """How many code points the text's first character holds as a reader sees it: a letter, or a flag's two regional
    indicators, with the marks after it."""
    length = 2 if len(text) > 1 and is_flag_half(text[0]) and is_flag_half(text[1]) else 1
    while length < len(text) and is_mark(text[length]):
        length += 1
    return length


#: Letters, spaces and the marks that attach to them, so that cuts fall next to marks often.
clustered = st.text(st.sampled_from("ab q\u0301\u0307\u0323\u093f\u094d\u0915\U0001f1e8\U0001f1ed"), min_size=1)


@given(clustered, st.integers(2, 12))
@example("\U0001f1e8\U0001f1e8\u0301a", 3)  # a flag with a mark is the first character: too long to keep whole
def test_a_cut_summary_never_leaves_marks_or_half_a_flag_behind_unless_its_first_letter_is_too_long(
    text: str, length: int
) -> None:
    flat = " ".join(text.split())
    kept = summary(text, length).removesuffix("…")
    if len(flat) <= length or first_character_length(flat) > length - 1:  # no cut before the length would do
        return
    after = flat[len(kept)]
    assert not is_mark(after)
    halves_before = len(kept) - len(kept.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
    assert not (is_flag_half(after) and halves_before % 2)
