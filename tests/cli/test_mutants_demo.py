"""``infomanager demo``: what mutation testing of cli/demo.py found unpinned — the step numbers, and the ledger command
the demo tells its reader to run (a real path only when the file is kept)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infomanager_core.cli import main
from infomanager_core.formatting import format_money
from infomanager_core.money import Money


def _demo(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["demo", *argv]) == 0
    return capsys.readouterr().out


def test_the_steps_are_numbered_from_one_without_a_gap(capsys: pytest.CaptureFixture[str]) -> None:
    out = _demo(capsys)
    numbers = [int(number) for number in re.findall(r"^(\d+)\. ", out, flags=re.MULTILINE)]
    assert out.startswith("1. The price list\n")
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_kept_ledger_file_is_named_in_the_command_to_read_it_and_a_temporary_one_is_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    kept = _demo(capsys, "--db", str(path))
    assert f"infomanager ledger --db {path}" in kept
    assert "run the demo with --db FILE to keep the ledger" not in kept
    temporary = _demo(capsys)
    assert "run the demo with --db FILE to keep the ledger" in temporary
    assert "infomanager-demo-" not in temporary  # the temporary directory, removed afterwards, is never named


def _step(out: str, number: int) -> str:
    return out.split(f"\n{number}. ", 1)[1].split(f"\n{number + 1}. ", 1)[0]


def _money(amount: str, currency: str) -> str:
    return format_money(Money(amount, currency), "en")


def test_the_cashback_step_shows_the_spec_example_for_a_client_with_35_hostings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SPEC §2.4: the client pays CHF 260.40, the preferential price is CHF 208.32, the cashback CHF 52.08."""
    step = _step(_demo(capsys, "--locale", "en"), 4)
    assert step.startswith("A client with 35 hostings orders them itself")
    assert "× 35, 1 month, public quote, tier count 35" in step
    assert (
        f"The client pays {_money('260.40', 'CHF')}; the partner's preferential price is {_money('208.32', 'CHF')}; "
        f"the partner's cashback is {_money('52.08', 'CHF')}."
    ) in step


def test_the_several_lines_step_adds_up_the_partner_prices_worked_out_by_hand(
    capsys: pytest.CaptureFixture[str],
) -> None:
    step = _step(_demo(capsys, "--locale", "en"), 6)
    expected = [
        # 35 × €5.75 × 12 months, less 20% (partner), then 25% (35 hostings held)
        f"web-hosting × 35, 12 months: {_money('2415.00', 'EUR')} → {_money('1449.00', 'EUR')}",
        # 12 × €1.70, less 20%, then 10% (the 10-hosting tier): 14.688 rounds to 14.69
        f"mail-hosting × 12, 1 month: {_money('20.40', 'EUR')} → {_money('14.69', 'EUR')}",
        # 3 × €12.00 a year, less 10%; no degressive tariff for domains
        f"domain × 3, 1 year: {_money('36.00', 'EUR')} → {_money('32.40', 'EUR')}",
        f"total: {_money('1496.09', 'EUR')}",
    ]
    assert [line.strip() for line in step.splitlines()[2:6]] == expected
