"""An auditor a year later: a file edited by hand is never called sound, and a question about a transaction that
does not exist is refused rather than answered."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    Iban,
    InvariantViolation,
    Ledger,
    UnknownTransaction,
    check_invariants,
)

from .support import new_ledger, snapshot, ticking_clock

DAY = date(2026, 3, 2)


def a_month(ledger: Ledger) -> None:
    """One of each kind that posts money: 1 top-up, 2 cashback, 3 transfer deposit, 4 payment, 5 payout request."""
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    ledger.credit_cashback(partner="acme", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY)
    ledger.deposit_cancelled_transfer(
        payer="acme", order_id="ORD-2", amount=Money("40", "CHF"), effective=DAY, key="bank-1"
    )
    ledger.pay_order(organisation="acme", order_id="ORD-3", amount=Money("30", "CHF"), effective=DAY, key="pay-3")
    ledger.request_payout(
        organisation="acme", amount=Money("20", "CHF"), destination=Iban("CH9300762011623852957"), effective=DAY,
        key="payout-1",
    )  # fmt: skip


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        a_month(Ledger(store, clock=ticking_clock()))
        check_invariants(store)
    return path


@pytest.mark.parametrize(
    ("sequence", "relabelled"),
    [
        (4, "top_up"),  # a payment shown as money received: the statement reads -30.00 as a top-up
        (1, "cashback"),  # a top-up passed off as the programme's cashback expense
        (2, "top_up"),  # cashback passed off as a bank transfer
        (1, "order_payment"),
        (5, "order_payment"),  # a pending payout request relabelled (still pending: caught by another law too)
    ],
)
def test_a_transaction_whose_kind_was_edited_by_hand_is_not_called_sound(
    ledger_file: Path, sequence: int, relabelled: str
) -> None:
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("UPDATE ledger_transactions SET kind = ? WHERE sequence = ?", (relabelled, sequence))
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.detail[0] == sequence


def test_a_payment_relabelled_as_a_top_up_is_reported_by_the_law_of_a_kind_s_accounts(ledger_file: Path) -> None:
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("UPDATE ledger_transactions SET kind = 'top_up' WHERE sequence = 4")
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.law == "each kind moves money between its own accounts"
    assert raised.value.detail == (4, "top_up", ("order_settlement:CHF", "prepaid:acme:CHF"))


def test_a_payment_s_accounts_swapped_by_hand_in_both_postings_and_balances_is_not_called_sound(
    ledger_file: Path,
) -> None:
    # The payment credits the organisation and debits order_settlement; the balance rows are edited to match, so
    # the running balances agree with the replayed journal: only the kind's shape says it is wrong.
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("UPDATE ledger_postings SET units = -units WHERE sequence = 4")
        raw.execute("UPDATE ledger_balances SET posted = posted + 6000 WHERE owner = 'acme'")
        raw.execute("UPDATE ledger_balances SET posted = posted - 6000 WHERE account_kind = 'order_settlement'")
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.law == "each kind moves money between its own accounts"


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_the_balance_just_after_a_sequence_the_journal_has_not_reached_is_refused(store: str, tmp_path: Path) -> None:
    ledger = new_ledger(store, tmp_path)
    a_month(ledger)
    before = snapshot(ledger)
    with pytest.raises(UnknownTransaction) as raised:
        ledger.balance_at("acme", "CHF", sequence=6)
    assert (raised.value.field, raised.value.value) == ("sequence", 6)
    assert "5" in str(raised.value)  # the last sequence the journal holds
    assert ledger.balance_at("acme", "CHF", sequence=5) == ledger.balances("acme", "CHF")
    assert snapshot(ledger) == before
    ledger.store.close()
