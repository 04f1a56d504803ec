"""The ledger commands' days: ``--from``/``--to`` periods include both ends, so consecutive periods partition the
journal and chain their balances, and ``--on`` is the balance at the end of that day, across month ends, 29 February
and a year's end."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.formatting import format_money
from infomanager_core.ledger import Ledger
from tests import strategies as s
from tests.ledger.support import post_movements

uses_tmp_path = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def _file(tmp_path: Path, moves: list[tuple[date, int]]) -> tuple[str, Ledger]:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        post_movements(Ledger(store, clock=lambda: datetime(2029, 6, 30, tzinfo=UTC)), moves)
    return str(path), Ledger(SqliteLedgerStore(path, read_only=True))


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, str]]:
    assert main(list(argv)) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@uses_tmp_path
@given(data=st.data(), moves=s.prepaid_movements())
def test_consecutive_statement_periods_partition_the_movements_and_chain_their_balances(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: st.DataObject, moves: list[tuple[date, int]]
) -> None:
    path, _ = _file(tmp_path, moves)
    a, b, c = data.draw(s.period_cuts(moves), label="a ≤ b < c")
    statement = ["ledger", "--db", path, "statement", "acme", "--csv"]
    first = _rows(capsys, *statement, "--from", a.isoformat(), "--to", b.isoformat())
    second = _rows(capsys, *statement, "--from", (b + timedelta(days=1)).isoformat(), "--to", c.isoformat())
    whole = _rows(capsys, *statement, "--from", a.isoformat(), "--to", c.isoformat())
    assert first[1:-1] + second[1:-1] == whole[1:-1]
    assert (first[0], first[-1]["balance"], second[-1]) == (whole[0], second[0]["balance"], whole[-1])
    assert [row["effective"] for row in (first[0], first[-1], second[0])] == [
        a.isoformat(),
        b.isoformat(),
        (b + timedelta(days=1)).isoformat(),
    ]
    assert all(a.isoformat() <= row["effective"] <= b.isoformat() for row in first)
    journal = ["ledger", "--db", path, "journal"]
    before = _rows(capsys, *journal, "--to", b.isoformat())
    after = _rows(capsys, *journal, "--from", (b + timedelta(days=1)).isoformat())
    assert before + after == _rows(capsys, *journal)


@uses_tmp_path
@given(data=st.data(), moves=s.prepaid_movements())
def test_balances_on_a_day_are_the_balances_at_its_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: st.DataObject, moves: list[tuple[date, int]]
) -> None:
    path, ledger = _file(tmp_path, moves)
    _, on, _ = data.draw(s.period_cuts(moves), label="on")
    assert main(["ledger", "--db", path, "--locale", "en_GB", "balances", "acme", "--on", on.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"at the end of {on.isoformat()}" in out
    posted = ledger.balance_at("acme", "CHF", on=on).posted
    assert posted.minor_units() == sum(units for day, units in moves if day <= on)
    [row] = [line for line in out.splitlines() if line.startswith("CHF ")]
    assert row.removeprefix("CHF").lstrip().startswith(format_money(posted, "en_GB") + " ")  # the posted column
    ledger.store.close()
