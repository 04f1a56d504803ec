"""Idempotency keys are kept forever: on an SQLite file closed and opened again, every kind of operation retried under
its key returns the original transaction, and the same key with other content is a conflict, the file unchanged.

The stateful machine retries over a store that stays open; this is issue 4's "kept forever" across the one event a
store in memory never meets: the process ends, and a later one (a retried job, the next day's import) opens the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    Iban,
    IdempotencyConflict,
    Ledger,
    PaypalAddress,
    Transaction,
    check_invariants,
)

from .support import snapshot, ticking_clock

DAY, LATER = date(2026, 3, 2), date(2026, 3, 9)
IBAN = Iban("CH9300762011623852957")
PAYPAL = PaypalAddress("billing@acme.ch")


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


#: name -> the operation, effective on ``day``, as first made (``other=False``) or with one part of its content changed
#: (``other=True``). Each runs on the ledger the ones before it left (globex's top-up is #1): the requests are #5, #6
#: and #7, the top-up reversed is #4, and the payment comes last, to take all that is left and less than it asks.
OPERATIONS: dict[str, Callable[[Ledger, bool, date], Transaction]] = {
    "cashback": lambda ledger, other, day: ledger.credit_cashback(
        partner="acme", order_id="ORD-1", amount=chf("7.01" if other else "7.00"), effective=day
    ),
    "transfer deposit": lambda ledger, other, day: ledger.deposit_cancelled_transfer(
        payer="acme", order_id="ORD-9" if other else "ORD-2", amount=chf("120"), effective=day, key="bank-1"
    ),
    "top-up": lambda ledger, other, day: ledger.top_up(
        organisation="acme", amount=chf("30"), effective=day, key="bank-2", reference="QRR 2" if other else None
    ),
    "payout to a bank account": lambda ledger, other, day: ledger.request_payout(
        organisation="acme", amount=chf("10"), destination=PAYPAL if other else IBAN, effective=day, key="out-1"
    ),
    "payout to PayPal": lambda ledger, other, day: ledger.request_payout(
        organisation="acme", amount=chf("11" if other else "10"), destination=PAYPAL, effective=day, key="out-2"
    ),
    "payout to withdraw": lambda ledger, other, day: ledger.request_payout(
        organisation="globex" if other else "acme", amount=chf("5"), destination=IBAN, effective=day, key="out-3"
    ),
    "completion": lambda ledger, other, day: ledger.complete_payout(
        request=6 if other else 5, effective=day, key="out-1-sent"
    ),
    "failure": lambda ledger, other, day: ledger.fail_payout(
        request=6, effective=day, key="out-2-failed", reason="closed" if other else None
    ),
    "cancellation": lambda ledger, other, day: ledger.cancel_payout(
        request=5 if other else 7, effective=day, key="out-3-withdrawn"
    ),
    "reversal": lambda ledger, other, day: ledger.reverse(
        sequence=2 if other else 4, effective=day, key="undo-bank-2", reason="sent twice"
    ),
    "partial payment": lambda ledger, other, day: ledger.pay_order(
        organisation="acme", order_id="ORD-3", amount=chf("500"), effective=day, key="pay-3", partial=not other
    ),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Transaction]]:
    """A file holding one of each operation, written by a ledger that is then closed."""
    path = tmp_path_factory.mktemp("reopened") / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=ticking_clock())
        ledger.top_up(organisation="globex", amount=chf("5"), effective=DAY, key="globex-funded")
        originals = {name: operation(ledger, False, DAY) for name, operation in OPERATIONS.items()}
    assert originals["partial payment"].meta("requested") == "50000"  # it took less than it asked
    assert [transaction.sequence for transaction in originals.values()] == list(range(2, 2 + len(OPERATIONS)))
    return path, originals


@pytest.fixture
def reopened(written: tuple[Path, dict[str, Transaction]]) -> Iterator[Ledger]:
    path, _ = written
    store = SqliteLedgerStore(path, durable=False)
    yield Ledger(store, clock=ticking_clock())
    store.close()


@pytest.mark.parametrize("name", OPERATIONS)
def test_a_retry_on_the_reopened_file_a_week_later_returns_the_original_and_writes_nothing(
    name: str, written: tuple[Path, dict[str, Transaction]], reopened: Ledger
) -> None:
    before = snapshot(reopened)
    retried = OPERATIONS[name](reopened, False, LATER)
    assert retried == written[1][name]
    assert snapshot(reopened) == before


@pytest.mark.parametrize("name", OPERATIONS)
def test_the_same_key_with_other_content_on_the_reopened_file_is_a_conflict_and_writes_nothing(
    name: str, written: tuple[Path, dict[str, Transaction]], reopened: Ledger
) -> None:
    before = snapshot(reopened)
    with pytest.raises(IdempotencyConflict) as refused:
        OPERATIONS[name](reopened, True, LATER)
    assert refused.value.key == written[1][name].key
    assert snapshot(reopened) == before
    check_invariants(reopened.store)
