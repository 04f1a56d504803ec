"""The SQLite store's units of work, where mutation testing found behaviour no test pinned: a journal streamed inside
a ``writing()`` block (alone, nested in a batch, or ended by an error) or a ``reading()`` block nested in a batch ends
with its block, as one streamed inside a plain ``reading()`` block does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, UnitOfWorkMisuse
from infomanager_core.ledger import Ledger, Transaction, check_invariants

DAY = date(2026, 3, 2)
TEN = Money("10", "CHF")


@pytest.mark.parametrize(
    ("unit", "nested"),
    [("writing", False), ("writing", True), ("reading", True)],
    ids=["writing alone", "writing inside a batch", "reading inside a batch"],
)
def test_a_journal_kept_past_its_block_neither_freezes_the_view_nor_blocks_writes(
    tmp_path: Path, unit: str, nested: bool
) -> None:
    path = tmp_path / "ledger.sqlite"
    mine = Ledger(SqliteLedgerStore(path, durable=False))
    mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-1")
    mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-2")
    around: AbstractContextManager[None] = mine.store.batch() if nested else nullcontext()
    with around:
        with getattr(mine.store, unit)() as session:
            kept = session.transactions()
            next(kept)  # half read, and still referenced
        mine.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    other = Ledger(SqliteLedgerStore(path, durable=False, timeout=1))
    other.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-4")  # not "database is locked"
    assert mine.balances("acme", "CHF").posted == Money("35", "CHF")  # not the snapshot of the abandoned read
    with pytest.raises(UnitOfWorkMisuse, match=r"read after its reading\(\) block ended"):
        next(kept)
    check_invariants(mine.store)
    mine.store.close()
    other.store.close()


def test_a_journal_kept_past_a_writing_block_that_failed_is_closed_with_it(tmp_path: Path) -> None:
    ledger = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False))
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-1")
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-2")
    kept: list[Iterator[Transaction]] = []

    def give_up_halfway() -> None:
        with ledger.store.writing() as writer:
            kept.append(writer.transactions())
            next(kept[0])  # half read, and still referenced
            raise RuntimeError("the caller gave up")

    with pytest.raises(RuntimeError, match="gave up"):
        give_up_halfway()
    ledger.top_up(organisation="acme", amount=TEN, effective=DAY, key="t-3")
    with pytest.raises(UnitOfWorkMisuse, match=r"read after its reading\(\) block ended"):
        next(kept[0])
    assert ledger.balances("acme", "CHF").posted == Money("30", "CHF")
    ledger.store.close()
