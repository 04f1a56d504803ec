"""The length a shortened value states: a text's own count of characters, whatever shows it; any other value's, the
count of the characters that show it (bytes are not text: their repr is what a reader counts)."""

from __future__ import annotations

from infomanager_core.errors import shown


class Note(str):
    """A text type of a caller's own, shown with its name around the quotes."""

    def __repr__(self) -> str:
        return f"Note({str.__repr__(self)})"


def test_a_long_text_of_a_str_subclass_says_its_own_length_not_its_repr_s() -> None:
    assert shown(Note("x" * 300)).endswith("…xxxxxxxxxxxxxxxxxx') (300 characters)")


def test_long_bytes_say_the_length_of_their_repr_like_any_value_that_is_not_text() -> None:
    assert shown(b"x" * 300).endswith("…xxxxxxxxxxxxxxxxxxx' (303 characters)")
