"""Laws of the ledger's reads that an auditor relies on: a balance built from its parts, a journal replayed up to a
sequence, the reference a reversal shows on a statement, and values that cannot be built with their fields swapped."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.ledger import Balances, Iban, Ledger, Statement, StatementLine, Transaction, prepaid, replay
from infomanager_core.ledger.balances import ZERO, AccountBalance, account_balance

MARCH_2 = date(2026, 3, 2)
UNITS = st.integers(-(10**12), 10**12)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


@given(posted=UNITS, debits=UNITS, credits=UNITS)
def test_a_balance_built_from_its_parts_is_the_balance_with_those_fields(
    posted: int, debits: int, credits: int
) -> None:
    """``account_balance`` is the fast way to build an :class:`AccountBalance`; a part left out is zero."""
    assert account_balance(posted, debits, credits) == AccountBalance(
        posted=posted, pending_debits=debits, pending_credits=credits
    )
    assert account_balance(posted, debits) == AccountBalance(posted=posted, pending_debits=debits)
    assert account_balance(posted) == AccountBalance(posted=posted) == ZERO.plus(AccountBalance(posted=posted))


STEPS = st.lists(st.sampled_from(["top up", "pay", "request", "complete", "fail", "reverse"]), max_size=14)


def journal_of(steps: list[str]) -> list[Transaction]:
    """A journal of one partner's activity: top-ups, payments, payouts requested then completed or failed, reversals."""
    ledger = Ledger()
    day = MARCH_2
    open_requests: list[Transaction] = []
    reversible: list[Transaction] = []
    ledger.top_up(organisation="acme", amount=chf("100"), effective=day, key="t-0")
    for number, step in enumerate(steps):
        day += timedelta(days=number % 2)
        key = f"{step}-{number}"
        available = ledger.balances("acme", "CHF").available
        if step == "top up":
            reversible.append(ledger.top_up(organisation="acme", amount=chf("30"), effective=day, key=key))
        elif step == "pay" and available >= chf("10"):
            ledger.pay_order(organisation="acme", order_id=key, amount=chf("10"), effective=day, key=key)
        elif step == "request" and available >= chf("20"):
            open_requests.append(
                ledger.request_payout(
                    organisation="acme",
                    amount=chf("20"),
                    destination=Iban("CH9300762011623852957"),
                    effective=day,
                    key=key,
                )
            )
        elif step in ("complete", "fail") and open_requests:
            resolve = ledger.complete_payout if step == "complete" else ledger.fail_payout
            resolve(request=open_requests.pop(0).sequence, effective=day, key=key)
        elif step == "reverse" and reversible and available >= chf("30"):
            ledger.reverse(sequence=reversible.pop().sequence, effective=day, key=key)
    return list(ledger.journal())


@given(steps=STEPS)
def test_replaying_up_to_a_sequence_is_replaying_the_journal_cut_just_after_it(steps: list[str]) -> None:
    """``upto`` includes its own transaction and nothing after it: a payout request before the cut still reserves,
    its completion after the cut is not yet posted."""
    journal = journal_of(steps)
    for upto in range(len(journal) + 2):
        assert replay(journal, upto=upto) == replay(journal[:upto])
    assert replay(journal, upto=None) == replay(journal)


def test_replaying_up_to_a_request_reserves_it_and_up_to_its_completion_posts_it() -> None:
    """A worked example: 100.00 topped up (#1), 30.00 requested (#2), the request completed (#3)."""
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    request = ledger.request_payout(
        organisation="acme", amount=chf("30"), destination=Iban("CH9300762011623852957"), effective=MARCH_2, key="p-1"
    )
    ledger.complete_payout(request=request.sequence, effective=MARCH_2, key="p-1-done")
    journal = ledger.journal()
    acme = prepaid("acme", "CHF")
    assert replay(journal, upto=1)[acme] == AccountBalance(posted=10_000)
    assert replay(journal, upto=2)[acme] == AccountBalance(posted=10_000, pending_debits=3_000)
    assert replay(journal, upto=3)[acme] == AccountBalance(posted=7_000)


def test_a_reversal_is_known_on_a_statement_by_the_transaction_it_reverses_then_its_reason() -> None:
    """A line that showed only the reason ('sent twice') did not say which transaction it undid (found by review)."""
    ledger = Ledger()
    top_up = ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    payment = ledger.pay_order(organisation="acme", order_id="A-7", amount=chf("40"), effective=MARCH_2, key="pay-A-7")
    ledger.reverse(sequence=payment.sequence, effective=MARCH_2, key="undo-pay")
    ledger.reverse(sequence=top_up.sequence, effective=MARCH_2, key="undo-t-1", reason="sent twice")
    assert [(line.reference, line.amount, line.balance) for line in ledger.statement("acme", "CHF").lines] == [
        ("t-1", chf("100.00"), chf("100.00")),
        ("A-7", chf("-40.00"), chf("60.00")),
        ("#2", chf("40.00"), chf("100.00")),  # the payment #2 undone: its 40.00 back
        ("#1: sent twice", chf("-100.00"), chf("0.00")),  # the top-up #1 undone, and why
    ]


@pytest.mark.parametrize("value_type", [AccountBalance, Balances, Statement, StatementLine])
def test_a_reported_value_is_never_built_from_fields_by_position(value_type: type) -> None:
    """Posted, pending and available are all money (or all ints): by position they could be swapped unnoticed."""
    with pytest.raises(TypeError):
        value_type(*range(len(attrs.fields(value_type))))
