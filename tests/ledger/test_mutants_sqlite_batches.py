"""A batch of writes to an SQLite file, where mutation testing found behaviour no test pinned: an append refused
halfway through inside a batch (its first rows already written) leaves nothing of itself, while the batch's other
writes are committed — each write in a batch is whole or absent; and a bulk load's keys, looked up in chunks, are
all found.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, TopUp, check_invariants

from .support import START, snapshot
from .test_store_refusals import CHANGES, DAY, HEAD, REFUSED, history


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_an_append_refused_inside_a_batch_leaves_nothing_and_the_batch_commits_the_rest(
    case: str, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=lambda: START)
        history(ledger)
        before = snapshot(ledger)
        entries, fingerprints = REFUSED[case]
        with store.batch():
            with pytest.raises((RuntimeError, sqlite3.IntegrityError)), store.writing() as session:
                session.append(entries, fingerprints, CHANGES)
            assert snapshot(ledger) == before
            after = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="new")
    assert after.sequence == HEAD + 1
    with SqliteLedgerStore(path, durable=False, read_only=True) as store:
        reopened = Ledger(store)
        assert [transaction.key for transaction in reopened.journal()][-2:] == ["v-1", "new"]
        assert reopened.balances("acme", "CHF").posted == Money("41", "CHF")
        check_invariants(store)


def test_keys_looked_up_in_bulk_are_all_found_past_sqlites_limit_on_parameters(tmp_path: Path) -> None:
    """A bulk load of a thousand operations looks their keys up in chunks: a key at a chunk's edge is found too."""
    keys = [f"import-{number:04}" for number in range(1_001)]
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False) as store:
        Ledger(store, clock=lambda: START).post_many(
            TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key=key) for key in keys
        )
        with store.reading() as reader:
            one_by_one = {key: reader.recorded(key) for key in keys}
            assert reader.recorded_many([*keys, "never-used", *keys]) == one_by_one
        assert len(set(one_by_one.values())) == len(keys)
