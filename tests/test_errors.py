"""Error messages name the field, the value and the rule, and stay one readable line whatever the value."""

from __future__ import annotations

import pickle
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.examples import example_programme
from infomanager_core.errors import SHOWN_LENGTH, InvalidInput, shown
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
        assert tail == f"{text[-20:]} ({len(text)} characters)"
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
