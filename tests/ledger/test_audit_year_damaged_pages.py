"""An auditor a year later, on a file whose pages were damaged (a bad disk, a copy cut short, a stray write): every
command answers with a typed error naming the damage, never a traceback, and ``check`` does not call it sound."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import Iban, InvariantViolation, Ledger, check_invariants
from infomanager_core.money import Money

from .support import ticking_clock

DAY = date(2026, 3, 2)


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=ticking_clock())
        ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
        ledger.pay_order(organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="pay-1")
        ledger.request_payout(
            organisation="acme", amount=Money("20", "CHF"), destination=Iban("CH9300762011623852957"),
            effective=DAY, key="payout-1",
        )  # fmt: skip
    return path


def damage_page_of(path: Path, name: str) -> None:
    """Overwrite the header of the B-tree page that holds table or index ``name`` (small: its only page)."""
    with closing(sqlite3.connect(path)) as raw:
        (root,) = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        (page_size,) = raw.execute("PRAGMA page_size").fetchone()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 12)  # not a page type SQLite knows: 'database disk image is malformed'


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str]:
    status = main(["ledger", "--db", str(path), *argv])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("name", ["ledger_transactions", "ledger_postings", "ledger_balances"])
def test_a_damaged_table_page_is_a_broken_law_for_check_invariants(ledger_file: Path, name: str) -> None:
    damage_page_of(ledger_file, name)
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as raised:
        check_invariants(store)
    assert raised.value.law == "every page of the file is intact"
    assert "malformed" in str(raised.value)


@pytest.mark.parametrize(
    "argv",
    [
        ("balances", "acme", "--on", "2026-03-02"),
        ("statement", "acme", "--csv"),
        ("journal",),
        ("journal", "--from", "2026-03-02"),
    ],
)
def test_every_command_on_a_damaged_page_answers_in_one_line(
    capsys: pytest.CaptureFixture[str], ledger_file: Path, argv: tuple[str, ...]
) -> None:
    damage_page_of(ledger_file, "ledger_postings_by_account")
    damage_page_of(ledger_file, "ledger_transactions")
    status, err = run(capsys, ledger_file, *argv)
    assert status == 3  # a file that cannot be used, not a wrong command line
    assert err.startswith("infomanager ledger: error: ledger invariant broken: every page of the file is intact")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_check_reports_a_damaged_page_as_not_sound(capsys: pytest.CaptureFixture[str], ledger_file: Path) -> None:
    damage_page_of(ledger_file, "ledger_transactions")
    status, err = run(capsys, ledger_file, "check")
    assert status == 1
    assert f"{ledger_file}: NOT sound: ledger invariant broken: every page of the file is intact" in err


def test_check_reports_a_damaged_index_that_the_journal_s_replay_never_reads(
    capsys: pytest.CaptureFixture[str], ledger_file: Path
) -> None:
    # Statements and past balances read an account's postings through this index; replaying the journal does not,
    # so the laws alone found nothing wrong while every statement of the file failed.
    damage_page_of(ledger_file, "ledger_postings_by_account")
    status, err = run(capsys, ledger_file, "check")
    assert status == 1
    assert "NOT sound: ledger invariant broken: every page of the file is intact" in err
    assert "ledger_postings_by_account" in err or "malformed" in err or "Page" in err


def test_an_intact_file_is_still_sound(capsys: pytest.CaptureFixture[str], ledger_file: Path) -> None:
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 0
    assert "sound, 3 transactions" in capsys.readouterr().out


def test_a_write_that_meets_a_damaged_page_is_refused_with_the_law_and_writes_nothing(ledger_file: Path) -> None:
    damage_page_of(ledger_file, "ledger_balances")
    with SqliteLedgerStore(ledger_file) as store:
        ledger = Ledger(store, clock=ticking_clock())
        with pytest.raises(InvariantViolation, match="every page of the file is intact"):
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
        with pytest.raises(InvariantViolation, match="every page of the file is intact"), store.batch():
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3")
    with closing(sqlite3.connect(ledger_file)) as raw:
        assert raw.execute("SELECT count(*) FROM ledger_transactions").fetchone() == (3,)
        assert raw.execute("SELECT count(*) FROM ledger_idempotency").fetchone() == (3,)
