"""An excerpt's summary is cut as late as it may: at the last place before its length that leaves no mark without its
letter and no flag halved — not earlier, as a cut that merely dropped one more character would be.

Regional indicators run from U+1F1E6 (A) to U+1F1FF (Z): a flag made of the first or the last letter of the alphabet
(Austria, South Africa) is a flag like any other.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.tenders import summary

AUSTRIA, SOUTH_AFRICA = "\U0001f1e6\U0001f1f9", "\U0001f1ff\U0001f1e6"


def _halves_before(text: str, cut: int) -> int:
    """How many regional indicators run up to ``cut``."""
    count = 0
    while count < cut and "\U0001f1e6" <= text[cut - count - 1] <= "\U0001f1ff":
        count += 1
    return count


def _may_cut(text: str, cut: int) -> bool:
    after = text[cut]
    if unicodedata.category(after).startswith("M"):
        return False
    return not ("\U0001f1e6" <= after <= "\U0001f1ff" and _halves_before(text, cut) % 2)


@pytest.mark.parametrize(
    ("text", "length", "cut"),
    [
        (AUSTRIA + SOUTH_AFRICA + " flags", 4, AUSTRIA + "…"),
        (SOUTH_AFRICA + AUSTRIA + " flags", 4, SOUTH_AFRICA + "…"),
        ("ab\U0001f1e8cd", 4, "ab\U0001f1e8…"),  # a lone indicator is no half of a flag: kept before a letter
    ],
)
def test_flags_at_both_ends_of_the_alphabet_and_a_lone_indicator_are_cut_around_whole(
    text: str, length: int, cut: str
) -> None:
    assert summary(text, length) == cut


#: Letters, marks and regional indicators, A and Z among them, and no space (a space moves the cut to a word's end).
unspaced = st.text(st.sampled_from("abq\u0301\u0307\u0323\u093f\u094d\u0915\U0001f1e6\U0001f1e8\U0001f1ed\U0001f1ff"))


@given(unspaced, st.integers(2, 12))
def test_a_summary_keeps_everything_up_to_the_last_cut_allowed(text: str, length: int) -> None:
    if len(text) <= length:
        assert summary(text, length) == text
        return
    end = length - 1
    last = max((cut for cut in range(1, end + 1) if _may_cut(text, cut)), default=end)
    assert summary(text, length) == text[:last] + "…"


def test_a_spacing_vowel_sign_is_a_mark_and_stays_with_its_letter() -> None:
    """The ā of "किताबें" (books) follows its letter on the line (category Mc) but is no letter of its own."""
    assert summary("किताबें", 4) == "कि…"  # not "कित…": त without its ā
