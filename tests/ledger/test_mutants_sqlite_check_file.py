"""``check_file`` on an index out of step with its table, where mutation testing found behaviour no test pinned:
SQLite's ``integrity_check`` answers such damage with findings rather than an error, and they break the law too.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import InvariantViolation, Ledger, check_invariants

DAY = date(2026, 3, 2)


def test_an_index_that_no_longer_matches_its_table_is_a_broken_law_for_check_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    with closing(sqlite3.connect(path)) as raw:  # a stray write: the index now claims another order of its columns
        raw.execute("PRAGMA writable_schema=ON")
        raw.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'account_kind, owner', 'owner, account_kind')"
            " WHERE name = 'ledger_postings_by_account'"
        )
        raw.commit()
    with SqliteLedgerStore(path, read_only=True) as store:
        check_invariants(store)  # replaying the journal never reads the index…
        with pytest.raises(InvariantViolation, match="missing from index ledger_postings_by_account") as broken:
            store.check_file()  # … the file's check does
    assert broken.value.law == "every page of the file is intact"
