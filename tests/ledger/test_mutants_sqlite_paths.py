"""A path no file can have, given to an SQLite store, where mutation testing found that its refusals could lose their
rule without a test noticing (the sweep's test read only the field): a NUL character and a lone surrogate are each
refused saying why, and nothing is created.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infomanager_core import InvalidInput
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("ledger\x00.db", "must not contain a NUL character (no file name can)"),
        ("\ud800.db", "cannot be encoded as a file name"),
    ],
    ids=["nul", "lone-surrogate"],
)
def test_a_path_no_file_can_have_is_refused_saying_why(tmp_path: Path, name: str, rule: str) -> None:
    path = str(tmp_path / name)
    with pytest.raises(InvalidInput) as raised:
        SqliteLedgerStore(path)
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("path", path, rule)
    assert list(tmp_path.iterdir()) == []
