"""A ledger read from an archive, where mutation testing found behaviour no test pinned: a backup that copied an
empty write-ahead log beside the file holds nothing in it, so the file is still read as immutable, creating nothing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, opening
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money

DAY = date(2026, 3, 2)


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="no statvfs on this platform")
def test_a_ledger_archived_with_an_empty_write_ahead_log_is_read_as_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("75", "CHF"), effective=DAY, key="t-1")
    Path(f"{path}-wal").write_bytes(b"")  # the copy of a log checkpointed to nothing
    real = os.statvfs
    monkeypatch.setattr(  # every directory reports the read-only flag, as one mounted ``ro`` does
        opening.os, "statvfs", lambda where: SimpleNamespace(f_flag=real(where).f_flag | os.ST_RDONLY)
    )
    with SqliteLedgerStore(path, read_only=True) as store:
        assert Ledger(store).balances("acme", "CHF").posted == Money("75", "CHF")
    assert sorted(found.name for found in tmp_path.iterdir()) == ["ledger.sqlite", "ledger.sqlite-wal"]  # no -shm
