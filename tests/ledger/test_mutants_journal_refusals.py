"""``replay``, ``balance_changes`` and ``statement_of`` after the bad-input sweep, where mutation testing found that
their refusals could lose their rule without a test noticing: the sweep's tests read only the field. Each refusal
names the field, the value it refuses (a journal's wrong element, not the whole journal) and its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import Ledger, Transaction, prepaid, replay, statement_of
from infomanager_core.ledger.balances import balance_changes
from tests.error_support import what_it_says

JOURNAL_RULE = "must be the journal's transactions, in sequence order"
REQUESTS_RULE = "must map payout requests' sequences to their transactions"


@pytest.fixture(scope="module")
def journal() -> tuple[Transaction, ...]:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    return tuple(ledger.journal())


Call = Callable[[tuple[Transaction, ...]], object]


@pytest.mark.parametrize(
    ("call", "refused"),
    [
        (lambda journal: replay("journal"), ("transactions", "journal", JOURNAL_RULE)),
        (lambda journal: replay([*journal, "t-2"]), ("transactions", "t-2", JOURNAL_RULE)),
        (lambda journal: replay(journal, upto=True), ("upto", True, "must be a sequence number (an int) or None")),
        (lambda journal: replay(journal, requests=[1]), ("requests", [1], REQUESTS_RULE)),
        (lambda journal: replay(journal, requests={1: "t-1"}), ("requests", {1: "t-1"}, REQUESTS_RULE)),
        (lambda journal: balance_changes(None), ("transaction", None, "must be a Transaction")),
        (
            lambda journal: balance_changes(journal[0], "payout-1"),
            ("request", "payout-1", "must be the payout request's Transaction, or None"),
        ),
        (lambda journal: statement_of(prepaid("acme", "CHF"), b"journal"), ("transactions", b"journal", JOURNAL_RULE)),
        (lambda journal: statement_of(prepaid("acme", "CHF"), [None]), ("transactions", None, JOURNAL_RULE)),
        (
            lambda journal: statement_of(prepaid("acme", "CHF"), journal, requests=(1,)),
            ("requests", (1,), REQUESTS_RULE),
        ),
        (
            lambda journal: statement_of(prepaid("acme", "CHF"), journal, opening_units=1.0),
            ("opening_units", 1.0, "must be an int number of minor units"),
        ),
    ],
    ids=[
        "replay-text",
        "replay-element",
        "replay-upto",
        "replay-requests-list",
        "replay-requests-values",
        "balance_changes-transaction",
        "balance_changes-request",
        "statement_of-bytes",
        "statement_of-element",
        "statement_of-requests",
        "statement_of-opening_units",
    ],
)
def test_a_journal_function_refuses_a_wrong_argument_naming_field_value_and_rule(
    journal: tuple[Transaction, ...], call: Call, refused: tuple[str, object, str]
) -> None:
    with pytest.raises(InvalidInput) as raised:
        call(journal)
    assert (raised.value.field, raised.value.value, raised.value.rule) == refused


def test_statement_of_refuses_an_account_that_is_no_account_saying_what_to_pass(
    journal: tuple[Transaction, ...],
) -> None:
    with pytest.raises(InvalidInput) as raised:
        statement_of("prepaid:acme:CHF", journal)  # type: ignore[arg-type]
    assert what_it_says(raised.value) == (
        "account",
        "prepaid:acme:CHF",
        "must be an Account",
        "e.g. prepaid('acme', 'CHF')",
    )
