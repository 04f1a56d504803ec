"""An excerpt's summary keeps an emoji whole: with its skin tone, with the emoji a zero-width joiner binds to it, and
with the tags of a subdivision flag — a cut between them shows partners another picture (👍 for 👍🏽, 👩 for 👩‍💻).

The extended grapheme clusters of UAX #29 as far as the cut needs them: no cut before a mark, a skin-tone modifier
(U+1F3FB–U+1F3FF, category Sk), a tag or a ZWJ, none right after a ZWJ, none inside a flag's pair of regional
indicators.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.tenders import summary

ZWJ = "\u200d"
THUMBS_UP_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽
THUMBS_UP_LIGHT = "\U0001f44d\U0001f3fb"  # 👍🏻
WOMAN, GIRL, LAPTOP = "\U0001f469", "\U0001f467", "\U0001f4bb"
FAMILY = WOMAN + ZWJ + WOMAN + ZWJ + GIRL  # 👩‍👩‍👧
TECHNOLOGIST_MEDIUM = "\U0001f9d1\U0001f3fd" + ZWJ + LAPTOP  # 🧑🏽‍💻: a skin tone and a ZWJ
RAINBOW_FLAG = "\U0001f3f3\ufe0f" + ZWJ + "\U0001f308"  # 🏳️‍🌈: a variation selector and a ZWJ
SCOTLAND = "\U0001f3f4" + "".join(chr(0xE0000 + ord(letter)) for letter in "gbsct") + "\U000e007f"  # 🏴 and tags


@pytest.mark.parametrize(
    ("text", "length", "cut"),
    [
        ("ab" + THUMBS_UP_MEDIUM + "cd", 4, "ab…"),  # not "ab👍…", a thumb of another colour
        ("a" + FAMILY + " x", 3, "a…"),  # not "a👩…", one woman for a family
        ("a" + FAMILY + " x", 4, "a…"),  # not "a👩\u200d…", a joiner joining nothing
        ("a" + FAMILY + " x", 6, "a…"),  # not "a👩\u200d👩\u200d…", two women for a family
        ("a" + TECHNOLOGIST_MEDIUM + "b", 4, "a…"),  # not "a🧑🏽…", the laptop lost
        ("a" + TECHNOLOGIST_MEDIUM + "b", 3, "a…"),  # not "a🧑…", the skin tone lost
        ("a" + RAINBOW_FLAG + "b", 4, "a…"),  # not "a🏳️…", a white flag
        ("a" + SCOTLAND + "b", 5, "a…"),  # not "a🏴" and two tags, a black flag
        ("a" + SCOTLAND + "b", 8, "a…"),  # not "a🏴gbsct" without its cancel tag (U+E007F), the last of the tags
        ("ab" + THUMBS_UP_LIGHT + "cd", 4, "ab…"),  # the lightest skin tone (U+1F3FB), the first of the five
        ("ab" + THUMBS_UP_MEDIUM + "cd", 5, "ab" + THUMBS_UP_MEDIUM + "…"),  # the whole emoji fits: kept
        ("a" + FAMILY + "bc", 7, "a" + FAMILY + "…"),
    ],
)
def test_a_summary_is_cut_before_an_emoji_that_would_lose_its_skin_tone_or_what_a_joiner_binds_to_it(
    text: str, length: int, cut: str
) -> None:
    assert summary(text, length) == cut


def _joins_on(text: str, cut: int) -> bool:
    """Whether ``text[cut]`` belongs with what comes before it, as a reader sees the text."""
    character = text[cut]
    return (
        unicodedata.category(character).startswith("M")
        or character == ZWJ
        or 0x1F3FB <= ord(character) <= 0x1F3FF
        or 0xE0020 <= ord(character) <= 0xE007F
        or text[cut - 1] == ZWJ
    )


def _halves_a_flag(text: str, cut: int) -> bool:
    run = len(text[:cut]) - len(text[:cut].rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
    return 0x1F1E6 <= ord(text[cut]) <= 0x1F1FF and run % 2 == 1


#: Letters, marks, emoji, skin tones, joiners, a variation selector, tags and regional indicators; no space (a space
#: moves the cut to a word's end).
pictures = st.text(
    st.sampled_from(
        [
            "a",
            "b",
            "\u0301",
            WOMAN,
            GIRL,
            "\U0001f3fb",
            "\U0001f3fd",
            "\U0001f3ff",
            ZWJ,
            "\ufe0f",
            "\U000e0020",
            "\U000e0067",
            "\U000e007f",
            "\U0001f1e8",
            "\U0001f1ed",
        ]
    )
)


@given(pictures, st.integers(2, 12))
@example("a" + TECHNOLOGIST_MEDIUM + "b", 3)
@example("a" + WOMAN + "\U000e0020b", 3)  # the tag space (U+E0020), the first of the tags, stays with its emoji
@example(ZWJ + ZWJ + "ab", 3)  # the first character is a run of joiners: too long to keep whole, cut where it must
def test_a_summary_keeps_everything_up_to_the_last_cut_between_pictures(text: str, length: int) -> None:
    if len(text) <= length:
        assert summary(text, length) == text
        return
    end = length - 1
    allowed = [cut for cut in range(1, end + 1) if not (_joins_on(text, cut) or _halves_a_flag(text, cut))]
    assert summary(text, length) == text[: max(allowed, default=end)] + "…"
