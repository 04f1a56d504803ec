"""``infomanager`` as an operator's script runs it: the installed console script in a process of its own.

What only a process shows is tested here: what reaches the descriptors (a reader that went away, a full disk, the
bytes in a locale that is not UTF-8), the exit status the shell sees, and what a read leaves beside the ledger file.
The child runs without ``PYTHONUNBUFFERED`` (set on some machines), as cron runs it: standard output to a pipe is then
written when the buffer fills or at exit, where a failure is Python's "Exception ignored" and status 120 unless the
command line writes it first.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Iban, Ledger
from infomanager_core.money import Money

SCRIPT = Path(sys.executable).with_name("infomanager")
REFERENCE = 'Überweisung Ω-7, "Zürich"'  # a Latin-1 letter, a letter Latin-1 lacks, a quote and a comma for CSV


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("process") / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        ledger.top_up(
            organisation="acme",
            amount=Money("1234567.5", "CHF"),
            effective=date(2026, 3, 2),
            key="t-1",
            reference=REFERENCE,
        )
        ledger.request_payout(
            organisation="acme",
            amount=Money("300", "CHF"),
            destination=Iban("CH9300762011623852957"),
            effective=date(2026, 3, 4),
            key="p-1",
        )
    return path


def environment(**settings: str) -> dict[str, str]:
    """The parent's environment without what would change how the child writes, plus ``settings``."""
    chosen = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONUTF8", "LANG", "LANGUAGE"}
        and not name.startswith("LC_")
    }
    return chosen | settings


def infomanager(*argv: str, output: Any = subprocess.PIPE, **settings: str) -> subprocess.CompletedProcess[bytes]:
    """Run the console script; ``output`` is where its standard output goes (a descriptor, a file), else a pipe."""
    return subprocess.run(
        [str(SCRIPT), *argv], stdout=output, stderr=subprocess.PIPE, env=environment(**settings), timeout=60
    )


def commands(ledger_file: Path) -> dict[str, list[str]]:
    """One command line of each kind of output: tables, CSV, JSON, the audit's line and the demo's long text."""
    db = ["ledger", "--db", str(ledger_file)]
    return {
        "quote table": ["quote", "web-hosting", "35", "--partner"],
        "quote json": ["quote", "web-hosting", "35", "--partner", "--json"],
        "balances": [*db, "balances", "acme"],
        "statement": [*db, "statement", "acme", "--locale", "fr_FR"],
        "statement csv": [*db, "statement", "acme", "--csv"],
        "payouts": [*db, "payouts", "acme"],
        "journal": [*db, "journal"],
        "check": [*db, "check"],
        "demo": ["demo"],
        "help": ["quote", "--help"],
    }


KINDS = list(commands(Path("ledger.sqlite")))


@pytest.mark.parametrize("kind", KINDS)
def test_a_success_exits_0_and_writes_nothing_on_standard_error(ledger_file: Path, kind: str) -> None:
    done = infomanager(*commands(ledger_file)[kind])
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout


@pytest.mark.parametrize("kind", ["quote table", "quote json", "statement csv", "check", "demo", "help"])
def test_a_reader_that_went_away_stops_the_command_quietly_with_status_141(ledger_file: Path, kind: str) -> None:
    """``infomanager … | head -1``: the pipe is closed before the command writes a byte, as ``head`` closes it
    after its line; like a tool killed by SIGPIPE, status 141 and nothing on standard error."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = infomanager(*commands(ledger_file)[kind], output=writing)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr.decode()) == (141, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("kind", ["quote table", "journal", "demo", "help"])
def test_output_to_a_full_disk_is_one_line_and_status_5(ledger_file: Path, kind: str) -> None:
    with open("/dev/full", "wb") as full:
        done = infomanager(*commands(ledger_file)[kind], output=full)
    error = done.stderr.decode()
    assert done.returncode == 5
    assert error.startswith("infomanager ")
    assert "cannot write: [Errno 28] No space left on device" in error
    assert error.count("\n") == 1, error


@pytest.mark.parametrize("kind", ["quote table", "journal", "help"])
def test_a_closed_standard_output_is_one_line_and_status_5(ledger_file: Path, kind: str) -> None:
    """``infomanager … >&-``: the quote printed into nothing and exited 0, the journal blamed a parameter (status 2),
    and help went to standard error, status 0."""
    command = " ".join(shlex.quote(part) for part in [str(SCRIPT), *commands(ledger_file)[kind]])
    done = subprocess.run(f"{command} >&-", shell=True, capture_output=True, env=environment(), timeout=60)
    assert done.returncode == 5
    assert done.stderr.decode().endswith(": error: cannot write: standard output is closed\n")
    assert done.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["ledger", "--db", "{missing}", "balances", "acme"], 3),
        (["ledger", "--db", "{ledger}", "balances", "nobody"], 1),
        (["ledger", "--db", "{ledger}", "statement", "nobody", "--csv"], 1),
        (["ledger", "--db", "{ledger}", "digest", "--verify", "7:im-sha256-1:" + "0" * 64], 1),
        (["ledger", "--db", "{ledger}", "journal", "--from", "not-a-day"], 2),
        (["quote", "no-such-product", "1"], 2),
    ],
)
def test_with_standard_error_closed_a_failure_writes_nothing_on_standard_output(
    ledger_file: Path, tmp_path: Path, argv: list[str], status: int
) -> None:
    """``infomanager … 2>&-``: Python starts with ``sys.stderr`` ``None``, and ``print(file=None)`` writes to standard
    output — the error message landed in the CSV a script reads. It is dropped; the status still says it."""
    given = [part.format(missing=tmp_path / "missing.sqlite", ledger=ledger_file) for part in argv]
    command = " ".join(shlex.quote(part) for part in [str(SCRIPT), *given])
    with_stderr = subprocess.run(command, shell=True, capture_output=True, env=environment(), timeout=60)
    closed = subprocess.run(f"{command} 2>&-", shell=True, capture_output=True, env=environment(), timeout=60)
    assert (with_stderr.returncode, with_stderr.stdout) == (status, b"")
    assert with_stderr.stderr  # the failure is said where standard error is open ...
    assert (closed.returncode, closed.stdout, closed.stderr) == (status, b"", b"")  # ... and only the status where not


LOCALES = [{"LANG": "C"}, {"LC_ALL": "C.UTF-8"}, {"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"}]


@pytest.mark.parametrize("kind", ["statement csv", "journal", "quote json"])
def test_machine_output_is_the_same_utf_8_bytes_in_every_locale(ledger_file: Path, kind: str) -> None:
    """A terminal's encoding is for people: a script reads CSV and JSON as UTF-8, whatever ``LANG`` cron has."""
    outputs = {str(settings): infomanager(*commands(ledger_file)[kind], **settings) for settings in LOCALES}
    assert {(done.returncode, done.stderr) for done in outputs.values()} == {(0, b"")}
    assert len({done.stdout for done in outputs.values()}) == 1
    if kind != "quote json":  # the reference as UTF-8, whether in its own cell or in the journal's metadata
        assert "Überweisung Ω-7".encode() in outputs[str(LOCALES[0])].stdout


@pytest.mark.parametrize("kind", ["quote table", "statement", "demo"])
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_table_for_a_terminal_that_lacks_a_character_shows_it_as_a_question_mark(
    ledger_file: Path, kind: str, encoding: str
) -> None:
    """The quote's ``×``, ``fr_FR``'s narrow no-break space in amounts, the demo's dashes: a Latin-1 or ASCII
    terminal gets ``?`` for them, never a ``UnicodeEncodeError`` that loses the whole table."""
    done = infomanager(*commands(ledger_file)[kind], PYTHONIOENCODING=encoding)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode(encoding) == infomanager(*commands(ledger_file)[kind]).stdout.decode().encode(
        encoding, "replace"
    ).decode(encoding)  # the same table, in the terminal's own encoding


@pytest.mark.parametrize("kind", ["balances", "statement", "statement csv", "payouts", "journal", "check"])
def test_a_read_leaves_the_ledger_file_and_its_directory_as_they_were(ledger_file: Path, kind: str) -> None:
    """No ``-wal`` or ``-shm`` left beside a file that had none: a read-only connection cannot remove what SQLite
    made for it, so ``ls`` of the archive an operator audits changed."""
    before = ledger_file.stat()
    listing = sorted(path.name for path in ledger_file.parent.iterdir())
    assert listing == ["ledger.sqlite"]
    done = infomanager(*commands(ledger_file)[kind])
    assert done.returncode == 0
    after = ledger_file.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert sorted(path.name for path in ledger_file.parent.iterdir()) == listing


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["ledger", "--db", "{db}", "balances", "nobody"], 1),
        (["ledger", "--db", "{db}", "balances", "acme", "--on", "2026-02-30"], 2),
        (["ledger", "--db", "{db}", "journal", "--from", "2026-03-05", "--to", "2026-03-01"], 2),
        (["ledger", "--db", "{db}", "statement", "acme", "--currency", "XYZ"], 2),
        (["ledger", "--db", "{db}.missing", "balances", "acme"], 3),
        (["ledger", "--db", "{dir}", "check"], 3),
        (["quote", "web-hosting", "3", "--price-list", "{db}.missing.toml"], 3),
    ],
)
def test_each_kind_of_failure_has_its_status_and_one_line_on_standard_error(
    ledger_file: Path, argv: list[str], status: int
) -> None:
    filled = [part.format(db=ledger_file, dir=ledger_file.parent) for part in argv]
    done = infomanager(*filled)
    error = done.stderr.decode()
    assert (done.returncode, done.stdout) == (status, b"")
    assert error.count("\n") == 1, error
    assert "Traceback" not in error


def test_python_dash_m_runs_the_same_command_line_as_the_script(ledger_file: Path) -> None:
    """Where the console script is not on the PATH (a virtual environment not activated, a job's bare interpreter)."""
    words = ["ledger", "--db", str(ledger_file), "balances", "acme"]
    by_module = subprocess.run(
        [sys.executable, "-m", "infomanager_core", *words], capture_output=True, env=environment(), check=False
    )
    by_script = infomanager(*words)
    assert (by_module.returncode, by_module.stdout, by_module.stderr) == (0, by_script.stdout, b"")
    refused = subprocess.run(
        [sys.executable, "-m", "infomanager_core", "ledger", "--db", str(ledger_file), "balances", "nobody"],
        capture_output=True,
        env=environment(),
        check=False,
    )
    assert refused.returncode == infomanager("ledger", "--db", str(ledger_file), "balances", "nobody").returncode != 0
