"""What post_many returns: a read-only sequence of its transactions, equal to the tuple the single calls would give."""

from __future__ import annotations

import copy
import pickle
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.ledger import (
    Iban,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    PostedBatch,
    Reversal,
    TopUp,
    Transaction,
)
from tests import strategies as s

from .support import START, STORES, new_ledger
from .test_bulk import post_one

DAY = date(2026, 3, 2)
OPERATIONS: list[Operation] = [
    TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"),
    OrderPayment(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
    PayoutRequest(
        organisation="acme", amount=Money("20", "CHF"), destination=Iban("CH9300762011623852957"), effective=DAY,
        key="r-1",
    ),
    PayoutCompletion(request=3, effective=DAY, key="c-1"),
    Reversal(sequence=2, effective=DAY, key="v-1", reason="paid twice"),
]  # fmt: skip


def fixed_ledger(kind: str, directory: Path) -> Ledger:
    """A fresh ledger whose clock always reads START, so that single calls and a batch stamp the same moment."""
    directory.mkdir(exist_ok=True)
    ledger = new_ledger(kind, directory)
    ledger.clock = lambda: START
    return ledger


@pytest.fixture(params=STORES)
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Ledger, Ledger]]:
    """Two fresh ledgers over the same kind of store with the same fixed clock: one for a batch, one for singles."""
    bulk, singles = fixed_ledger(request.param, tmp_path / "bulk"), fixed_ledger(request.param, tmp_path / "singles")
    yield bulk, singles
    bulk.store.close()
    singles.store.close()


def test_a_posted_batch_equals_the_tuple_the_single_methods_return(pair: tuple[Ledger, Ledger]) -> None:
    bulk, singles = pair
    posted = bulk.post_many(OPERATIONS)
    expected = tuple(post_one(singles, operation) for operation in OPERATIONS)
    assert posted == expected
    assert expected == posted  # from the tuple's side too
    assert posted == tuple(posted)
    assert bulk.journal() == singles.journal()


def test_a_posted_batch_has_one_transaction_per_operation_in_order(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    assert len(posted) == len(OPERATIONS)
    assert [transaction.sequence for transaction in posted] == [1, 2, 3, 4, 5]
    assert [transaction.key for transaction in posted] == [operation.key for operation in OPERATIONS]  # type: ignore[union-attr]
    assert all(isinstance(transaction, Transaction) for transaction in posted)


def test_a_posted_batch_is_indexed_like_the_tuple_of_its_transactions(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    as_tuple = tuple(posted)
    for index in range(-len(as_tuple), len(as_tuple)):
        assert posted[index] == as_tuple[index]
    assert posted[-1].kind.value == "reversal"
    for index in (len(as_tuple), -len(as_tuple) - 1):
        with pytest.raises(IndexError):
            posted[index]


@pytest.mark.parametrize(
    "window", [slice(None), slice(1, 3), slice(-2, None), slice(None, None, -1), slice(None, None, 2), slice(7, 9)]
)
def test_slicing_a_posted_batch_gives_a_tuple(pair: tuple[Ledger, Ledger], window: slice) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    part = posted[window]
    assert type(part) is tuple
    assert part == tuple(posted)[window]


def test_a_posted_batch_can_be_read_again_and_again(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    first, second = list(posted), list(posted)
    assert first == second
    assert list(reversed(posted)) == first[::-1]
    assert posted[2] in posted
    assert posted.index(posted[3]) == 3
    assert posted.count(posted[0]) == 1


def test_a_posted_batch_is_not_equal_to_a_list_nor_to_another_tuple(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    as_tuple = tuple(posted)
    assert posted != list(posted)
    assert list(posted) != posted
    assert posted != as_tuple[:-1]  # shorter
    assert posted != (*as_tuple, as_tuple[0])  # longer
    assert posted != (*as_tuple[:-1], as_tuple[0])  # same length, one transaction differs
    assert posted != "not a batch"


def test_two_posted_batches_of_the_same_transactions_are_equal(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    replayed = bulk.post_many(OPERATIONS)  # every key recorded with the same content: the originals again
    assert replayed == posted
    assert replayed is not posted


def test_a_posted_batch_is_unhashable(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    with pytest.raises(TypeError):
        hash(posted)
    with pytest.raises(TypeError):
        {posted}  # noqa: B018


def test_a_posted_batch_pickles_with_every_protocol_and_copies_to_an_equal_batch(pair: tuple[Ledger, Ledger]) -> None:
    """A worker that posts a batch sends the result back pickled: protocols 0 and 1 refused the slotted class."""
    bulk, _ = pair
    posted = bulk.post_many(OPERATIONS)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        kept = pickle.loads(pickle.dumps(posted, protocol))
        assert type(kept) is PostedBatch
        assert kept == posted
        assert kept == tuple(posted)
    assert copy.copy(posted) == posted
    assert copy.deepcopy(posted) == posted


def test_the_repr_of_a_posted_batch_says_how_many_transactions_it_holds(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    for batch in (OPERATIONS, [], OPERATIONS[:1]):
        assert re.search(rf"\b{len(batch)}\b", repr(bulk.post_many(batch)))


def test_an_empty_posted_batch_is_an_empty_sequence(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    posted = bulk.post_many([])
    assert len(posted) == 0
    assert posted == ()
    assert list(posted) == []
    assert posted[:] == ()


def test_a_replayed_operation_in_a_batch_yields_the_original_at_its_position(pair: tuple[Ledger, Ledger]) -> None:
    bulk, _ = pair
    earlier = bulk.top_up(organisation="acme", amount=Money("50", "CHF"), effective=DAY, key="before")
    again = TopUp(organisation="acme", amount=Money("50", "CHF"), effective=DAY, key="before")
    posted = bulk.post_many([OPERATIONS[0], again, OPERATIONS[1], OPERATIONS[0]])
    assert posted[1] == earlier  # recorded before the batch
    assert posted[3] == posted[0]  # recorded earlier in the batch
    assert [transaction.sequence for transaction in posted] == [2, 1, 3, 2]
    assert len(bulk.journal()) == 3


amounts = s.money("CHF", max_abs=10**4, min_value=1)
organisations = st.sampled_from(("acme", "globex"))


@st.composite
def accepted_batches(draw: st.DrawFn) -> list[Operation]:
    """Top-ups and partial payments under fresh keys, and now and then an earlier operation submitted again."""
    batch: list[Operation] = []
    for index in range(draw(st.integers(0, 8))):
        if batch and draw(st.integers(0, 4)) == 0:
            batch.append(draw(st.sampled_from(batch)))
        elif draw(st.booleans()):
            batch.append(TopUp(organisation=draw(organisations), amount=draw(amounts), effective=DAY, key=f"k-{index}"))
        else:
            batch.append(
                OrderPayment(organisation=draw(organisations), order_id=f"A-{index}", amount=draw(amounts), effective=DAY,
                             key=f"k-{index}", partial=True)
            )  # fmt: skip
    return batch


@settings(max_examples=max(settings.default.max_examples // 2, 1))
@given(batch=accepted_batches())
def test_any_accepted_batch_equals_what_its_single_calls_return(batch: list[Operation]) -> None:
    bulk, singles = Ledger(clock=lambda: START), Ledger(clock=lambda: START)
    for ledger in (bulk, singles):  # something to pay from
        ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="history-acme")
        ledger.top_up(organisation="globex", amount=Money("1000", "CHF"), effective=DAY, key="history-globex")
    expected = tuple(post_one(singles, operation) for operation in batch)  # 1000 CHF each: never refused
    posted = bulk.post_many(batch)
    assert len(posted) == len(expected)
    assert posted == expected
    assert posted[:] == expected
    assert tuple(posted[index] for index in range(-len(batch), 0)) == expected
