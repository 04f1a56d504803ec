"""A period of the journal, read without reading what comes before it.

Effective dates never go backwards along the sequence (law 1 of :func:`~infomanager_core.ledger.check_invariants`),
so the transactions of a period of business days are one run of sequences, found by binary search: a few point reads
(about 2 log₂ n) instead of decoding every earlier transaction. An export of last month from a file holding years
takes what the month takes.

>>> from datetime import date
>>> from infomanager_core.ledger import Ledger
>>> from infomanager_core.money import Money
>>> ledger = Ledger()
>>> for n, day in enumerate([date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 9), date(2026, 4, 1)], start=1):
...     _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=day, key=f"t-{n}")
>>> with ledger.store.reading() as reader:
...     sequences_between(reader, start=date(2026, 3, 3), end=date(2026, 3, 31))
range(3, 4)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from ..errors import InvalidInput
from .plans import business_period
from .store import LedgerReader
from .transaction import Transaction

__all__ = ["sequences_between", "transactions_between"]


def sequences_between(reader: LedgerReader, *, start: date | None = None, end: date | None = None) -> range:
    """The sequences of the transactions effective from ``start`` to ``end`` (both included; ``None``: open).

    >>> from infomanager_core.ledger import MemoryLedgerStore
    >>> with MemoryLedgerStore().reading() as reader:
    ...     sequences_between(reader, start=date(2026, 3, 1))
    range(1, 1)
    """
    if not (callable(getattr(reader, "head", None)) and callable(getattr(reader, "transactions", None))):
        raise InvalidInput("reader", reader, "must be a LedgerReader", hint="e.g. with store.reading() as reader")
    first_day, last_day = business_period(start, end)
    head = reader.head()
    if head is None:
        return range(1, 1)
    last = head[0]
    first = 1 if first_day is None else _first_not(reader, last, lambda day: day < first_day)
    stop = last + 1 if last_day is None else _first_not(reader, last, lambda day: day <= last_day)
    return range(first, max(first, stop))


def transactions_between(
    reader: LedgerReader, *, start: date | None = None, end: date | None = None
) -> Iterator[Transaction]:
    """The transactions effective from ``start`` to ``end`` (both included), streamed in sequence order.

    >>> from infomanager_core.ledger import MemoryLedgerStore
    >>> with MemoryLedgerStore().reading() as reader:
    ...     list(transactions_between(reader, end=date(2026, 3, 1)))
    []
    """
    chosen = sequences_between(reader, start=start, end=end)
    if not chosen:
        return iter(())
    return reader.transactions(since=chosen.start, upto=chosen[-1])


def _first_not(reader: LedgerReader, last: int, holds: Callable[[date], bool]) -> int:
    """The first sequence from 1 to ``last`` whose date no longer ``holds`` (``last + 1`` if every date does).

    ``holds`` is true of a prefix of the journal, because dates never go backwards.
    """
    low, high = 1, last + 1
    while low < high:
        middle = (low + high) // 2
        transaction = reader.transaction(middle)
        if transaction is not None and holds(transaction.effective):
            low = middle + 1
        else:
            high = middle
    return low
