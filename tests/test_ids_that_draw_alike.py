"""An id that holds a character drawing nothing is refused, as one holding a zero-width space always was.

``carl`` and ``carl`` followed by a variation selector (U+FE0F), or ``car`` + combining grapheme joiner (U+034F) +
``l``, print alike in an audit log, a table or a CSV cell, and were two people, two organisations, two ledger keys:
the id rule refused control and format characters (a zero-width space is one) but these are marks or letters, which
Python's ``str.isprintable`` calls printable. The review of look-alike names found them (review97, left to the lead):
every id is now refused when it holds one of Unicode's default-ignorable code points (``text.DRAWS_NOTHING``, the set
tag names are compared without), naming the code point and the id without it. ASCII ids never hold one, and are
decided as before.
"""

from __future__ import annotations

import copy
import unicodedata
from datetime import UTC, date, datetime

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import Person, Programme
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.errors import UnprintableText
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money
from infomanager_core.text import UNPRINTABLE_CATEGORIES, is_plain_identifier, printable_identifier
from tests.tags.test_lookalike_names import DEFAULT_IGNORABLE

#: One code point of each kind of default-ignorable that the id rule let through (neither control nor format), written
#: out here rather than read from the library's set: a variation selector, the combining grapheme joiner, a Mongolian
#: free variation selector, a Khmer inherent vowel, the Hangul fillers (a choseong, the filler, the half-width one), a
#: reserved ignorable and an ideographic variation selector. Each is placed inside an id: at its end, a filler is trimmed.
DRAWING_NOTHING = ["\ufe0f", "\u034f", "\u180b", "\u17b4", "\u115f", "\u3164", "\uffa0", "\ufff0", "\U000e0100"]


@pytest.mark.parametrize("hidden", DRAWING_NOTHING, ids=lambda c: f"U+{ord(c):04X}")
def test_an_id_holding_a_character_that_draws_nothing_is_refused_naming_it_and_the_id_without_it(hidden: str) -> None:
    looks_like_carl = f"car{hidden}l"
    assert not is_plain_identifier(looks_like_carl)
    with pytest.raises(InvalidInput) as refused:
        printable_identifier(looks_like_carl, field="person")
    assert refused.value.field == "person"
    assert refused.value.value == looks_like_carl
    assert f"must not contain a character that draws nothing (found U+{ord(hidden):04X})" in str(refused.value)
    assert str(refused.value).endswith("(did you mean 'carl'?)")


@pytest.mark.parametrize("hidden", DRAWING_NOTHING, ids=lambda c: f"U+{ord(c):04X}")
def test_the_programme_refuses_such_an_id_in_a_command_and_in_a_question_and_stays_as_it_was(hidden: str) -> None:
    programme = example_programme()
    before = copy.deepcopy(programme)
    with pytest.raises(InvalidInput, match="draws nothing"):
        programme.register_person(Person(f"car{hidden}l"), at=MONDAY)
    with pytest.raises(InvalidInput, match="draws nothing") as asked:
        programme.person(f"car{hidden}l")  # the guarded look-up: refused by the id rule, not UnknownPerson
    assert asked.value.field == "person"
    assert programme == before


@pytest.mark.parametrize("hidden", DRAWING_NOTHING, ids=lambda c: f"U+{ord(c):04X}")
def test_the_ledger_refuses_such_an_organisation_or_key_and_writes_nothing(hidden: str) -> None:
    ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, tzinfo=UTC))
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    before = list(ledger.journal())
    for organisation, key, field in ((f"ac{hidden}me", "t-2", "organisation"), ("acme", f"t{hidden}-1", "key")):
        with pytest.raises(InvalidInput, match="draws nothing") as refused:
            ledger.top_up(organisation=organisation, amount=Money("1", "CHF"), effective=date(2026, 3, 2), key=key)
        assert refused.value.field == field
    assert list(ledger.journal()) == before


def test_an_id_in_another_script_with_its_own_marks_is_still_an_id() -> None:
    """What draws something stays: an accented letter in NFC, a Devanagari vowel sign, a Japanese name."""
    programme = Programme()
    for person in ("café", "राम", "さくら", "Ǆemal"):
        programme.register_person(Person(person), at=MONDAY)
        assert is_plain_identifier(person)
        assert programme.person(person).id == person


#: The code points just outside each range of Unicode's default-ignorables, found from the tags' written-out list (not
#: the library's): U+00AC ¬, a combining arrow, a Hangul choseong, a Khmer vowel sign, the Mongolian nirugu, U+2070 ⁰…
#: Each draws something (or is refused as unprintable, as U+2029 is), so a range of the id rule stretched by one
#: would refuse a real character.
BESIDE_THE_IGNORABLE = sorted(
    {chr(ord(c) + step) for c in DEFAULT_IGNORABLE for step in (-1, 1)} - set(DEFAULT_IGNORABLE), key=ord
)


@pytest.mark.parametrize("beside", BESIDE_THE_IGNORABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_a_character_just_outside_the_ranges_that_draw_nothing_is_kept_in_an_id(beside: str) -> None:
    an_id = f"a{beside}b"
    if unicodedata.category(beside) in UNPRINTABLE_CATEGORIES:
        with pytest.raises(UnprintableText):
            printable_identifier(an_id, field="person")
    else:
        assert printable_identifier(an_id, field="person") == an_id


def test_the_hint_drops_every_character_that_draws_nothing_and_the_message_names_the_first() -> None:
    with pytest.raises(InvalidInput) as refused:
        printable_identifier("c\u034fa\ufe0frl\U000e0100", field="person")
    assert "(found U+034F)" in str(refused.value)
    assert refused.value.hint == "did you mean 'carl'?"
