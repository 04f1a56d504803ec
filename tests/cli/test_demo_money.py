"""`infomanager demo` tells the money story on an SQLite ledger file that `infomanager ledger` can read back.

The kept file holds the story's journal with its dates, accounts and amounts, read back with ``infomanager ledger``
as a user would, not from the demo's wording; a file that breaks a law stops the demo at its audit, and every store
the demo opens is closed.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.access import PaymentMeans
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.cli.demo_ledger import MoneyStory, money_steps
from infomanager_core.ledger import Ledger, check_invariants
from infomanager_core.money import Money


def test_the_demo_accrues_cashback_deposits_a_cancelled_transfer_pays_and_pays_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    assert main(["demo", "--db", str(path), "--locale", "en_CH"]) == 0
    out = capsys.readouterr().out
    # 35 hostings for a month earn 260.40 − 208.32; a year earns 3,124.80 − 2,499.84.
    assert "cashback CHF\xa052.08" in out
    assert "cashback CHF\xa0624.96" in out
    assert "transaction #1 again, nothing new" in out
    assert "Web Agency pays CHF\xa029.76" in out  # 5 × 9.92 − 20 % − 25 % (40 held)
    assert "pending CHF\xa0647.28, available CHF\xa00.00" in out
    assert "the file reopened gives the same balances: yes" in out

    with SqliteLedgerStore(path) as store:
        check_invariants(store)
        ledger = Ledger(store)
        assert ledger.balances("web-agency", "CHF").posted == Money("0.00", "CHF")
        kinds = [transaction.kind.value for transaction in ledger.journal()]
    assert kinds == [
        "cashback",
        "cashback",
        "transfer_deposit",
        "order_payment",
        "order_payment",
        "payout_request",
        "payout_completion",
    ]


def test_the_demo_prints_the_digest_of_its_journal_which_the_ledger_command_verifies_on_the_kept_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    printed = re.findall(r"for an auditor to keep at the period's close: (\S+)$", capsys.readouterr().out, re.MULTILINE)
    with SqliteLedgerStore(path, read_only=True) as store:
        assert printed == [str(Ledger(store).journal_digest())]
    assert printed[0].startswith("7:im-sha256-1:")  # the story's seven transactions
    assert main(["ledger", "--db", str(path), "digest", "--verify", printed[0]]) == 0
    assert capsys.readouterr().out == f"{path}: the journal up to #7 matches {printed[0]}\n"


def test_the_kept_ledger_file_is_read_by_the_ledger_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["ledger", "--db", str(path), "statement", "florist", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [rows[1][column] for column in ("kind", "reference", "amount")] == ["transfer_deposit", "F-1003", "194.40"]


def test_the_demo_refuses_to_write_over_an_existing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"precious")
    assert main(["demo", "--db", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == b"precious"


def test_the_demo_refuses_an_empty_file_name_rather_than_call_it_the_current_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # an unset shell variable: `infomanager demo --db "$LEDGER"`
    assert main(["demo", "--db", ""]) == 2
    err = capsys.readouterr().err
    assert "--db: '' names no file" in err
    assert "'.'" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "status", "rule"),
    [
        ("no-such-folder/ledger.sqlite", 3, "cannot be opened as an SQLite ledger"),
        (":memory:", 2, "is not a file"),
    ],
    ids=["in-a-missing-folder", "memory"],
)
def test_a_db_the_store_refuses_is_named_by_the_option_the_operator_typed(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    status: int,
    rule: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--db", name]) == status
    err = capsys.readouterr().err
    assert err.startswith(f"infomanager demo: error: --db: {name!r} {rule}")
    assert list(tmp_path.iterdir()) == []


#: The journal the story leaves, one row per posting: sequence, key, kind, effective, account, amount, effect,
#: resolves. Every entry is recorded at the story's last moment, 2026-04-02 17:00 UTC (its fixed clock).
JOURNAL = [
    # 2 March: Florist renews its 35 hostings for a month (260.40 − 208.32), Web Agency for a year (3,124.80 − 2,499.84)
    ("1", "cashback:F-1001", "cashback", "2026-03-02", "prepaid:web-agency:CHF", "52.08", "posted", ""),
    ("1", "cashback:F-1001", "cashback", "2026-03-02", "cashback_expense:CHF", "-52.08", "posted", ""),
    ("2", "cashback:F-1002", "cashback", "2026-03-02", "prepaid:web-agency:CHF", "624.96", "posted", ""),
    ("2", "cashback:F-1002", "cashback", "2026-03-02", "cashback_expense:CHF", "-624.96", "posted", ""),
    # 9 March: the transfer for the cancelled F-1003 arrives; 10 March: Florist pays F-1004 with it
    ("3", "bank-transfer-88231", "transfer_deposit", "2026-03-09", "prepaid:florist:CHF", "194.40", "posted", ""),
    ("3", "bank-transfer-88231", "transfer_deposit", "2026-03-09", "transfers_received:CHF", "-194.40", "posted", ""),
    ("4", "pay-F-1004", "order_payment", "2026-03-10", "order_settlement:CHF", "194.40", "posted", ""),
    ("4", "pay-F-1004", "order_payment", "2026-03-10", "prepaid:florist:CHF", "-194.40", "posted", ""),
    # 16 March: Web Agency pays 5 new hostings at the preferential price, 5 × 9.92 − 20 % − 25 %
    ("5", "pay-F-1005", "order_payment", "2026-03-16", "order_settlement:CHF", "29.76", "posted", ""),
    ("5", "pay-F-1005", "order_payment", "2026-03-16", "prepaid:web-agency:CHF", "-29.76", "posted", ""),
    # 31 March: the whole balance, 52.08 + 624.96 − 29.76, is reserved for a payout; 2 April: the bank confirms it
    ("6", "payout-2026-03", "payout_request", "2026-03-31", "payouts_in_transit:CHF", "647.28", "reserved", ""),
    ("6", "payout-2026-03", "payout_request", "2026-03-31", "prepaid:web-agency:CHF", "-647.28", "reserved", ""),
    ("7", "payout-2026-03-done", "payout_completion", "2026-04-02", "payouts_in_transit:CHF", "647.28", "posted", "6"),
    ("7", "payout-2026-03-done", "payout_completion", "2026-04-02", "prepaid:web-agency:CHF", "-647.28", "posted", "6"),
]


def _ledger(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> str:
    assert main(["ledger", "--db", str(path), "--locale", "en", *argv]) == 0
    return capsys.readouterr().out


def _kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--locale", "en"]) == 0
    return path, capsys.readouterr().out


def test_the_kept_file_holds_the_storys_journal_with_its_dates_accounts_and_amounts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, _ = _kept(capsys, tmp_path)
    rows = list(csv.DictReader(io.StringIO(_ledger(capsys, path, "journal"))))
    columns = ("sequence", "key", "kind", "effective", "account", "amount", "effect", "resolves")
    assert [tuple(row[column] for column in columns) for row in rows] == JOURNAL
    assert {row["recorded_at"] for row in rows} == {"2026-04-02T17:00:00+00:00"}
    assert {row["currency"] for row in rows} == {"CHF"}


def test_the_statement_and_balances_the_demo_prints_last_are_those_of_the_file_it_leaves(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, out = _kept(capsys, tmp_path)
    statement = _ledger(capsys, path, "statement", "web-agency").rstrip("\n")
    balances = _ledger(capsys, path, "balances", "web-agency").rstrip("\n")
    [last] = re.findall(r"^\d+\. (?:(?!^\d+\. ).)*\Z", out, flags=re.MULTILINE | re.DOTALL)
    assert f"\n{statement}\n\n{balances}\n" in last
    assert "payout_completion" in statement  # the audit comes after the payout, not before it


def test_the_five_new_hostings_are_counted_with_the_35_florist_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """SPEC §2.2: the tier count is the hostings held plus the ones ordered; Florist renews all 35 it holds."""
    _, out = _kept(capsys, tmp_path)
    [(held, count)] = re.findall(r"\((\d+) held \+ 5 = tier (\d+)\)", out)
    assert (int(held), int(count)) == (35, 40)


def test_a_ledger_file_that_breaks_a_law_stops_the_demo_at_its_audit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit step says every transaction balances: it must have checked, so a tampered file fails it."""
    payout = MoneyStory.payout

    def payout_then_tamper(story: MoneyStory, *arguments: Any) -> tuple[str, str]:
        told = payout(story, *arguments)
        with sqlite3.connect(story.path) as connection:  # a running balance no longer matches the journal
            connection.execute("UPDATE ledger_balances SET posted = posted + 1 WHERE owner = 'florist'")
        connection.close()
        return told

    monkeypatch.setattr(MoneyStory, "payout", payout_then_tamper)
    assert main(["demo", "--db", str(tmp_path / "demo.sqlite")]) == 3  # the file breaks a law: no usable ledger
    captured = capsys.readouterr()
    assert "infomanager demo: error:" in captured.err
    assert "A payout to a bank account" in captured.out
    assert "statement of prepaid:web-agency:CHF" not in captured.out


@pytest.mark.parametrize("failing", [False, True])
def test_the_demo_closes_every_ledger_store_it_opens_even_when_a_step_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: bool
) -> None:
    opened: list[SqliteLedgerStore] = []
    closed: list[SqliteLedgerStore] = []
    init, close = SqliteLedgerStore.__init__, SqliteLedgerStore.close

    def recording_init(store: SqliteLedgerStore, *arguments: Any, **keywords: Any) -> None:
        opened.append(store)
        init(store, *arguments, **keywords)

    def recording_close(store: SqliteLedgerStore) -> None:
        closed.append(store)
        close(store)

    monkeypatch.setattr(SqliteLedgerStore, "__init__", recording_init)
    monkeypatch.setattr(SqliteLedgerStore, "close", recording_close)
    if failing:

        def broken(story: MoneyStory, *arguments: Any) -> tuple[str, str]:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(MoneyStory, "payout", broken)
        assert main(["demo", "--db", str(tmp_path / "demo.sqlite")]) == 70  # unexpected: a bug, with its traceback
    else:
        assert main(["demo", "--db", str(tmp_path / "demo.sqlite")]) == 0
    capsys.readouterr()
    assert opened
    assert all(any(store is done for done in closed) for store in opened)


def test_the_programme_and_the_ledger_tell_one_timeline(tmp_path: Path) -> None:
    """The partnership exists when its first order is booked (2 March), and Florist switches to the partner's payment
    means no later than the day Web Agency's order is booked with them (16 March)."""
    price_list = example_price_list()
    story = MoneyStory.open(tmp_path / "demo.sqlite", price_list, "en", kept=True)
    try:
        for step in money_steps(story):
            step(price_list, "en")
        first_order = min(transaction.effective for transaction in story.ledger.journal())
    finally:
        story.close()
    partnership = story.programme.partnership(story.partnership)
    assert partnership.since.date() <= first_order
    assert partnership.granted.payment_means is PaymentMeans.PARTNER
    story.programme.check_in_order(datetime(2026, 3, 16, 23, 59, tzinfo=UTC), organisations=["florist", "web-agency"])
