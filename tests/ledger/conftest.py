from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infomanager_core.ledger import Ledger

from .support import STORES, new_ledger


@pytest.fixture(params=STORES)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    """A fresh, empty ledger over each store in turn."""
    ledger = new_ledger(request.param, tmp_path)
    yield ledger
    ledger.store.close()
