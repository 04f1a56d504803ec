"""Balances at past moments and statements with running balances; ``replay``, ``balance_changes`` and ``statement_of``
refuse a wrong argument naming the field, the value (a journal's wrong element, not the whole journal) and the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    AccountKind,
    Iban,
    Ledger,
    Transaction,
    TransactionKind,
    check_invariants,
    prepaid,
    replay,
    statement_of,
    system,
)
from infomanager_core.ledger.balances import balance_changes
from tests.error_support import what_it_says

MARCH_2 = date(2026, 3, 2)
MARCH_9 = date(2026, 3, 9)
MARCH_16 = date(2026, 3, 16)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def month_of_activity(ledger: Ledger) -> Ledger:
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    ledger.credit_cashback(partner="acme", order_id="A-1", amount=chf("12.50"), effective=MARCH_2)
    ledger.pay_order(organisation="acme", order_id="A-2", amount=chf("40"), effective=MARCH_9, key="pay-A-2")
    request = ledger.request_payout(
        organisation="acme", amount=chf("50"), destination=Iban("CH9300762011623852957"), effective=MARCH_9, key="p-1"
    )
    ledger.complete_payout(request=request.sequence, effective=MARCH_16, key="p-1-done")
    return ledger


def test_the_balance_at_the_end_of_a_past_day(ledger: Ledger) -> None:
    month_of_activity(ledger)
    assert ledger.balance_at("acme", "CHF", on=MARCH_2).posted == chf("112.50")
    on_ninth = ledger.balance_at("acme", "CHF", on=MARCH_9)
    assert (on_ninth.posted, on_ninth.pending, on_ninth.available) == (chf("72.50"), chf("50.00"), chf("22.50"))
    assert ledger.balance_at("acme", "CHF", on=MARCH_16) == ledger.balances("acme", "CHF")


def test_money_on_its_way_into_an_account_is_not_available_there_before_it_arrives(ledger: Ledger) -> None:
    # a payout request reserves 50 to leave acme and to enter the payouts in transit: only what leaves is subtracted
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    ledger.request_payout(
        organisation="acme", amount=chf("50"), destination=Iban("CH9300762011623852957"), effective=MARCH_9, key="p-1"
    )
    in_transit = ledger.account_balances(system(AccountKind.PAYOUTS_IN_TRANSIT, "CHF"))
    assert (in_transit.posted, in_transit.pending, in_transit.available) == (chf("0"), chf("0"), chf("0"))
    acme = ledger.balances("acme", "CHF")
    assert (acme.posted, acme.pending, acme.available) == (chf("100"), chf("50"), chf("50"))


def test_the_balance_just_after_a_transaction(ledger: Ledger) -> None:
    month_of_activity(ledger)
    assert ledger.balance_at("acme", "CHF", sequence=1).posted == chf("100.00")
    assert ledger.balance_at("acme", "CHF", sequence=4).pending == chf("50.00")


def test_a_past_balance_needs_exactly_one_moment(ledger: Ledger) -> None:
    month_of_activity(ledger)
    with pytest.raises(InvalidInput):
        ledger.balance_at("acme", "CHF")
    with pytest.raises(InvalidInput):
        ledger.balance_at("acme", "CHF", on=MARCH_2, sequence=1)


def test_a_statement_lists_posted_movements_with_running_balances(ledger: Ledger) -> None:
    month_of_activity(ledger)
    statement = ledger.statement("acme", "CHF")
    assert [(line.kind, line.amount, line.balance) for line in statement.lines] == [
        (TransactionKind.TOP_UP, chf("100.00"), chf("100.00")),
        (TransactionKind.CASHBACK, chf("12.50"), chf("112.50")),
        (TransactionKind.ORDER_PAYMENT, chf("-40.00"), chf("72.50")),
        (TransactionKind.PAYOUT_COMPLETION, chf("-50.00"), chf("22.50")),
    ]
    assert (statement.opening, statement.closing) == (chf("0.00"), chf("22.50"))


def test_a_statement_for_a_period_opens_with_the_balance_before_it(ledger: Ledger) -> None:
    month_of_activity(ledger)
    statement = ledger.statement("acme", "CHF", start=MARCH_9, end=MARCH_9)
    assert statement.opening == chf("112.50")
    assert [line.sequence for line in statement.lines] == [3]
    assert statement.closing == chf("72.50")
    assert statement.lines[0].reference == "A-2"


def test_a_payout_requested_before_the_period_is_known_in_it_by_its_destination(ledger: Ledger) -> None:
    """The statement reads from its period on; the request of a payout completed in it lies before, and is read
    back for its destination."""
    month_of_activity(ledger)
    statement = ledger.statement("acme", "CHF", start=MARCH_16)
    assert [(line.kind, line.reference, line.amount) for line in statement.lines] == [
        (TransactionKind.PAYOUT_COMPLETION, "iban:CH9300762011623852957", chf("-50.00"))
    ]
    assert (statement.opening, statement.closing) == (chf("72.50"), chf("22.50"))


def test_a_statement_of_a_period_before_the_last_movements_closes_at_its_end(ledger: Ledger) -> None:
    month_of_activity(ledger)
    statement = ledger.statement("acme", "CHF", start=MARCH_2, end=MARCH_2)
    assert (statement.opening, statement.closing) == (chf("0.00"), chf("112.50"))
    assert [line.sequence for line in statement.lines] == [1, 2]


@given(amounts=st.lists(st.integers(1, 10_000), min_size=1, max_size=12), spend=st.integers(0, 200_000))
def test_the_closing_balance_is_the_opening_plus_every_line(amounts: list[int], spend: int) -> None:
    ledger = Ledger()
    for number, units in enumerate(amounts):
        ledger.top_up(
            organisation="acme", amount=Money.from_minor_units(units, "CHF"), effective=MARCH_2, key=f"t-{number}"
        )
    ledger.pay_order(
        organisation="acme",
        order_id="A",
        amount=Money.from_minor_units(max(spend, 1), "CHF"),
        effective=MARCH_9,
        key="pay",
        partial=True,
    )
    statement = ledger.statement("acme", "CHF", start=MARCH_9)
    assert statement.opening + Money.total((line.amount for line in statement.lines), "CHF") == statement.closing
    assert statement.closing == ledger.balances("acme", "CHF").posted
    assert statement.closing.minor_units() == max(sum(amounts) - max(spend, 1), 0)
    check_invariants(ledger.store)


def test_a_statement_line_never_has_an_empty_reference_when_a_reason_or_reference_was_given_empty(
    ledger: Ledger,
) -> None:
    # an accountant must trace every line: an empty reason or reference falls back as if none had been given
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1", reference="")
    ledger.top_up(organisation="acme", amount=chf("30"), effective=MARCH_2, key="t-2")
    ledger.reverse(sequence=2, effective=MARCH_9, key="undo-t-2", reason="")
    references = [line.reference for line in ledger.statement("acme", "CHF").lines]
    assert references == ["t-1", "t-2", "#2"]


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
        (  # a bool is an int to Python, but True is no balance: it would open the statement at one cent
            lambda journal: statement_of(prepaid("acme", "CHF"), journal, opening_units=True),
            ("opening_units", True, "must be an int number of minor units"),
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
        "statement_of-opening_units-bool",
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


def test_a_statement_line_carries_the_moment_its_movement_was_recorded_after_its_business_day() -> None:
    """A bank statement of 2 March posted on 4 March: the line counts for the 2nd and says when it was written."""
    moments = iter([datetime(2026, 3, 4, 9, 0, 0, 123456, tzinfo=UTC), datetime(2026, 3, 9, 17, 45, 1, 7, tzinfo=UTC)])
    ledger = Ledger(clock=lambda: next(moments))
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-2", amount=chf("40"), effective=MARCH_9, key="pay-A-2")
    lines = ledger.statement("acme", "CHF").lines
    assert [(line.effective, line.recorded_at) for line in lines] == [
        (MARCH_2, datetime(2026, 3, 4, 9, 0, 0, 123456, tzinfo=UTC)),
        (MARCH_9, datetime(2026, 3, 9, 17, 45, 1, 7, tzinfo=UTC)),
    ]
