"""Error messages name the field, the value and the rule, and stay one readable line whatever the value."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.examples import example_programme
from infomanager_core.errors import SHOWN_LENGTH, InvalidInput, UnprintableText, hidden, id_or_hidden, shown
from infomanager_core.ledger import Ledger, check_invariants
from infomanager_core.ledger.memory_store import MemoryLedgerStore
from infomanager_core.money import Money


@given(st.text(max_size=400) | st.lists(st.integers(), max_size=100))
def test_a_value_is_shown_whole_when_short_and_by_its_two_ends_when_long(value: object) -> None:
    text = repr(value)
    if len(text) <= SHOWN_LENGTH:
        assert shown(value) == text
    else:
        head, _, tail = shown(value).partition("…")
        assert text.startswith(head)
        length = len(value) if isinstance(value, str) else len(text)  # a text says its own length
        assert tail == f"{text[-20:]} ({length} characters)"
        assert len(shown(value)) < SHOWN_LENGTH + 30


def test_a_whole_programme_given_by_mistake_makes_a_one_line_message_and_the_error_keeps_it() -> None:
    programme = example_programme()
    error = InvalidInput("ledger", programme, "must be a Ledger")
    assert len(repr(programme)) > 1000
    assert len(str(error)) < SHOWN_LENGTH + 60
    assert str(error).endswith(" characters) must be a Ledger")
    assert error.value is programme
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_a_memory_store_shows_its_size_not_its_journal() -> None:
    ledger = Ledger()
    assert isinstance(ledger.store, MemoryLedgerStore)
    assert repr(ledger.store) == "MemoryLedgerStore(0 transactions)"
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 2), key="t-1")
    assert repr(ledger.store) == "MemoryLedgerStore(1 transaction)"
    assert repr(ledger).startswith("Ledger(store=MemoryLedgerStore(1 transaction), ")


def test_the_audit_takes_a_ledger_or_its_store() -> None:
    ledger = Ledger()
    assert check_invariants(ledger) is None
    assert check_invariants(ledger.store) is None


class _MultiLineRepr:
    """A value as a foreign library may print it: its ``repr`` spans lines (``numpy.array``, ``pandas.DataFrame``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def test_a_value_of_exactly_the_shown_length_is_shown_whole_and_one_more_character_is_shortened() -> None:
    exact = "x" * (SHOWN_LENGTH - 2)  # its repr adds the two quotes
    assert shown(exact) == repr(exact)
    longer = exact + "y"
    text = repr(longer)
    assert shown(longer) == f"{text[:160]}…{text[-20:]} (199 characters)"  # the text's length, not its repr's


def test_a_long_value_keeps_its_first_160_and_last_20_characters_and_says_how_long_it_was() -> None:
    value = "".join(chr(ord("a") + n % 26) for n in range(998))  # repr: 1000 characters, quotes included
    assert shown(value) == f"'{value[:159]}…{value[-19:]}' (998 characters)"


def test_a_long_text_says_its_own_length_however_its_repr_escapes_it() -> None:
    value = "é\\" * 300  # 600 characters; the repr doubles each backslash
    assert shown(value).endswith(" (600 characters)")


def test_dates_and_moments_are_shown_in_iso_8601_alone_or_together() -> None:
    assert shown(date(2026, 3, 2)) == "2026-03-02"
    assert shown(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)) == "2026-03-02 09:30:00+00:00"
    assert shown((date(2026, 3, 2), "x", 5)) == "(2026-03-02, 'x', 5)"
    assert shown(()) == "()"
    assert shown((date(2026, 3, 2),)) == "(2026-03-02,)"


def test_many_values_given_together_are_shortened_like_one_long_value() -> None:
    value = tuple(range(2000))
    text = shown(value)
    assert len(text) < SHOWN_LENGTH + 30
    assert text.startswith("(0, 1, 2, 3")
    assert text.endswith("1998, 1999) (10890 characters)")
    assert len(str(InvalidInput("period", value, "must be a pair"))) < SHOWN_LENGTH + 60


@pytest.mark.parametrize(
    "text",
    ["array([[1, 2],\n       [3, 4]])", "first\r\nsecond", "a\x00b", "right\u202eleft", "one\u2028two", "tab\there"],
    ids=["newline", "crlf", "nul", "bidi-override", "line-separator", "tab"],
)
def test_a_value_whose_repr_breaks_the_line_is_shown_on_one_line_with_the_breaks_escaped(text: str) -> None:
    error = InvalidInput("matrix", _MultiLineRepr(text), "must be a list of rows")
    message = str(error)
    assert message.isprintable()
    assert message.startswith("matrix: ")
    assert message.endswith(" must be a list of rows")


def test_a_multi_line_repr_is_escaped_character_by_character_keeping_what_prints() -> None:
    assert shown(_MultiLineRepr("array([1,\n 2]) é")) == "array([1,\\n 2]) é"
    assert shown(_MultiLineRepr("a\u202eb")) == "a\\u202eb"


@given(st.text(max_size=300))
def test_whatever_a_repr_holds_the_message_is_one_printable_line(text: str) -> None:
    message = str(InvalidInput("value", _MultiLineRepr(text), "is refused"))
    assert message.isprintable()
    assert len(message) < SHOWN_LENGTH + 60


def test_a_string_is_shown_quoted_with_its_breaks_escaped_as_before() -> None:
    assert shown("a\nb") == "'a\\nb'"
    assert str(UnprintableText("name", "a\nb", "\n")) == (
        "name: 'a\\nb' must not contain control, format or line-breaking characters (found U+000A)"
    )


@pytest.mark.parametrize("secret", ["api-token-1.Zm9v", ".Zm9v", "api-token-1.", "."])
def test_an_id_holding_a_dot_anywhere_is_hidden_as_the_secret_it_may_be(secret: str) -> None:
    assert id_or_hidden(secret) == hidden(secret)


@pytest.mark.parametrize("value", ["api-token-1", "", 1.5, Decimal("2.5"), b"a.b", ("a.b",), None])
def test_an_id_without_a_dot_or_that_is_no_text_is_shown_as_given(value: object) -> None:
    assert id_or_hidden(value) is value
