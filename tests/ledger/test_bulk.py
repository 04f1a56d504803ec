"""Posting many operations at once: the same journal as posting them one by one, or nothing at all."""

from __future__ import annotations

import functools
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.errors import InfomanagerError, InvalidInput
from infomanager_core.ledger import (
    BatchRefused,
    CashbackCredit,
    Iban,
    IdempotencyConflict,
    InsufficientFunds,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    PaypalAddress,
    Reversal,
    TopUp,
    Transaction,
    TransferDeposit,
    check_invariants,
)

from .support import START, new_ledger, snapshot

DAY = date(2026, 3, 2)
ORGANISATIONS = ("acme", "globex")
KEYS = tuple(f"key-{n}" for n in range(60))
ORDERS = tuple(f"order-{n}" for n in range(6))
DESTINATIONS = (Iban("CH9300762011623852957"), PaypalAddress("billing@acme.ch"))

# CHF and EUR are funded by the history; now and then USD or JPY, which no account holds before the batch: paid from,
# they are refused as never credited, naming the currencies the organisation holds then, the batch's own included.
amounts = st.builds(
    Money.from_minor_units, st.integers(1, 5000), st.sampled_from(("CHF", "EUR", "CHF", "EUR", "USD", "JPY"))
)
organisations = st.sampled_from(ORGANISATIONS)
keys = st.sampled_from(KEYS)
orders = st.sampled_from(ORDERS)
sequences = st.integers(1, 8)
requests = st.sampled_from((5, 5, 5, 6, 7, 8, 9))  # #5 is the history's payout request
reasons = st.none() | st.just("refused by the bank")


def operations(days: st.SearchStrategy[date]) -> st.SearchStrategy[Operation]:
    """Any operation on ``days``; money in more often than anything else, so that most batches are accepted."""
    top_ups = st.builds(
        TopUp, organisation=organisations, amount=amounts, effective=days, key=keys, reference=st.none() | orders
    )
    return st.one_of(
        top_ups,
        top_ups,
        top_ups,
        top_ups,
        st.builds(CashbackCredit, partner=organisations, order_id=orders, amount=amounts, effective=days),
        st.builds(TransferDeposit, payer=organisations, order_id=orders, amount=amounts, effective=days, key=keys),
        st.builds(OrderPayment, organisation=organisations, order_id=orders, amount=amounts, effective=days, key=keys,
                  partial=st.booleans()),
        st.builds(PayoutRequest, organisation=organisations, amount=amounts, destination=st.sampled_from(DESTINATIONS),
                  effective=days, key=keys),
        st.one_of(
            st.builds(PayoutCompletion, request=requests, effective=days, key=keys),
            st.builds(PayoutFailure, request=requests, effective=days, key=keys, reason=reasons),
            st.builds(PayoutCancellation, request=requests, effective=days, key=keys, reason=reasons),
        ),
        st.builds(Reversal, sequence=sequences, effective=days, key=keys, reason=reasons),
    )  # fmt: skip


@functools.cache
def _operations_between(first: int, last: int) -> st.SearchStrategy[Operation]:
    return operations(st.integers(first, last).map(lambda offset: DAY + timedelta(days=offset)))


@st.composite
def batches(draw: st.DrawFn, first: int, last: int, tag: str) -> list[Operation]:
    """Batches in date order, as loads are, from ``first`` to ``last`` days after ``DAY``.

    Keys are mostly fresh (``tag-n``); now and then an operation is submitted again (a retry) or takes a key that may
    already be used (a conflict, unless the content happens to match).
    """
    each = _operations_between(first, last)
    batch: list[Operation] = []
    for index in range(draw(st.integers(0, 12))):
        if batch and draw(st.integers(0, 9)) == 0:
            batch.append(draw(st.sampled_from(batch)))
            continue
        operation = draw(each)
        if not isinstance(operation, CashbackCredit) and draw(st.integers(0, 9)):
            operation = attrs.evolve(operation, key=f"{tag}-{index}")
        batch.append(operation)
    return sorted(batch, key=lambda operation: operation.effective)


def post_one(ledger: Ledger, operation: Operation) -> Transaction:
    """The single-operation method an operation request stands for."""
    match operation:
        case TopUp():
            return ledger.top_up(**_fields(operation))
        case CashbackCredit():
            return ledger.credit_cashback(**_fields(operation))
        case TransferDeposit():
            return ledger.deposit_cancelled_transfer(**_fields(operation))
        case OrderPayment():
            return ledger.pay_order(**_fields(operation))
        case PayoutRequest():
            return ledger.request_payout(**_fields(operation))
        case PayoutCompletion():
            return ledger.complete_payout(**_fields(operation))
        case PayoutFailure():
            return ledger.fail_payout(**_fields(operation))
        case PayoutCancellation():
            return ledger.cancel_payout(**_fields(operation))
        case Reversal():
            return ledger.reverse(**_fields(operation))


def _fields(operation: Any) -> dict[str, Any]:
    return {name: getattr(operation, name) for name in operation.__slots__ if not name.startswith("__")}


#: Every account funded, and one payout request (#5): so that most generated operations have something to act on.
HISTORY: list[Operation] = [
    *(
        TopUp(organisation=organisation, amount=Money("30", code), effective=DAY, key=f"history-{organisation}-{code}")
        for organisation in ORGANISATIONS
        for code in ("CHF", "EUR")
    ),
    PayoutRequest(organisation="acme", amount=Money("5", "CHF"), destination=DESTINATIONS[1], effective=DAY,
                  key="history-payout"),
]  # fmt: skip


def one_by_one(ledger: Ledger, batch: list[Operation]) -> tuple[list[Transaction], tuple[int, InfomanagerError] | None]:
    """Post each operation alone until one is refused: the results, and the index and error of the refusal."""
    results = []
    for index, operation in enumerate(batch):
        try:
            results.append(post_one(ledger, operation))
        except InfomanagerError as error:
            return results, (index, error)
    return results, None


@given(prefix=batches(0, 1, "before"), batch=batches(1, 3, "batch"))
def test_a_batch_posts_exactly_what_its_operations_post_one_by_one_or_nothing(
    prefix: list[Operation], batch: list[Operation]
) -> None:
    same_as_one_by_one("memory", prefix, batch)


# Two SQLite files per example cost ~70 ms to create: a third of the examples keeps the suite fast.
@settings(max_examples=max(settings.default.max_examples // 3, 1))
@given(prefix=batches(0, 1, "before"), batch=batches(1, 3, "batch"))
def test_a_batch_on_sqlite_posts_exactly_what_its_operations_post_one_by_one_or_nothing(
    prefix: list[Operation], batch: list[Operation]
) -> None:
    same_as_one_by_one("sqlite", prefix, batch)


def same_as_one_by_one(store: str, prefix: list[Operation], batch: list[Operation]) -> None:
    """After the same history, ``batch`` posted at once gives what its operations give one by one, or nothing."""
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "singles").mkdir()
        (Path(directory) / "bulk").mkdir()
        singles = new_ledger(store, Path(directory) / "singles")
        bulk = new_ledger(store, Path(directory) / "bulk")
        # One fixed clock: a refused batch reads the clock too, which must not shift the retry's recorded_at.
        singles.clock = bulk.clock = lambda: START
        try:
            # The same history before the batch, posted one by one on both.
            one_by_one(singles, HISTORY + prefix)
            one_by_one(bulk, HISTORY + prefix)
            before = snapshot(bulk)
            expected, refusal = one_by_one(singles, batch)
            if refusal is not None:
                index, error = refusal
                event(f"refused: {type(error).__name__}")
                with pytest.raises(BatchRefused) as refused:
                    bulk.post_many(batch)
                assert refused.value.index == index
                assert type(refused.value.error) is type(error)
                assert str(refused.value.error) == str(error)
                assert snapshot(bulk) == before
            # What was accepted one by one (all of it, or what came before the refusal) posts the same in one go.
            accepted = batch if refusal is None else batch[: refusal[0]]
            event(f"accepted in one batch: {min(len(accepted), 5)}{'+' if len(accepted) >= 5 else ''} operations")
            assert list(bulk.post_many(accepted)) == expected
            assert snapshot(bulk) == snapshot(singles)
            check_invariants(bulk.store)
        finally:
            singles.store.close()
            bulk.store.close()


def test_a_refused_operation_refuses_the_whole_batch_and_says_which_it_was(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-0")
    before = snapshot(ledger)
    batch: list[Operation] = [
        TopUp(organisation="acme", amount=Money("50", "CHF"), effective=DAY, key="t-1"),
        OrderPayment(organisation="acme", order_id="A-1", amount=Money("40", "CHF"), effective=DAY, key="p-1"),
        OrderPayment(organisation="acme", order_id="A-2", amount=Money("40", "CHF"), effective=DAY, key="p-2"),
    ]
    with pytest.raises(BatchRefused, match="operation 2 of the batch") as refused:
        ledger.post_many(batch)
    assert refused.value.index == 2
    assert isinstance(refused.value.error, InsufficientFunds)
    assert refused.value.__cause__ is refused.value.error
    assert snapshot(ledger) == before


def test_a_batch_sees_its_own_earlier_operations_and_keys(ledger: Ledger) -> None:
    top_up = TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    posted = ledger.post_many(
        [
            top_up,
            PayoutRequest(
                organisation="acme", amount=Money("60", "CHF"), destination=DESTINATIONS[0], effective=DAY, key="out-1"
            ),
            PayoutCompletion(request=2, effective=DAY, key="out-1-done"),
            top_up,  # the same key and content again: the original, not a new transaction
        ]
    )
    assert [transaction.sequence for transaction in posted] == [1, 2, 3, 1]
    assert ledger.balances("acme", "CHF").available == Money("40", "CHF")
    check_invariants(ledger.store)


def test_a_key_reused_with_other_content_inside_a_batch_is_a_conflict(ledger: Ledger) -> None:
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many(
            [
                TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"),
                TopUp(organisation="acme", amount=Money("101", "CHF"), effective=DAY, key="t-1"),
            ]
        )
    assert refused.value.index == 1
    assert isinstance(refused.value.error, IdempotencyConflict)
    assert ledger.journal() == ()


def test_an_empty_batch_posts_nothing(ledger: Ledger) -> None:
    assert ledger.post_many([]) == ()
    assert ledger.journal() == ()


def test_something_that_is_not_an_operation_request_is_refused_by_index(ledger: Ledger) -> None:
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t"), "top up"])  # type: ignore[list-item]
    assert refused.value.index == 1
    assert ledger.journal() == ()


@pytest.mark.parametrize(
    "given",
    [
        "top-up",
        b"top-up",
        TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t"),
        {TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t"): 1},
    ],
    ids=["a string", "bytes", "one request", "a mapping"],
)
def test_one_value_given_for_the_batch_is_refused_as_the_operations_not_taken_apart(
    ledger: Ledger, given: object
) -> None:
    """A string was taken apart and refused 'at index 0'; a mapping would have posted its keys, not its values."""
    with pytest.raises(InvalidInput) as refused:
        ledger.post_many(given)  # type: ignore[arg-type]
    assert not isinstance(refused.value, BatchRefused)
    assert (refused.value.field, refused.value.value) == ("operations", given)
    assert ledger.journal() == ()


class _Unreadable(TopUp):
    """A request whose fields cannot be read: its plan fails with an error that is not the library's."""

    def __getattribute__(self, name: str) -> Any:
        if name == "organisation":
            raise RuntimeError("the request's organisation cannot be read")
        return super().__getattribute__(name)


def test_the_first_refusal_in_order_is_reported_whether_it_is_in_the_request_or_in_the_journal(ledger: Ledger) -> None:
    """Requests are checked before the unit of work opens; a bad request after one the journal refuses is still
    reported second, as one by one (and an error of the caller's own object surfaces only in its turn)."""
    funded = TopUp(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
    overdrawn = OrderPayment(organisation="acme", order_id="A-1", amount=Money("50", "CHF"), effective=DAY, key="p-1")
    malformed = TopUp(organisation="acme ", amount=Money("1", "CHF"), effective=DAY, key="t-2")
    unreadable = _Unreadable(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-3")
    for late in (malformed, unreadable):
        with pytest.raises(BatchRefused) as refused:
            ledger.post_many([funded, overdrawn, late])
        assert (refused.value.index, type(refused.value.error)) == (1, InsufficientFunds)
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([funded, malformed, overdrawn])
    assert (refused.value.index, type(refused.value.error)) == (1, InvalidInput)
    with pytest.raises(RuntimeError, match="cannot be read"):
        ledger.post_many([funded, unreadable, overdrawn])
    assert ledger.journal() == ()
