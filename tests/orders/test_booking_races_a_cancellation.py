"""A cancellation racing a retried booking: ``book_order``'s check of its keys (was the payment or the cashback
reversed?) and its post are one unit of work of the store, so another worker's reversal lands before both — and the
booking is refused, ``BookingReversed`` — or after both, never between them, where the retry would answer with a
transaction that no longer stands.

Not timed: the booking is stopped between its check and its post (:class:`Between`, at the first unit of work that
writes), and there another worker tries to land its reversal without waiting (:func:`reversing_without_waiting`). A
door found shut is what the test wants; that worker then lands its reversal once the booking has returned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infomanager_core.access import Grant
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, StoreBusy
from infomanager_core.ledger import Ledger, LedgerReader, LedgerStore, Transaction, check_invariants
from infomanager_core.money import Money
from infomanager_core.orders import BookedOrder, BookingReversed, PrepaidPayment, book_order

from ..ledger.support import STORES, open_store
from .test_booking import DAY, quoted


class Between:
    """``inner``, which calls ``between`` once: when a unit of work that writes opens after a key was looked up — in
    ``book_order``, after its check of the keys and before ``post_many`` writes them, wherever the booking reads them
    (in a reading of its own, or in a unit of work of its own around ``post_many``'s). Everything else passes straight
    through."""

    def __init__(self, inner: LedgerStore, between: Callable[[], None]) -> None:
        self.inner = inner
        self.between: Callable[[], None] | None = between
        self.looked_up = False

    @contextmanager
    def reading(self) -> Iterator[LedgerReader]:
        with self.inner.reading() as reader:
            yield _Noting(reader, self)

    @contextmanager
    def writing(self) -> Iterator[Any]:  # a session that notes its look-ups
        between = self.between
        if between is not None and self.looked_up:
            self.between = None
            between()
        with self.inner.writing() as session:
            yield _Noting(session, self)

    def batch(self) -> AbstractContextManager[None]:
        return self.inner.batch()

    def close(self) -> None:
        self.inner.close()


class _Noting:
    """A reader or a session that notes in ``store`` that a key was looked up; everything passes straight through."""

    def __init__(self, inner: LedgerReader, store: Between) -> None:
        self._inner = inner
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def recorded(self, key: str) -> tuple[str, int] | None:
        self._store.looked_up = True
        return self._inner.recorded(key)


def reversing_without_waiting(store: LedgerStore, sequence: int) -> Transaction | None:
    """Another worker's reversal of transaction ``sequence``, landed now if the store lets a writer in at once;
    ``None`` if that writer would have to wait for a unit of work held open elsewhere.

    On a file, the worker is another process's connection: a store of its own on the file that waits for no lock
    (``timeout=0``). In memory (the memory store, the tests' journal store) it is another thread, which takes the
    store's one lock only if it is free, and holds it through its reversal."""
    if isinstance(store, SqliteLedgerStore):
        other = SqliteLedgerStore(store.path, durable=False, timeout=0)
        try:
            return reversal(Ledger(other), sequence)
        except StoreBusy:
            return None
        finally:
            other.close()
    landed: list[Transaction] = []
    failures: list[BaseException] = []

    def worker() -> None:
        lock = store._lock  # type: ignore[attr-defined]  # the lock every unit of work of these two stores takes
        if not lock.acquire(blocking=False):
            return
        try:
            landed.append(reversal(Ledger(store), sequence))
        except BaseException as failure:  # the test's own failure, raised below
            failures.append(failure)
        finally:
            lock.release()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
    return landed[0] if landed else None


def reversal(ledger: Ledger, sequence: int) -> Transaction:
    return ledger.reverse(sequence=sequence, effective=DAY, key=f"cancel-{sequence}", reason="order cancelled")


def booked(ledger: Ledger) -> BookedOrder:
    return book_order(
        ledger, quoted(Grant.full()), effective=DAY, prepaid_payment=PrepaidPayment.FULL, payment_key="p-1"
    )


@pytest.mark.parametrize("undone", ["payment", "cashback"])
@pytest.mark.parametrize("kind", STORES)
def test_a_reversal_cannot_land_between_the_check_of_a_retried_booking_and_its_post(
    kind: str, undone: str, tmp_path: Path
) -> None:
    store = open_store(kind, tmp_path)
    try:
        ledger = Ledger(store)
        ledger.top_up(organisation="bakery", amount=Money("400", "EUR"), effective=date(2026, 3, 1), key="t-1")
        first = booked(ledger)
        target = getattr(first, undone)
        assert target is not None
        in_the_window: list[Transaction | None] = []
        retry = Ledger(Between(store, lambda: in_the_window.append(reversing_without_waiting(store, target.sequence))))

        retried = booked(retry)

        with store.reading() as reader:
            undoing = reader.reversal_of(target.sequence)
        assert undoing is None, (
            f"book_order answered the {undone}, #{target.sequence}, which #{undoing} had reversed before it returned"
        )
        assert in_the_window == [None]  # the other worker waited for the booking's unit of work
        assert retried == first  # the retry answered what stood when it ran
        cancelled = reversal(ledger, target.sequence)  # the worker that waited lands its reversal after the booking
        with pytest.raises(BookingReversed) as refused:
            booked(ledger)
        assert (refused.value.sequence, refused.value.reversal) == (target.sequence, cancelled.sequence)
        check_invariants(ledger)
    finally:
        store.close()


def test_a_worker_kept_out_of_the_window_finds_the_door_open_once_the_booking_has_returned(tmp_path: Path) -> None:
    """The shut door of the test above is the booking's unit of work, not a store that refuses every writer: without
    a booking in flight the same worker lands its reversal at once, on every store."""
    for kind in STORES:
        (tmp_path / kind).mkdir()
        store = open_store(kind, tmp_path / kind)
        try:
            ledger = Ledger(store)
            ledger.top_up(organisation="bakery", amount=Money("400", "EUR"), effective=date(2026, 3, 1), key="t-1")
            landed = reversing_without_waiting(store, booked(ledger).payment.sequence)  # type: ignore[union-attr]
            assert landed is not None, kind
        finally:
            store.close()
