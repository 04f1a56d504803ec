"""The statement's last rows: what payout requests still reserved at its close, and what was available then.

The pending row names the command that lists those requests (``payouts`` for a statement to the last entry, ``payouts
--on DAY`` for one closing on a day), and the available row is the closing balance less the pending one: both are read
in the reading that read the statement, so a worker posting meanwhile cannot make them disagree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import Iban, Ledger, Statement
from infomanager_core.money import Money

DAY = date(2026, 3, 3)


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    """acme tops up 1,000 CHF and asks for 300 of it to be paid out, which is still pending."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="t-1")
        destination = Iban("CH9300762011623852957")
        ledger.request_payout(
            organisation="acme", amount=Money("300", "CHF"), destination=destination, effective=DAY, key="p-1"
        )
    return str(path)


def _last_rows(capsys: pytest.CaptureFixture[str], ledger_file: str) -> list[list[str]]:
    capsys.readouterr()
    assert main(["ledger", "--db", ledger_file, "--locale", "en_GB", "statement", "acme"]) == 0
    return [line.split() for line in capsys.readouterr().out.splitlines()[-3:]]


def test_a_statement_to_the_last_entry_names_the_payouts_command_that_lists_what_is_pending_now(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    assert _last_rows(capsys, ledger_file) == [
        ["closing", "balance", "CHF", "1,000.00"],
        ["pending", "payouts", "payouts", "CHF", "300.00"],
        ["available", "CHF", "700.00"],
    ]


def test_what_is_available_is_the_closing_balance_less_what_is_pending_even_while_a_worker_posts(
    capsys: pytest.CaptureFixture[str], ledger_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker tops the account up between the statement's reading of its lines and of what is pending: the last
    rows are still those of the moment the statement was read."""
    read_statement = Ledger.statement

    def statement_then_a_worker_posts(ledger: Ledger, *arguments: Any, **keywords: Any) -> Statement:
        statement = read_statement(ledger, *arguments, **keywords)
        with SqliteLedgerStore(ledger_file) as store:
            Ledger(store).top_up(organisation="acme", amount=Money("200", "CHF"), effective=DAY, key="t-2")
        return statement

    monkeypatch.setattr(Ledger, "statement", statement_then_a_worker_posts)
    assert _last_rows(capsys, ledger_file) == [
        ["closing", "balance", "CHF", "1,000.00"],
        ["pending", "payouts", "payouts", "CHF", "300.00"],
        ["available", "CHF", "700.00"],
    ]
    monkeypatch.undo()
    assert _last_rows(capsys, ledger_file)[::2] == [
        ["closing", "balance", "CHF", "1,200.00"],
        ["available", "CHF", "900.00"],
    ]
