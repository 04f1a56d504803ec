"""``sequences_between`` after the bad-input sweep, where mutation testing found that a reader with only one of the two
methods it reads through was let in: one with ``head`` alone answered an empty period instead of being refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from infomanager_core import InvalidInput
from infomanager_core.ledger import sequences_between, transactions_between
from tests.error_support import what_it_says


class HeadOnly:
    """Half a reader: it says the journal is empty, and cannot stream it."""

    def head(self) -> None:
        return None


class TransactionsOnly:
    """Half a reader: it streams nothing, and cannot say where the journal ends."""

    def transactions(self) -> list[object]:
        return []


@pytest.mark.parametrize(
    "reader", [HeadOnly(), TransactionsOnly(), None], ids=["head-only", "transactions-only", "none"]
)
@pytest.mark.parametrize("between", [sequences_between, transactions_between])
def test_a_reader_without_both_head_and_transactions_is_refused_by_name(
    reader: object, between: Callable[..., object]
) -> None:
    with pytest.raises(InvalidInput) as raised:
        between(reader, start=date(2026, 3, 1))
    assert what_it_says(raised.value) == (
        "reader",
        reader,
        "must be a LedgerReader",
        "e.g. with store.reading() as reader",
    )
