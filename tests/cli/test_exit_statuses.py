"""Each kind of failure of ``infomanager`` has its exit status, the same in ``--help``, in ``docs/ledger.md`` and in
what the command returns (``infomanager_core.cli.statuses``).

The failures a test cannot bring about in a few seconds (a lock held past the store's 60 seconds, a full disk under
the demo's ledger file) are raised here by the store the command opens."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.adapters.sqlite_ledger import (
    DiskFull,
    FileNotWritable,
    NotALedgerFile,
    StoreBusy,
    UnitOfWorkMisuse,
)
from infomanager_core.cli import ledger as ledger_command
from infomanager_core.cli import main
from infomanager_core.cli.statuses import EXIT_STATUSES
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import InvariantViolation

DOCS = Path(__file__).resolve().parents[2] / "docs"


class Unwritable:
    """A standard error on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (StoreBusy("ledger.sqlite", 60.0), 4),
        (DiskFull("ledger.sqlite"), 5),
        (FileNotWritable("ledger.sqlite", "the file is read-only"), 5),
        (NotALedgerFile("--db", "ledger.sqlite", "has no ledger tables"), 3),
        (InvariantViolation("every page of the file is intact", "page 3"), 3),
        (UnitOfWorkMisuse("the store was closed"), 70),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_an_error_of_the_store_is_one_line_and_the_status_of_its_kind(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: Exception,
    status: int,
) -> None:
    def failing(*arguments: Any, **keywords: Any) -> None:
        raise error

    monkeypatch.setattr(ledger_command, "SqliteLedgerStore", failing)
    (tmp_path / "ledger.sqlite").touch()
    assert main(["ledger", "--db", str(tmp_path / "ledger.sqlite"), "balances", "acme"]) == status
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"infomanager ledger: error: {error}\n"


def test_an_unexpected_failure_shows_its_traceback_and_exits_70(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*arguments: Any, **keywords: Any) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr("infomanager_core.cli.quote.quote", broken)
    assert main(["quote", "web-hosting", "3"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "KeyError: 'a bug'" in err
    assert (
        err.splitlines()[-1] == "infomanager quote: internal error: KeyError (a bug: please report the traceback above)"
    )
    assert err.splitlines()[-2] == "KeyError: 'a bug'"  # the traceback runs straight into the line that names it


@pytest.mark.parametrize("stderr", ["closed", "unwritable", "closed under Python"])
def test_a_bug_with_standard_error_closed_or_unwritable_is_status_70_and_its_traceback_not_on_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stderr: str
) -> None:
    """The traceback went to standard output when standard error was closed (``print_exc`` then prints to
    ``sys.stdout``), and a standard error on a full disk turned status 70 into an exception in the handler; a stream
    closed under Python (``sys.stderr.close()``) refuses to be written with ``ValueError``, not ``OSError``."""

    def broken(*arguments: Any, **keywords: Any) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr("infomanager_core.cli.quote.quote", broken)
    shut = io.StringIO()
    shut.close()
    monkeypatch.setattr("sys.stderr", {"closed": None, "unwritable": Unwritable(), "closed under Python": shut}[stderr])
    assert main(["quote", "web-hosting", "3"]) == 70
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("stderr", ["closed", "unwritable"])
@pytest.mark.parametrize(
    "failure",
    [InvalidInput("quantity", 3, "must be a whole number"), KeyboardInterrupt(), OSError(5, "I/O error"), "no stdout"],
    ids=["refused", "interrupted", "output unwritable", "output closed"],
)
def test_every_failure_with_standard_error_closed_or_unwritable_keeps_its_status_and_writes_no_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, failure: BaseException | str, stderr: str
) -> None:
    """The status is the one said with standard error open; the message is dropped, never written to standard output,
    and a standard error that cannot be written does not turn the status into an exception."""

    def failing(*arguments: Any, **keywords: Any) -> None:
        assert isinstance(failure, BaseException)
        raise failure

    if isinstance(failure, str):
        monkeypatch.setattr("sys.stdout", None)
    else:
        monkeypatch.setattr("infomanager_core.cli.quote.quote", failing)
    said = main(["quote", "web-hosting", "3"])
    assert capsys.readouterr().err != ""
    monkeypatch.setattr("sys.stderr", None if stderr == "closed" else Unwritable())
    assert main(["quote", "web-hosting", "3"]) == said
    assert capsys.readouterr().out == ""


def test_help_lists_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    shown = dict(re.findall(r"^ +(\d+)  (.+)$", out.split("exit status:\n")[1], re.MULTILINE))
    assert {int(status): meaning for status, meaning in shown.items()} == EXIT_STATUSES


def test_help_aligns_the_exit_statuses_right_and_their_meanings_in_one_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    rows = capsys.readouterr().out.split("exit status:\n")[1].splitlines()
    assert {row.index(meaning) for row, meaning in zip(rows, EXIT_STATUSES.values(), strict=True)} == {7}
    assert rows[0] == f"    0  {EXIT_STATUSES[0]}"


def test_the_user_documentation_tables_every_exit_status() -> None:
    """``docs/ledger.md`` describes the command line; its table lists the statuses the command returns."""
    text = (DOCS / "ledger.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) +\|", text, re.MULTILINE)
    assert sorted(int(status) for status in rows) == sorted(EXIT_STATUSES)


def test_ctrl_c_is_one_line_and_status_130_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*arguments: Any, **keywords: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("infomanager_core.cli.quote.quote", interrupted)
    assert main(["quote", "web-hosting", "3"]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", "infomanager quote: interrupted\n")
