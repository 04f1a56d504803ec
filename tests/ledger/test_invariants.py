"""The auditor catches a damaged journal: each law, broken on purpose, is reported by name."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import AccountBalance, Iban, InvariantViolation, Ledger, check_invariants, prepaid

DAY = date(2026, 3, 2)


def small_history(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=DAY, key="pay-A-1")
    request = ledger.request_payout(
        organisation="acme",
        amount=Money("20", "CHF"),
        destination=Iban("CH9300762011623852957"),
        effective=DAY,
        key="p",
    )
    ledger.complete_payout(request=request.sequence, effective=DAY, key="p-done")


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Ledger]:
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger(SqliteLedgerStore(path))
    small_history(ledger)
    check_invariants(ledger.store)
    ledger.store.close()
    return path, ledger


def tamper(path: Path, sql: str) -> str:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(sql)
    connection.close()
    with pytest.raises(InvariantViolation) as raised, SqliteLedgerStore(path) as store:
        check_invariants(store)
    return raised.value.law


@pytest.mark.parametrize(
    ("sql", "law"),
    [
        ("DELETE FROM ledger_postings WHERE sequence = 2 AND position = 1", "well-formed"),
        ("DELETE FROM ledger_postings WHERE sequence = 2", "at least two postings"),
        ("UPDATE ledger_postings SET units = units + 1 WHERE sequence = 1 AND position = 0", "well-formed"),
        ("UPDATE ledger_balances SET posted = posted + 1 WHERE owner = 'acme'", "running balances"),
        ("UPDATE ledger_transactions SET sequence = 9 WHERE sequence = 4", "increase by one"),
        ("UPDATE ledger_transactions SET effective = '2026-01-01' WHERE sequence = 4", "dates never go backwards"),
        ("UPDATE ledger_idempotency SET sequence = 1 WHERE key = 'p'", "names its own transaction"),
        ("UPDATE ledger_transactions SET pending = 0 WHERE sequence = 3", "only payout requests are pending"),
        ("UPDATE ledger_postings SET units = units * 100 WHERE sequence = 2", "no prepaid balance below zero"),
    ],
)
def test_a_damaged_file_is_reported_with_the_law_it_breaks(damaged: tuple[Path, Ledger], sql: str, law: str) -> None:
    path, _ = damaged
    assert law in tamper(path, sql)


def test_a_damaged_memory_store_is_reported_too() -> None:
    ledger = Ledger()
    small_history(ledger)
    ledger.store._balances[prepaid("acme", "CHF")] = AccountBalance(posted=1)  # type: ignore[attr-defined]
    with pytest.raises(InvariantViolation, match="running balances"):
        check_invariants(ledger.store)


def test_an_index_that_no_longer_matches_its_table_is_a_broken_law_for_check_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    with closing(sqlite3.connect(path)) as raw:  # a stray write: the index now claims another order of its columns
        raw.execute("PRAGMA writable_schema=ON")
        raw.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'account_kind, owner', 'owner, account_kind')"
            " WHERE name = 'ledger_postings_by_account'"
        )
        raw.commit()
    with SqliteLedgerStore(path, read_only=True) as store:
        check_invariants(store)  # replaying the journal never reads the index…
        with pytest.raises(InvariantViolation, match="missing from index ledger_postings_by_account") as broken:
            store.check_file()  # … the file's check does
    assert broken.value.law == "every page of the file is intact"
