"""An auditor a year later reads the ledger from an archive: a read-only file system (a backup mounted ``ro``, a
WORM archive) where SQLite cannot create the ``-shm`` file that WAL mode reads through."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, opening
from infomanager_core.ledger import Ledger, check_invariants
from infomanager_core.money import Money

from .support import ticking_clock

DAY = date(2026, 12, 31)


def a_file(path: Path) -> None:
    with SqliteLedgerStore(path) as store:
        Ledger(store, clock=ticking_clock()).top_up(
            organisation="acme", amount=Money("75", "CHF"), effective=DAY, key="t-1"
        )


@pytest.fixture
def read_only_file_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every directory reports the read-only flag, as one mounted ``ro`` does (mounting needs privileges)."""
    if not hasattr(os, "statvfs"):
        pytest.skip("no statvfs on this platform")
    real = os.statvfs

    def statvfs(path: object) -> object:
        found = real(path)  # type: ignore[arg-type]
        return SimpleNamespace(f_flag=found.f_flag | os.ST_RDONLY)

    monkeypatch.setattr(opening.os, "statvfs", statvfs)


@pytest.mark.usefixtures("read_only_file_system")
def test_a_closed_ledger_on_a_read_only_file_system_is_read_without_creating_anything_beside_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.sqlite"
    a_file(path)
    with SqliteLedgerStore(path, read_only=True) as store:
        assert Ledger(store).balances("acme", "CHF").posted == Money("75", "CHF")
        check_invariants(store)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.sqlite"]  # no -shm, no -wal: it could not


@pytest.mark.usefixtures("read_only_file_system")
def test_a_ledger_archived_with_its_write_ahead_log_is_read_with_the_log(tmp_path: Path) -> None:
    # A copy taken while the service had the file open holds its last transactions in the -wal file: reading the
    # file as immutable would silently leave them out, so a file with a log is read through it.
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as writer:
        ledger = Ledger(writer, clock=ticking_clock())
        ledger.top_up(organisation="acme", amount=Money("75", "CHF"), effective=DAY, key="t-1")
        ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
        assert Path(f"{path}-wal").stat().st_size > 0
        with SqliteLedgerStore(path, read_only=True) as store:
            assert Ledger(store).balances("acme", "CHF").posted == Money("80", "CHF")
