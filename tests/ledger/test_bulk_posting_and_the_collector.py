"""A bulk posting leaves little for the garbage collector's oldest generation, which every full collection walks.

CPython stops tracking a tuple of plain values at a collection that finds the tuples it holds untracked already. A
bulk posting makes a few tuples a request (its plan, fingerprint and metadata, then its entry); held one inside the
other, each level took one more collection, and every plan of a batch reached the oldest generation before the
posting ended. These tests count what does, during a posting of the benchmark's mix of requests.
"""

from __future__ import annotations

import gc
import sys
import sysconfig
from collections import Counter
from datetime import date

import pytest

from infomanager_core.ledger import (
    CashbackCredit,
    Iban,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    TopUp,
)
from infomanager_core.ledger.plans import PARTS
from infomanager_core.money import Money

#: The collector these counts describe: CPython's three generations, as in 3.11 to 3.13 (3.14's is incremental, with
#: a young and an old generation only, and the free-threaded build's is not generational).
GENERATIONAL = (
    sys.implementation.name == "cpython"
    and sys.version_info < (3, 14)
    and not sysconfig.get_config_var("Py_GIL_DISABLED")
)
pytestmark = [
    pytest.mark.skipif(not gc.isenabled(), reason="the garbage collector is disabled in this process"),
    pytest.mark.skipif(not GENERATIONAL, reason="counts of CPython's three-generation collector (3.11 to 3.13)"),
]

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")


def _requests(count: int) -> list[Operation]:
    """``count`` rounds of a top-up, a cashback, an order payment and a payout request with its completion."""
    requests: list[Operation] = []
    for number in range(count):
        organisation, sequence = f"org-{number % 50}", 5 * number + 4
        requests += [
            TopUp(organisation=organisation, amount=Money("100", "CHF"), effective=DAY, key=f"t-{number}"),
            CashbackCredit(partner=organisation, order_id=f"c-{number}", amount=Money("2", "CHF"), effective=DAY),
            OrderPayment(
                organisation=organisation, order_id=f"o-{number}", amount=Money("30", "CHF"), effective=DAY, key=f"p-{number}"
            ),
            PayoutRequest(organisation=organisation, amount=Money("10", "CHF"), destination=IBAN, effective=DAY, key=f"r-{number}"),
            PayoutCompletion(request=sequence, effective=DAY, key=f"r-{number}-done"),
        ]  # fmt: skip
    return requests


def _promoted_by_bulk_posting(requests: list[Operation]) -> Counter[str]:
    """The tuples (by length) and other objects (by type) that reach the oldest generation while ``post_many`` posts
    ``requests`` into a new memory ledger."""
    ledger = Ledger()
    gc.collect()
    held = gc.get_objects(2)  # held, so that no id of theirs is given to an object made meanwhile
    seen = set(map(id, held))
    found: Counter[str] = Counter()

    def look(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            for value in gc.get_objects(2):
                if id(value) not in seen:
                    seen.add(id(value))
                    found[f"tuple of {len(value)}" if type(value) is tuple else type(value).__name__] += 1

    gc.callbacks.append(look)
    try:
        ledger.post_many(requests)
    finally:
        gc.callbacks.remove(look)
    assert len(ledger.journal()) == len(requests)
    return found


def test_a_bulk_posting_promotes_none_of_its_plans_to_the_oldest_generation() -> None:
    promoted = _promoted_by_bulk_posting(_requests(800))
    assert promoted[f"tuple of {PARTS}"] <= 1, promoted  # at most the one tuple that reads the plans back


def test_a_bulk_posting_promotes_few_tuples_to_the_oldest_generation() -> None:
    requests = _requests(800)
    promoted = _promoted_by_bulk_posting(requests)
    tuples = sum(count for name, count in promoted.items() if name.startswith("tuple"))
    assert tuples < len(requests) / 10, promoted  # it was more than half: every plan, and some entries
