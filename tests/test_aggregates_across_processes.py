"""Aggregates across processes and copies (docs/decisions.md, "Values and aggregates across processes").

An aggregate held in memory — the programme, a tagging, the billing notifications, a tender board, a security account,
a memory ledger store — pickles and copies as a snapshot: an equal, sound aggregate of its own, which later commands
on either side leave the other untouched. ``copy.copy`` gives the same whole copy, never a second handle on shared
insides. A ``Ledger`` is a handle on its store: copied, it shares the store; deep-copied or pickled, it takes a
snapshot of a memory store. An SQLite store holds this process's connections to a file: pickling or copying one is
refused with a typed error that says to open a store on the file in the other process.
"""

from __future__ import annotations

import copy
import pickle
import threading
from collections.abc import Callable
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from infomanager_core import Money
from infomanager_core.access import Role
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, UnitOfWorkMisuse
from infomanager_core.ledger import Iban, Ledger, OrderAlreadyPaid, check_invariants
from infomanager_core.ledger.memory_store import MemoryLedgerStore
from infomanager_core.notifications import BillingNotifications
from infomanager_core.tags import Tagging
from infomanager_core.tenders import TenderBoard
from tests.refusals import state_of
from tests.security.support import new_account

DAY = date(2026, 3, 2)
LATER = MONDAY + timedelta(hours=1)

WAYS = {
    **{f"pickle protocol {protocol}": (lambda value, p=protocol: pickle.loads(pickle.dumps(value, p)))
       for protocol in range(pickle.HIGHEST_PROTOCOL + 1)},
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}  # fmt: skip
COPIED = pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())


def _books() -> Ledger:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    return ledger


def _programme_command(programme: Any) -> object:
    return programme.change_role("bakery", "cleo", Role.LEGAL_REPRESENTATIVE, by="carl", at=LATER)


def _tagging() -> Tagging:
    tagging = Tagging(example_programme())
    tagging.create("bakery", "Shop", colour=1, by="carl", at=MONDAY)
    return tagging


def _notifications() -> BillingNotifications:
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=UTC, by="carl", at=MONDAY)
    registry.add_product("web-1", organisation="bakery", due=date(2026, 4, 30), by="carl", at=MONDAY)
    return registry


def _board() -> TenderBoard:
    board = TenderBoard(example_programme())
    board.opt_in("agency", by="paula", at=MONDAY)
    return board


#: Each in-memory aggregate: how to make one, and a command that changes it.
AGGREGATES: dict[str, tuple[Callable[[], Any], Callable[[Any], object]]] = {
    "programme": (example_programme, _programme_command),
    "tagging": (_tagging, lambda tagging: tagging.rename("tag-1", "Shops", by="carl", at=LATER)),
    "notifications": (
        _notifications,
        lambda registry: registry.switch_auto_renewal("web-1", True, by="carl", at=LATER),
    ),
    "tender board": (_board, lambda board: board.opt_out("agency", by="paula", at=LATER)),
    "security account": (new_account, lambda account: account.add_kauth("iphone-carl", at=LATER)),
    "memory store": (
        lambda: _books().store,
        lambda store: Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2"),
    ),
}
EACH = pytest.mark.parametrize(("make", "change"), AGGREGATES.values(), ids=AGGREGATES.keys())


def state(aggregate: object) -> object:
    if isinstance(aggregate, MemoryLedgerStore):
        return Ledger(aggregate).journal()
    return state_of(aggregate)


@EACH
@COPIED
def test_an_aggregate_in_memory_copies_and_pickles_as_a_sound_snapshot_of_its_own(
    make: Callable[[], Any], change: Callable[[Any], object], way: Callable[[object], Any]
) -> None:
    original = make()
    snapshot = way(original)
    assert type(snapshot) is type(original)
    assert state(snapshot) == state(original)
    before = state(original)
    change(snapshot)
    assert state(snapshot) != before, "the command changed the copy"
    assert state(original) == before, "and left the original as it was"
    change(original)
    for aggregate in (original, snapshot):
        if isinstance(aggregate, MemoryLedgerStore):
            check_invariants(aggregate)
        else:
            aggregate.check_invariants()


@COPIED
def test_a_tagging_pickled_with_its_programme_keeps_sharing_it(way: Callable[[object], Any]) -> None:
    """A tagging reads its programme (they share a clock): copied together, the copies share the copied programme."""
    tagging = _tagging()
    programme, kept = way((tagging.access, tagging))
    assert kept.access is programme


def test_a_ledger_copied_shares_its_store_and_deep_copied_takes_a_snapshot_of_it() -> None:
    books = _books()
    assert copy.copy(books).store is books.store
    for snapshot in (copy.deepcopy(books), pickle.loads(pickle.dumps(books))):
        assert snapshot.journal() == books.journal()
        snapshot.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
        assert len(books.journal()) == 1
        assert snapshot.balances("acme", "CHF").posted == Money("105", "CHF")


@COPIED
def test_a_memory_store_snapshot_keeps_every_field_of_its_state(way: Callable[[object], Any]) -> None:
    """Every field but the lock and the units of work's own, each holding something here. The snapshot listed its
    fields by hand, and the index of order payments added later was dropped: a copied ledger paid an order a second
    time."""
    books = _books()
    paid = books.pay_order(organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="p-1")
    books.reverse(sequence=paid.sequence, effective=DAY, key="undo-p-1", reason="paid by card")
    books.pay_order(organisation="acme", order_id="ORD-1", amount=Money("20", "CHF"), effective=DAY, key="p-2")
    payout = books.request_payout(
        organisation="acme", amount=Money("10", "CHF"), destination=Iban("CH9300762011623852957"), effective=DAY,
        key="out-1",
    )  # fmt: skip
    books.complete_payout(request=payout.sequence, effective=DAY, key="done-1")
    store = books.store
    assert isinstance(store, MemoryLedgerStore)
    units_of_work = {"_lock", "_unit", "_view", "_savepoints", "_replaced"}  # the open units' own: empty between them
    assert (store._savepoints, store._replaced) == ([], [])
    fields = [field.name for field in attrs.fields(MemoryLedgerStore) if field.name not in units_of_work]
    assert all(getattr(store, name) for name in fields), "every field holds something, so that the law can fail"
    snapshot = way(store)
    assert {name: getattr(snapshot, name) for name in fields} == {name: getattr(store, name) for name in fields}
    with pytest.raises(OrderAlreadyPaid):
        Ledger(snapshot).pay_order(
            organisation="acme", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-3"
        )


def test_a_memory_store_snapshot_taken_during_another_threads_unit_of_work_waits_for_it_and_holds_it_whole() -> None:
    """A snapshot is taken under the store's lock: one asked for while another thread posts sees all of that unit of
    work or none of it, never a journal ahead of its balances or index."""
    books = _books()
    store = books.store
    asked, copies = threading.Event(), []
    taker = threading.Thread(target=lambda: (asked.set(), copies.append(copy.copy(store))))
    with store.writing():
        taker.start()
        assert asked.wait(timeout=30)
        taker.join(timeout=0.2)  # a snapshot not waiting for the lock is taken here, before the payments
        books.pay_order(organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="p-1")
        books.pay_order(organisation="acme", order_id="ORD-2", amount=Money("20", "CHF"), effective=DAY, key="p-2")
    taker.join(timeout=30)
    [snapshot] = copies
    assert [t.key for t in Ledger(snapshot).journal()] == ["t-1", "p-1", "p-2"]
    check_invariants(snapshot)


class GaveUp(Exception):
    """The caller's own error, ending a batch it opened."""


@COPIED
def test_a_memory_store_snapshot_taken_inside_a_batch_holds_it_so_far_as_a_store_with_no_unit_of_work_open(
    way: Callable[[object], Any],
) -> None:
    """Taken on the thread of an open batch (whose lock it holds), a snapshot has the batch's writes so far and none of
    its savepoints or undo records: a store at rest, whose appends keep no undo record, and which the batch given up
    afterwards leaves as it was."""
    books = _books()
    store = books.store
    assert isinstance(store, MemoryLedgerStore)
    taken: list[MemoryLedgerStore] = []

    def snapshot_then_give_up() -> None:
        with store.batch():
            books.pay_order(organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="p-1")
            taken.append(way(store))
            raise GaveUp

    with pytest.raises(GaveUp):
        snapshot_then_give_up()
    [snapshot] = taken
    assert (snapshot._savepoints, snapshot._replaced) == ([], [])
    copied = Ledger(snapshot)
    copied.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-2")
    assert (snapshot._savepoints, snapshot._replaced) == ([], [])
    assert ([t.key for t in copied.journal()], [t.key for t in books.journal()]) == (["t-1", "p-1", "t-2"], ["t-1"])


@COPIED
def test_an_sqlite_store_is_neither_pickled_nor_copied_and_says_to_open_one_in_the_other_process(
    tmp_path: Path, way: Callable[[object], Any]
) -> None:
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:
        books = Ledger(store)
        books.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
        for held in (store, books) if way is not copy.copy else (store,):  # a ledger copied shares its store
            with pytest.raises(
                UnitOfWorkMisuse, match="open a SqliteLedgerStore on the file in each process"
            ) as refused:
                way(held)
            assert str(tmp_path / "ledger.sqlite") in str(refused.value)
        assert books.balances("acme", "CHF").posted == Money("100", "CHF"), "the store still works"
        assert copy.copy(books).store is store
