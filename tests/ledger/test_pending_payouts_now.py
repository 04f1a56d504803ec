"""pending_payouts asked for now: read back from the newest transaction, only as far as the oldest open request.

A payout job asks "what is pending now?" every few minutes. On a busy account it read the account's whole history each
time (2.8 s for 100,000 transactions on one account with one request open since January); it now reads back in windows
that double until the open requests found reserve the account's whole pending balance.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.ledger import (
    Ledger,
    MemoryLedgerStore,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    PaypalAddress,
    TopUp,
    Transaction,
    prepaid,
)
from infomanager_core.money import Money

from .support import STORES, new_ledger

DESTINATION = PaypalAddress("billing@acme.ch")
DAY = date(2026, 3, 2)
ACME = prepaid("acme", "CHF")
RESOLUTIONS = {"complete": PayoutCompletion, "fail": PayoutFailure, "cancel": PayoutCancellation}

# each step: ("request", cents), (resolution, which open request), or ("filler", how many top-ups of acme's)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("request"), st.integers(1, 5_000)),
        st.tuples(st.sampled_from(sorted(RESOLUTIONS)), st.integers(0, 9)),
        st.tuples(st.just("filler"), st.integers(0, 150)),
    ),
    max_size=20,
)


def _post(ledger: Ledger, drawn: list[tuple[str, int]]) -> list[int]:
    """Post ``drawn`` after a top-up, each step a day of its own; the requests left open, as the test counts them."""
    ledger.top_up(organisation="acme", amount=Money("1000000", "CHF"), effective=DAY, key="t-0")
    still_open: list[int] = []
    for number, (step, value) in enumerate(drawn, start=1):
        day = DAY + timedelta(days=number)
        if step == "request":
            amount = Money.from_minor_units(value, "CHF")
            request = PayoutRequest(
                organisation="acme", amount=amount, destination=DESTINATION, effective=day, key=f"r-{number}"
            )
            still_open.append(ledger.post_many([request])[0].sequence)
        elif step == "filler":
            top_ups = [
                TopUp(organisation="acme", amount=Money("1", "CHF"), effective=day, key=f"f-{number}-{n}")
                for n in range(value)
            ]
            if top_ups:
                ledger.post_many(top_ups)
        elif still_open:
            resolved = still_open.pop(value % len(still_open))
            ledger.post_many([RESOLUTIONS[step](request=resolved, effective=day, key=f"{step}-{number}")])
    return still_open


@pytest.mark.parametrize("kind", ["memory", "journal"])
@given(drawn=steps)
def test_the_requests_open_now_are_those_the_test_left_open_however_far_back(
    kind: str, drawn: list[tuple[str, int]]
) -> None:
    """Fillers of up to 150 transactions put the open requests several windows back, or in the first one."""
    ledger = new_ledger(kind, Path("unused"))
    still_open = _post(ledger, drawn)
    now = ledger.pending_payouts("acme", "CHF")
    assert [request.sequence for request in now] == sorted(still_open)
    assert now == ledger.pending_payouts("acme", "CHF", on=DAY + timedelta(days=len(drawn)))  # the history read whole
    reserved = sum(-request.units_for(ACME) for request in now)
    assert Money.from_minor_units(reserved, "CHF") == ledger.balances("acme", "CHF").pending


@pytest.mark.parametrize("kind", STORES)
def test_requests_open_far_back_and_near_are_found_in_order_on_every_store(kind: str) -> None:
    drawn = [("request", 100), ("filler", 300), ("request", 200), ("complete", 1), ("filler", 70), ("request", 300)]
    drawn += [("filler", 500), ("request", 400), ("cancel", 1), ("filler", 10)]
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            still_open = _post(ledger, drawn)
            now = ledger.pending_payouts("acme", "CHF")
            assert [request.key for request in now] == ["r-1", "r-8"]
            assert [request.sequence for request in now] == sorted(still_open)
        finally:
            ledger.store.close()


class Counting(MemoryLedgerStore):
    """A memory store that counts the transactions its readers hand out, and the calls that asked for them."""

    read = calls = 0

    def transactions(self, **bounds: object) -> Iterator[Transaction]:  # type: ignore[override]
        self.calls += 1
        for transaction in super().transactions(**bounds):  # type: ignore[arg-type]
            self.read += 1
            yield transaction


def test_a_payout_job_reads_the_history_since_the_oldest_open_request_not_the_whole_account() -> None:
    store = Counting()
    ledger = Ledger(store)
    _post(ledger, [("filler", 5_000), ("request", 100), ("filler", 40), ("request", 200), ("complete", 0)])
    store.read = 0
    assert [request.key for request in ledger.pending_payouts("acme", "CHF")] == ["r-4"]
    assert store.read <= 64  # one window: the request and the one transaction after it, of 5,044
    later = DAY + timedelta(days=9)
    ledger.post_many(
        TopUp(organisation="acme", amount=Money("1", "CHF"), effective=later, key=f"g-{n}") for n in range(1_000)
    )
    store.read = store.calls = 0
    assert [request.key for request in ledger.pending_payouts("acme", "CHF")] == ["r-4"]
    assert store.calls == 5  # 64 + 128 + 256 + 512 + 1,024 sequences: few queries of a file however far back
    assert 1_002 <= store.read <= 2 * 1_002  # windows doubling back to the request: at most twice what it must read
