"""``infomanager ledger payouts``: the payout requests still pending, now or at the end of a past day."""

from __future__ import annotations

from pathlib import Path

import pytest

from infomanager_core.cli import main


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's ledger: web-agency requests its whole balance on 31 March, and the bank confirms on 2 April."""
    path = tmp_path_factory.mktemp("payouts") / "ledger.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def test_a_payout_requested_and_not_yet_completed_is_listed_with_its_destination_and_amount(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert (
        main(["ledger", "--db", str(demo_file), "--locale", "en_CH", "payouts", "web-agency", "--on", "2026-03-31"])
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "payouts of web-agency pending at the end of 2026-03-31"
    assert out[3].split(" ") == [
        "6",
        "",
        "2026-03-31",
        "",
        "payout-2026-03",
        "",
        "iban:CH9300762011623852957",
        "",
        "CHF\xa0647.28",
    ]


def test_once_completed_nothing_is_pending(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["ledger", "--db", str(demo_file), "payouts", "web-agency"]) == 0
    assert capsys.readouterr().out.strip() == "no payout of web-agency is pending"


def test_an_organisation_without_a_prepaid_account_is_an_error(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["ledger", "--db", str(demo_file), "payouts", "nobody"]) == 1
    assert "nobody has no prepaid account" in capsys.readouterr().err


def test_a_statement_closing_while_a_payout_is_pending_ends_with_what_is_pending_and_what_was_available(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """March's statement closes on 647.28 posted, all of it reserved by the request of 31 March, which no line shows:
    a partner reading the closing balance alone took it for money it could spend (found by review75)."""
    capsys.readouterr()
    argv = ["ledger", "--db", str(demo_file), "--locale", "en_CH", "statement", "web-agency", "--to", "2026-03-31"]
    assert main(argv) == 0
    closing, pending, available = (line.split() for line in capsys.readouterr().out.splitlines()[-3:])
    assert closing == ["closing", "balance", "CHF", "647.28"]
    assert pending == ["pending", "payouts", "payouts", "--on", "2026-03-31", "CHF", "647.28"]
    assert available == ["available", "CHF", "0.00"]


def test_a_statement_closing_with_nothing_pending_ends_with_its_closing_balance(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["ledger", "--db", str(demo_file), "--locale", "en_CH", "statement", "web-agency"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split() == ["closing", "balance", "CHF", "0.00"]
