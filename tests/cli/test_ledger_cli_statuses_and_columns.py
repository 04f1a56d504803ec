"""``infomanager ledger``: exit statuses and layout. A missing ``--db`` or a missing action is argparse's one line and
status 2, never a traceback; an empty file is refused as no ledger and left empty; an empty ledger checks as sound;
and every cell sits under its heading, text flush left and numbers flush right.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SCHEMA_VERSION, SqliteLedgerStore
from infomanager_core.ledger import Iban, Ledger
from infomanager_core.money import Money

from .test_ledger_cli import run


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        for n in range(1, 11):  # sequence numbers of one and two digits
            ledger.top_up(organisation="acme", amount=Money(100 * n, "CHF"), effective=date(2026, 3, 3), key=f"t-{n}")
        ledger.request_payout(
            organisation="acme",
            amount=Money("300", "CHF"),
            destination=Iban("CH9300762011623852957"),
            effective=date(2026, 3, 6),
            key="p-1",
        )
        ledger.credit_cashback(partner="acme", order_id="A-2", amount=Money("8", "EUR"), effective=date(2026, 3, 6))
    return str(path)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("ledger", "balances", "acme"), "the following arguments are required: --db"),
        (("ledger", "--db", "{file}"), "the following arguments are required: ACTION"),
    ],
    ids=["no-db", "no-action"],
)
def test_a_missing_required_option_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], ledger_file: str, argv: tuple[str, ...], message: str
) -> None:
    status, out, err = run(capsys, *(part.format(file=ledger_file) for part in argv))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(
    "action", [("balances", "acme"), ("statement", "acme"), ("payouts", "acme"), ("journal",), ("check",)]
)
def test_an_empty_file_is_refused_as_no_ledger_and_left_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, action: tuple[str, ...]
) -> None:
    """The file is opened read-only: reading never turns a stray empty file into a new ledger."""
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    status, out, err = run(capsys, "ledger", "--db", str(empty), *action)
    assert (status, out) == (3, "")
    assert "has no ledger tables" in err
    assert empty.read_bytes() == b""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.sqlite"]


@pytest.mark.parametrize(
    ("name", "what"),
    [("missing.sqlite", "names no file"), ("folder", "is a directory"), ("", "names no file")],
    ids=["missing", "directory", "empty"],
)
def test_a_db_that_is_no_file_says_what_it_is_with_status_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, what: str
) -> None:
    """An empty ``--db`` (an unset shell variable) names no file; it is not called the current directory."""
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "ledger", "--db", name, "balances", "acme")
    assert (status, out) == (3, "")
    assert (
        err
        == f"infomanager ledger: error: --db: {name!r} {what}, not a ledger file (give the path of an existing SQLite ledger)\n"
    )


def _not_sqlite(path: Path) -> None:
    path.write_text("not a ledger\n")


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
        connection.commit()


def _newer(path: Path) -> None:
    SqliteLedgerStore(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.commit()


@pytest.mark.parametrize(
    ("make", "rule"),
    [
        (_not_sqlite, "cannot be opened as an SQLite ledger (file is not a database)"),
        (_foreign, "holds tables that are not a ledger's (invoices)"),
        (Path.touch, "has no ledger tables"),
        (
            _newer,
            f"holds a ledger of schema version {SCHEMA_VERSION + 1}; this version of infomanager_core reads up to"
            f" {SCHEMA_VERSION} (open it with the version of infomanager_core that wrote it, or a later one)\n",
        ),
    ],
    ids=["not-sqlite", "foreign", "empty", "newer"],
)
def test_a_file_that_is_no_ledger_is_named_by_the_option_the_operator_typed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Callable[[Path], object], rule: str
) -> None:
    """The store calls it ``path``; the command line was given ``--db``, and the message says so."""
    path = tmp_path / "file.sqlite"
    make(path)
    status, out, err = run(capsys, "ledger", "--db", str(path), "balances", "acme")
    assert (status, out) == (3, "")
    assert err.startswith(f"infomanager ledger: error: --db: {str(path)!r} {rule}")
    assert err.count("\n") == 1


@pytest.mark.parametrize("action", [("balances", "acme"), ("statement", "acme"), ("payouts", "acme")])
def test_a_locale_that_names_none_is_a_wrong_command_line_before_the_file_is_looked_at(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, action: tuple[str, ...]
) -> None:
    missing = tmp_path / "missing.sqlite"
    status, out, err = run(capsys, "ledger", "--db", str(missing), *action, "--locale", "xx_YY")
    assert (status, out) == (2, "")
    assert err.startswith("infomanager ledger: error: locale: 'xx_YY' ")


def test_a_statement_period_that_ends_before_it_starts_is_refused_by_its_options_before_the_file_is_looked_at(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.sqlite"
    argv = ("ledger", "--db", str(missing), "statement", "acme", "--from", "2026-03-05", "--to", "2026-03-01")
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err == (
        "infomanager ledger: error: --from/--to: (2026-03-05, 2026-03-01) the period must not end before it starts\n"
    )


def test_a_db_that_is_a_device_is_not_said_to_name_no_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "ledger", "--db", os.devnull, "check")
    assert (status, out) == (3, "")
    assert err == (
        f"infomanager ledger: error: --db: {os.devnull!r} is not a regular file, not a ledger file"
        " (give the path of an existing SQLite ledger)\n"
    )


def test_checking_a_ledger_without_transactions_says_it_is_sound_and_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "new.sqlite"
    SqliteLedgerStore(path).close()
    status, out, err = run(capsys, "ledger", "--db", str(path), "check")
    assert (status, out, err) == (0, f"{path}: sound, no transactions\n", "")


def _spans(row: str) -> list[tuple[int, int]]:
    """Where the cells of a row are: cells are separated by at least two spaces (an amount holds one no-break space)."""
    return [match.span() for match in re.finditer(r"\S+(?:\s\S+)*", row)]


@pytest.mark.parametrize(
    ("action", "right"),
    [
        (("balances", "acme"), {"posted", "pending", "available"}),
        (("statement", "acme", "--currency", "CHF"), {"#", "amount", "balance"}),
        (("payouts", "acme"), {"#", "amount"}),
    ],
    ids=["balances", "statement", "payouts"],
)
def test_every_cell_sits_under_its_heading_text_flush_left_and_numbers_flush_right(
    capsys: pytest.CaptureFixture[str], ledger_file: str, action: tuple[str, ...], right: set[str]
) -> None:
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "--locale", "en", *action)
    assert status == 0
    heading, *rows = out.splitlines()[2:]
    columns = {heading[start:end]: (start, end) for start, end in _spans(heading)}
    assert right <= set(columns)
    edges = {("end", end) if name in right else ("start", start) for name, (start, end) in columns.items()}
    assert rows
    for row in rows:
        for start, end in _spans(row):
            assert ("start", start) in edges or ("end", end) in edges, (row, row[start:end])
