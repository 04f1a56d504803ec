"""``infomanager demo``: what mutation testing of cli/demo.py found unpinned — the step numbers, and the ledger command
the demo tells its reader to run (a real path only when the file is kept)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infomanager_core.cli import main


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
