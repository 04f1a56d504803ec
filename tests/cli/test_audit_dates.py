"""``infomanager ledger`` read by an auditor: a period's ends that are not days of the calendar are named as such."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 2, 2), key="t-1")
    return str(path)


@pytest.mark.parametrize(
    ("action", "option", "day", "reason"),
    [
        ("statement", "--to", "2026-02-29", "day is out of range for month"),  # 2026 is not a leap year
        ("journal", "--to", "2026-04-31", "day is out of range for month"),
        ("balances", "--on", "2026-13-01", "month must be in 1..12"),
    ],
)
def test_a_day_written_as_yyyy_mm_dd_that_the_calendar_lacks_says_why_rather_than_ask_for_that_format(
    capsys: pytest.CaptureFixture[str], ledger_file: str, action: str, option: str, day: str, reason: str
) -> None:
    status = main(["ledger", "--db", ledger_file, action, *(["acme"] if action != "journal" else []), option, day])
    err = capsys.readouterr().err
    assert status == 2
    assert f"argument {option}: '{day}' is not a date: {reason}" in err
    assert "use YYYY-MM-DD" not in err


def test_a_day_in_another_format_is_still_asked_for_as_yyyy_mm_dd(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status = main(["ledger", "--db", ledger_file, "journal", "--from", "01.02.2026"])
    assert status == 2
    assert "argument --from: '01.02.2026' is not a date (use YYYY-MM-DD)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "day", ["20260202", "2026-W06-1", "2026-033", "２０２６-０２-０２", "2026-2-02", "2026-02-02T09:00", "2026-02-02 "]
)
def test_only_the_one_form_every_reader_of_a_report_can_read_is_taken(
    capsys: pytest.CaptureFixture[str], ledger_file: str, day: str
) -> None:
    # Python reads these as 2 February 2026 too, but a period printed in an audit must read the same to every reader
    status = main(["ledger", "--db", ledger_file, "statement", "acme", "--from", day])
    assert status == 2
    assert f"argument --from: {day!r} is not a date (use YYYY-MM-DD)" in capsys.readouterr().err
