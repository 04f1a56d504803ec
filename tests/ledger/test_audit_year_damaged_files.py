"""An auditor a year later: a file edited by hand is never called sound, and a question about a transaction that
does not exist is refused rather than answered."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import (
    Iban,
    InvariantViolation,
    Ledger,
    UnknownTransaction,
    check_invariants,
)

from .support import STORES, new_ledger, snapshot, ticking_clock

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


@pytest.mark.parametrize("store", STORES)
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


def test_a_cashback_whose_order_was_edited_by_hand_is_not_called_sound(ledger_file: Path) -> None:
    # Its key still says ORD-1: crediting ORD-1 again would return it, while the statement shows ORD-9.
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("""UPDATE ledger_transactions SET metadata = '[["order", "ORD-9"]]' WHERE sequence = 2""")
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.law == "a cashback is keyed by its order"
    assert raised.value.detail == (2, "cashback:ORD-1", "ORD-9")


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("metadata", """'[["order", 17]]'""", "metadata: .* must be \\(name, text\\) pairs of texts"),
        # texts no writer of the ledger accepts: an escape sequence a terminal runs, a line break, a lone surrogate
        # that UTF-8 cannot encode (the statement printed the first raw and 'journal' crashed on the last)
        ("metadata", """'[["order", "ORD-1\\u001b[31m"]]'""", "metadata: .* must not contain control.*U\\+001B"),
        ("metadata", """'[["order", "ORD-1\\n"]]'""", "metadata: .* must not contain control.*U\\+000A"),
        ("metadata", """'[["order", "ORD-1\\ud800"]]'""", "metadata: .* must not contain control.*U\\+D800"),
        ("metadata", """'[["ord\\u0007er", "ORD-1"]]'""", "metadata: .* must not contain control.*U\\+0007"),
        ("key", "' cashback:ORD-1'", "key: ' cashback:ORD-1' must not begin or end with a space"),
        ("reverses", "0", "reverses: 0 must be None or the sequence"),
    ],
)
def test_a_row_whose_key_links_or_metadata_were_edited_by_hand_is_not_called_sound(
    ledger_file: Path, column: str, value: str, rule: str
) -> None:
    # Every other column of the row is as the store writes it: only the edited one says the file was touched.
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute(f"UPDATE ledger_transactions SET {column} = {value} WHERE sequence = 2")
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.law == "every stored transaction is well-formed"
    assert re.search(rf"transaction #2: {rule}", str(raised.value.detail)), raised.value.detail


@pytest.mark.parametrize(
    ("sql", "law", "detail"),
    [
        (  # a retry keyed 'ghost' would return top-up #1 instead of posting anything
            "INSERT INTO ledger_idempotency SELECT 'ghost', fingerprint, sequence FROM ledger_idempotency"
            " WHERE sequence = 1",
            "every key names its own transaction",
            ["ghost"],
        ),
        (
            "INSERT INTO ledger_postings VALUES (99, 0, 'prepaid', 'acme', 'CHF', 100000)",
            "every posting belongs to a transaction",
            [99],
        ),
    ],
)
def test_a_row_no_transaction_owns_is_reported_by_the_file_check_and_the_cli(
    ledger_file: Path, capsys: pytest.CaptureFixture[str], sql: str, law: str, detail: list[object]
) -> None:
    # Replaying the journal reads each transaction's own rows, never a row that belongs to none.
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute(sql)
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        store.check_file()
    assert (raised.value.law, raised.value.detail) == (law, detail)
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 1
    assert f"NOT sound: ledger invariant broken: {law}" in capsys.readouterr().err


def test_an_intact_file_passes_the_file_check(ledger_file: Path) -> None:
    with SqliteLedgerStore(ledger_file, read_only=True) as store:
        assert store.check_file() is None
