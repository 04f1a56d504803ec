"""`infomanager demo` tells the money story on an SQLite ledger file that `infomanager ledger` can read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
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
