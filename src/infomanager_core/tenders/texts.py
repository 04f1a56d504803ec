"""The texts of a call for tender: a one-line title, a description and a proposal that may run over several lines.

A title is a name in the sense of the library's text rule (:func:`~infomanager_core.text.printable_text`): NFC,
trimmed, with no control, format or line-breaking character. A description or a proposal is prose a person types or
pastes: the same rule holds line by line, and line breaks are allowed — ``\\r\\n`` and ``\\r`` are stored as ``\\n``,
spaces at the end of a line are dropped, and the whole text is trimmed. Every text has a maximum length (see
:class:`~infomanager_core.tenders.TenderRules`), counted on the stored form, and may not be blank.

>>> one_line_text("  Redesign of our shop ", field="title", maximum=120)
'Redesign of our shop'
>>> several_lines_text("We sell bread.  \\r\\nWe need a new site.\\n", field="description", maximum=5000)
'We sell bread.\\nWe need a new site.'
"""

from __future__ import annotations

import unicodedata

from ..errors import InvalidInput
from ..text import UNPRINTABLE_CATEGORIES, printable_text, trimmed
from .errors import BlankText, TextTooLong, UnprintableTenderText

__all__ = ["one_line_text", "several_lines_text", "summary"]


def one_line_text(value: object, *, field: str, maximum: int) -> str:
    """``value`` by the library's text rule, then checked to be neither blank nor longer than ``maximum``.

    >>> one_line_text("New\\nsite", field="title", maximum=120)
    Traceback (most recent call last):
    ...
    infomanager_core.tenders.errors.UnprintableTenderText: title: 'New\\nsite' must not contain control, format or line-breaking characters (found U+000A)
    """
    _maximum(maximum, "maximum")
    text = printable_text(value, field=field, error=UnprintableTenderText)
    return _within(text, value, field, maximum)


def several_lines_text(value: object, *, field: str, maximum: int) -> str:
    """``value`` with its line breaks as ``\\n``, in NFC, trimmed (the whole, and each line at its end), each line by
    the library's text rule; neither blank nor longer than ``maximum``.

    >>> several_lines_text("Line one\\n\\tindented", field="description", maximum=5000)
    Traceback (most recent call last):
    ...
    infomanager_core.tenders.errors.UnprintableTenderText: description: 'Line one\\n\\tindented' must not contain control, format or line-breaking characters (found U+0009)
    """
    _maximum(maximum, "maximum")
    if not isinstance(value, str):
        raise InvalidInput(field, value, "must be a string")
    lines = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    text = trimmed("\n".join(line.rstrip() for line in lines))
    for character in text:
        if character != "\n" and unicodedata.category(character) in UNPRINTABLE_CATEGORIES:
            raise UnprintableTenderText(field, value, character)
    return _within(text, value, field, maximum)


def summary(text: str, length: int) -> str:
    """``text`` on one line (runs of whitespace as one space), cut to at most ``length`` characters.

    A cut ends with ``…`` and, when cutting at the last space keeps more than half of what could be kept, at that word
    boundary. It falls between the characters a reader sees: a letter is kept or dropped with the marks that follow it
    (an accent typed apart, a vowel sign, a virama), an emoji with its skin tone and the emoji a zero-width joiner binds
    to it (👩‍💻 is not cut to 👩), and a flag with both its regional indicators — unless the first of them alone is too
    long.

    >>> summary("We sell bread.\\nWe need a new site.", 20)
    'We sell bread. We…'
    >>> summary("Short.", 20)
    'Short.'
    >>> summary("नमस्ते दुनिया", 4)  # not "नमस…", which reads as another word
    'नम…'
    """
    if not isinstance(text, str):
        raise InvalidInput("text", text, "must be a string")
    _maximum(length, "length", 2)  # a character and "…"
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    kept = flat[: _boundary(flat, length - 1)]
    space = kept.rfind(" ")
    if space > len(kept) // 2:
        kept = kept[:space]
    return kept.rstrip() + "…"


def _boundary(text: str, end: int) -> int:
    """The last cut at or before ``end`` that leaves no mark, skin tone or joined emoji without what it belongs to and
    no flag halved (``end`` itself when every cut before it would)."""
    cut = end
    while cut > 0 and (_joins_before(text, cut) or _halves_a_flag(text, cut)):
        cut -= 1
    return cut or end


#: The zero-width joiner: an emoji, a ZWJ and another emoji are one picture (👩‍💻, 🏳️‍🌈).
_ZWJ = "\u200d"


def _joins_before(text: str, cut: int) -> bool:
    """Whether ``text[cut]`` belongs with what comes before it (UAX #29, GB9, GB9a and GB11): a mark (an accent typed
    apart, a vowel sign, a variation selector), a skin-tone modifier, a tag of a subdivision flag or a ZWJ — or the
    character a ZWJ joins on. UAX #29 joins on after a ZWJ only between pictographs; here a ZWJ always joins on, as
    Python knows no Extended_Pictographic and a cut after a ZWJ would keep an invisible joiner and nothing else."""
    character = text[cut]
    return (
        unicodedata.category(character).startswith("M")
        or character == _ZWJ
        or "\U0001f3fb" <= character <= "\U0001f3ff"  # the five skin tones, category Sk
        or "\U000e0020" <= character <= "\U000e007f"  # tags: 🏴 and gbsct + cancel tag is Scotland's flag
        or text[cut - 1] == _ZWJ
    )


def _halves_a_flag(text: str, cut: int) -> bool:
    """Whether a cut before ``text[cut]`` falls between the two regional indicators of a flag (UAX #29, GB12 and
    GB13): pairs are counted from the first of a run."""
    if not _is_flag_half(text[cut]):
        return False
    halves = 0
    while cut - halves > 0 and _is_flag_half(text[cut - halves - 1]):
        halves += 1
    return halves % 2 == 1


def _is_flag_half(character: str) -> bool:
    """A regional indicator: two of them make a flag."""
    return "\U0001f1e6" <= character <= "\U0001f1ff"


def _maximum(value: object, field: str, least: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidInput(field, value, f"must be an int of at least {least}")


def _within(text: str, value: object, field: str, maximum: int) -> str:
    if not text:
        raise BlankText(field, value)
    if len(text) > maximum:
        raise TextTooLong(field, text, maximum)
    return text
